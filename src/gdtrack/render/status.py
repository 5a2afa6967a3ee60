"""Views of an Evaluation: the headline, the status tables, the lagging list, units, JSON, explain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..engine import STATUSES, Completion, Evaluation, Result, Rollup
from .grid import Column, Grid
from .numbers import (
    NONE,
    amount,
    fraction,
    goal_text,
    json_fraction,
    json_number,
    number,
    percent,
    signed_percent,
    value_text,
)
from .words import Lang, state_label, status_label, word

STATUS_STYLE = {
    "done": "bold green", "on_track": "green", "behind": "yellow", "lagging": "bold red",
    "no_report": "magenta", "no_baseline": "dim",
}
"""Each status's colour in a terminal."""


def status_column(lang: Lang) -> Column:
    """The status column, each label in its status's terminal colour."""
    by_label = {status_label(s, lang): STATUS_STYLE[s] for s in STATUSES}
    return Column(word("col.status", lang), style=by_label.get)


def _col(key: str, lang: Lang, align: str = "left", max_width: int | None = None) -> Column:
    return Column(word(f"col.{key}", lang), align, max_width=max_width)  # type: ignore[arg-type]


def status_counts(summary: dict[str, int], lang: Lang, sep_key: str = "head.counts_sep") -> str:
    """"完成 26  序时推进 47  …": each status with its count."""
    return word(sep_key, lang).join(word("head.count", lang, label=status_label(s, lang), n=n)
                                     for s, n in summary.items())


def headline(ev: Evaluation, lang: Lang, skipped: dict[str, str] | None = None) -> list[str]:
    overall = ev.overall
    lines = [ev.catalogue.plan.title,
             word("head.line", lang, d=ev.query, e=percent(ev.expected), c=percent(overall.completion),
                  r=percent(overall.reporting_rate), a=overall.reported, b=len(overall.results)),
             status_counts(overall.summary, lang)]
    if skipped:
        lines.append(left_out_line(skipped, lang))
    return lines


def left_out_line(skipped: dict[str, str], lang: Lang) -> str:
    """The headline's warning that progress files with errors were not counted."""
    return word("head.left_out", lang, n=len(skipped), files=word("list.sep", lang).join(skipped))


def indicators_grid(results: Sequence[Result], lang: Lang) -> Grid:
    grid = Grid([_col("id", lang), _col("indicator", lang, max_width=20), _col("owner", lang, max_width=20),
                 _col("goal", lang, "right"), _col("actual", lang, "right"), _col("completion", lang, "right"),
                 _col("expected", lang, "right"), _col("gap", lang, "right"), status_column(lang)])
    for r in results:
        grid.add(r.id, r.indicator.name, r.owner or NONE, goal_text(r.indicator, lang),
                 value_text(r.indicator, r.actual, lang), percent(r.completion), percent(r.expected), gap_text(r),
                 status_label(r.status, lang))
    return grid


def gap_text(r: Result) -> str:
    """Completion − expected; not shown for milestones, whose status comes from their state."""
    return NONE if r.indicator.is_milestone else signed_percent(r.gap)


def counts_columns(lang: Lang) -> list[Column]:
    return [Column(status_label(s, lang), "right") for s in STATUSES]


def counts_cells(g: Rollup) -> list[int | str]:
    return [g.summary[s] or "" for s in STATUSES]


def rollup_grid(rollups: Sequence[Rollup], lang: Lang, key: str) -> Grid:
    """Tasks, chapters or units: their completion against pace, status, and counts per status."""
    cols = [_col(key, lang, "right" if key != "unit" else "left")]
    if key != "unit":
        cols.append(_col("title", lang, max_width=24))
    cols += [_col("indicators", lang, "right"), _col("reported", lang, "right"), _col("completion", lang, "right"),
             _col("expected", lang, "right"), status_column(lang), *counts_columns(lang)]
    grid = Grid(cols)
    for g in rollups:
        if not g.results:
            continue
        row: list[Any] = [g.key]
        if key != "unit":
            row.append(g.title)
        row += [len(g.results), g.reported, percent(g.completion), percent(g.expected), status_label(g.status, lang)]
        grid.add(*row, *counts_cells(g))
    return grid


def units_grid(rollups: Sequence[Rollup], lang: Lang) -> Grid:
    grid = Grid([_col("unit", lang), _col("indicators", lang, "right"), _col("reported", lang, "right"),
                 _col("rate", lang, "right"), _col("completion", lang, "right"), _col("latest", lang),
                 *counts_columns(lang)])
    for g in rollups:
        if not g.results:
            continue
        latest = g.latest_report
        grid.add(g.key, len(g.results), g.reported, percent(g.reporting_rate), percent(g.completion),
                 latest.isoformat() if latest else NONE, *counts_cells(g))
    return grid


def lagging_grid(results: Sequence[Result], lang: Lang) -> Grid:
    grid = Grid([_col("id", lang), _col("indicator", lang, max_width=18), _col("owner", lang, max_width=20),
                 _col("completion", lang, "right"), _col("expected", lang, "right"), _col("gap", lang, "right"),
                 _col("needed", lang, "right"), _col("per_month", lang, "right"), status_column(lang),
                 _col("note", lang, max_width=28)])
    for r in results:
        unit = r.indicator.unit
        note = r.latest.note if r.latest and r.latest.note else ""
        grid.add(r.id, r.indicator.name, r.owner or NONE, percent(r.completion), percent(r.expected), gap_text(r),
                 amount(r.remaining, unit, 2), amount(r.per_month, unit, 2), status_label(r.status, lang), note)
    return grid


