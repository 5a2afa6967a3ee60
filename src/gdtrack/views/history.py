"""One goal over its report dates against the pace line: a table, a terminal chart, JSON."""

from __future__ import annotations

from typing import Any

from gdtrack.engine.bulletin import Point
from gdtrack.engine.evaluation import Result
from gdtrack.views.grid import Column, Grid
from gdtrack.views.numbers import goal_text, json_fraction, json_number, percent, value_text
from gdtrack.views.status import status_column
from gdtrack.words import Lang, status_label, word

BAR = 30


def history_grid(points: list[Point], r: Result, lang: Lang) -> Grid:
    w = lambda k: word(f"col.{k}", lang)  # noqa: E731
    grid = Grid([Column(w("date"), priority=9), Column(w("actual"), "right", priority=6),
                 Column(w("completion"), "right", priority=7), Column(w("expected"), "right", priority=4),
                 status_column(lang)], lang=lang)
    for p in points:
        grid.add(p.as_of.isoformat(), value_text(r.indicator, p.value, lang), percent(p.completion),
                 percent(p.expected), status_label(p.status, lang))
    return grid


def history_chart(points: list[Point]) -> list[str]:
    """One bar per report date: █ is completion, │ marks 序时进度 (pace), on a 0–100% scale."""
    lines = []
    for p in points:
        done = 0 if p.completion is None else round(min(max(p.completion, 0.0), 1.0) * BAR)
        cells = ["█"] * done + [" "] * (BAR - done)
        mark = min(round(p.expected * BAR), BAR - 1)
        cells[mark] = "┃" if cells[mark] == "█" else "│"
        lines.append(f"{p.as_of}  {''.join(cells)}  {percent(p.completion):>7} / {percent(p.expected)}")
    return lines


def history_json(points: list[Point], r: Result) -> dict[str, Any]:
    ind = r.indicator
    return {
        "id": ind.id, "name": ind.name, "owner": r.owner, "comparator": ind.comparator,
        "target": json_number(ind.target), "unit": ind.unit, "due": r.due.isoformat(),
        "points": [{"as_of": p.as_of.isoformat(), "value": json_number(p.value),
                    "completion": json_fraction(p.completion), "expected": json_fraction(p.expected),
                    "status": p.status} for p in points],
    }


def history_header(r: Result, lang: Lang) -> list[str]:
    ind = r.indicator
    return [word("history.indicator", lang, id=ind.id, name=ind.name, owner=r.owner),
            word("history.goal", lang, goal=goal_text(ind, lang), due=r.due), ""]


def history_lines(points: list[Point], r: Result, lang: Lang) -> tuple[list[str], Grid | None, list[str]]:
    """The header, the table (None without reports) and what follows it: the chart and its legend."""
    if not points:
        return [*history_header(r, lang), word("history.none", lang)], None, []
    return history_header(r, lang), history_grid(points, r, lang), ["", *history_chart(points),
                                                                     word("history.legend", lang)]
