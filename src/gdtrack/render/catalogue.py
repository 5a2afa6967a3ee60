"""Views of the catalogue itself: the task list and one task with its indicators."""

from __future__ import annotations

from typing import Any

from ..models import Catalogue, Indicator, Task
from .grid import Column, Grid

COMPARATOR_WORDS = {">=": "≥", "<=": "≤", "==": "=", "delta_pct": "提高", "delta_pp": "提升"}


def number(value: float | int | None) -> str:
    """12 → "12", 0.5 → "0.5", 1110.0 → "1110", None → ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def json_number(value: float | str | None) -> float | int | str | None:
    """Whole numbers as JSON integers (30, not 30.0)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def goal_text(ind: Indicator) -> str:
    """How a goal reads in a table: ≥ 12 家, ≤ 0 户, 提高 10%, 提升 5 个百分点, 里程碑."""
    if ind.comparator == "milestone":
        return "完成（里程碑）"
    if ind.comparator == "delta_pct":
        return f"提高 {number(ind.target)}%"
    if ind.comparator == "delta_pp":
        return f"提升 {number(ind.target)} 个百分点"
    unit = ind.unit or ""
    sep = "" if unit == "%" else " "
    return f"{COMPARATOR_WORDS[ind.comparator]} {number(ind.target)}{sep}{unit}".rstrip()


def tasks_grid(tasks: list[Task]) -> Grid:
    grid = Grid([Column("任务", "right"), Column("章", "right"), Column("标题", max_width=24),
                 Column("牵头单位", max_width=40), Column("指标", "right")])
    for t in tasks:
        grid.add(t.id, t.chapter, t.title, "、".join(t.lead_units) or "—", len(t.indicators))
    return grid


def tasks_json(tasks: list[Task]) -> list[dict[str, Any]]:
    return [
        {"id": t.id, "chapter": t.chapter, "title": t.title, "lead_units": t.lead_units,
         "indicators": [i.id for i in t.indicators]}
        for t in tasks
    ]


def indicator_json(cat: Catalogue, task: Task, ind: Indicator) -> dict[str, Any]:
    data = ind.model_dump(mode="json", exclude_none=True)
    data["due"] = cat.due(ind).isoformat()
    data["owner"] = cat.owner(task, ind)
    data["target"] = json_number(ind.target)
    if ind.baseline is not None:
        data["baseline"] = json_number(ind.baseline)
    if ind.comparator in ("delta_pct", "delta_pp"):
        data.setdefault("baseline", None)
    return data


def task_json(cat: Catalogue, task: Task) -> dict[str, Any]:
    chapter = next((c for c in cat.chapters if c.number == task.chapter), None)
    return {
        "id": task.id,
        "chapter": task.chapter,
        "chapter_title": chapter.title if chapter else None,
        "title": task.title,
        "text": task.text,
        "lead_units": task.lead_units,
        "indicators": [indicator_json(cat, task, i) for i in task.indicators],
    }


def indicators_grid(cat: Catalogue, task: Task) -> Grid:
    grid = Grid([Column("编号"), Column("指标", max_width=18), Column("目标", "right"), Column("截止"),
                 Column("责任单位", max_width=16), Column("原文", max_width=36)])
    for ind in task.indicators:
        name = ind.name + ("（力争）" if ind.stretch else "")
        grid.add(ind.id, name, goal_text(ind), cat.due(ind).isoformat(), cat.owner(task, ind), ind.quote)
    return grid


def task_header(cat: Catalogue, task: Task) -> list[str]:
    chapter = next((c for c in cat.chapters if c.number == task.chapter), None)
    lines = [
        f"任务 {task.id}　{task.title}",
        f"第 {task.chapter} 章　{chapter.title if chapter else '?'}",
        f"牵头单位：{'、'.join(task.lead_units) or '（无）'}",
        "",
        task.text,
    ]
    return lines
