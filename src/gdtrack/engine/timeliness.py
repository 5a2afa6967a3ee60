"""报送率 and 及时率 per unit and period, pure: whether each unit sent each period's report, and whether it came in by
the period's deadline (DHIS2's completeness and timeliness).

For each period end from the start of 督办 (`engine.periods.period_ends`) whose deadline (`plan.policy.report_by_day`
of the next month, else its last day) has passed by the query date, and for each unit that owns goals:

- the report is **received** when the unit's own file has a report dated within the period with a figure;
- it is **on time** when that report's `submitted` day (stamped by `record` and `import` when its first figure came
  in) is no later than the deadline, **late** when later, and **unknown** when the report carries no `submitted`
  (written by hand, or before gdtrack kept the day) and no other day is known for it.

A report without `submitted` may take the day of the commit that added its first figure, when the data folder is a
git repository: the repository layer reads it (gdtrack.repository.committed) and passes it in as `committed` (unit →
as_of → day); the period then says its day came from git (`source` "git", else "stamp").

A report the office sent back (审核, engine.decisions) and not corrected is **returned**: not received. Corrected,
it counts from the day it came back (`resubmitted`), on time when that is within `policy.review.resubmit_days` of
the return (or by the period's own deadline, whichever is later).

报送率 = received ÷ due periods; 及时率 = on time ÷ due periods, the unknown ones said beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal

from gdtrack.engine.periods import period_deadline, period_ends, period_start
from gdtrack.models import Catalogue, ProgressFile
from gdtrack.values import Frozen, Value, frozen, record

if TYPE_CHECKING:
    from gdtrack.engine.decisions import Office

Arrival = Literal["on_time", "late", "unknown", "missing", "returned"]
Source = Literal["stamp", "git"]


@frozen(slots=True)
class PeriodReport(Frozen):
    unit: str
    period_end: dt.date
    deadline: dt.date
    arrival: Arrival
    submitted: dt.date | None = None
    source: Source | None = None  # where `submitted` came from: the report's own `submitted`, or its commit (git)


@record
class UnitTimeliness(Value):
    unit: str
    periods: list[PeriodReport]

    def count(self, *arrivals: Arrival) -> int:
        return sum(p.arrival in arrivals for p in self.periods)

    @property
    def due(self) -> int:
        return len(self.periods)

    @property
    def received(self) -> int:
        return self.count("on_time", "late", "unknown")

    @property
    def completeness(self) -> float | None:
        """报送率: the share of due periods whose report came in."""
        return self.received / self.due if self.due else None

    @property
    def timeliness(self) -> float | None:
        """及时率: the share of due periods whose report came in by the deadline."""
        return self.count("on_time") / self.due if self.due else None


def timeliness(cat: Catalogue, files: Iterable[ProgressFile], query: dt.date, unread: Iterable[str] = (),
               committed: Mapping[str, Mapping[dt.date, dt.date]] | None = None,
               office: Office | None = None) -> dict[str, UnitTimeliness]:
    """Each unit's reports of each due period (see the module's text), in catalogue order; units whose data could not
    be read are left out. `committed`: the day of the commit that added each report without `submitted`;
    `office`: the office's reviews in force (None: no report was ever reviewed)."""
    policy = cat.plan.policy
    ends = [e for e in period_ends(cat, query) if period_deadline(e, policy.report_by_day) < query]
    own = {pf.unit: pf for pf in files}
    skip = set(unread)
    out: dict[str, UnitTimeliness] = {}
    for unit in (u.name for u in cat.units if cat.owned.get(u.name) and u.name not in skip):
        pf = own.get(unit)
        periods = []
        for end in ends:
            due = period_deadline(end, policy.report_by_day)
            first = period_start(end, policy.reporting)
            sent = [r for r in (pf.reports if pf else []) if first <= r.as_of <= end and r.entries]
            back = {} if office is None else {r.as_of: rv for r in sent
                                              if (rv := office.review(unit, r.as_of)).returned is not None
                                              and rv.state in ("returned", "resubmitted")}
            if back and len(back) == len(sent):  # every report of the period was sent back
                periods.append(_returned(unit, end, due, sent, back, policy.review.resubmit_days))
                continue
            sent = [r for r in sent if r.as_of not in back]
            stamps = [r.submitted for r in sent if r.submitted is not None]
            source: Source = "stamp"
            if sent and not stamps and committed:
                days = committed.get(unit, {})
                stamps, source = [days[r.as_of] for r in sent if r.as_of in days], "git"
            if not sent:
                periods.append(PeriodReport(unit, end, due, "missing"))
            elif not stamps:
                periods.append(PeriodReport(unit, end, due, "unknown"))
            else:
                day = min(stamps)
                periods.append(PeriodReport(unit, end, due, "on_time" if day <= due else "late", day, source))
        out[unit] = UnitTimeliness(unit, periods)
    return out


def _returned(unit: str, end: dt.date, due: dt.date, sent: list, back: dict, days: int) -> PeriodReport:
    """A period whose reports were all sent back: returned while none is corrected; else as the first corrected
    one came back, against the later of the period's deadline and the return's window."""
    fixed = [(r.resubmitted, back[r.as_of]) for r in sent if back[r.as_of].state == "resubmitted"]
    if not fixed:  # due again by the end of the return's window
        last = max(rv.returned.decided for rv in back.values())
        return PeriodReport(unit, end, max(due, last + dt.timedelta(days=days)), "returned")
    stamps = [(day, rv) for day, rv in fixed if day is not None]
    if not stamps:
        return PeriodReport(unit, end, due, "unknown")
    day, rv = min(stamps, key=lambda p: p[0])
    window = max(due, rv.returned.decided + dt.timedelta(days=days))
    return PeriodReport(unit, end, window, "on_time" if day <= window else "late", day)
