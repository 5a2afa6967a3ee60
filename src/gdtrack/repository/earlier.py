"""Earlier plans of the same data repository, seen from a later one (gdtrack.toml lists them).

- `carried_starts`: an indicator's `baseline_from: "2023:59.1"` becomes a start value, the earlier plan's final
  figure: its owner's latest figure on or before that plan's period end. Resolved here, to numbers, so the engine
  stays pure and takes them as one more ranked source of start values (engine.starts).
- `open_goals`: the earlier plans' goals still open in this plan's period (a 2023—2024 goal due 2024-12-31),
  evaluated on this plan's query date, for `status` to list in a block of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import field
from typing import TYPE_CHECKING

from gdtrack.checks.workspace import Workspace, open_workspace
from gdtrack.diagnostics import Diagnostic, said
from gdtrack.engine.evaluation import Evaluation, Result, Start, evaluate
from gdtrack.files.project import plan_order
from gdtrack.models import Catalogue
from gdtrack.values import Frozen, Value, frozen, record
from gdtrack.words import Message

if TYPE_CHECKING:
    from gdtrack.files.cache import ModelCache
    from gdtrack.files.project import Plan


@record
class Earlier(Value):
    """The plans of the repository (name → Plan; empty without a gdtrack.toml), and the one in use."""

    plans: Mapping[str, Plan]
    this: str | None = None
    cache: ModelCache | None = None
    opened: dict[str, Workspace] = field(default_factory=dict)

    def open(self, name: str) -> Workspace:
        if name not in self.opened:
            plan = self.plans[name]
            self.opened[name] = open_workspace(plan.catalogue, plan.progress, nodes=plan.nodes,
                                                cache=self.cache)
        return self.opened[name]


def carried_starts(cat: Catalogue, path: str, earlier: Earlier) -> tuple[dict[str, Start], list[Diagnostic]]:
    """The start values `baseline_from` names, and a Diagnostic (`baseline-from`) for each that cannot be found."""
    out: dict[str, Start] = {}
    found: list[Diagnostic] = []
    for ti, task in enumerate(cat.tasks):
        for ii, ind in enumerate(task.indicators):
            if ind.baseline_from is None:
                continue
            loc = ("tasks", ti, "indicators", ii, "baseline_from")
            name, key = ind.baseline_from.split(":", 1)
            listed = ", ".join(earlier.plans) or Message("diag.baseline-from.none")
            if name not in earlier.plans:
                found.append(said(path, "baseline-from", "unlisted", loc, id=ind.id, name=name, listed=listed))
                continue
            if name == earlier.this:
                found.append(said(path, "baseline-from", "this_plan", loc, id=ind.id, name=name))
                continue
            ws = earlier.open(name)
            if ws.catalogue is None:
                found.append(said(path, "baseline-from", "unreadable", loc, id=ind.id, name=name))
                continue
            before = ws.catalogue
            if key not in before.by_id:
                found.append(said(path, "baseline-from", "no_indicator", loc, id=ind.id, name=name, key=key))
                continue
            end = before.plan.period_end
            result = evaluate(before, ws.progress, end).by_id[key]
            figure = result.actual
            if not isinstance(figure, int | float):
                found.append(said(path, "no-baseline", "earlier", loc, id=ind.id, name=name, key=key, end=end,
                                  owner=result.owner))
                continue
            out[ind.id] = Start(float(figure), result.owner or name, str(result.reported_on), ind.baseline_from)
    return out, found


@frozen
class Carried(Frozen):
    """An earlier plan's goals still open in this plan's period, as evaluated on this plan's query date."""

    plan: str
    evaluation: Evaluation
    results: list[Result]


def open_goals(cat: Catalogue, query: dt.date, earlier: Earlier, unit: str | None = None) -> list[Carried]:
    """Each earlier plan's goals due after that plan's own end and not before this plan's start, not yet done;
    with `unit`, only those it reports. Plans whose catalogue cannot be read are left out (check says why)."""
    out = []
    for name in sorted(earlier.plans, key=plan_order):
        if earlier.this is None or plan_order(name) >= plan_order(earlier.this):
            continue
        ws = earlier.open(name)
        before = ws.catalogue
        if before is None:
            continue
        ev = evaluate(before, ws.progress, query)
        chosen = [r for r in ev.results if before.plan.period_end < r.due and r.due >= cat.plan.period_start
                  and r.status != "done" and (unit is None or r.owner == unit)]
        if chosen:
            out.append(Carried(name, ev, chosen))
    return out

