"""The past in git: what a progress file said at another commit, and how each figure changed over the commits.

A department appends a report each month; a figure once merged is history. `gdtrack check --against REF` compares
every progress file with its version where the branch left REF (their merge base: REF itself in a pull request's
merge commit) and reports each figure of those reports that was changed or removed, and each report removed.
A changed figure whose entry now carries `revised: {reason: …}` is a warning the office sees, not an error. A
removed report or a removed figure stays an error: nothing in the file could carry the reason, and a report sent
under a wrong date is corrected by revising its figures, not by deleting it (the office can still merge over a
red check when it decides to). New reports, and new entries in old reports, are always fine.

Git is read with the `git` command (`git ls-tree`, `git cat-file --batch`, `git log`), no library.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdtrack.diagnostics import Diagnostic, LoadError, Loc, error, warning
from gdtrack.models import ProgressFile
from gdtrack.words import Message, Said, text

if TYPE_CHECKING:
    from gdtrack.checks.workspace import Workspace

def _say(key: str, **fields: Any) -> Message:
    """The message `revisions.<key>` of gdtrack/words."""
    return Message(f"revisions.{key}", fields)


class GitError(Said, Exception):
    """git cannot answer: not installed, not a repository, an unknown ref. A usage error (exit 2). `said` and
    `advice` are Messages (`str()` and `hint` their English)."""

    def __init__(self, said: Message, advice: Message):
        super().__init__(text(said, "en"))
        self.said, self.advice = said, advice


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError(_say("no_git"), _say("no_git_hint")) from None
    if done.returncode != 0:
        raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr)
    return done.stdout


def repo_root(folder: Path) -> Path:
    """The top of the git work tree that holds `folder` (or, if it does not exist, its nearest existing parent)."""
    folder = folder.absolute()
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    except (subprocess.CalledProcessError, NotADirectoryError, FileNotFoundError):
        raise GitError(_say("not_repo", folder=folder), _say("not_repo_hint")) from None


def base_commit(root: Path, ref: str) -> str:
    """The commit to compare with: the merge base of REF and HEAD, or REF itself when there is no HEAD yet."""
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], root)
    except subprocess.CalledProcessError:
        raise GitError(_say("bad_ref", ref=ref), _say("bad_ref_hint")) from None
    commit_id = commit.decode().strip()
    try:
        return _git(["merge-base", commit_id, "HEAD"], root).decode().strip()
    except subprocess.CalledProcessError:
        return commit_id


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise GitError(_say("outside", folder=path, root=root), _say("not_repo_hint")) from None


def _blobs(root: Path, specs: list[str]) -> list[bytes | None]:
    """The contents of `commit:path` for each spec, in one `git cat-file --batch`; None where there is none."""
    if not specs:
        return []
    out = _git(["cat-file", "--batch"], root, "".join(f"{s}\n" for s in specs).encode("utf-8", "surrogateescape"))
    blobs: list[bytes | None] = []
    pos = 0
    for _ in specs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs.append(out[pos:pos + size])
            pos += size + 1
        else:  # "<spec> missing", or not a file
            blobs.append(None)
    return blobs


def _model(raw: bytes | None, shown: str) -> tuple[ProgressFile | None, str]:
    """A progress file's model and text from its bytes, or None when it does not load (then it is not compared)."""
    from gdtrack.files.loading import decode, validate
    from gdtrack.files.parsing import parse_yaml

    if raw is None:
        return None, ""
    try:
        text = decode(raw, shown)
        model, _ = validate(parse_yaml(text, shown), ProgressFile, shown)
    except LoadError:
        return None, ""
    return model, text


def _line(text: str, loc: Loc) -> int | str:
    from gdtrack.files.parsing import locate

    (d,) = locate([error("old", "revised-figure", _say("gone_hint"), loc=loc)], {"old": text})
    return d.line or "?"


def _shown(value: float | str) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


# ── check --against ────────────────────────────────────────────────────────────────────────────


def against(ws: Workspace, progress: Path, ref: str) -> list[Diagnostic]:
    """Every figure of the progress files at (the merge base with) REF that was changed or removed since."""
    root = repo_root(progress)
    base = base_commit(root, ref)
    rel = _relative(progress, root)
    listing = _git(["ls-tree", "-z", "--name-only", base, "--", f"{rel}/" if rel != "." else "."], root)
    names = [n for n in listing.decode("utf-8", "surrogateescape").split("\0")
             if n.endswith((".yaml", ".yml")) and not Path(n).name.startswith(".")]
    now = {pf.unit: pf for pf in ws.progress}
    out: list[Diagnostic] = []
    for name, raw in zip(names, _blobs(root, [f"{base}:{n}" for n in names]), strict=True):
        shown_old = str(progress / Path(name).name)
        old, old_text = _model(raw, shown_old)
        if old is None:
            continue
        new = now.get(old.unit)
        shown = ws.unit_files.get(old.unit)
        if new is None and shown is not None:
            continue  # the unit's file has errors now: `check` reports them already
        out += compare(old, old_text, new, shown or shown_old, ref)
    return out


