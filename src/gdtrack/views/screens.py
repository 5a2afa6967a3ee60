"""What each read command prints, whole, from the run's one snapshot (gdtrack.engine.snapshot): the headline and
table of `status`, `lagging` and `units`, `explain`, `history`, the 督办清单 and the 催报 messages, in the format
asked for. The CLI makes one call here per command; nothing here evaluates."""

from __future__ import annotations

import sys
from typing import Any

from gdtrack.engine.snapshot import Snapshot
from gdtrack.views.output import emit_grid, emit_json, emit_lines
from gdtrack.views.status import plan_json
from gdtrack.words import Lang, word


def emit_view(grid, fmt: str, head: list[str]) -> None:
    """A table in `fmt` under its headline: the plan, the date, the figures it rests on (JSON carries them as keys)."""
    if fmt == "table":
        emit_lines([*head, ""])
    emit_grid(grid, fmt, head if fmt in ("markdown", "csv") else ())


def status_screen(snap: Snapshot, fmt: str, by: str, lang: Lang, skipped: dict[str, str], carried: list) -> None:
    """`status`: each goal (or task, chapter, unit) against 序时进度, with its forecast; earlier plans' open goals."""
    from gdtrack.views.carried import carried_json, emit_carried
    from gdtrack.views.status import headline, indicators_grid, rollup_grid, status_json
    from gdtrack.views.supervision import forecast_json, histories_json, with_forecast

    ev, forecasts = snap.shown, snap.forecasts
    if fmt == "json":
        history_of = histories_json(snap.history)
        data = status_json(ev, skipped=skipped, sample=snap.sample, extra=lambda r: {  # each row as it is written
            "history": history_of(r.id), "forecast": forecast_json(forecasts[r.id])})
        emit_json(data | ({"carried": carried_json(carried)} if carried else {}))
        return
    if by == "indicator":
        grid = with_forecast(indicators_grid(ev.results, lang), ev.results, forecasts, lang)
    else:
        grid = rollup_grid({"task": ev.tasks, "chapter": ev.chapters, "unit": ev.units}[by](), lang, by)
    emit_view(grid, fmt, headline(ev, lang, skipped, snap.unread, snap.sample))
    if carried and fmt != "csv":
        emit_carried(carried, fmt, lang)


def lagging_screen(snap: Snapshot, fmt: str, by_shortfall: bool, lang: Lang, skipped: dict[str, str]) -> None:
    """`lagging`: 滞后事项, worst gap first (or largest projected shortfall), with the forecasts."""
    from gdtrack.engine.evaluation import lagging
    from gdtrack.engine.supervision import by_shortfall as shortfall_order
    from gdtrack.views.status import headline, lagging_grid, lagging_json
    from gdtrack.views.supervision import forecast_json, with_forecast

    ev, forecasts = snap.shown, snap.forecasts
    items = lagging(ev.results)
    if by_shortfall:
        items = shortfall_order(items, forecasts)
    if fmt == "json":
        data = lagging_json(ev, items, skipped, snap.sample)
        for row in data["indicators"]:
            row["forecast"] = forecast_json(forecasts[row["id"]])
        emit_json(data)
        return
    grid = with_forecast(lagging_grid(items, lang), items, forecasts, lang)
    emit_view(grid, fmt, headline(ev, lang, skipped, snap.unread, snap.sample))


def units_screen(snap: Snapshot, fmt: str, lang: Lang, skipped: dict[str, str]) -> None:
    """`units`: each lead unit's reporting and completion."""
    from gdtrack.views.status import headline, timeliness_json, timeliness_line, units_grid, units_json

    if fmt == "json":
        emit_json(units_json(snap.shown, skipped, snap.sample) | timeliness_json(snap.timeliness))
        return

    arrivals = snap.timeliness
    head = headline(snap.shown, lang, skipped, snap.unread, snap.sample)
    if (line := timeliness_line(arrivals, snap.catalogue, lang)) is not None:
        head.append(line)
    emit_view(units_grid(snap.shown.units(), lang, arrivals), fmt, head)


def explain_screen(snap: Snapshot, indicator_id: str, lang: Lang) -> None:
    """`explain`: how one goal's status was reached, then its forecast's arithmetic."""
    from gdtrack.engine.evidence import by_goal, filed
    from gdtrack.views.evidence import explain_lines as evidence_lines
    from gdtrack.views.status import explain_lines
    from gdtrack.views.supervision import forecast_lines

    result = snap.result(indicator_id)
    emit_lines(explain_lines(result, lang) + evidence_lines(by_goal(filed(snap.files, snap.query)).get(
        result.id, []), lang))
    if result.indicator.comparator in (">=", "<=", "=="):
        emit_lines(["", *forecast_lines(snap.forecasts[result.id], result, lang)])


