"""The progress engine, pure: catalogue + progress reports + a query date → status of every goal.

Nothing here reads files or prints. The rules are the README's "How a colour is decided", one
function each, so that `gdtrack explain` can show every step a status came from.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from .models import Catalogue, Indicator, ProgressFile, Task

Status = Literal["done", "on_track", "behind", "lagging", "no_report", "no_baseline"]
STATUSES: tuple[Status, ...] = ("done", "on_track", "behind", "lagging", "no_report", "no_baseline")
WORST_FIRST: tuple[Status, ...] = ("lagging", "no_report", "behind", "no_baseline", "on_track", "done")
"""A task takes the first of these that any of its indicators has."""

EPSILON = 1e-9
"""Comparisons of fractions allow this much floating-point noise, so 0.4 is "at least 0.5 − 0.1"."""


# ── the rules, one function each ───────────────────────────────────────────────────────────────


def default_query_date(cat: Catalogue, today: dt.date) -> dt.date:
    """Today, clamped to the plan period."""
    return min(max(today, cat.plan.period_start), cat.plan.period_end)


def elapsed_days(start: dt.date, day: dt.date) -> int:
    """Days from `start` to `day`, both counted (0 before the start)."""
    return max((day - start).days + 1, 0)


def expected_progress(start: dt.date, query: dt.date, due: dt.date) -> float:
    """序时进度: days elapsed ÷ days until due, both counted from the plan start, clamped to [0, 1]."""
    total = elapsed_days(start, due)
    if total <= 0:
        return 1.0
    return min(max(elapsed_days(start, query) / total, 0.0), 1.0)


CompletionRule = Literal[
    "milestone", "ratio", "zero_target", "at_or_below", "reduction", "above_no_baseline", "delta_pct", "delta_pp",
    "no_baseline", "not_a_number",
]


@dataclass(frozen=True, slots=True)
class Completion:
    """How much of a goal is achieved (`value`: 1 = achieved, may exceed 1; None when it cannot be computed), with
    the rule and the figures it came from, so that `explain` prints the calculation rather than redoing it."""

    value: float | None
    rule: CompletionRule
    actual: float | str
    target: float | None = None
    baseline: float | None = None


def completion(ind: Indicator, actual: float | str) -> Completion:
    """How much of the goal `actual` achieves, and by which formula."""
    c, target, base = ind.comparator, ind.target, ind.baseline

    def result(value: float | None, rule: CompletionRule) -> Completion:
        return Completion(value, rule, actual, target, base)

    if c == "milestone":
        return result(1.0 if actual == "done" else 0.0, "milestone")
    if isinstance(actual, str) or target is None:
        return result(None, "not_a_number")
    if c in (">=", "=="):
        if target == 0:
            return result(1.0 if actual >= 0 else 0.0, "zero_target")
        return result(actual / target, "ratio")
    if c == "<=":
        if actual <= target:
            return result(1.0, "at_or_below")
        if base is not None and base > target:
            return result(min(max((base - actual) / (base - target), 0.0), 1.0), "reduction")
        return result(0.0, "above_no_baseline")
    if base is None or target == 0 or (c == "delta_pct" and base == 0):
        return result(None, "no_baseline")
    if c == "delta_pct":
        return result((actual / base - 1) / (target / 100), "delta_pct")
    return result((actual - base) / target, "delta_pp")


Rule = Literal[
    "no_report", "no_baseline",
    "milestone_done", "milestone_blocked", "milestone_past_due", "milestone_in_progress",
    "milestone_not_started_late", "milestone_not_started_early",
    "reached_target", "at_or_above_pace", "within_tolerance", "below_tolerance",
]


def pace_tone(gap: float, tolerance: float) -> Status:
    """A gap (completion − 序时进度) judged against the pace: on track, behind within the tolerance, or lagging."""
    if gap >= -EPSILON:
        return "on_track"
    return "behind" if gap >= -tolerance - EPSILON else "lagging"


_PACE_RULE: dict[Status, Rule] = {"on_track": "at_or_above_pace", "behind": "within_tolerance",
                                  "lagging": "below_tolerance"}


def judge_pace(done: float, expected: float, tolerance: float) -> tuple[Status, Rule]:
    """A completion against the pace: done at 100 %, else the gap's tone. Used for goals and for roll-ups alike."""
    if done >= 1 - EPSILON:
        return "done", "reached_target"
    tone = pace_tone(done - expected, tolerance)
    return tone, _PACE_RULE[tone]


