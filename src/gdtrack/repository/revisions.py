"""The past in git: reading a file as it was at another commit, and how each figure changed over the commits
(`history --revisions`). `check --against REF` is gdtrack.repository.against, on these helpers.

Git is read with the `git` command (`git ls-tree`, `git cat-file --batch`, `git log`), no library.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

from gdtrack.diagnostics import LoadError, Loc, error
from gdtrack.models import ProgressFile
from gdtrack.values import Frozen, frozen
from gdtrack.words import Message, Said, text


def _say(key: str, **fields: Any) -> Message:
    """The message `revisions.<key>` of gdtrack/words."""
    return Message(f"revisions.{key}", fields)


class GitError(Said, Exception):
    """git cannot answer: not installed, not a repository, an unknown ref. A usage error (exit 2). `said` and
    `advice` are Messages (`str()` and `hint` their English)."""

    def __init__(self, said: Message, advice: Message):
        super().__init__(text(said, "en"))
        self.said, self.advice = said, advice


def git(args: list[str], cwd: Path, stdin: bytes | None = None, timeout: float | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False,
                              timeout=timeout)
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
        return Path(git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    except (subprocess.CalledProcessError, NotADirectoryError, FileNotFoundError):
        raise GitError(_say("not_repo", folder=folder), _say("not_repo_hint")) from None


def base_commit(root: Path, ref: str) -> str:
    """The commit to compare with: the merge base of REF and HEAD, or REF itself when there is no HEAD yet."""
    try:
        commit = git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], root)
    except subprocess.CalledProcessError:
        raise GitError(_say("bad_ref", ref=ref), _say("bad_ref_hint")) from None
    commit_id = commit.decode().strip()
    try:
        return git(["merge-base", commit_id, "HEAD"], root).decode().strip()
    except subprocess.CalledProcessError:
        return commit_id


def relative(path: Path, root: Path) -> str:
    """`path` from the repository's root, its last part as it is (a link is named, not followed)."""
    path = path.absolute()
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        raise GitError(_say("outside", folder=path, root=root), _say("not_repo_hint")) from None


def blobs(root: Path, specs: list[str], timeout: float | None = None) -> list[bytes | None]:
    """The contents of `commit:path` for each spec, in one `git cat-file --batch`; None where there is none."""
    if not specs:
        return []
    out = git(["cat-file", "--batch"], root, "".join(f"{s}\n" for s in specs).encode("utf-8", "surrogateescape"),
              timeout)
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


def old_model(raw: bytes | None, shown: str) -> tuple[ProgressFile | None, str]:
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


def line_in(text: str, loc: Loc) -> int | str:
    from gdtrack.files.parsing import locate

    (d,) = locate([error("old", "revised-figure", _say("gone_hint"), loc=loc)], {"old": text})
    return d.line or "?"


def shown_value(value: float | str) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


# ── history --revisions ────────────────────────────────────────────────────────────────────────


@frozen
class Revision(Frozen):
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
    rel = relative(path, root)
    try:
        log = git(["log", "--reverse", "-z", "--format=%H%x1f%an%x1f%aI", "--", rel], root)
    except subprocess.CalledProcessError:  # no commit yet
        log = b""
    commits = [c.split("\x1f") for c in log.decode("utf-8", "replace").split("\0") if c.strip()]
    versions = [(c[0].strip(), c[1], c[2], raw)
                for c, raw in zip(commits, blobs(root, [f"{c[0].strip()}:{rel}" for c in commits]), strict=True)]
    try:
        current = path.read_bytes()
    except OSError:
        current = None
    if not versions or current != versions[-1][3]:
        versions.append(("", "", "", current))
    out: list[Revision] = []
    before: dict[dt.date, float | str] = {}
    for commit, author, date, raw in versions:
        model, _ = old_model(raw, str(path))
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
