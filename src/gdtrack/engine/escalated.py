"""Escalations (督办 levels) as the Word documents need them: which ones count as "督办 or above", most pressing first.

The rule, the policy's level names and the replies belong to :mod:`gdtrack.engine.supervision`; this module only orders
and filters its `Escalation` values for the bulletin's table and the 督办单.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gdtrack.engine.supervision import Escalation, escalations
from gdtrack.models import Catalogue

__all__ = ["Escalation", "at_least", "escalations", "level_names", "rank"]


def level_names(cat: Catalogue) -> list[str]:
    """The plan's escalation levels, mildest first (default 提醒, 督办, 通报)."""
    return [e.name for e in cat.plan.policy.escalation]


def rank(level: str, names: Sequence[str]) -> int:
    """A level's place among `names`, mildest first; a name not among them ranks above them all."""
    return names.index(level) if level in names else len(names)


def at_least(items: Iterable[Escalation], level: str, names: Sequence[str]) -> list[Escalation]:
    """The escalations at `level` or above, most pressing first: lagging before unreported, higher level, longer
    run, then the goal's gap."""
    chosen = [e for e in items if rank(e.level, names) >= rank(level, names)]
    return sorted(chosen, key=lambda e: (e.kind != "lagging", -rank(e.level, names), -e.periods,
                                         (e.result.capped or 0.0) - e.result.expected, e.result.id))
