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


def deadline(cat: Catalogue, query: dt.date) -> dt.date:
    """The date this period's figures are due: `report_by_day` of the period's last month (clamped to that
    month's length), else the period's last day."""
    policy = cat.plan.policy
    month = query.month if policy.reporting == "month" else (query.month - 1) // 3 * 3 + 3
    last = month_end(query.year, month)
    if policy.report_by_day is None:
        return last
    return last.replace(day=min(policy.report_by_day, last.day))