def decide(ind: Indicator, actual: float | str | None, done: float | None, expected: float, tolerance: float,
           past_due: bool) -> tuple[Status, Rule]:
    """The status and the rule that gave it."""
    if actual is None:
        return "no_report", "no_report"
    if ind.comparator == "milestone":
        if actual == "done":
            return "done", "milestone_done"
        if actual == "blocked":
            return "lagging", "milestone_blocked"
        if past_due:
            return "lagging", "milestone_past_due"
        if actual == "in_progress":
            return "on_track", "milestone_in_progress"
        if expected >= 0.5 - EPSILON:
            return "behind", "milestone_not_started_late"
        return "on_track", "milestone_not_started_early"
    if done is None:
        return "no_baseline", "no_baseline"
    return judge_pace(done, expected, tolerance)


@dataclass(frozen=True, slots=True)
class Judgement:
    """One figure judged on one day: its completion, the pace that day, the status and the rule."""

    completion: Completion | None
    expected: float
    status: Status
    rule: Rule


def judge(ind: Indicator, actual: float | str | None, day: dt.date, start: dt.date, due: dt.date,
          tolerance: float) -> Judgement:
    """The status of a goal whose latest figure on `day` is `actual` (None: nothing reported yet)."""
    done = None if actual is None else completion(ind, actual)
    expected = expected_progress(start, day, due)
    status, rule = decide(ind, actual, None if done is None else done.value, expected, tolerance, past_due=day > due)
    return Judgement(done, expected, status, rule)


def months_left(query: dt.date, due: dt.date) -> int:
    """Whole months from the query date to the due date; at least 1 while the goal is open."""
    return max((due.year - query.year) * 12 + due.month - query.month, 1)


def still_needed(ind: Indicator, actual: float | str | None) -> float | None:
    """What is still to be achieved, in the goal's unit (None for milestones and unknowns)."""
    if ind.target is None or not isinstance(actual, float | int):
        return None
    if ind.comparator in (">=", "=="):
        return max(ind.target - actual, 0.0)
    if ind.comparator == "<=":
        return max(actual - ind.target, 0.0)
    if ind.baseline is None:
        return None
    goal = ind.baseline * (1 + ind.target / 100) if ind.comparator == "delta_pct" else ind.baseline + ind.target
    return max(goal - actual, 0.0)


# ── merging reports and evaluating ─────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Observation:
    """One reported value."""

    as_of: dt.date
    value: float | str
    unit: str  # who reported it
    note: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    task: Task
    indicator: Indicator
    owner: str | None
    due: dt.date
    query: dt.date
    used: tuple[Observation, ...]  # reports dated on or before the query date, oldest first
    ignored: tuple[Observation, ...]  # reports dated after it
    expected: float
    days_elapsed: int
    days_total: int
    tolerance: float
    calculation: Completion | None  # None when nothing is reported
    status: Status
    rule: Rule

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def latest(self) -> Observation | None:
        return self.used[-1] if self.used else None

    @property
    def actual(self) -> float | str | None:
        return self.used[-1].value if self.used else None

    @property
    def completion(self) -> float | None:
        return None if self.calculation is None else self.calculation.value

    @property
    def gap(self) -> float | None:
        return None if self.completion is None else self.completion - self.expected

    @property
    def remaining(self) -> float | None:
        return still_needed(self.indicator, self.actual)

    @property
    def per_month(self) -> float | None:
        left = self.remaining
        if left is None or self.query > self.due:
            return None
        return left / months_left(self.query, self.due)

    @property
    def capped(self) -> float | None:
        return None if self.completion is None else min(max(self.completion, 0.0), 1.0)


@dataclass(frozen=True, slots=True)
class Rollup:
    """A group of indicators: a task, a chapter, a unit, or the whole plan."""

    key: str | int
    title: str
    results: tuple[Result, ...]

    @property
    def summary(self) -> dict[Status, int]:
        counts = Counter(r.status for r in self.results)
        return {s: counts.get(s, 0) for s in STATUSES}

    @property
    def status(self) -> Status | None:
        present = {r.status for r in self.results}
        return next((s for s in WORST_FIRST if s in present), None)

    @property
    def completion(self) -> float | None:
        """Mean of the indicators' completions, each capped to [0, 1]; those without one are left out."""
        values = [r.capped for r in self.results if r.capped is not None]
        return sum(values) / len(values) if values else None

    @property
    def reported(self) -> int:
        return sum(r.actual is not None for r in self.results)

    @property
    def reporting_rate(self) -> float | None:
        return self.reported / len(self.results) if self.results else None

    @property
    def latest_report(self) -> dt.date | None:
        """The date of the newest figure any of the group's indicators takes."""
        dates = [r.latest.as_of for r in self.results if r.latest is not None]
        return max(dates) if dates else None

    @property
    def gap(self) -> float | None:
        """Mean completion − mean 序时进度."""
        done, expected = self.completion, self.expected
        return None if done is None or expected is None else done - expected

    @property
    def expected(self) -> float | None:
        values = [r.expected for r in self.results]
        return sum(values) / len(values) if values else None


