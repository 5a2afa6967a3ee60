"""Evidence files (佐证材料) as the views count and list them: pure, from the progress files' attachments. Whether
the files are there as recorded is `gdtrack check`'s (gdtrack.checks.evidence)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gdtrack.models import Attachment, ProgressFile
from gdtrack.values import Frozen, frozen


@frozen
class Filed(Frozen):
    """An evidence file as an entry names it: the report's date, the unit that reported, the goal, the file."""

    as_of: dt.date
    unit: str
    goal: str
    attachment: Attachment

    @property
    def name(self) -> str:
        """The file's own name (the last part of its stored path)."""
        return self.attachment.file.rsplit("/", 1)[-1]


def filed(files: Iterable[ProgressFile], query: dt.date) -> list[Filed]:
    """Every evidence file named by an entry dated on or before `query`, by date then unit; a file named again
    (the same goal's next report keeping it) is listed once, at its first report."""
    seen: set[tuple[str, str]] = set()
    out = []
    for pf in files:
        for report in sorted(pf.reports, key=lambda r: r.as_of):
            if report.as_of > query:
                continue
            for e in report.entries:
                for a in e.attachments:
                    if (e.indicator, a.file) not in seen:
                        seen.add((e.indicator, a.file))
                        out.append(Filed(report.as_of, pf.unit, e.indicator, a))
    return sorted(out, key=lambda f: (f.as_of, f.unit, f.goal))


def by_goal(found: Iterable[Filed]) -> dict[str, list[Filed]]:
    """The files of each goal, in date order."""
    out: dict[str, list[Filed]] = {}
    for f in found:
        out.setdefault(f.goal, []).append(f)
    return out


def counts(found: Iterable[Filed]) -> dict[str, int]:
    """How many evidence files each unit has filed (佐证材料 N 份): distinct stored files, one named by two of its
    goals counted once."""
    per: dict[str, set[str]] = {}
    for f in found:
        per.setdefault(f.unit, set()).add(f.attachment.file)
    return {unit: len(names) for unit, names in per.items()}
