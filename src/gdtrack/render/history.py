"""One goal over its report dates against the pace line: a table, a terminal chart, JSON."""

from __future__ import annotations

from typing import Any

from ..bulletin import Point
from ..engine import Result
from .catalogue import goal_text, json_number, number
from .grid import Column, Grid
from .labels import MILESTONE_STATE, Lang, status_label, word
from .status import _status_column, pct

BAR = 30


def history_grid(points: list[Point], r: Result, lang: Lang) -> Grid:
    w = lambda k: word(k, lang)  # noqa: E731
    grid = Grid([Column("日期" if lang == "zh" else "date"), Column(w("actual"), "right"),
                 Column(w("completion"), "right"), Column(w("expected"), "right"), _status_column(lang)])
    for p in points:
        grid.add(p.as_of.isoformat(), _value(p.value, r, lang), pct(p.completion), pct(p.expected),
                 status_label(p.status, lang))
    return grid


def history_chart(points: list[Point]) -> list[str]:
    """One bar per report date: █ is completion, │ marks 序时进度 (pace), on a 0–100% scale."""
    lines = []
    for p in points:
        done = 0 if p.completion is None else round(min(max(p.completion, 0.0), 1.0) * BAR)
        cells = ["█"] * done + [" "] * (BAR - done)
        mark = min(round(p.expected * BAR), BAR - 1)
        cells[mark] = "┃" if cells[mark] == "█" else "│"
        lines.append(f"{p.as_of}  {''.join(cells)}  {pct(p.completion):>7} / {pct(p.expected)}")
    return lines


def history_json(points: list[Point], r: Result) -> dict[str, Any]:
    ind = r.indicator
    return {
        "id": ind.id, "name": ind.name, "owner": r.owner, "comparator": ind.comparator,
        "target": json_number(ind.target), "unit": ind.unit, "due": r.due.isoformat(),
        "points": [{"as_of": p.as_of.isoformat(), "value": json_number(p.value),
                    "completion": None if p.completion is None else round(p.completion, 4),
                    "expected": round(p.expected, 4), "status": p.status} for p in points],
    }


def history_header(r: Result, lang: Lang) -> list[str]:
    ind = r.indicator
    if lang == "zh":
        return [f"指标 {ind.id}　{ind.name}（{r.owner}）", f"目标 {goal_text(ind)}　截止 {r.due}", ""]
    return [f"Indicator {ind.id}  {ind.name} ({r.owner})", f"goal {goal_text(ind)}  due {r.due}", ""]


def _value(value: float | str, r: Result, lang: Lang) -> str:
    if isinstance(value, str):
        return MILESTONE_STATE[lang].get(value, value)
    unit = r.indicator.unit or ""
    return f"{number(value)}{'' if unit == '%' else ' '}{unit}".rstrip()
