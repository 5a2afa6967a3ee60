"""The progress engine, pure: catalogue + progress reports + a query date → status of every goal.

Nothing here reads files or prints. The rules are the README's "How a colour is decided", one
function each, and each returns its components, so that `gdtrack explain` can show every step a status
came from (as sdg-build writes out the components of each calculation).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Literal

from gdtrack.engine.observed import (  # noqa: F401 - re-exported: what the engine reads
    Observation,
    Start,
    observations,
    split_by_owner,
    starts,
)
from gdtrack.engine.periods import (  # noqa: F401 - re-exported: the engine's calendar, used with it
    default_query_date,
    elapsed_days,
    expected_progress,
    period_name,
    previous_period_end,
    same_period,
)
from gdtrack.models import Catalogue, Indicator, ProgressFile, Task, milestone_state
from gdtrack.values import Frozen, Value, frozen, record

if TYPE_CHECKING:
    from gdtrack.engine.decisions import Extension, Office
    from gdtrack.models import Closure

Status = Literal["done", "on_track", "behind", "lagging", "missed", "no_report", "no_baseline", "unread"]
STATUSES: tuple[Status, ...] = ("done", "on_track", "behind", "lagging", "missed", "no_report", "no_baseline",
                                "unread")
"""`unread` (数据未能读取): the owner's progress file could not be read, so nothing is known; never 未报送."""
WORST_FIRST: tuple[Status, ...] = ("missed", "lagging", "no_report", "unread", "behind", "no_baseline", "on_track",
                                   "done")
"""A roll-up's colour is the first of these that any of its indicators has: its worst status."""
ON_PACE: tuple[Status, ...] = ("done", "on_track")
"""The statuses the headline counts as done or on pace."""

EPSILON = 1e-9
"""Comparisons of fractions allow this much floating-point noise, so 0.4 is "at least 0.5 − 0.1"."""


# ── completion ─────────────────────────────────────────────────────────────────────────────────

CompletionRule = Literal[
    "ratio", "zero_target", "level", "met", "lost", "steps", "delta_pct", "delta_pp", "no_baseline",
    "milestone", "not_a_number",
]


@frozen(slots=True)
class Completion(Frozen):
    """How much of a goal is achieved (`value`: 1 = achieved, may exceed 1; None when it cannot be computed), with
    the rule and the figures it came from, so that `explain` prints the calculation rather than redoing it."""

    value: float | None
    rule: CompletionRule
    actual: float | str
    target: float | None = None
    start: float | None = None  # the baseline used (level, ≤ and relative goals)
    steps: int | None = None  # milestones with steps: how many there are …
    reached: int | None = None  # … and how many are reached


def meets(comparator: str, value: float, target: float) -> bool:
    """Whether `value` meets a `<=` goal's target (at or under it) or any other's (at or over it)."""
    return value <= target + EPSILON if comparator == "<=" else value >= target - EPSILON


def completion(ind: Indicator, actual: float | str, start: float | None = None,
               reached: int | None = None) -> Completion:
    """How much of the goal `actual` achieves, and by which formula.

    `start` is the value when the period starts (the baseline): level and ≤ goals count from it, relative goals
    (delta_*) from their base. `reached` is, for a milestone with steps, how many steps are reached.
    """
    c, target = ind.comparator, ind.target

    def result(value: float | None, rule: CompletionRule) -> Completion:
        return Completion(value, rule, actual, target, start)

    if c == "milestone":
        if ind.steps:
            n = len(ind.steps)
            done = n if milestone_state(actual) == "done" else (reached or 0)
            return Completion(done / n, "steps", actual, steps=n, reached=done)
        return result(None, "milestone")
    if isinstance(actual, str) or target is None:
        return result(None, "not_a_number")
    if c in ("delta_pct", "delta_pp"):
        if start is None or target == 0 or (c == "delta_pct" and start == 0):
            return result(None, "no_baseline")
        if c == "delta_pct":
            return result((actual / start - 1) / (target / 100), "delta_pct")
        return result((actual - start) / target, "delta_pp")
    if not ind.is_level:
        if target == 0:
            return result(1.0 if actual >= 0 else 0.0, "zero_target")
        return result(actual / target, "ratio")
    # A level or a ≤ goal: the way from the start value to the target.
    toward = start is not None and (start > target if c == "<=" else start < target)
    if toward:
        # + 0.0: a ≤ goal still at its start value gives 0 ÷ (negative) = -0.0, which would print as "-0.0%"
        return result((actual - start) / (target - start) + 0.0, "level")  # type: ignore[operator]
    if meets(ind.comparator, actual, ind.target or 0.0):
        return result(1.0, "met")
    if start is None:
        return result(None, "no_baseline")
    return result(0.0, "lost")  # the target was met when the period started, and is not now


