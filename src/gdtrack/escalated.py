"""Escalations (督办 levels) as the Word documents need them: the `Escalation` value and, until the supervision
branch lands, a provisional rule that makes them.

The supervision branch (`gdtrack.supervision`) owns the real rule and the replies; its interface is
`escalations(...) -> list[Escalation]` with these same fields. When it lands, `escalations` below becomes an import
of it and this module keeps only `at_least`; nothing in `render/docx.py` changes.

Provisional rule: a goal's status is taken at each period end of the plan (month ends, or quarter ends when the
plan reports by quarter) up to the query date, and at the query date itself; the periods it has been lagging or
missed in a row, counting back from the query date, give its level: 1 提醒, 2 督办, 3 or more 通报. `behind` and
`no_report` do not count (略滞后 is within the tolerance; a missing figure is 催报's business). No replies yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from .engine import Result, evaluate
from .models import Catalogue, ProgressFile

LEVELS: tuple[str, ...] = ("提醒", "督办", "通报")
"""The levels, mildest first; a goal lagging n periods in a row takes LEVELS[min(n, 3) − 1]."""

PRESSING: tuple[str, ...] = ("lagging", "missed")
"""The statuses that count towards an escalation."""


class Reply(Protocol):
    """A unit's answer to a 督办 (the supervision branch's `Response`): its measures and the date it promised."""

    measures: str
    by: dt.date


@dataclass(frozen=True)
class Escalation:
    result: Result
    level: str  # 提醒 / 督办 / 通报
    periods: int  # consecutive periods lagging or missed, up to the query date
    reply: Reply | None = None
    overdue: bool = False  # a reply whose `by` has passed while the goal still lags


def rank(level: str) -> int:
    """A level's place, mildest first; a level named otherwise (a plan's own names) ranks above the known ones."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def at_least(items: Iterable[Escalation], level: str = "督办") -> list[Escalation]:
    """The escalations at `level` or above, most pressing first (level, then periods, then the goal's gap)."""
    chosen = [e for e in items if rank(e.level) >= rank(level)]
    return sorted(chosen, key=lambda e: (-rank(e.level), -e.periods, (e.result.capped or 0.0) - e.result.expected,
                                         e.result.id))


def period_ends(start: dt.date, query: dt.date, reporting: str = "month") -> list[dt.date]:
    """Month (or quarter) ends from the plan start up to the query date, then the query date if it is not one."""
    ends, year, month = [], start.year, start.month
    while True:
        end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if end > query:
            break
        if reporting != "quarter" or month % 3 == 0:
            ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if not ends or ends[-1] != query:
        ends.append(query)
    return ends


def escalations(cat: Catalogue, files: list[ProgressFile], query: dt.date) -> list[Escalation]:
    """Provisional: the goals lagging or missed at the query date, each with its level by periods in a row."""
    days = period_ends(cat.plan.period_start, query, cat.plan.policy.reporting)
    history = [evaluate(cat, files, d) for d in days]
    out = []
    for r in history[-1].results:
        periods = 0
        for ev in reversed(history):
            if ev.by_id[r.id].status not in PRESSING:
                break
            periods += 1
        if periods:
            out.append(Escalation(r, LEVELS[min(periods, len(LEVELS)) - 1], periods))
    return out
