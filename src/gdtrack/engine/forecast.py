"""Year-end forecast (预计完成情况), pure: where a goal's reported trajectory leads by its due date.

Two straight continuations of what was reported, given as a range, not a statistical model:

- **recent** — the rate between the last two reports, continued from the latest report to the due date;
- **average** — the rate from the start of the period (0 for a cumulative total, the start value for a level)
  to the latest report, continued the same way.

Each runs on a clock. Without a schedule (节点目标) time runs in days (no seasonality). With one, time runs along
the schedule's path: a rate is "figure per unit of the path's expected gain", so a goal the plan expects to gather
mostly in the fourth quarter is projected to gather mostly then too. Where the path did not move over a
continuation's span there is no rate to learn: the goal is projected along the path, keeping its distance from it
(a goal at its node of 0 is on course for the target); where the path has already reached its end before the due
date, the rest of the time runs in days.

The range stays within what the goal can be: a cumulative total never falls below its latest figure; a goal whose
start, target and figures are all ≥ 0 is never projected below 0 (a clear-to-zero goal stops at 0); a percentage
whose values all lie within 0–100 stays there; a goal counted in whole things (家, 个, 人 …) is projected in whole
numbers. `low` ≤ `high` always. Verdict: `on_course` (将完成) when both ends meet the target, `unlikely` (难以完成)
when neither does, else `at_risk` (有风险).

A forecast is made for >=, <= and == goals (cumulative or level) with at least two numeric figures on different
dates, a start value where the goal is a level, and a due date after the query date; otherwise there is none.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Literal

from gdtrack.engine.evaluation import EPSILON, Result, completion, meets, path_value, schedule_path
from gdtrack.models import Indicator
from gdtrack.values import Frozen, frozen

Verdict = Literal["on_course", "at_risk", "unlikely"]
Clock = Literal["days", "schedule", "path"]
Bound = Literal["latest", "zero", "hundred"]


@frozen(slots=True)
class Projection(Frozen):
    """One continuation: from (`since`, `since_value`) to the latest report (`latest`, `latest_value`), its rate
    per clock unit (days, or the schedule's expected gain), and the value it reaches at the due date, `left`
    clock units after the latest report. On the `path` clock the rate is 1: the value moves as the path does."""

    since: dt.date
    since_value: float
    latest: dt.date
    latest_value: float
    span: float  # clock units between the two points
    rate: float  # (latest_value − since_value) ÷ span: per day, or per unit of the schedule's expected gain
    left: float  # clock units from the latest report to the due date
    value: float  # where it leads, before the range's bounds and rounding
    clock: Clock = "days"


@frozen(slots=True)
class Forecast(Frozen):
    """The projected value at the due date as a range (low ≤ high), the verdict it implies, and how it was made:
    the two continuations, the bounds that held them in the goal's range, whether it was rounded to whole
    numbers."""

    low: float
    high: float
    verdict: Verdict
    target: float
    due: dt.date
    recent: Projection
    average: Projection
    shortfall: float  # how far the better end falls short of the goal, as a share of it (0: it meets)
    bounded: tuple[Bound, ...] = ()  # the bounds that moved an end: latest (a total does not fall), zero, hundred
    whole: bool = False  # rounded to whole numbers (a count unit)

    @property
    def projections(self) -> tuple[Projection, Projection]:
        return self.recent, self.average

    @property
    def clocks(self) -> tuple[Clock, ...]:
        """The clocks the continuations ran on, each once, recent's first."""
        return tuple(dict.fromkeys(p.clock for p in self.projections))


def forecast(result: Result) -> Forecast | None:
    """The goal's year-end forecast from its figures up to the query date (to its due date: an approved extension's
    date where there is one), or None where one cannot be made (a closed goal has none)."""
    ind = result.indicator
    if ind.comparator not in (">=", "<=", "==") or ind.target is None or result.query >= result.due \
            or result.closed is not None:  # a closed goal (销号) has no year-end ahead of it
        return None
    start = None if result.start is None else result.start.value
    origin = start if ind.is_level else 0.0
    if origin is None:
        return None
    figures: dict[dt.date, float] = {}
    for o in result.used:
        if isinstance(o.value, int | float) and not isinstance(o.value, bool):
            figures[o.as_of] = float(o.value)  # a later figure of the same date wins, as in the engine
    if len(figures) < 2:
        return None
    (d1, v1), (d2, v2) = sorted(figures.items())[-2:]
    zero_day = _zero_day(result)
    days = _days(zero_day)
    on_path = _clock(result, origin, zero_day)

    def projection(since: dt.date, since_value: float) -> Projection:
        if on_path is not None:
            at, path = on_path
            span, left = at(d2) - at(since), at(result.due) - at(d2)
            if left > EPSILON and span > EPSILON:
                rate = (v2 - since_value) / span
                return Projection(since, since_value, d2, v2, span, rate, left, v2 + rate * left, "schedule")
            if left > EPSILON:  # the path stood still over the span: follow it, keeping the distance
                moved = path(result.due) - path(d2)
                return Projection(since, since_value, d2, v2, span, 1.0, moved, v2 + moved, "path")
        span, left = days(d2) - days(since), days(result.due) - days(d2)
        rate = (v2 - since_value) / span if span > EPSILON else 0.0
        return Projection(since, since_value, d2, v2, span, rate, left, v2 + rate * left, "days")

    recent, average = projection(d1, v1), projection(zero_day, origin)
    (low, high), bounded = _bounded(ind, sorted((recent.value, average.value)), v2, [origin, *figures.values()])
    whole = ind.counted
    if whole:
        low, high = math.floor(low + 0.5), math.floor(high + 0.5)
    t = ind.target
    worse, better = (high, low) if ind.comparator == "<=" else (low, high)
    verdict: Verdict = ("on_course" if meets(ind.comparator, worse, t) else
                        "at_risk" if meets(ind.comparator, better, t) else "unlikely")
    share = completion(ind, better, start).value
    shortfall = 0.0 if share is None else max(1.0 - share, 0.0)
    return Forecast(low, high, verdict, t, result.due, recent, average, shortfall, bounded, whole)


def _bounded(ind: Indicator, ends: list[float], latest: float, values: list[float]) -> tuple[tuple[float, float],
                                                                                             tuple[Bound, ...]]:
    """The two ends held within the goal's possible range, and the bounds that moved one."""
    t = ind.target or 0.0
    floor, ceiling, why_floor = None, None, None
    if not ind.is_level:
        floor, why_floor = latest, "latest"  # a total since the start of the period does not fall
    elif min(values) >= 0 and t >= 0:
        floor, why_floor = 0.0, "zero"
    if ind.unit == "%" and min(values) >= 0 and max([*values, t]) <= 100:
        ceiling = 100.0
    bounded: list[Bound] = []
    out = []
    for v in ends:
        if floor is not None and v < floor - EPSILON:
            v = floor
            bounded.append(why_floor)  # type: ignore[arg-type]
        if ceiling is not None and v > ceiling + EPSILON:
            v = ceiling
            bounded.append("hundred")
        out.append(v)
    return (out[0], out[1]), tuple(dict.fromkeys(bounded))


def _zero_day(result: Result) -> dt.date:
    """The day before the plan starts: where a cumulative total is 0 and a level is at its start value."""
    return result.query - dt.timedelta(days=result.pace.days)


def _days(zero_day: dt.date) -> Callable[[dt.date], float]:
    return lambda day: float((day - zero_day).days)


def _clock(result: Result, origin: float, zero_day: dt.date):
    """For a goal with a schedule: time as the schedule's expected gain from the origin, and the path itself (as
    the engine draws it); None without one."""
    ind = result.indicator
    if not ind.schedule:
        return None
    points = schedule_path(ind, zero_day, result.due, origin)
    sign = -1.0 if (ind.target or 0.0) < origin else 1.0
    return (lambda day: sign * (path_value(points, day) - origin)), (lambda day: path_value(points, day))
