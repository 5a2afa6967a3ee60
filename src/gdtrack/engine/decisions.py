"""The office's decisions at a query date, pure: each report's review (审核), each goal's extension (延期) and
closure (销号), as the decisions file (decisions_2023.yaml) and the units' progress files have them.

Only what was decided (or asked for) on or before the query date counts, so a bulletin of September shows the plan
as the office saw it then.

- **Reviews.** A report's state is its latest review's: `accepted`, or `returned` with a reason. A report changed
  after its review (its figures' `digest` differs from the one reviewed) is `resubmitted` after a return, and
  `changed` after an acceptance (no longer what was accepted: it waits for a review again). A report never reviewed
  is `unreviewed`. Which reports the engine counts is the plan's `policy.review`: by default every report but a
  returned one that was not resubmitted (`count_returned: false`), unreviewed ones included
  (`count_unreviewed: true`).
- **Extensions.** A unit asks for more time on a goal in its progress file (`extensions:`), before the goal's due
  date; the office approves or refuses it. An approved request moves the goal's due date to the date asked for from
  the day it was approved; the plan's own date is kept beside it (`Extension.plan_due`).
- **Closures.** A closed goal keeps the status it had on the day it was closed and leaves the lagging, 督办 and 催报
  lists; it shows as 已销号.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import field, replace
from typing import Literal

from gdtrack.models import (
    Closure,
    DecisionsFile,
    ExtensionDecision,
    ExtensionRequest,
    ProgressFile,
    Report,
    ReviewDecision,
)
from gdtrack.values import Frozen, Value, frozen, record

ReviewState = Literal["accepted", "returned", "resubmitted", "changed", "unreviewed"]
ExtensionState = Literal["requested", "approved", "refused"]


def digest(report: Report) -> str:
    """The report's figures as a short fingerprint (16 hex digits of SHA-256): its entries' ids, values, notes and
    evidence, in file order. The days it was sent (`submitted`, `resubmitted`) and revision reasons are not part of
    it."""
    import json  # here: a plan without reviews needs none

    rows = [[e.indicator, e.value, e.note, e.evidence] for e in report.entries]
    text = json.dumps([report.as_of.isoformat(), rows], ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@frozen(slots=True)
class ReportReview(Frozen):
    """One report's review: its state at the query date and every decision on it, oldest first."""

    unit: str
    as_of: dt.date
    state: ReviewState
    decisions: tuple[ReviewDecision, ...] = ()

    @property
    def latest(self) -> ReviewDecision | None:
        return self.decisions[-1] if self.decisions else None

    @property
    def returned(self) -> ReviewDecision | None:
        """The latest return, if the report was ever sent back."""
        return next((d for d in reversed(self.decisions) if d.decision == "return"), None)


@frozen(slots=True)
class Extension(Frozen):
    """A unit's latest request for more time on a goal, and the office's decision on it (None: not yet)."""

    unit: str
    goal: str
    request: ExtensionRequest
    decision: ExtensionDecision | None
    plan_due: dt.date  # the goal's own due date, as the plan (or the catalogue) sets it

    @property
    def state(self) -> ExtensionState:
        if self.decision is None:
            return "requested"
        return "approved" if self.decision.decision == "approve" else "refused"

    @property
    def approved(self) -> dt.date | None:
        """The day it was approved (None: not approved)."""
        return self.decision.decided if self.state == "approved" and self.decision else None

    def due_on(self, day: dt.date) -> dt.date:
        """The goal's due date as seen on `day`: the new date once approved, the plan's before."""
        return self.request.to if self.approved is not None and self.approved <= day else self.plan_due


