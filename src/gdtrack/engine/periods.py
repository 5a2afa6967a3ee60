"""The plan's calendar, pure: 序时进度 (the share of a period elapsed), the reporting periods (months or quarters,
`plan.policy.reporting`), their ends and the day figures are due. The engine, supervision and checks all count
periods here, so a quarter is a quarter everywhere."""

from __future__ import annotations

import calendar
import datetime as dt

from gdtrack.models import Catalogue

# ── 序时进度 and the reporting periods ──────────────────────────────────────────────────────────────


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


def same_period(a: dt.date, b: dt.date, reporting: str) -> bool:
    """Whether two dates fall in one reporting period (a calendar month, or a quarter)."""
    if reporting == "quarter":
        return (a.year, (a.month - 1) // 3) == (b.year, (b.month - 1) // 3)
    return (a.year, a.month) == (b.year, b.month)


def period_start(day: dt.date, reporting: str) -> dt.date:
    """The first day of the reporting period (a calendar month, or a quarter) that `day` falls in."""
    month = (day.month - 1) // 3 * 3 + 1 if reporting == "quarter" else day.month
    return dt.date(day.year, month, 1)


def previous_period_end(day: dt.date, reporting: str) -> dt.date:
    """The last day of the reporting period before the one `day` falls in."""
    return period_start(day, reporting) - dt.timedelta(days=1)


def period_name(day: dt.date, reporting: str) -> str:
    """The reporting period `day` falls in, as data: 2023-11 (a month) or 2023-Q4 (a quarter)."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if reporting == "quarter" else f"{day:%Y-%m}"


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def supervision_start(cat: Catalogue) -> dt.date:
    """The day 督办 starts: `policy.supervision_from`, else the plan's issue date, kept within the plan period. A plan
    issued on 2 August is not chased for January to July."""
    plan = cat.plan
    day = plan.policy.supervision_from or plan.issued
    return min(max(day, plan.period_start), plan.period_end)


def period_ends(cat: Catalogue, query: dt.date) -> list[dt.date]:
    """The plan's period ends (month ends; quarter ends when it reports by quarter) from the end of the period
    supervision starts in (`supervision_start`) up to `query` and up to the plan's end, oldest first."""
    plan = cat.plan
    first = previous_period_end(supervision_start(cat), plan.policy.reporting)
    step = 3 if plan.policy.reporting == "quarter" else 1
    last = min(query, plan.period_end)
    out = []
    year, month = plan.period_start.year, plan.period_start.month
    if step == 3:
        month = (month - 1) // 3 * 3 + 3
    while True:
        end = month_end(year, month)
        if end > last:
            break
        if end > first:
            out.append(end)
        month += step
        if month > 12:
            year, month = year + 1, month - 12
    return out


def period_end(day: dt.date, reporting: str) -> dt.date:
    """The last day of the reporting period `day` falls in."""
    last = (day.month - 1) // 3 * 3 + 3 if reporting == "quarter" else day.month
    return month_end(day.year, last)


def period_deadline(end: dt.date, report_by_day: int | None) -> dt.date:
    """The day the figures of the period ending on `end` are due: `report_by_day` of the month after it (clamped to
    that month's length), else that month's last day. Figures as of 9-30 are due in October."""
    year, month = (end.year + 1, 1) if end.month == 12 else (end.year, end.month + 1)
    last = month_end(year, month)
    return last if report_by_day is None else last.replace(day=min(report_by_day, last.day))


def chased_period(cat: Catalogue, query: dt.date) -> tuple[dt.date, dt.date, dt.date]:
    """The period 催报 asks for on `query` (its first and last day) and the day it is due: the period just closed
    while its deadline is still ahead (on 11-03, October's, due in November), else the running one (on 9-30,
    September's, due in October). The deadline named is always after `query`."""
    policy = cat.plan.policy
    closed = previous_period_end(query, policy.reporting)
    due = period_deadline(closed, policy.report_by_day)
    if closed >= cat.plan.period_start and query < due:
        return period_start(closed, policy.reporting), closed, due
    end = period_end(query, policy.reporting)
    return period_start(query, policy.reporting), end, period_deadline(end, policy.report_by_day)


def deadline(cat: Catalogue, query: dt.date) -> dt.date:
    """The deadline 催报 names on `query` (see chased_period)."""
    return chased_period(cat, query)[2]
