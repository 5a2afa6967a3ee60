"""Evidence files (佐证材料) as `gdtrack check` sees them: every Attachment names a file that is there, of its size and
SHA-256 (`evidence-missing`, `evidence-changed`: errors at the entry that names it), and every file stored under
`data/evidence/` is named by something (`evidence-orphan`: a warning). Storing them is
gdtrack.repository.evidence.

The verifier takes any attachments with where they are named (`Named`: the YAML file and location), so a file
other than the progress files (the office's decisions, closures with evidence) is checked the same way: build its
`Named` list and pass it with the progress files' to `check_evidence`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from gdtrack.diagnostics import Diagnostic, Loc, said
from gdtrack.models import Attachment, ProgressFile
from gdtrack.values import Frozen, frozen

EVIDENCE_FOLDER = Path("data", "evidence")
"""Where evidence is stored, under the data repository's root."""


@frozen
class Named(Frozen):
    """An attachment as a file names it: `path` (the YAML file, as shown), `loc` (the entry, or the decision, that
    names it: its line is where a problem is said) and `label` (what names it, in messages: a goal's id)."""

    attachment: Attachment
    path: str
    loc: Loc
    label: str


def named_in(pf: ProgressFile, shown: str) -> list[Named]:
    """The attachments of a progress file (read whole, blank entries included), each at its entry."""
    return [Named(a, shown, ("reports", ri, "entries", ei), e.indicator)
            for ri, report in enumerate(pf.reports) for ei, e in enumerate(report.entries) for a in e.attachments]


def check_evidence(root: Path, named: Iterable[Named], *, orphans: bool = True,
                   period: tuple[dt.date, dt.date] | None = None) -> list[Diagnostic]:
    """Every attachment verified against its file under `root` (the data repository's root), then (with `orphans`)
    every stored file that no attachment names: within `period` (the plan's), when given, as the plans of one
    repository share data/evidence/ and a file dated in another plan's year is that plan's to name."""
    named = list(named)
    out = verify(root, named)
    if orphans:
        out += unnamed(root, {n.attachment.file for n in named}, period)
    return out


def verify(root: Path, named: Iterable[Named]) -> list[Diagnostic]:
    """`evidence-missing` / `evidence-changed` for each attachment whose file is not there as recorded."""
    out: list[Diagnostic] = []
    seen: dict[str, tuple[str, str, dict[str, str]] | None] = {}  # a file named twice is looked at once
    for n in named:
        a = n.attachment
        if a.file not in seen:
            seen[a.file] = _problem(root / a.file, a)
        if (problem := seen[a.file]) is not None:
            code, key, values = problem
            out.append(said(n.path, code, key, n.loc, id=n.label, file=a.file, **values))
    return out


def _problem(path: Path, a: Attachment) -> tuple[str, str, dict[str, str]] | None:
    """What is wrong with the file of `a` at `path`: (code, words key, values), or None."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):  # a link or a folder put in its place
            return "evidence-changed", "kind", {}
        if st.st_size != a.bytes:
            return "evidence-changed", "size", {"size": f"{st.st_size:,}", "bytes": f"{a.bytes:,}"}
        if sha256_of(path) != a.sha256:
            return "evidence-changed", "content", {}
    except OSError:  # not there, or no longer readable
        return "evidence-missing", "entry", {}
    return None


def unnamed(root: Path, names: set[str], period: tuple[dt.date, dt.date] | None = None) -> list[Diagnostic]:
    """`evidence-orphan` for each file under data/evidence/ that no attachment names (with `period`: each in a
    date folder within it, or in none)."""
    out = []
    for path in files_under(root / EVIDENCE_FOLDER):
        rel = path.relative_to(root).as_posix()
        if rel not in names and (period is None or _within(path, period)):
            out.append(said(_shown(path), "evidence-orphan", "file", file=rel))
    return out


def _within(path: Path, period: tuple[dt.date, dt.date]) -> bool:
    """The file's date folder (data/evidence/UNIT/YYYY-MM-DD/…) falls in `period`; a file without one counts in."""
    for part in path.parts:
        try:
            day = dt.date.fromisoformat(part)
        except ValueError:
            continue
        return period[0] <= day <= period[1]
    return True


def files_under(folder: Path) -> list[Path]:
    """The files under `folder`, in name order; hidden ones (lock and temporary files) left out."""
    if not folder.is_dir():
        return []
    out = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [Path(here, f) for f in sorted(files) if not f.startswith(".")]
    return out


def sha256_of(path: Path) -> str:
    """The SHA-256 of the file at `path`, read a MiB at a time, 64 lowercase hex digits."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