@record
class Office(Value):
    """The decisions in force at `query`."""

    query: dt.date
    reviews: dict[tuple[str, dt.date], ReportReview] = field(default_factory=dict)
    extensions: dict[str, Extension] = field(default_factory=dict)  # goal → its latest request
    closures: dict[str, Closure] = field(default_factory=dict)  # goal → its closure
    count_unreviewed: bool = True
    count_returned: bool = False
    sample: bool = False

    def review(self, unit: str, as_of: dt.date) -> ReportReview:
        return self.reviews.get((unit, as_of)) or ReportReview(unit, as_of, "unreviewed")

    def counts(self, unit: str, as_of: dt.date) -> bool:
        """Whether the engine counts the unit's report of that day (policy.review)."""
        state = self.review(unit, as_of).state
        if state == "returned":
            return self.count_returned
        if state in ("unreviewed", "resubmitted", "changed"):
            return self.count_unreviewed
        return True

    def counted(self, files: Iterable[ProgressFile]) -> list[ProgressFile]:
        """The files with only the reports the engine counts."""
        out = []
        for pf in files:
            kept = [r for r in pf.reports if self.counts(pf.unit, r.as_of)]
            out.append(pf if len(kept) == len(pf.reports) else replace(pf, reports=kept))
        return out

    def not_counted(self, files: Iterable[ProgressFile]) -> list[ReportReview]:
        """The reports left out, with their review, in file order."""
        return [self.review(pf.unit, r.as_of) for pf in files for r in pf.reports if r.entries
                and not self.counts(pf.unit, r.as_of)]

    def returned(self, unit: str) -> list[ReportReview]:
        """The unit's reports sent back and not corrected yet, oldest first (what its next form and 催报 say)."""
        return sorted((rv for (u, _), rv in self.reviews.items() if u == unit and rv.state == "returned"),
                      key=lambda rv: rv.as_of)

    def awaiting(self, files: Iterable[ProgressFile], unit: str | None = None) -> tuple[list[tuple[Report,
                                                                                                   ReportReview]],
                                                                                       list[Extension]]:
        """What waits for the office, oldest first: reports with figures not reviewed yet, corrected after a
        return, or changed after their acceptance; and requests for more time not decided yet."""
        reports = [(r, rv) for pf in files if unit is None or pf.unit == unit for r in pf.reports
                   if r.entries and r.as_of <= self.query
                   and (rv := self.review(pf.unit, r.as_of)).state in ("unreviewed", "resubmitted", "changed")]
        reports.sort(key=lambda p: (p[0].as_of, p[1].unit))
        asks = [e for e in self.extensions.values() if e.decision is None and (unit is None or e.unit == unit)]
        asks.sort(key=lambda e: (e.request.requested, e.goal))
        return reports, asks

    def due(self, goal: str, plan_due: dt.date, day: dt.date | None = None) -> dt.date:
        """A goal's due date on `day` (default: the query date)."""
        ext = self.extensions.get(goal)
        return plan_due if ext is None else ext.due_on(day or self.query)

    def closed(self, goal: str) -> Closure | None:
        return self.closures.get(goal)


def office_at(decisions: DecisionsFile | None, files: Sequence[ProgressFile], query: dt.date,
              plan_due: dict[str, dt.date], count_unreviewed: bool = True, count_returned: bool = False) -> Office:
    """The office's decisions in force at `query` (see the module's text). `plan_due`: each goal's own due date."""
    office = Office(query, count_unreviewed=count_unreviewed, count_returned=count_returned,
                    sample=bool(decisions and decisions.sample))
    made = [] if decisions is None else [d for d in decisions.reviews if d.decided <= query]
    by_report: dict[tuple[str, dt.date], list[ReviewDecision]] = {}
    for d in made:
        by_report.setdefault((d.unit, d.as_of), []).append(d)
    reports = {(pf.unit, r.as_of): r for pf in files for r in pf.reports}
    for key, decided in by_report.items():
        latest, report = decided[-1], reports.get(key)
        now = None if report is None else digest(report)
        state: ReviewState = "accepted" if latest.decision == "accept" else "returned"
        if latest.digest is not None and now is not None and now != latest.digest:
            state = "resubmitted" if state == "returned" else "changed"
        office.reviews[key] = ReportReview(key[0], key[1], state, tuple(decided))
    answers = [] if decisions is None else [d for d in decisions.extensions if d.decided <= query]
    for pf in files:
        for req in pf.extensions:
            if req.requested > query or req.indicator not in plan_due:
                continue
            answer = next((d for d in reversed(answers) if d.unit == pf.unit and d.goal == req.indicator
                           and d.to == req.to), None)
            office.extensions[req.indicator] = Extension(pf.unit, req.indicator, req, answer, plan_due[req.indicator])
    for c in [] if decisions is None else decisions.closures:
        if c.decided <= query and c.goal not in office.closures:
            office.closures[c.goal] = c
    return office