# ── the expected path: straight, or through the nodes (节点目标) ────────────────────────────────

PaceRule = Literal["linear", "schedule", "steps"]


@frozen(slots=True)
class Pace(Frozen):
    """序时进度 on a day, and how it was found: a straight line, the schedule's path, or the steps due."""

    value: float
    rule: PaceRule
    days: int  # from the plan start to the day, both counted
    total: int  # from the plan start to the due date, both counted
    path: float | None = None  # schedule: the figure the path expects on the day
    due_steps: int | None = None  # steps: how many are due by the day


def path_value(points: list[tuple[dt.date, float]], day: dt.date) -> float:
    """The value on `day` of the line through `points` (date, value), linear in days, flat beyond its ends."""
    if day <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in zip(points, points[1:], strict=False):
        if day <= d1:
            span = (d1 - d0).days
            return v1 if span <= 0 else v0 + (v1 - v0) * (day - d0).days / span
    return points[-1][1]


def schedule_path(ind: Indicator, zero_day: dt.date, due: dt.date, origin: float) -> list[tuple[dt.date, float]]:
    """The expected path of a goal with nodes (节点目标): from `origin` on `zero_day` through each node, then to the
    target at the due date (a relative goal's target is worked out from the origin)."""
    target = ind.target or 0.0
    end = origin * (1 + target / 100) if ind.comparator == "delta_pct" else \
        origin + target if ind.comparator == "delta_pp" else target
    points = [(zero_day, origin), *((n.by, n.value) for n in ind.schedule)]
    if points[-1][0] < due:
        points.append((due, end))
    return points


def pace(ind: Indicator, start_day: dt.date, day: dt.date, due: dt.date, start: float | None) -> Pace:
    """The share of the goal expected by `day`, as the same fraction as its completion."""
    days, total = elapsed_days(start_day, day), elapsed_days(start_day, due)
    linear = expected_progress(start_day, day, due)
    if ind.steps:
        n = sum(s.by <= day for s in ind.steps)
        return Pace(n / len(ind.steps), "steps", days, total, due_steps=n)
    if not ind.schedule or ind.target is None:
        return Pace(linear, "linear", days, total)
    origin = start if ind.needs_start else 0.0
    if origin is None:  # a level without a start value: its path cannot be drawn
        return Pace(linear, "linear", days, total)
    value = path_value(schedule_path(ind, start_day - dt.timedelta(days=1), due, origin), day)
    share = completion(ind, value, start).value
    share = linear if share is None else min(max(share, 0.0), 1.0)
    return Pace(share, "schedule", days, total, path=value)


# ── the status ─────────────────────────────────────────────────────────────────────────────────

Rule = Literal[
    "no_report", "no_baseline", "unread",
    "milestone_done", "milestone_blocked", "milestone_in_progress",
    "milestone_not_started_late", "milestone_not_started_early",
    "reached_target", "at_or_above_pace", "within_tolerance", "below_tolerance",
    "final_done", "final_missed",
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
           final: bool) -> tuple[Status, Rule]:
    """The status and the rule that gave it. `final`: the query date is on or after the goal's due date."""
    if actual is None:
        return "no_report", "no_report"
    state = milestone_state(actual)
    if final:
        if ind.comparator == "milestone":
            achieved = state == "done" or (done is not None and done >= 1 - EPSILON)
        elif done is None:
            return "no_baseline", "no_baseline"
        else:
            achieved = done >= 1 - EPSILON
        return ("done", "final_done") if achieved else ("missed", "final_missed")
    if ind.comparator == "milestone":
        if state == "done":
            return "done", "milestone_done"
        if state == "blocked":
            return "lagging", "milestone_blocked"
        if ind.steps and done is not None:
            return judge_pace(done, expected, tolerance)
        if state == "in_progress":
            return "on_track", "milestone_in_progress"
        if expected >= 0.5 - EPSILON:
            return "behind", "milestone_not_started_late"
        return "on_track", "milestone_not_started_early"
    if done is None:
        return "no_baseline", "no_baseline"
    return judge_pace(done, expected, tolerance)


