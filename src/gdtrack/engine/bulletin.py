"""The monthly bulletin (月度通报) as data: two evaluations, what changed between them, league tables,
the lagging list, silent departments and each goal's trajectory. Pure; renderers turn it into pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from typing import TYPE_CHECKING

from gdtrack.engine.evaluation import Evaluation, Result, Rollup, Start, evaluate, judge, lagging
from gdtrack.engine.evidence import Filed, filed
from gdtrack.engine.forecast import Forecast, forecast
from gdtrack.engine.scoring import Scores
from gdtrack.engine.supervision import Escalation, escalations
from gdtrack.engine.timeliness import UnitTimeliness
from gdtrack.models import Catalogue, ProgressFile
from gdtrack.values import Frozen, Value, frozen, record

if TYPE_CHECKING:
    from gdtrack.engine.decisions import Office

RANK: dict[str, int] = {"missed": -1, "lagging": 0, "behind": 1, "on_track": 2, "done": 3}
"""Order of the statuses that carry a judgement; an improvement moves up this scale."""


@frozen
class Point(Frozen):
    """One reported value of a goal, with its completion and the pace on that date."""

    as_of: dt.date
    value: float | str
    completion: float | None
    expected: float
    status: str


@record
class Changes(Value):
    since: dt.date
    newly_done: list[Result] = field(default_factory=list)
    newly_lagging: list[Result] = field(default_factory=list)
    improved: list[Result] = field(default_factory=list)
    worsened: list[Result] = field(default_factory=list)
    newly_reported: list[Result] = field(default_factory=list)
    still_missing: list[Result] = field(default_factory=list)

    def sections(self) -> list[tuple[str, list[Result]]]:
        return [("newly_done", self.newly_done), ("newly_lagging", self.newly_lagging),
                ("improved", self.improved), ("worsened", self.worsened),
                ("newly_reported", self.newly_reported), ("still_missing", self.still_missing)]


@record
class Bulletin(Value):
    now: Evaluation
    before: Evaluation
    changes: Changes
    chapters: list[Rollup]  # ranked by completion − expected, best first
    units: list[Rollup]
    lagging: list[Result]  # worst gap first
    silent_units: list[str]  # owners with no report dated after `since` up to the query date
    trajectories: dict[str, list[Point]]  # for the lagging goals
    escalations: list[Escalation] = field(default_factory=list)  # 督办: lagging at consecutive period ends
    forecasts: dict[str, Forecast] = field(default_factory=dict)  # year-end forecasts at risk or unlikely
    unread: tuple[str, ...] = ()  # units whose progress file could not be read: not counted as silent
    scores: Scores | None = None  # 考核: the ranking at the query date (engine.scoring), when the caller has it
    arrivals: dict[str, UnitTimeliness] | None = None  # 报送率 and 及时率 per unit and period (engine.timeliness)
    filed: list[Filed] = field(default_factory=list)  # evidence files named by reports up to the query date

    @property
    def outlook(self) -> list[Result]:
        """The goals whose forecast is at risk or unlikely, largest projected shortfall first."""
        chosen = [r for r in self.now.results if r.id in self.forecasts]
        return sorted(chosen, key=lambda r: (-self.forecasts[r.id].shortfall, r.id))

    def previous(self, result: Result) -> Result:
        return self.before.by_id[result.id]


def compare(now: Evaluation, before: Evaluation) -> Changes:
    """Sort each goal into what changed between `before` and `now` (a goal lands in at most one list)."""
    changes = Changes(before.query)
    for r in now.results:
        b = before.by_id[r.id]
        if r.actual is None:
            if b.actual is None and r.status != "unread":  # an unreadable file is not a unit's silence
                changes.still_missing.append(r)
            continue
        if b.actual is None:
            changes.newly_reported.append(r)
        elif r.status == "done" and b.status != "done":
            changes.newly_done.append(r)
        elif r.status == "lagging" and b.status != "lagging":
            changes.newly_lagging.append(r)
        elif r.status in RANK and b.status in RANK and RANK[r.status] > RANK[b.status]:
            changes.improved.append(r)
        elif r.status in RANK and b.status in RANK and RANK[r.status] < RANK[b.status]:
            changes.worsened.append(r)
    return changes


def trajectory(cat: Catalogue, result: Result) -> list[Point]:
    """The goal's reported values up to the query date, each with its completion and the pace that day."""
    start, ind = cat.plan.period_start, result.indicator
    begin = None if result.start is None else result.start.value
    points = []
    for i, o in enumerate(result.used):
        j = judge(ind, o.value, o.as_of, start, result.due, result.tolerance, begin, [e.value for e in result.used[:i]])
        points.append(Point(o.as_of, o.value, None if j.completion is None else j.completion.value, j.expected,
                            j.status))
    return points


def report_dates(files: Iterable[ProgressFile]) -> list[dt.date]:
    return sorted({r.as_of for pf in files for r in pf.reports})


def default_since(files: Iterable[ProgressFile], query: dt.date, start: dt.date) -> dt.date:
    """The latest report date before the query date; the day before the plan starts when there is none."""
    earlier = [d for d in report_dates(files) if d < query]
    return earlier[-1] if earlier else start - dt.timedelta(days=1)


def ranked(rollups: Iterable[Rollup]) -> list[Rollup]:
    """Best first by completion against pace; groups with nothing to show go last."""
    def key(g: Rollup) -> tuple:
        if g.completion is None or g.expected is None:
            return (1, 0.0, str(g.key))
        return (0, -(g.completion - g.expected), str(g.key))

    return sorted((g for g in rollups if g.results), key=key)


def build(cat: Catalogue, files: list[ProgressFile], query: dt.date, since: dt.date | None = None,
          carried: Mapping[str, Start] | None = None, now: Evaluation | None = None,
          escalated: list[Escalation] | None = None, unread: tuple[str, ...] = (), *,
          scores: Scores | None = None, arrivals: dict[str, UnitTimeliness] | None = None,
          office_on: Callable[[dt.date], Office] | None = None) -> Bulletin:
    """The bulletin at `query` against `since`. `now` and `escalated` are the run's own evaluation and escalations
    (engine.snapshot), so the bulletin says what every other view says; without them they are worked out here.
    `scores` and `arrivals` (the snapshot's) add the 考核 ranking and 报送率 / 及时率 sections; `office_on` gives the
    office's decisions in force on a day (engine.decisions), for the date compared with."""
    since = since or default_since(files, query, cat.plan.period_start)
    now = now if now is not None else evaluate(cat, files, query, carried, unread)
    before = evaluate(cat, files, since, carried, unread, None if office_on is None else office_on(since))
    late = lagging(now.results)
    counted = files if now.office is None else now.office.counted(files)  # a report sent back is not one sent
    reporters = {pf.unit for pf in counted for r in pf.reports if since < r.as_of <= query}
    owners = [u.key for u in now.units() if u.results]
    return Bulletin(
        now=now, before=before, changes=compare(now, before),
        chapters=ranked(now.chapters()), units=ranked(now.units()), lagging=late,
        silent_units=[u for u in owners if u not in reporters and u not in unread], unread=tuple(unread),
        trajectories={r.id: trajectory(cat, r) for r in late},
        escalations=escalated if escalated is not None else escalations(cat, files, query, now=now),
        forecasts={r.id: f for r in now.results if (f := forecast(r)) is not None and f.verdict != "on_course"},
        scores=scores, arrivals=arrivals,
        filed=filed(files, query),
    )