def compare(old: ProgressFile, old_text: str, new: ProgressFile | None, shown: str, ref: str) -> list[Diagnostic]:
    """What `new` (None: the file is gone) changed or removed of `old`'s reports."""
    out: list[Diagnostic] = []
    reports = {r.as_of: (ri, r) for ri, r in reversed(list(enumerate(new.reports if new else [])))}
    for ori, was in enumerate(old.reports):
        if was.as_of not in reports:
            line = _line(old_text, ("reports", ori, "as_of"))
            out.append(error(shown, "removed-report", _say("gone_report", day=was.as_of, line=line, ref=ref,
                                                           n=len(was.entries)), _say("gone_hint"),
                             ("reports",) if new else ()))
            continue
        ri, report = reports[was.as_of]
        entries = {e.indicator: (ei, e) for ei, e in reversed(list(enumerate(report.entries)))}
        for oei, old_entry in enumerate(was.entries):
            ei, entry = entries.get(old_entry.indicator, (None, None))
            if entry is not None and entry.value == old_entry.value:
                continue
            fields = {"ind": old_entry.indicator, "day": was.as_of, "old": _shown(old_entry.value), "ref": ref,
                      "line": _line(old_text, ("reports", ori, "entries", oei, "value"))}
            if entry is None:
                out.append(error(shown, "revised-figure", _say("gone_figure", **fields), _say("gone_hint"),
                                 ("reports", ri, "as_of")))
                continue
            loc = ("reports", ri, "entries", ei, "value")
            fields["new"] = _shown(entry.value)
            if entry.revised is not None:
                out.append(warning(shown, "revised-figure", _say("revised", reason=entry.revised.reason, **fields),
                                   None, loc))
            else:
                out.append(error(shown, "revised-figure", _say("changed", **fields), _say("changed_hint"), loc))
    return out


# ── history --revisions ────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Revision:
    """One change of one figure: recorded (old is None), changed, or removed (new is None)."""

    as_of: dt.date
    old: float | str | None
    new: float | str | None
    commit: str  # "" for the working tree's uncommitted change
    author: str
    date: str  # the commit's author date, ISO 8601
    reason: str | None = None


def figure_revisions(path: Path, indicator: str) -> list[Revision]:
    """Each commit that recorded, changed or removed a figure of `indicator` in the progress file `path`, oldest
    first, then an uncommitted change in the working tree if there is one."""
    root = repo_root(path.parent)
    rel = _relative(path, root)
    try:
        log = _git(["log", "--reverse", "-z", "--format=%H%x1f%an%x1f%aI", "--", rel], root)
    except subprocess.CalledProcessError:  # no commit yet
        log = b""
    commits = [c.split("\x1f") for c in log.decode("utf-8", "replace").split("\0") if c.strip()]
    versions = [(c[0].strip(), c[1], c[2], raw)
                for c, raw in zip(commits, _blobs(root, [f"{c[0].strip()}:{rel}" for c in commits]), strict=True)]
    try:
        current = path.read_bytes()
    except OSError:
        current = None
    if not versions or current != versions[-1][3]:
        versions.append(("", "", "", current))
    out: list[Revision] = []
    before: dict[dt.date, float | str] = {}
    for commit, author, date, raw in versions:
        model, _ = _model(raw, str(path))
        if model is None and raw is not None:
            continue  # a version that did not load: its figures are unknown, not removed
        now, reasons = _figures(model, indicator)
        for day in sorted(set(before) | set(now)):
            if before.get(day) != now.get(day):
                out.append(Revision(day, before.get(day), now.get(day), commit, author, date, reasons.get(day)))
        before = now
    return out


def _figures(model: ProgressFile | None, indicator: str) -> tuple[dict[dt.date, float | str], dict[dt.date, str]]:
    values: dict[dt.date, float | str] = {}
    reasons: dict[dt.date, str] = {}
    for report in model.reports if model else []:
        for entry in report.entries:
            if entry.indicator == indicator and report.as_of not in values:
                values[report.as_of] = entry.value
                if entry.revised is not None:
                    reasons[report.as_of] = entry.revised.reason
    return values, reasons