@frozen(slots=True)
class Judgement(Frozen):
    """One figure judged on one day: its completion, the pace that day, the status and the rule."""

    completion: Completion | None
    pace: Pace
    status: Status
    rule: Rule

    @property
    def expected(self) -> float:
        return self.pace.value


def steps_reached(ind: Indicator, values: Iterable[float | str]) -> int:
    """How many of a milestone's steps the reports so far have reached: the furthest step named, all when done."""
    names = {s.name: i + 1 for i, s in enumerate(ind.steps)}
    reached = 0
    for v in values:
        state = milestone_state(v)
        reached = max(reached, len(ind.steps) if state == "done" else names.get(state, 0))  # type: ignore[arg-type]
    return reached


def judge(ind: Indicator, actual: float | str | None, day: dt.date, start_day: dt.date, due: dt.date,
          tolerance: float, start: float | None = None, earlier: Iterable[float | str] = ()) -> Judgement:
    """The status of a goal whose latest figure on `day` is `actual` (None: nothing reported yet); `earlier` are
    the figures before it (for a milestone's furthest step), `start` the start-of-period value."""
    reached = steps_reached(ind, [*earlier, actual]) if ind.steps and actual is not None else None
    done = None if actual is None else completion(ind, actual, start, reached)
    p = pace(ind, start_day, day, due, start)
    status, rule = decide(ind, actual, None if done is None else done.value, p.value, tolerance, final=day >= due)
    return Judgement(done, p, status, rule)


def months_left(query: dt.date, due: dt.date) -> int:
    """Whole months from the query date to the due date; at least 1 while the goal is open."""
    return max((due.year - query.year) * 12 + due.month - query.month, 1)


def still_needed(ind: Indicator, actual: float | str | None, start: float | None = None) -> float | None:
    """What is still to be achieved, in the goal's unit (None for milestones and unknowns)."""
    if ind.target is None or not isinstance(actual, float | int):
        return None
    if ind.comparator in (">=", "=="):
        return max(ind.target - actual, 0.0)
    if ind.comparator == "<=":
        return max(actual - ind.target, 0.0)
    if start is None:
        return None
    goal = start * (1 + ind.target / 100) if ind.comparator == "delta_pct" else start + ind.target
    return max(goal - actual, 0.0)


# ── merging reports and evaluating ─────────────────────────────────────────────────────────────


@frozen(slots=True)
class Result(Frozen):
    """One goal on the query date: the figures taken and those left out, its start value, 序时进度, completion, status
    and the rule that gave it, and what the office decided of it (extension, closure)."""

    task: Task
    indicator: Indicator
    owner: str | None
    due: dt.date
    query: dt.date
    used: tuple[Observation, ...]  # the figures taken, oldest first: the owner's, or a co-lead's where it has none
    ignored: tuple[Observation, ...]  # reports dated after the query date
    start: Start | None
    pace: Pace
    tolerance: float
    calculation: Completion | None  # None when nothing is reported
    status: Status
    rule: Rule
    reporting: str = "month"
    overruled: tuple[Observation, ...] = ()  # co-leads' figures, not taken because the owner reported
    plan_due: dt.date | None = None  # the plan's own due date, where an approved extension moved `due`
    extension: Extension | None = None  # the unit's latest request for more time, and the office's answer
    closed: Closure | None = None  # 销号: the office closed the goal; its status is the one of that day

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def expected(self) -> float:
        return self.pace.value

    @property
    def latest(self) -> Observation | None:
        return self.used[-1] if self.used else None

    @property
    def actual(self) -> float | str | None:
        return self.used[-1].value if self.used else None

    @property
    def reported_on(self) -> dt.date | None:
        """The date of the report the figure came from."""
        return self.used[-1].as_of if self.used else None

    @property
    def stale(self) -> bool:
        """A figure reported in an earlier period than the query date's (month or quarter, per the plan)."""
        return self.used != () and not same_period(self.used[-1].as_of, self.query, self.reporting)

    @property
    def current(self) -> bool:
        return self.used != () and not self.stale

    @property
    def completion(self) -> float | None:
        return None if self.calculation is None else self.calculation.value

    @property
    def gap(self) -> float | None:
        return None if self.completion is None else self.completion - self.expected

    @property
    def lower_threshold(self) -> float:
        """The completion below which the goal is 滞后 (lagging): its 序时进度 less the tolerance, never below 0."""
        return max(self.expected - self.tolerance, 0)

    @property
    def remaining(self) -> float | None:
        return still_needed(self.indicator, self.actual, None if self.start is None else self.start.value)

    @property
    def per_month(self) -> float | None:
        left = self.remaining
        if left is None or self.query >= self.due:
            return None
        return left / months_left(self.query, self.due)

    @property
    def capped(self) -> float | None:
        return None if self.completion is None else min(max(self.completion, 0.0), 1.0)

    @property
    def score(self) -> Score | None:
        """What the goal counts for in a roll-up (README, "How a roll-up is counted"): its completion (capped to
        0–100 %) against its 序时进度; a goal never reported counts 0 against its pace; a milestone without steps
        by its status (完成 100 %, 序时推进 at the pace, 略滞后 at the lower threshold, 滞后 and 未完成 0); a goal
        without a start value (缺基数) is left out."""
        if self.capped is not None:
            return Score(self.capped, self.expected, "completion")
        if self.status == "no_report":
            return Score(0.0, self.expected, "unreported")
        if self.status == "unread":  # nothing is known: neither silence nor progress
            return None
        if self.indicator.is_milestone:
            value = {"done": 1.0, "on_track": self.expected, "behind": self.lower_threshold}.get(self.status, 0.0)
            return Score(value, self.expected, "milestone_status")
        return None