def history_screen(snap: Snapshot, indicator_id: str, fmt: str, lang: Lang, changes: list | None) -> None:
    """`history`: the goal's figures against the pace line, its status at each period end and its level; with
    `changes`, each git revision of its figures."""
    from gdtrack.engine.bulletin import trajectory
    from gdtrack.views.history import history_json, history_lines
    from gdtrack.views.revisions import revisions_grid, revisions_json
    from gdtrack.views.supervision import emit_period_row, escalation_line
    from gdtrack.views.supervision import history_json as periods_json

    result = snap.result(indicator_id)
    points, periods = trajectory(snap.catalogue, result), snap.history.of(result.id)
    if fmt == "json":
        extra: dict[str, Any] = {} if changes is None else {"revisions": revisions_json(changes)}
        emit_json(plan_json(snap.shown, snap.sample) | history_json(points, result) | {"periods": periods_json(periods)}
                  | extra)
        return
    head, grid, tail = history_lines(points, result, lang)
    blank = head.index("")  # the header, then the status at each period end and the level, then the rest
    emit_lines(head[:blank])
    emit_period_row(periods, snap.catalogue.plan.policy.reporting, lang)
    emit_lines([*escalation_line(snap.escalation(result.id), lang), *head[blank:]])
    if grid is not None:
        emit_grid(grid)
        emit_lines(tail)
    if changes is not None:
        emit_lines(["", word("history.revisions", lang)])
        emit_grid(revisions_grid(changes, lang))


def escalations_screen(snap: Snapshot, fmt: str, lang: Lang) -> None:
    """`escalations`: the 督办清单, by level."""
    from gdtrack.views.supervision import escalation_head, escalations_grid, escalations_json

    escs = snap.escalations
    if fmt == "json":
        emit_json(plan_json(snap.shown, snap.sample) | escalations_json(escs, snap.shown))
        return
    head = escalation_head(escs, snap.shown, lang)
    if not escs:
        emit_lines([*head, "", word("escalation.none", lang)])
        return
    emit_view(escalations_grid(escs, lang), fmt, head)


def scores_screen(snap: Snapshot, fmt: str, lang: Lang) -> None:
    """`scores`: the 考核 ranking; with --unit, that unit's deductions, each with its goal, period and rule."""
    from gdtrack.views.scores import deductions_grid, ranking_grid, scores_head, scores_json, unit_lines

    sc = snap.scores
    if fmt == "json":
        emit_json(plan_json(snap.shown, snap.sample) | {"as_of": snap.query.isoformat()} | scores_json(sc, snap.unit))
        return
    head = scores_head(sc, snap.catalogue, snap.query, lang)
    if snap.sample:
        head.append(word("head.sample", lang))
    chosen = sc.of(snap.unit) if snap.unit else None
    if chosen is None:
        emit_view(ranking_grid(sc, lang), fmt, head)
        return
    emit_view(deductions_grid(chosen, lang), fmt, [*head, *unit_lines(chosen, lang)])


def reminders_screen(snap: Snapshot, fmt: str, lang: Lang) -> None:
    """`remind`: one 催报 message per unit with goals not reported this period."""
    from gdtrack.views.supervision import chased_period_text, reminders_json, reminders_markdown, reminders_text

    rems, period = snap.reminders, chased_period_text(snap.catalogue, snap.query, lang)
    if fmt == "json":
        emit_json(plan_json(snap.shown, snap.sample) | reminders_json(rems, snap.query, lang, period))
    elif fmt == "markdown":
        sys.stdout.write(reminders_markdown(rems, snap.query, lang, period))
    else:
        sys.stdout.write(reminders_text(rems, snap.query, lang, period))


def awaiting_screen(cat: Any, query: Any, reports: list, asks: list, fmt: str, lang: Lang) -> None:
    """`review` without a decision: the reports and the requests for more time that wait for the office."""
    from gdtrack.views.decisions import awaiting_grids, awaiting_json

    if fmt == "json":
        emit_json(awaiting_json(cat, query, reports, asks))
        return
    for i, (grid, head) in enumerate(awaiting_grids(cat, query, reports, asks, lang)):
        if i:
            sys.stdout.write("\n")
        emit_view(grid, fmt, head)
