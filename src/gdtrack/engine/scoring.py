"""考核 scores, pure: each unit's points per reporting period and for the year so far, every deduction with its goal,
its period and its rule (`plan.policy.scoring`), and the ranking.

Rules, for each period end from the start of 督办 (the periods `engine.supervision.history_of` judges) up to the
query date, and for each unit that owns goals:

- each goal the unit owns loses, at each period end, the points of its status there: `behind` (略滞后, a yellow
  light), `lagging` (滞后, red) or `missed` (未完成); any other status loses nothing;
- a period in which the unit sent no report (no figure dated within it, in its own file) loses `missing_report`,
  once the period's deadline (`plan.policy.report_by_day`) has passed; a report that came in after its deadline
  (its `submitted` day, or the day of its commit that the repository passes in: engine.timeliness) loses
  `late_report`, the deduction saying where the day came from (`source`); a report the office sent back (审核) and
  the unit did not correct within `plan.policy.review.resubmit_days` loses `returned_report`;
- each goal at an escalation level at a period end (its run of lagging, or of unreported, period ends long enough:
  `plan.policy.escalation`) loses the points `levels` gives that level (督办 −1, 通报 −2 by default);
- each 督办 of its goals whose reply is overdue now (the reply's 整改时限 passed with the goal still lagging) loses
  `overdue_reply`, at the latest period end.

A unit's score for a period is `base` plus that period's deductions; its score for the year so far is `base` plus
every deduction. Units are ranked by the year's score, then this period's, then catalogue order. A unit whose data
could not be read is not scored (`unread`): its figures are unknown, not bad.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field

from gdtrack.engine.evaluation import Evaluation, id_key
from gdtrack.engine.supervision import Escalation, History, level_name, run
from gdtrack.engine.timeliness import UnitTimeliness, timeliness
from gdtrack.models import ProgressFile
from gdtrack.values import Frozen, Value, frozen, record

STATUS_RULES = ("behind", "lagging", "missed")
RULES = (*STATUS_RULES, "level", "missing_report", "late_report", "returned_report", "overdue_reply")


@frozen(slots=True)
class Deduction(Frozen):
    """Points a unit lost: at `period_end`, by `rule` (a key of `plan.policy.scoring`), for `goal` (None: the unit's
    report as a whole)."""

    unit: str
    period_end: dt.date
    rule: str
    points: float
    goal: str | None = None
    level: str | None = None  # rule "level": the escalation level the goal had reached there
    source: str | None = None  # rule "late_report": where the day came from (engine.timeliness: "stamp", "git")


@record
class UnitScore(Value):
    unit: str
    base: float
    latest: dt.date | None  # the latest period end scored (None: none yet)
    deductions: list[Deduction] = field(default_factory=list)
    rank: int = 0

    @property
    def total(self) -> float:
        """The year so far: the base and every deduction."""
        return self.base + sum(d.points for d in self.deductions)

    @property
    def period(self) -> float:
        """The latest period: the base and that period's deductions."""
        return self.base + sum(d.points for d in self.deductions if d.period_end == self.latest)

    def by_rule(self) -> dict[str, float]:
        """The points lost under each rule, the year so far."""
        out: dict[str, float] = {}
        for d in self.deductions:
            out[d.rule] = out.get(d.rule, 0.0) + d.points
        return out


@record
class Scores(Value):
    ends: list[dt.date]  # the period ends scored, oldest first
    units: list[UnitScore]  # ranked
    unread: tuple[str, ...] = ()

    def of(self, unit: str) -> UnitScore | None:
        return next((u for u in self.units if u.unit == unit), None)


def scores(ev: Evaluation, hist: History, files: Iterable[ProgressFile], escalations: Sequence[Escalation] = (),
           unread: Sequence[str] = (), arrivals: Mapping[str, UnitTimeliness] | None = None) -> Scores:
    """Every unit's 考核 score at the evaluation's query date (see the module's text); `arrivals` is
    engine.timeliness's answer for the same files and date, when the caller has it already."""
    cat = ev.catalogue
    rules = cat.plan.policy.scoring
    ends = hist.ends
    owners = {r.id: r.owner for r in ev.results}
    units = [u.name for u in cat.units if cat.owned.get(u.name) and u.name not in unread]
    table = {u: UnitScore(u, rules.base, ends[-1] if ends else None) for u in units}
    for goal in sorted(hist.statuses, key=id_key):
        unit = owners.get(goal)
        if unit not in table:
            continue
        points = hist.of(goal)
        for i, (end, status) in enumerate(zip(ends, hist.statuses[goal], strict=True)):
            if status in STATUS_RULES and getattr(rules, status):
                table[unit].deductions.append(Deduction(unit, end, status, getattr(rules, status), goal))
            level = level_name(cat, run(points[:i + 1])[1])  # the level its run had reached at this period end
            if level is not None and rules.levels.get(level):
                table[unit].deductions.append(Deduction(unit, end, "level", rules.levels[level], goal, level))
    if arrivals is None:  # a period whose report is not due yet is not missing
        arrivals = timeliness(cat, files, ev.query, unread)
    for unit, score in table.items():
        for p in arrivals[unit].periods:
            rule = {"missing": "missing_report", "late": "late_report", "returned": "returned_report"}.get(p.arrival)
            if rule == "returned_report" and ev.query <= p.deadline:
                continue  # sent back: the unit still has its days to correct it (the deadline of the return)
            if rule is not None and getattr(rules, rule):
                score.deductions.append(Deduction(unit, p.period_end, rule, getattr(rules, rule),
                                                  source=p.source if rule == "late_report" else None))
    for e in escalations:
        if e.overdue and e.owner in table and rules.overdue_reply:
            table[e.owner].deductions.append(Deduction(e.owner, e.period_end, "overdue_reply", rules.overdue_reply,
                                                       e.id))
    order = {u: i for i, u in enumerate(units)}
    ranked = sorted(table.values(), key=lambda s: (-s.total, -s.period, order[s.unit]))
    for i, s in enumerate(ranked):
        s.deductions.sort(key=lambda d: (d.period_end, RULES.index(d.rule), id_key(d.goal) if d.goal else ()))
        s.rank = i + 1 if i == 0 or (s.total, s.period) != (ranked[i - 1].total, ranked[i - 1].period) \
            else ranked[i - 1].rank
    return Scores(ends, ranked, tuple(unread))
