"""Year-end forecast (预计完成情况), pure: where a goal's reported trajectory leads by its due date.

Two straight continuations of what was reported, given as a range, not a statistical model:

- **recent** — the rate between the last two reports, continued from the latest report to the due date;
- **average** — the rate from the start of the period (0 for a cumulative total, the start value for a level)
  to the latest report, continued the same way.

`low` and `high` are the worse and the better of the two for the goal (for a ≤ goal a lower figure is better).
Verdict: `on_course` (将完成) when both meet the target, `unlikely` (难以完成) when neither does, else `at_risk`
(有风险). Without a schedule time runs in days (no seasonality). With a schedule (节点目标) time runs along the
schedule's path instead: a rate is "figure per unit of the path's expected gain", so a goal the plan expects to
gather mostly in the fourth quarter is projected to gather mostly then too. Where the path does not move between
the two reports, days are used for both continuations.

A forecast is made for >=, <= and == goals (cumulative or level) with at least two numeric figures on different
dates, a start value where the goal is a level, and a due date after the query date; otherwise there is none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from gdtrack.engine.evaluation import EPSILON, Result, completion, meets, path_value, schedule_path

Verdict = Literal["on_course", "at_risk", "unlikely"]
Clock = Literal["days", "schedule"]


@dataclass(frozen=True, slots=True)
class Projection:
    """One continuation: from (`since`, `since_value`) to the latest report (`latest`, `latest_value`), its rate
    per clock unit (days, or the schedule's expected gain), and the value it reaches at the due date, `left`
    clock units after the latest report."""

    since: dt.date
    since_value: float
    latest: dt.date
    latest_value: float
    span: float  # clock units between the two points
    rate: float  # (latest_value − since_value) ÷ span: per day, or per unit of the schedule's expected gain
    left: float  # clock units from the latest report to the due date
    value: float


@dataclass(frozen=True, slots=True)
class Forecast:
    """The projected value at the due date as a range, the verdict it implies, and how it was made."""

    low: float
    high: float
    verdict: Verdict
    target: float
    due: dt.date
    clock: Clock
    recent: Projection
    average: Projection
    shortfall: float  # how far the better projection falls short of the goal, as a share of it (0: it meets)

    @property
    def projections(self) -> tuple[Projection, Projection]:
        return self.recent, self.average


def forecast(result: Result) -> Forecast | None:
    """The goal's year-end forecast from its figures up to the query date, or None where one cannot be made."""
    ind = result.indicator
    if ind.comparator not in (">=", "<=", "==") or ind.target is None or result.query >= result.due:
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
    clock, at = _clock(result, origin, zero_day)
    if at(d2) - at(d1) <= EPSILON:
        clock, at = "days", _days(zero_day)
    left = at(result.due) - at(d2)

    def projection(since: dt.date, since_value: float) -> Projection:
        span = at(d2) - at(since)
        rate = (v2 - since_value) / span if span > EPSILON else 0.0
        return Projection(since, since_value, d2, v2, span, rate, left, v2 + rate * left)

    recent, average = projection(d1, v1), projection(zero_day, origin)
    values = (recent.value, average.value)
    low, high = (max(values), min(values)) if ind.comparator == "<=" else (min(values), max(values))
    t = ind.target
    verdict: Verdict = ("on_course" if meets(ind.comparator, low, t) else
                        "at_risk" if meets(ind.comparator, high, t) else "unlikely")
    share = completion(ind, high, start).value
    shortfall = 0.0 if share is None else max(1.0 - share, 0.0)
    return Forecast(low, high, verdict, t, result.due, clock, recent, average, shortfall)


def _zero_day(result: Result) -> dt.date:
    """The day before the plan starts: where a cumulative total is 0 and a level is at its start value."""
    return result.query - dt.timedelta(days=result.pace.days)


def _days(zero_day: dt.date):
    return lambda day: float((day - zero_day).days)


def _clock(result: Result, origin: float, zero_day: dt.date):
    """Time as days, or as the schedule's expected gain from the origin (its path, as the engine draws it)."""
    ind = result.indicator
    if not ind.schedule:
        return "days", _days(zero_day)
    points = schedule_path(ind, zero_day, result.due, origin)
    sign = -1.0 if (ind.target or 0.0) < origin else 1.0
    return "schedule", lambda day: sign * (path_value(points, day) - origin)
