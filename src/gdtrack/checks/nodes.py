"""Nodes (节点目标) the plan does not state: their own file, checked against the catalogue and put in place. Pure.

The catalogue holds what the published plan says and nothing else. A goal's dated nodes that its text states stay
in the catalogue (`schedule`/`steps`); with `check --source`, a node there whose month the text does not name is
an error (`node-not-stated`). Every other node lives in the nodes file beside the catalogue (nodes_2023.yaml beside
tasks_2023.yaml): set by the office, or proposed by the goal's unit (`proposed_by`) and counted once the office
approved it (`approved`). `check_nodes` says what is wrong with that file; `apply_nodes` gives the catalogue the
engine evaluates: the plan's goals with the counted nodes in place, each knowing where its nodes came from.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import TypeVar

from gdtrack.diagnostics import Diagnostic, did_you_mean, said
from gdtrack.models import Catalogue, GoalNodes, Indicator, NodesFile, Task

T = TypeVar("T")

CN_MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
YEAR_END = ("年底", "年末", "年内", "全年", "年度")
HALF_YEAR = ("上半年", "年中")
QUARTERS = {3: "一季度", 6: "二季度", 9: "三季度", 12: "四季度"}


def check_nodes(cat: Catalogue, nodes: NodesFile, path: str) -> list[Diagnostic]:
    """Each entry names a goal of this plan once, gives it the kind of nodes its comparator takes, within the
    plan's period and the goal's due date, adds nothing to nodes the plan states, and is proposed by one of the
    task's units; a unit's proposal not yet approved is a warning (it does not count until it is)."""
    out: list[Diagnostic] = []
    if nodes.plan != cat.plan.document_number:
        out.append(said(path, "nodes-plan", "plan", ("plan",), got=nodes.plan, want=cat.plan.document_number))
    ids = sorted(cat.by_id)
    seen: dict[str, int] = {}
    for gi, entry in enumerate(nodes.goals):
        loc = ("goals", gi)
        if entry.goal in seen:
            out.append(said(path, "nodes-duplicate", "goal", (*loc, "goal"), id=entry.goal, first=seen[entry.goal] + 1))
            continue
        seen[entry.goal] = gi
        if entry.goal not in cat.by_id:
            close = did_you_mean(entry.goal, ids)
            out.append(said(path, "nodes-goal", "goal", (*loc, "goal"), hint="close" if close else "goal",
                            id=entry.goal, close=close))
            continue
        task, ind = cat.by_id[entry.goal]
        out += _fits(cat, path, loc, task, ind, entry)
    return out


def _fits(cat: Catalogue, path: str, loc: tuple, task: Task, ind: Indicator, entry: GoalNodes) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if ind.schedule or ind.steps:
        out.append(said(path, "nodes-in-plan", "goal", (*loc, "goal"), id=ind.id, task=task.id))
    if ind.is_milestone and entry.schedule:
        out.append(said(path, "nodes-kind", "milestone", (*loc, "schedule"), id=ind.id))
    elif not ind.is_milestone and entry.steps:
        out.append(said(path, "nodes-kind", "numeric", (*loc, "steps"), id=ind.id))
    due, start = cat.due(ind), cat.plan.period_start
    key = "schedule" if entry.schedule else "steps"
    for ni, node in enumerate(entry.schedule or entry.steps):
        if not start <= node.by <= due:
            out.append(said(path, "nodes-range", "node", (*loc, key, ni, "by"), id=ind.id, by=node.by, start=start,
                            due=due))
    units = {*task.lead_units, Catalogue.owner(task, ind)} - {None}
    if entry.proposed_by is not None and entry.proposed_by not in units:
        out.append(said(path, "nodes-proposer", "unit", (*loc, "proposed_by"), id=ind.id, unit=entry.proposed_by,
                        units="、".join(u for u in task.lead_units)))
    elif not entry.counted:
        out.append(said(path, "nodes-unapproved", "goal", (*loc, "proposed_by"), id=ind.id, unit=entry.proposed_by))
    return out


def apply_nodes(cat: Catalogue, nodes: NodesFile | None) -> Catalogue:
    """The catalogue with each counted entry's nodes on its goal (`Indicator.nodes_set` says they came from the
    file); entries the checks refuse (an unknown goal, the wrong kind, nodes the plan already states) and
    proposals not yet approved change nothing. Without a nodes file, the catalogue itself."""
    if nodes is None:
        return cat
    first: dict[str, GoalNodes] = {}
    for entry in nodes.goals:
        if entry.goal not in first:
            first[entry.goal] = _marked(entry, nodes.sample)
    tasks = []
    for task in cat.tasks:
        indicators = [_with(ind, first.get(ind.id)) for ind in task.indicators]
        changed = any(a is not b for a, b in zip(indicators, task.indicators, strict=True))
        tasks.append(_copy(task, indicators=indicators) if changed else task)
    out = Catalogue(plan=cat.plan, units=cat.units, chapters=cat.chapters, tasks=tasks)
    out._nodes_file = nodes
    return out


def _with(ind: Indicator, entry: GoalNodes | None) -> Indicator:
    if entry is None or not entry.counted or ind.schedule or ind.steps:
        return ind
    if (ind.is_milestone and entry.schedule) or (not ind.is_milestone and entry.steps):
        return ind
    out = _copy(ind, schedule=list(entry.schedule), steps=list(entry.steps))
    out._set = entry
    return out


def _copy(model: T, **changes: object) -> T:
    """A shallow copy of a model with some fields changed, checked no further (its parts are checked already)."""
    out = copy.copy(model)
    for name, value in changes.items():
        setattr(out, name, value)
    return out


def _marked(entry: GoalNodes, sample: bool) -> GoalNodes:
    out = _copy(entry)
    out._sample = sample
    return out


# ── nodes the plan states (check --source) ─────────────────────────────────────────────────────────────


def check_stated(cat: Catalogue, path: str) -> list[Diagnostic]:
    """A node in the catalogue is one the plan's text states: its month (6月, 六月), its quarter (二季度), 上半年
    for 30 June, 年底 for 31 December, or its own date. Any other belongs in the nodes file."""
    out: list[Diagnostic] = []
    for ti, task in enumerate(cat.tasks):
        for ii, ind in enumerate(task.indicators):
            key = "schedule" if ind.schedule else "steps"
            for ni, node in enumerate(ind.schedule or ind.steps):
                if not stated_in(node.by, task.text):
                    out.append(said(path, "node-not-stated", "node", ("tasks", ti, "indicators", ii, key, ni, "by"),
                                    id=ind.id, task=task.id, by=node.by))
    return out


def stated_in(day: dt.date, text: str) -> bool:
    """The text names the date `day` stands for."""
    m = day.month
    months = (f"{m}月", f"{CN_MONTHS[m - 1]}月", f"{day.month}月{day.day}日")
    if any(re.search(rf"(?<![0-9十]){re.escape(w)}", text) for w in months):
        return True
    if m == 12 and day.day == 31 and any(w in text for w in YEAR_END):
        return True
    if (m, day.day) == (6, 30) and any(w in text for w in HALF_YEAR):
        return True
    return QUARTERS.get(m, "\0") in text