def status_json(ev: Evaluation, results: Sequence[Result] | None = None,
                skipped: dict[str, str] | None = None) -> dict[str, Any]:
    """The stable JSON contract of `gdtrack status --format json` (see the README).

    `ev` is the evaluation as filtered (Evaluation.only); `results` the indicators listed (default: all of `ev`'s),
    and the tasks and units shown are those holding one of them, rolled up over `ev`'s indicators.
    """
    results = ev.results if results is None else results
    chosen = {r.id for r in results}
    overall = Rollup("all", "", tuple(results))
    return {
        "as_of": ev.query.isoformat(),
        "expected": json_fraction(ev.expected),
        "completion": json_fraction(overall.completion),
        "summary": overall.summary,
        "indicators": [
            {
                "id": r.id, "task": r.task.id, "owner": r.owner, "comparator": r.indicator.comparator,
                "target": json_number(r.indicator.target), "unit": r.indicator.unit,
                "baseline": json_number(r.indicator.baseline), "actual": json_number(r.actual),
                "completion": json_fraction(r.completion), "expected": json_fraction(r.expected), "status": r.status,
            }
            for r in results
        ],
        "tasks": [{"id": g.key, "status": g.status, "completion": json_fraction(g.completion)}
                  for g in ev.tasks() if g.results and any(r.id in chosen for r in g.results)],
        "units": [{"name": g.key, "indicators": len(g.results), "reported": g.reported, "summary": g.summary}
                  for g in ev.units() if g.results and any(r.id in chosen for r in g.results)],
        "left_out": dict(skipped or {}),
    }


def lagging_json(ev: Evaluation, items: Sequence[Result], skipped: dict[str, str] | None = None) -> dict[str, Any]:
    """`gdtrack lagging --format json`: the status contract for the lagging goals, each with what is still needed."""
    data = status_json(ev, items, skipped)
    for row, r in zip(data["indicators"], items, strict=True):
        row |= {"gap": json_fraction(r.gap), "still_needed": r.remaining, "per_month": json_fraction(r.per_month),
                "note": r.latest.note if r.latest else None}
    return data


# ── explain ────────────────────────────────────────────────────────────────────────────────────

def formula_text(c: Completion | None, lang: Lang) -> str:
    """The completion's calculation with its figures, as the engine made it."""
    if c is None or c.value is None:
        return word("formula.none", lang)
    if c.rule == "milestone":
        if c.actual == "done":
            return word("formula.milestone_done", lang)
        return word("formula.milestone_open", lang, state=c.actual)
    return word(f"formula.{c.rule}", lang, a=number(c.actual), t=number(c.target),  # type: ignore[arg-type]
                b=number(c.baseline), c=fraction(c.value))


def explain_lines(r: Result, lang: Lang) -> list[str]:
    ind = r.indicator
    lines = [
        word("explain.indicator", lang, id=ind.id, name=ind.name, task=r.task.id, title=r.task.title),
        word("explain.owner", lang, owner=r.owner),
        word("explain.goal", lang, goal=goal_text(ind, lang), stretch=word("goal.stretch", lang) if ind.stretch else "",
             due=r.due),
        word("explain.quote", lang, quote=ind.quote),
        word("explain.baseline", lang, baseline=number(ind.baseline) or NONE),
        "",
        word("explain.reports", lang, d=r.query),
    ]
    if not r.used and not r.ignored:
        lines.append(word("explain.none", lang))
    sep = word("explain.extra_sep", lang)
    for o in r.used:
        mark = word("explain.used", lang) if o is r.latest else ""
        extra = sep.join(x for x in (o.note, o.evidence and f"[{o.evidence}]") if x)
        lines.append(f"  {o.as_of}  {_value(o.value, lang):>10}  {o.unit}  {extra}{mark}")
    for o in r.ignored:
        lines.append(f"  {o.as_of}  {_value(o.value, lang):>10}  {o.unit}  " + word("explain.ignored", lang))
    floor = max(r.expected - r.tolerance, 0)
    lines += [
        "",
        word("explain.actual", lang, actual=value_text(ind, r.actual, lang))
        + (word("explain.reported_on", lang, d=r.latest.as_of) if r.latest else ""),
        word("explain.expected", lang, a=r.days_elapsed, b=r.days_total, e=fraction(r.expected))
        + word("explain.expected_why", lang, a=r.days_elapsed, b=r.days_total, due=r.due),
        word("explain.completion", lang, formula=formula_text(r.calculation, lang)),
        word("explain.thresholds", lang, e=fraction(r.expected), t=f"{r.tolerance:.2f}", floor=fraction(floor)),
        word("explain.rule", lang, rule=word(f"rule.{r.rule}", lang)),
        word("explain.status", lang, status=status_label(r.status, lang)),
    ]
    if r.remaining is not None and r.status != "done":
        per = "" if r.per_month is None else word("explain.per_month", lang, amount=amount(r.per_month, ind.unit, 2))
        lines.append(word("explain.needed", lang, needed=amount(r.remaining, ind.unit, 2)) + per)
    return lines


def _value(value: float | str, lang: Lang) -> str:
    """A value in the list of reports: a bare number, or a milestone's state in words."""
    if isinstance(value, str):
        return state_label(value, lang)
    return number(value)
