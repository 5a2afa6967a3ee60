"""Escalations (督办 levels) as the Word documents need them: which ones count as "督办 or above", and — until the
supervision branch lands — the `Escalation` value and a stand-in for its `escalations`.

The supervision branch (`gdtrack.supervision`) owns the rule, the policy's level names and the replies; its
interface is `escalations(cat, files, query, unit=None) -> list[Escalation]` with the fields below (and more). When
it lands, `Escalation` and `escalations` here become an import of it, `at_least` takes the policy's level names
(`[e.name for e in cat.plan.policy.escalation]`), and nothing in `render/docx.py` changes.

The stand-in follows the supervision branch's rule with its default levels: a goal's status is taken at each
period end (month ends, or quarter ends when the plan reports by quarter) up to the query date; the run it is in at
the last of them — lagging or missed (kind "lagging"), or not reported (kind "no_report"), each its own kind;
略滞后 and every other status end a run — gives its level: 1 period end 提醒, 2 督办, 3 or more 通报. No replies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from .engine import Result, evaluate
from .models import Catalogue, ProgressFile

LEVELS: tuple[str, ...] = ("提醒", "督办", "通报")
"""The default levels, mildest first: reached after 1, 2 and 3 period ends in a row."""

Kind = Literal["lagging", "no_report"]
KIND_OF: dict[str, Kind] = {"lagging": "lagging", "missed": "lagging", "no_report": "no_report"}
"""The statuses that make a run at a period end, and the kind of run each makes."""


class Reply(Protocol):
    """A unit's answer to a 督办 (the supervision branch's `Response`): its measures and the date it promised."""

    measures: str
    by: dt.date


@dataclass(frozen=True)
class Escalation:
    result: Result  # the goal at the query date
    level: str  # 提醒 / 督办 / 通报 (the plan's names)
    periods: int  # consecutive period ends in the run
    kind: Kind = "lagging"  # lagging (or missed), or not reported
    reply: Reply | None = None
    overdue: bool = False  # a reply whose `by` has passed while the goal still lags


def rank(level: str, names: Sequence[str] = LEVELS) -> int:
    """A level's place among `names`, mildest first; a name not among them ranks above them all."""
    return names.index(level) if level in names else len(names)


def at_least(items: Iterable[Escalation], level: str = LEVELS[1], names: Sequence[str] = LEVELS) -> list[Escalation]:
    """The escalations at `level` or above, most pressing first: lagging before unreported, higher level, longer
    run, then the goal's gap."""
    chosen = [e for e in items if rank(e.level, names) >= rank(level, names)]
    return sorted(chosen, key=lambda e: (e.kind != "lagging", -rank(e.level, names), -e.periods,
                                         (e.result.capped or 0.0) - e.result.expected, e.result.id))


def period_ends(start: dt.date, query: dt.date, reporting: str = "month") -> list[dt.date]:
    """Month ends (quarter ends when the plan reports by quarter) from the plan start up to the query date."""
    ends, year, month = [], start.year, start.month
    while True:
        end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if end > query:
            return ends
        if reporting != "quarter" or month % 3 == 0:
            ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def escalations(cat: Catalogue, files: list[ProgressFile], query: dt.date) -> list[Escalation]:
    """Stand-in until the supervision branch lands: each goal in a run at the last period end, with its level."""
    days = period_ends(cat.plan.period_start, min(query, cat.plan.period_end), cat.plan.policy.reporting)
    if not days:
        return []
    history = [evaluate(cat, files, d) for d in days]
    now = evaluate(cat, files, query)
    out = []
    for r in now.results:
        statuses = [ev.by_id[r.id].status for ev in history]
        kind = KIND_OF.get(statuses[-1])
        if kind is None:
            continue
        periods = 0
        for status in reversed(statuses):
            if KIND_OF.get(status) != kind:
                break
            periods += 1
        out.append(Escalation(r, LEVELS[min(periods, len(LEVELS)) - 1], periods, kind))
    return out
