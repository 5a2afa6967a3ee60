"""Views of the catalogue itself: the task list and one task with its indicators."""

from __future__ import annotations

from typing import Any

from gdtrack.models import Catalogue, Indicator, Task, plain_data
from gdtrack.views.grid import Column, Grid
from gdtrack.views.numbers import goal_text, json_number
from gdtrack.words import Lang, word


def tasks_grid(tasks: list[Task], lang: Lang = "zh") -> Grid:
    grid = Grid([Column(word("col.task", lang), "right", priority=9),
                 Column(word("col.chapter", lang), "right", priority=4),
                 Column(word("col.title", lang), max_width=24, priority=9),
                 Column(word("col.lead_units", lang), max_width=40, priority=6),
                 Column(word("col.indicator", lang), "right")], lang=lang)
    for t in tasks:
        grid.add(t.id, t.chapter, t.title, word("list.sep", lang).join(t.lead_units) or "—", len(t.indicators))
    return grid


def tasks_json(tasks: list[Task]) -> list[dict[str, Any]]:
    return [
        {"id": t.id, "chapter": t.chapter, "title": t.title, "lead_units": t.lead_units,
         "indicators": [i.id for i in t.indicators]}
        for t in tasks
    ]


def indicator_json(cat: Catalogue, task: Task, ind: Indicator) -> dict[str, Any]:
    data = plain_data(ind, dates=True, drop_none=True)
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


def indicators_grid(cat: Catalogue, task: Task, lang: Lang = "zh") -> Grid:
    w = lambda k: word(f"col.{k}", lang)  # noqa: E731
    grid = Grid([Column(w("id"), priority=9), Column(w("indicator"), max_width=18, priority=9),
                 Column(w("goal"), "right", priority=7), Column(w("due"), priority=4),
                 Column(w("owner"), max_width=16, priority=6, clip="middle", min_width=16),
                 Column(w("quote"), max_width=36, priority=1)], lang=lang)
    for ind in task.indicators:
        name = ind.name + (word("goal.stretch", lang) if ind.stretch else "")
        grid.add(ind.id, name, goal_text(ind, lang), cat.due(ind).isoformat(), cat.owner(task, ind), ind.quote)
    return grid


def task_header(cat: Catalogue, task: Task, lang: Lang = "zh") -> list[str]:
    chapter = next((c for c in cat.chapters if c.number == task.chapter), None)
    return [
        word("show.task", lang, id=task.id, title=task.title),
        word("show.chapter", lang, n=task.chapter, title=chapter.title if chapter else "?"),
        word("show.leads", lang, units=word("list.sep", lang).join(task.lead_units) or word("show.no_leads", lang)),
        "",
        task.text,
    ]


def show_task(cat: Catalogue, task: Task, lang: Lang = "zh") -> None:
    """`show`: the task's header, then its indicators (or a line saying it has none)."""
    from gdtrack.views.output import emit_grid, emit_lines

    emit_lines([*task_header(cat, task, lang), ""])
    if task.indicators:
        emit_grid(indicators_grid(cat, task, lang))
    else:
        emit_lines([word("show.no_indicators", lang)])