ScoreRule = Literal["completion", "unreported", "milestone_status"]


@frozen(slots=True)
class Score(Frozen):
    """A goal's share in a roll-up: `value` against `pace` (its 序时进度), and which rule gave it."""

    value: float
    pace: float
    rule: ScoreRule


@frozen(slots=True)
class Rollup(Frozen):
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
        """The worst status among the group's indicators (the row's colour, labelled as such)."""
        present = {r.status for r in self.results}
        return next((s for s in WORST_FIRST if s in present), None)

    @property
    def on_pace(self) -> int:
        """How many indicators are done or on pace (完成 + 序时推进)."""
        return sum(r.status in ON_PACE for r in self.results)

    @property
    def scores(self) -> list[Score]:
        """The scores of the goals that count (every goal but those without a start value): see Result.score."""
        return [s for s in (r.score for r in self.results) if s is not None]

    @property
    def quantified(self) -> int:
        """How many indicators count in the completion (the mean is over these)."""
        return len(self.scores)

    @property
    def unreported(self) -> int:
        """How many of them count as 0 because they were never reported."""
        return sum(s.rule == "unreported" for s in self.scores)

    @property
    def completion(self) -> float | None:
        """Mean of the goals' scores (Result.score: completion capped to [0, 1], never reported 0, a milestone
        without steps by its status); only goals without a start value are left out."""
        values = [s.value for s in self.scores]
        return sum(values) / len(values) if values else None

    @property
    def reported(self) -> int:
        """Indicators with a figure, current or not."""
        return sum(r.actual is not None for r in self.results)

    @property
    def current(self) -> int:
        """Indicators with a figure reported in the query date's period."""
        return sum(r.current for r in self.results)

    @property
    def reporting_rate(self) -> float | None:
        """报送率: figures current this period ÷ indicators."""
        return self.current / len(self.results) if self.results else None

    @property
    def latest_report(self) -> dt.date | None:
        """The date of the newest figure any of the group's indicators takes."""
        dates = [r.latest.as_of for r in self.results if r.latest is not None]
        return max(dates) if dates else None

    @property
    def expected(self) -> float | None:
        """Mean 序时进度 of the goals the completion is a mean of."""
        values = [s.pace for s in self.scores]
        return sum(values) / len(values) if values else None

    @property
    def gap(self) -> float | None:
        """Mean completion − mean 序时进度, over the same indicators."""
        done, expected = self.completion, self.expected
        return None if done is None or expected is None else done - expected

    @property
    def tone(self) -> Status | None:
        """The group's colour on a chart: its completion against its 序时进度 by the rule the goals' statuses use
        (judge_pace, with the plan's tolerance); None without a completion."""
        done, expected = self.completion, self.expected
        if done is None or expected is None:
            return None
        return judge_pace(done, expected, self.results[0].tolerance)[0]


