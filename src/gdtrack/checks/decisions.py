"""The office's decisions file (decisions_2023.yaml: reviews, extension decisions, closures) and the units' extension
requests, checked against the catalogue and the progress files. Pure.

- The file is this plan's; every unit and goal it names exists; a decision on an extension answers a request the
  unit made (same goal, same new date); a review is of a report the unit's file has; a goal is closed once.
- The file is a log: within each list, entries are in the order they were decided (`decided` never goes back),
  and none is dated after today. `check --against` holds merged entries unchanged (repository/against.py).
- A report changed after the office accepted it is not what was accepted (`accepted-changed`, a warning: it waits
  for a review again).
- In a progress file, a request for more time comes before the goal's due date and asks for a later one
  (`extension-dates`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gdtrack.diagnostics import Diagnostic, did_you_mean, said
from gdtrack.engine.decisions import digest
from gdtrack.models import Catalogue, DecisionsFile, ProgressFile


def check_decisions(cat: Catalogue, decisions: DecisionsFile, path: str, files: Iterable[ProgressFile],
                    today: dt.date) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if decisions.plan != cat.plan.document_number:
        out.append(said(path, "decisions-plan", "plan", ("plan",), got=decisions.plan,
                        want=cat.plan.document_number))
    files = list(files)
    reports = {(pf.unit, r.as_of): r for pf in files for r in pf.reports}
    requests = {(pf.unit, q.indicator, q.to) for pf in files for q in pf.extensions}
    read = {pf.unit for pf in files}  # a unit whose file was left out: its reports and requests are unknown here
    ids, units = sorted(cat.by_id), sorted(cat.unit_names)
    for kind, entries in (("reviews", decisions.reviews), ("extensions", decisions.extensions),
                          ("closures", decisions.closures)):
        last: dt.date | None = None
        for i, d in enumerate(entries):
            loc = (kind, i)
            if last is not None and d.decided < last:
                out.append(said(path, "decisions-order", "entry", (*loc, "decided"), day=d.decided, last=last))
            last = max(last or d.decided, d.decided)
            if d.decided > today:
                out.append(said(path, "decisions-future", "entry", (*loc, "decided"), day=d.decided))
            unit = getattr(d, "unit", None)
            if unit is not None and unit not in cat.unit_names:
                close = did_you_mean(unit, units)
                out.append(said(path, "decisions-unit", "unit", (*loc, "unit"), hint="close" if close else "unit",
                                unit=unit, close=close))
                continue
            goal = getattr(d, "goal", None)
            if goal is not None and goal not in cat.by_id:
                close = did_you_mean(goal, ids)
                out.append(said(path, "decisions-goal", "goal", (*loc, "goal"), hint="close" if close else "goal",
                                id=goal, close=close))
    for i, d in enumerate(decisions.reviews):
        report = reports.get((d.unit, d.as_of))
        if d.unit in read and report is None:
            out.append(said(path, "decisions-report", "report", ("reviews", i, "as_of"), unit=d.unit, date=d.as_of))
    latest = {(d.unit, d.as_of): (i, d) for i, d in enumerate(decisions.reviews)}
    for (unit, as_of), (i, d) in latest.items():
        report = reports.get((unit, as_of))
        if d.decision == "accept" and d.digest and report is not None and digest(report) != d.digest:
            out.append(said(path, "accepted-changed", "report", ("reviews", i, "as_of"), unit=unit, date=as_of,
                            by=d.by, day=d.decided))
    for i, d in enumerate(decisions.extensions):
        if d.unit in read and d.goal in cat.by_id and (d.unit, d.goal, d.to) not in requests:
            out.append(said(path, "decisions-request", "entry", ("extensions", i, "to"), unit=d.unit, id=d.goal,
                            to=d.to))
    seen: dict[str, int] = {}
    for i, c in enumerate(decisions.closures):
        if c.goal in seen:
            out.append(said(path, "decisions-closed-twice", "goal", ("closures", i, "goal"), id=c.goal,
                            first=seen[c.goal] + 1))
        seen.setdefault(c.goal, i)
    return out


def check_requests(cat: Catalogue, pf: ProgressFile, path: str) -> list[Diagnostic]:
    """A unit's requests for more time: on goals it reports, before their due date, for a later date."""
    out: list[Diagnostic] = []
    for i, q in enumerate(pf.extensions):
        loc = ("extensions", i)
        found = cat.by_id.get(q.indicator)
        if found is None:
            out.append(said(path, "unknown-indicator", "extension", (*loc, "indicator"), id=q.indicator))
            continue
        if cat.owner(*found) != pf.unit:
            out.append(said(path, "extension-dates", "owner", (*loc, "indicator"), id=q.indicator,
                            owner=cat.owner(*found)))
            continue
        due = cat.due(found[1])
        if q.requested > due:
            out.append(said(path, "extension-dates", "late", (*loc, "requested"), id=q.indicator, day=q.requested,
                            due=due))
        elif q.to <= due:
            out.append(said(path, "extension-dates", "earlier", (*loc, "to"), id=q.indicator, to=q.to, due=due))
    return out