@dataclass
class Evaluation:
    query: dt.date
    expected: float  # 序时进度 of the plan period
    results: list[Result]
    catalogue: Catalogue
    by_id: dict[str, Result] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {r.id: r for r in self.results}

    @property
    def overall(self) -> Rollup:
        return Rollup("all", self.catalogue.plan.title, tuple(self.results))

    def only(self, unit: str | None = None, chapter: int | None = None) -> Evaluation:
        """The same evaluation narrowed to the indicators `unit` reports and/or those of `chapter`: every roll-up
        of the result (tasks, chapters, units, overall) counts only those indicators."""
        if unit is None and chapter is None:
            return self
        chosen = [r for r in self.results
                  if (unit is None or r.owner == unit) and (chapter is None or r.task.chapter == chapter)]
        return Evaluation(self.query, self.expected, chosen, self.catalogue)

    def tasks(self) -> list[Rollup]:
        groups: dict[int, list[Result]] = {}
        for r in self.results:
            groups.setdefault(r.task.id, []).append(r)
        return [Rollup(t.id, t.title, tuple(groups.get(t.id, ()))) for t in self.catalogue.tasks]

    def chapters(self) -> list[Rollup]:
        groups: dict[int, list[Result]] = {}
        for r in self.results:
            groups.setdefault(r.task.chapter, []).append(r)
        return [Rollup(c.number, c.title, tuple(groups.get(c.number, ()))) for c in self.catalogue.chapters]

    def units(self) -> list[Rollup]:
        groups: dict[str, list[Result]] = {}
        for r in self.results:
            if r.owner is not None:
                groups.setdefault(r.owner, []).append(r)
        return [Rollup(u.name, u.name, tuple(groups.get(u.name, ()))) for u in self.catalogue.units]


LAGGING: tuple[Status, ...] = ("lagging", "behind", "no_report")


def lagging(results: Iterable[Result]) -> list[Result]:
    """滞后事项: lagging, behind and unreported goals, worst gap first (no figure counts as 0 done)."""
    chosen = [r for r in results if r.status in LAGGING]
    return sorted(chosen, key=lambda r: ((r.capped or 0.0) - r.expected, r.id))


def observations(files: Iterable[ProgressFile]) -> dict[str, list[Observation]]:
    """Every reported value by indicator id, oldest first."""
    out: dict[str, list[Observation]] = {}
    for pf in files:
        for report in pf.reports:
            for e in report.entries:
                out.setdefault(e.indicator, []).append(Observation(report.as_of, e.value, pf.unit, e.note, e.evidence))
    return out


def evaluate(cat: Catalogue, files: Iterable[ProgressFile], query: dt.date) -> Evaluation:
    """Every indicator's status on `query`, from the latest report dated on or before it."""
    start, tolerance = cat.plan.period_start, cat.plan.policy.tolerance
    seen = observations(files)
    results = []
    for task, ind in cat.indicators():
        owner = cat.owner(task, ind)
        # Oldest first; on the same date the owner's own figure comes last, so it is the one used.
        obs = sorted(seen.get(ind.id, ()), key=lambda o: (o.as_of, o.unit == owner))
        used = tuple(o for o in obs if o.as_of <= query)
        due = cat.due(ind)
        j = judge(ind, used[-1].value if used else None, query, start, due, tolerance)
        results.append(Result(
            task=task, indicator=ind, owner=owner, due=due, query=query, used=used,
            ignored=tuple(o for o in obs if o.as_of > query), expected=j.expected,
            days_elapsed=elapsed_days(start, query), days_total=elapsed_days(start, due), tolerance=tolerance,
            calculation=j.completion, status=j.status, rule=j.rule,
        ))
    return Evaluation(query, expected_progress(start, query, cat.plan.period_end), results, cat)