@record
class Evaluation(Value):
    """Every goal's Result on the query date, with its roll-ups by task, chapter and unit (`only` narrows them to a
    unit or a chapter)."""

    query: dt.date
    expected: float  # 序时进度 of the plan period
    results: list[Result]
    catalogue: Catalogue
    by_id: dict[str, Result] = field(default_factory=dict)
    office: Office | None = None  # the office's decisions it was made with (engine.decisions)

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
        return Evaluation(self.query, self.expected, chosen, self.catalogue, office=self.office)

    def tasks(self) -> list[Rollup]:
        groups: dict[int, list[Result]] = {}
        for r in self.results:
            groups.setdefault(r.task.id, []).append(r)
        return [Rollup(t.id, t.title, tuple(groups.get(t.id, ()))) for t in self.catalogue.tasks]

    def task_summary(self) -> tuple[dict[Status, int], int]:
        """Tasks by status — a task is as far as its goals: its worst goal's status (Rollup.status) — and how many
        tasks have no goal to follow."""
        tasks = self.tasks()
        counts = Counter(t.status for t in tasks if t.results)
        return {s: counts.get(s, 0) for s in STATUSES}, sum(not t.results for t in tasks)

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


LAGGING: tuple[Status, ...] = ("missed", "lagging", "behind", "no_report")


def lagging(results: Iterable[Result]) -> list[Result]:
    """滞后事项 (a closed goal is none), in one order for every view: 未完成, then 滞后, then 略滞后, then the goals
    never reported in a block of their own; within each, the worst gap first (by the roll-up score, so a milestone
    without steps sits by its status), then by id."""
    chosen = [r for r in results if r.status in LAGGING and r.closed is None]
    return sorted(chosen, key=lambda r: (LAGGING.index(r.status), score_gap(r), id_key(r.id)))


def score_gap(r: Result) -> float:
    """The gap a goal counts for in a roll-up and in the lagging order: its score against its pace (0: no score)."""
    s = r.score
    return 0.0 if s is None else s.value - s.pace


def id_key(goal: str) -> tuple[int, ...]:
    """"9.4" before "13.2": ids in numeric order."""
    return tuple(int(p) if p.isdigit() else 0 for p in goal.split("."))


def evaluate(cat: Catalogue, files: Iterable[ProgressFile], query: dt.date,
             carried: Mapping[str, Start] | None = None, unread: Iterable[str] = (),
             office: Office | None = None) -> Evaluation:
    """Every indicator's status on `query`, from the latest figure dated on or before it.

    The owner's figures win over a co-lead's whatever their dates; a co-lead's count only where the owner has
    reported none (check warns when they disagree). A goal without a figure whose owner is among `unread` (its
    progress file could not be read) is `unread`, not `no_report`. With the office's decisions (`office`,
    engine.decisions): only the reports they count are read, a goal whose extension was approved is due on the new
    date, and a closed goal is judged on the day it was closed."""
    files = list(files) if office is None else office.counted(files)
    policy = cat.plan.policy
    start_day, tolerance = cat.plan.period_start, policy.tolerance
    seen, begins = observations(files), starts(cat, files, carried)
    unknown = frozenset(unread)
    results = []
    for task, ind in cat.indicators():
        owner = cat.owner(task, ind)
        taken, overruled = split_by_owner(seen.get(ind.id, ()), owner)
        closed = None if office is None else office.closed(ind.id)
        day = query if closed is None else min(query, closed.decided)
        used = tuple(o for o in taken if o.as_of <= day)
        plan_due = cat.due(ind)
        due = plan_due if office is None else office.due(ind.id, plan_due)
        begin = begins.get(ind.id)
        j = judge(ind, used[-1].value if used else None, day, start_day, due, tolerance,
                  None if begin is None else begin.value, [o.value for o in used[:-1]])
        status, rule = ("unread", "unread") if not used and owner in unknown else (j.status, j.rule)
        results.append(Result(
            task=task, indicator=ind, owner=owner, due=due, query=query, used=used,
            ignored=tuple(o for o in taken if o.as_of > day), start=begin, pace=j.pace, tolerance=tolerance,
            calculation=j.completion, status=status, rule=rule, reporting=policy.reporting,
            overruled=tuple(o for o in overruled if o.as_of <= day), plan_due=plan_due if due != plan_due else None,
            extension=None if office is None else office.extensions.get(ind.id), closed=closed,
        ))
    return Evaluation(query, expected_progress(start_day, query, cat.plan.period_end), results, cat, office=office)
