"""The day a report came in, read from git: for a report written by hand (no `submitted:`, which `record` and
`import` stamp), the day of the commit in which its first figure appeared in the unit's progress file.

Only where the data folder is a git repository and git answers in time: per progress file one `git log` (its last
MAX_COMMITS commits) and one `git cat-file --batch` (those versions), each with a timeout, no shell. Anything else
(no git, not a repository, a file never committed, git too slow, a version that does not load) leaves the day
unknown, as it was. A sample file's reports (`sample: true`) take no day from git: invented figures were not sent
by anyone, and the day they were committed says nothing of a unit's reporting.

The day is the commit's committer date (the day it entered the history), in the committer's own time zone.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path

from gdtrack.models import ProgressFile
from gdtrack.repository.revisions import GitError, blobs, git, old_model, relative

MAX_COMMITS = 500  # per progress file: a unit's file gets a commit or two a month, so decades of them
TIMEOUT = 10.0  # seconds per git call
FAILED = (GitError, subprocess.SubprocessError, OSError, ValueError)  # git cannot answer: the day stays unknown


def _dated(pf: ProgressFile, unstamped: bool = False) -> set[dt.date]:
    """The dates of the reports with a figure (`unstamped`: and no `submitted` day, the ones git may date)."""
    return {r.as_of for r in pf.reports if any(e.value is not None for e in r.entries)
            and not (unstamped and r.submitted is not None)}


def committed_days(files: Iterable[tuple[Path, ProgressFile]]) -> dict[str, dict[dt.date, dt.date]]:
    """unit → as_of → the day of the commit that first had a figure in that report, for each (path, model) whose
    reports lack `submitted` (see the module's text); units with none known are left out."""
    out: dict[str, dict[dt.date, dt.date]] = {}
    roots: dict[Path, Path | None] = {}
    for path, pf in files:
        wanted = set() if pf.sample else _dated(pf, unstamped=True)
        if not wanted:
            continue
        folder = path.absolute().parent
        if folder not in roots:
            try:
                top = git(["rev-parse", "--show-toplevel"], folder, timeout=TIMEOUT)
                roots[folder] = Path(top.decode("utf-8", "surrogateescape").strip())
            except FAILED:
                roots[folder] = None
        root = roots[folder]
        if root is not None and (days := _file_days(path, root, wanted)):
            out[pf.unit] = days
    return out


def _file_days(path: Path, root: Path, wanted: set[dt.date]) -> dict[dt.date, dt.date]:
    """The first day each of `wanted` had a figure in the file's committed versions."""
    try:
        rel = relative(path, root)
        log = git(["log", "-z", f"--max-count={MAX_COMMITS}", "--format=%H%x1f%cI", "--", rel], root, timeout=TIMEOUT)
        commits = [c.split("\x1f") for c in log.decode("utf-8", "replace").split("\0") if c.strip()]
        commits = [(c[0].strip(), dt.datetime.fromisoformat(c[1].strip()).date()) for c in commits if len(c) == 2]
        versions = blobs(root, [f"{commit}:{rel}" for commit, _ in commits], TIMEOUT)
    except FAILED:
        return {}
    cut = len(commits) == MAX_COMMITS  # a longer history: what its oldest commit read has may be older still
    days: dict[dt.date, dt.date] = {}
    seen: set[dt.date] = set()
    for i, ((_, day), raw) in enumerate(reversed(list(zip(commits, versions, strict=True)))):
        model, _ = old_model(raw, str(path))
        for as_of in (_dated(model) & wanted) - seen if model is not None else ():
            seen.add(as_of)
            if not (cut and i == 0):
                days[as_of] = day
    return days
