"""Views of an Evaluation: the headline, the status tables, the lagging list, units, JSON, explain."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from gdtrack.engine.evaluation import STATUSES, Completion, Evaluation, Result, Rollup
from gdtrack.views.decisions import goal_marks, office_lines
from gdtrack.views.grid import Align, Clip, Column, Grid
from gdtrack.views.numbers import (
    NONE,
    amount,
    fraction,
    goal_text,
    json_fraction,
    json_number,
    number,
    percent,
    signed_points,
    value_text,
)
from gdtrack.views.output import Lazy
from gdtrack.words import Lang, state_label, status_label, word

STATUS_STYLE = {
    "done": "bold green", "on_track": "green", "behind": "yellow", "lagging": "bold red", "missed": "reverse red",
    "no_report": "magenta", "no_baseline": "dim", "unread": "reverse magenta",
}
"""Each status's colour in a terminal."""


def counted(group: Rollup, lang: Lang, key: str = "count.goals") -> str:
    """What a roll-up's completion is a mean of: "按 119 项指标，未报送的 10 项计 0" (the clause only when some are)."""
    zero = group.unreported
    return word(f"{key}_zero" if zero else key, lang, k=group.quantified, u=zero)


MARKS = " · "
"""Between a status and what the office decided on the goal (status_cell)."""


def status_column(lang: Lang) -> Column:
    """The status column, each label in its status's terminal colour."""
    by_label = {status_label(s, lang): STATUS_STYLE[s] for s in STATUSES}
    return Column(word("col.status", lang), style=lambda cell: by_label.get(cell.split(MARKS)[0]), priority=9)


def owner_column(lang: Lang) -> Column:
    """The owner column: a long unit name keeps its start and its distinguishing end (…商务服务部)."""
    return _col("owner", lang, max_width=20, priority=6, clip="middle", min_width=16)


def _col(key: str, lang: Lang, align: Align = "left", max_width: int | None = None, priority: int = 5,
         clip: Clip = "end", min_width: int | None = None) -> Column:
    return Column(word(f"col.{key}", lang), align, max_width=max_width, priority=priority, clip=clip,
                  min_width=min_width)


def status_counts(summary: dict[str, int], lang: Lang, sep_key: str = "head.counts_sep") -> str:
    """"完成 26  序时推进 47  …": each status with its count."""
    return word(sep_key, lang).join(word("head.count", lang, label=status_label(s, lang), n=n)
                                     for s, n in summary.items() if n or s != "unread")


def tasks_line(ev: Evaluation, lang: Lang, style: str) -> str:
    """By task (`style` md or docx): how many tasks stand at each status — a task as far as its worst goal — and
    how many have no goal to follow."""
    summary, without = ev.task_summary()
    n = sum(summary.values())
    counts = word(f"{style}.task_sep", lang).join(
        word(f"{style}.task_count", lang, label=status_label(s, lang), n=k) for s, k in summary.items() if k)
    line = word(f"{style}.tasks", lang, n=n + without, counts=counts)
    rest = word(f"{style}.tasks_without", lang, m=without) if without else ""
    return line + rest + word(f"{style}.tasks_end", lang)


def headline(ev: Evaluation, lang: Lang, skipped: dict[str, str] | None = None,
             unread: tuple[str, ...] = (), sample: bool = False) -> list[str]:
    """The plan's title; the date, 序时进度 and the share done or on pace; the roll-up completion and what it is a
    mean of, and this period's 报送率; the count per status; whether the figures are samples; and which files were
    left out, if any."""
    o = ev.overall
    n = len(o.results)
    lines = [ev.catalogue.plan.title,
             word("head.line", lang, d=ev.query, e=percent(ev.expected), ok=o.on_pace, n=n,
                  share=percent(o.on_pace / n if n else None)),
             word("head.line2", lang, c=percent(o.completion), counted=counted(o, lang),
                  r=percent(o.reporting_rate),
                  a=o.current, b=n),
             status_counts(o.summary, lang)]
    if sample:
        lines.append(word("head.sample", lang))
    if pending := ev.catalogue.pending:
        lines.append(word("head.pending", lang, n=len(pending)))
    if skipped:
        lines.append(left_out_line(skipped, lang, unread))
    return lines + office_lines(ev, lang)


def left_out_line(skipped: dict[str, str], lang: Lang, unread: tuple[str, ...] = ()) -> str:
    """The headline's warning that progress files with errors were not counted, and whose data is missing."""
    line = word("head.left_out", lang, n=len(skipped), files=word("list.sep", lang).join(skipped))
    if unread:
        line += " " + word("head.partial_units", lang, units=word("list.sep", lang).join(unread))
    return line


def actual_text(r: Result, lang: Lang) -> str:
    """The figure taken, marked with its month when it was not reported this period."""
    text = value_text(r.indicator, r.actual, lang)
    if r.stale and r.reported_on is not None:
        text += word("stale.mark", lang, ym=f"{r.reported_on:%Y-%m}")
    return text


def indicators_grid(results: Sequence[Result], lang: Lang) -> Grid:
    grid = Grid([_col("id", lang, priority=9), _col("indicator", lang, max_width=20, priority=9),
                 owner_column(lang), _col("goal", lang, "right"),
                 _col("actual", lang, "right", priority=4), _col("completion", lang, "right", priority=7),
                 _col("expected", lang, "right", priority=2), _col("gap", lang, "right", priority=3),
                 status_column(lang)], lang=lang)
    for r in results:
        grid.add(r.id, r.indicator.name, r.owner or NONE, goal_text(r.indicator, lang), actual_text(r, lang),
                 percent(r.completion), percent(r.expected), gap_text(r), status_cell(r, lang))
    return grid


def status_cell(r: Result, lang: Lang) -> str:
    """A goal's status with what the office decided beside it: 已销号, an approved or asked-for extension."""
    marks = goal_marks(r, lang)
    label = status_label(r.status, lang)
    return MARKS.join([label, *marks])


def gap_text(r: Result) -> str:
    """Completion − expected in percentage points ("-4.8"; the column says 百分点 / pp); "—" where there is no
    completion (milestones without steps, missing baselines). One rule for every view: a stepped milestone's gap
    is its steps reached against its steps due, like any completion."""
    return signed_points(r.gap)


def shown_statuses(groups: Sequence[Rollup]) -> tuple[str, ...]:
    """The statuses a table counts: all of them, but 数据未能读取 only where some goal is."""
    unread = any(g.summary["unread"] for g in groups)
    return tuple(s for s in STATUSES if s != "unread" or unread)


def counts_columns(lang: Lang, statuses: Sequence[str] = STATUSES) -> list[Column]:
    return [Column(status_label(s, lang), "right", priority=2) for s in statuses]


def counts_cells(g: Rollup, statuses: Sequence[str] = STATUSES) -> list[int | str]:
    return [g.summary[s] or "" for s in statuses]


def rollup_grid(rollups: Sequence[Rollup], lang: Lang, key: str) -> Grid:
    """Tasks, chapters or units: their completion against pace, status, and counts per status."""
    cols = [_col(key, lang, "right" if key != "unit" else "left", priority=9)]
    if key != "unit":
        cols.append(_col("title", lang, max_width=24, priority=9))
    worst, shown = status_column(lang), shown_statuses(rollups)
    cols += [_col("indicators", lang, "right"), _col("reported", lang, "right", priority=4),
             _col("completion", lang, "right", priority=7), _col("expected", lang, "right", priority=3),
             Column(word("head.worst", lang), style=worst.style, priority=9), *counts_columns(lang, shown)]
    grid = Grid(cols, lang=lang)
    for g in rollups:
        if not g.results:
            continue
        row: list[Any] = [g.key]
        if key != "unit":
            row.append(g.title)
        row += [len(g.results), g.reported, percent(g.completion), percent(g.expected), status_label(g.status, lang)]
        grid.add(*row, *counts_cells(g, shown))
    return grid


def units_grid(rollups: Sequence[Rollup], lang: Lang, arrivals: dict | None = None) -> Grid:
    """Each unit: its indicators, those with a figure, those current this period and the 报送率 they make, the mean
    completion, its latest report date, the count per status, and (`arrivals`, engine.timeliness) the share of due
    periods reported and reported by the deadline."""
    shown = shown_statuses(rollups)
    arrivals = arrivals or {}
    grid = Grid([_col("unit", lang, priority=9), _col("indicators", lang, "right"),
                 _col("reported", lang, "right", priority=4), _col("current", lang, "right"),
                 _col("rate", lang, "right", priority=7), _col("completion", lang, "right", priority=7),
                 _col("latest", lang, priority=3), *counts_columns(lang, shown),
                 *([_col("periods_rate", lang, "right", priority=6), _col("on_time", lang, "right", priority=6)]
                   if arrivals else [])], lang=lang)
    for g in rollups:
        if not g.results:
            continue
        latest = g.latest_report
        t = arrivals.get(g.key)
        grid.add(g.key, len(g.results), g.reported, g.current, percent(g.reporting_rate), percent(g.completion),
                 latest.isoformat() if latest else NONE, *counts_cells(g, shown),
                 *([percent(t.completeness) if t else NONE, percent(t.timeliness) if t else NONE] if arrivals else []))
    return grid


def timeliness_json(arrivals: dict) -> dict[str, Any]:
    """Each unit's due periods: received, on time, late, unknown (engine.timeliness), and the two rates."""
    return {"timeliness": [
        {"unit": t.unit, "completeness": json_fraction(t.completeness), "timeliness": json_fraction(t.timeliness),
         "periods": [{"period_end": p.period_end.isoformat(), "deadline": p.deadline.isoformat(), "arrival": p.arrival,
                      "submitted": p.submitted.isoformat() if p.submitted else None, "source": p.source}
                     for p in t.periods]}
        for t in arrivals.values()]}


def timeliness_line(arrivals: dict, cat, lang: Lang) -> str | None:
    """What 报送率（期） and 及时率 count: the due periods, the deadline rule, the reports without their day."""
    due = max((t.due for t in arrivals.values()), default=0)
    if not due:
        return None
    day = cat.plan.policy.report_by_day
    rule = word("timeliness.by_day", lang, day=day) if day else word("timeliness.by_month_end", lang)
    unknown = sum(t.count("unknown") for t in arrivals.values())
    line = word("timeliness.line", lang, n=due, rule=rule, unknown=unknown)
    from_git = sum(p.source == "git" for t in arrivals.values() for p in t.periods)
    return line + (word("timeliness.from_git", lang, n=from_git) if from_git else "")


def lagging_grid(results: Sequence[Result], lang: Lang) -> Grid:
    grid = Grid([_col("id", lang, priority=9), _col("indicator", lang, max_width=18, priority=9),
                 owner_column(lang),
                 _col("completion", lang, "right", priority=7), _col("expected", lang, "right", priority=2),
                 _col("gap", lang, "right"), _col("needed", lang, "right", priority=4),
                 _col("per_month", lang, "right", priority=3), status_column(lang),
                 _col("note", lang, max_width=28, priority=1)], lang=lang)
    for r in results:
        unit = r.indicator.unit
        note = r.latest.note if r.latest and r.latest.note else ""
        grid.add(r.id, r.indicator.name, r.owner or NONE, percent(r.completion), percent(r.expected), gap_text(r),
                 amount(r.remaining, unit, 2), amount(r.per_month, unit, 2), status_cell(r, lang), note)
    return grid


def status_json(ev: Evaluation, results: Sequence[Result] | None = None,
                skipped: dict[str, str] | None = None, sample: bool = False,
                extra: Callable[[Result], dict[str, Any]] | None = None) -> dict[str, Any]:
    """The stable JSON contract of `gdtrack status --format json` (see the README).

    `ev` is the evaluation as filtered (Evaluation.only); `results` the indicators listed (default: all of `ev`'s),
    and the tasks and units shown are those holding one of them, rolled up over `ev`'s indicators. With `extra`
    (more keys of a goal's row: its history, its forecast), the rows are made one at a time as they are written
    (views.output.Lazy), never all held at once.
    """
    results = ev.results if results is None else results
    chosen = {r.id for r in results}
    overall = Rollup("all", "", tuple(results))
    rows: Sequence[dict[str, Any]] = (
        [indicator_json(r) for r in results] if extra is None else
        Lazy(len(results), lambda i: indicator_json(results[i]) | extra(results[i])))
    return {
        **plan_json(ev, sample),
        "as_of": ev.query.isoformat(),
        "expected": json_fraction(ev.expected),
        "completion": json_fraction(overall.completion),
        "quantified": overall.quantified,
        "counted_as_zero": overall.unreported,
        "on_pace": overall.on_pace,
        "summary": overall.summary,
        "indicators": rows,
        "tasks": [{"id": g.key, "status": g.status, "completion": json_fraction(g.completion)}
                  for g in ev.tasks() if g.results and any(r.id in chosen for r in g.results)],
        "units": [{"name": g.key, "indicators": len(g.results), "reported": g.reported, "current": g.current,
                   "latest_report": None if g.latest_report is None else g.latest_report.isoformat(),
                   "summary": g.summary}
                  for g in ev.units() if g.results and any(r.id in chosen for r in g.results)],
        "left_out": dict(skipped or {}),
    }


def indicator_json(r: Result) -> dict[str, Any]:
    """One goal's row of the status contract."""
    return {
        "id": r.id, "task": r.task.id, "owner": r.owner, "comparator": r.indicator.comparator,
        "measure": r.indicator.measure, "target": json_number(r.indicator.target), "unit": r.indicator.unit,
        "baseline": json_number(r.indicator.baseline),
        "start": None if r.start is None else json_number(r.start.value), "actual": json_number(r.actual),
        "reported_on": None if r.reported_on is None else r.reported_on.isoformat(), "stale": r.stale,
        "completion": json_fraction(r.completion), "expected": json_fraction(r.expected), "status": r.status,
        **decisions_json(r),
    }


def decisions_json(r: Result) -> dict[str, Any]:
    """A goal's due date, the plan's own where an approved extension moved it, its extension and its closure."""
    ext, c = r.extension, r.closed
    return {
        "due": r.due.isoformat(), "plan_due": None if r.plan_due is None else r.plan_due.isoformat(),
        "extension": None if ext is None else {"state": ext.state, "to": ext.request.to.isoformat(),
                                               "requested": ext.request.requested.isoformat(),
                                               "reason": ext.request.reason,
                                               "decided": ext.decision and ext.decision.decided.isoformat()},
        "closed": None if c is None else {"decided": c.decided.isoformat(), "by": c.by, "reason": c.reason},
    }


def plan_json(ev: Evaluation, sample: bool) -> dict[str, Any]:
    """What every JSON export starts with: the plan it is of, and whether its figures are samples."""
    plan = ev.catalogue.plan
    return {"plan": {"title": plan.title, "document_number": plan.document_number}, "sample": sample,
            "pending": list(ev.catalogue.pending)}


def units_json(ev: Evaluation, skipped: dict[str, str] | None = None, sample: bool = False) -> dict[str, Any]:
    """`gdtrack units --format json`: the plan, the date and 序时进度, then the status contract's units."""
    data = status_json(ev, skipped=skipped, sample=sample)
    return {k: data[k] for k in ("plan", "sample", "as_of", "expected", "units", "left_out")}


def lagging_json(ev: Evaluation, items: Sequence[Result], skipped: dict[str, str] | None = None,
                 sample: bool = False) -> dict[str, Any]:
    """`gdtrack lagging --format json`: the status contract for the lagging goals, each with what is still needed."""
    data = status_json(ev, items, skipped, sample)
    for row, r in zip(data["indicators"], items, strict=True):
        row |= {"gap": json_fraction(r.gap), "still_needed": r.remaining, "per_month": json_fraction(r.per_month),
                "note": r.latest.note if r.latest else None}
    return data


# ── explain ────────────────────────────────────────────────────────────────────────────────────

def formula_text(c: Completion | None, lang: Lang) -> str:
    """The completion's calculation with its figures, as the engine made it."""
    if c is None:
        return word("formula.none", lang)
    return word(f"formula.{c.rule}", lang, a=number(c.actual) if not isinstance(c.actual, str) else c.actual,
                t=number(c.target), s=number(c.start), c=NONE if c.value is None else fraction(c.value),
                r=c.reached, n=c.steps)


def _nodes(r: Result, lang: Lang) -> str | None:
    ind, sep = r.indicator, word("explain.nodes_sep", lang)
    if ind.schedule:
        nodes = sep.join(word("explain.node", lang, by=n.by, value=amount(n.value, ind.unit)) for n in ind.schedule)
        return word("explain.schedule", lang, nodes=nodes, source=_nodes_source(ind, lang))
    if ind.steps:
        return word("explain.steps", lang, source=_nodes_source(ind, lang),
                    steps=sep.join(word("explain.step", lang, by=s.by, name=s.name) for s in ind.steps))
    return None


def _nodes_source(ind, lang: Lang) -> str:
    """Who set the nodes: the plan's text, the office, or a unit with the office's approval; and if invented."""
    entry = ind.nodes_set
    if entry is None:
        return word("explain.nodes_from.plan", lang)
    sample = word("explain.nodes_from.sample", lang) if entry.sample else ""
    if entry.proposed_by is None:
        return word("explain.nodes_from.office", lang, sample=sample)
    return word("explain.nodes_from.unit", lang, unit=entry.proposed_by, approved=entry.approved, sample=sample)


def _expected(r: Result, lang: Lang) -> str:
    p = r.pace
    if p.rule == "schedule":
        return word("explain.expected_schedule", lang, d=r.query, v=amount(p.path, r.indicator.unit, 2),
                    e=fraction(p.value))
    if p.rule == "steps":
        return word("explain.expected_steps", lang, n=p.due_steps, total=len(r.indicator.steps), e=fraction(p.value))
    return (word("explain.expected", lang, a=p.days, b=p.total, e=fraction(p.value))
            + word("explain.expected_why", lang, a=p.days, b=p.total, due=r.due))


def _start_text(r: Result, lang: Lang) -> str:
    if r.start is None:
        return word("explain.baseline", lang, baseline=NONE)
    source = word("explain.from_catalogue", lang) if r.start.source == "catalogue" else \
        word("explain.from_plan", lang, ref=r.start.plan, unit=r.start.source) if r.start.plan else r.start.source
    evidence = f"{word('explain.extra_sep', lang)}{r.start.evidence}" if r.start.evidence else ""
    return word("explain.baseline_from", lang, baseline=amount(r.start.value, r.indicator.unit), source=source,
                evidence=evidence)


def explain_lines(r: Result, lang: Lang) -> list[str]:
    ind = r.indicator
    lines = [
        word("explain.indicator", lang, id=ind.id, name=ind.name, task=r.task.id, title=r.task.title),
        word("explain.owner", lang, owner=r.owner),
        word("explain.goal", lang, goal=goal_text(ind, lang), stretch=word("goal.stretch", lang) if ind.stretch else "",
             due=r.due),
        word("explain.quote", lang, quote=ind.quote),
    ]
    if ind.review:
        lines.append(word("explain.pending", lang))
    if ind.measure:
        lines.append(word(f"explain.measure.{ind.measure}", lang))
    if ind.needs_start:
        lines.append(_start_text(r, lang))
    nodes = _nodes(r, lang)
    if nodes:
        lines.append(nodes)
    lines += ["", word("explain.reports", lang, d=r.query)]
    if not r.used and not r.ignored and not r.overruled:
        lines.append(word("explain.none", lang))
    sep = word("explain.extra_sep", lang)
    for o in r.used:
        mark = word("explain.used", lang) if o is r.latest else ""
        extra = sep.join(x for x in (o.note, o.evidence and f"[{o.evidence}]") if x)
        lines.append(f"  {o.as_of}  {_value(o.value, lang):>10}  {o.unit}  {extra}{mark}")
    for o in r.overruled:
        lines.append(f"  {o.as_of}  {_value(o.value, lang):>10}  {o.unit}  " + word("explain.overruled", lang))
    for o in r.ignored:
        lines.append(f"  {o.as_of}  {_value(o.value, lang):>10}  {o.unit}  " + word("explain.ignored", lang))
    lines += [
        "",
        word("explain.actual", lang, actual=value_text(ind, r.actual, lang))
        + (word("explain.reported_on", lang, d=r.latest.as_of) if r.latest else "")
        + (word("explain.stale", lang) if r.stale else ""),
        _expected(r, lang),
        word("explain.completion", lang, formula=formula_text(r.calculation, lang)),
    ]
    if r.query >= r.due:
        lines.append(word("explain.final", lang, due=r.due))
    else:
        lines.append(word("explain.thresholds", lang, e=fraction(r.expected), t=f"{r.tolerance:.2f}",
                          floor=fraction(r.lower_threshold)))
    lines += [
        word("explain.rule", lang, rule=word(f"rule.{r.rule}", lang)),
        word("explain.status", lang, status=status_cell(r, lang)),
    ]
    lines += _decided(r, lang)
    if r.remaining is not None and r.status != "done":
        per = "" if r.per_month is None else word("explain.per_month", lang, amount=amount(r.per_month, ind.unit, 2))
        lines.append(word("explain.needed", lang, needed=amount(r.remaining, ind.unit, 2)) + per)
    return lines


def _decided(r: Result, lang: Lang) -> list[str]:
    """What the office decided on the goal: its extension (both dates, who, why) and its closure (销号)."""
    out = []
    ext = r.extension
    if ext is not None:
        q = ext.request
        out.append(word("explain.extension", lang, unit=ext.unit, to=q.to, due=ext.plan_due, day=q.requested,
                        reason=q.reason))
        d = ext.decision
        if d is not None:
            out.append(word(f"explain.extension_{d.decision}", lang, by=d.by, day=d.decided, reason=d.reason or "",
                            to=q.to))
    c = r.closed
    if c is not None:
        out.append(word("explain.closed", lang, by=c.by, day=c.decided, reason=c.reason,
                        evidence=c.evidence or NONE))
        if c.attachments:
            out.append(word("explain.closed_files", lang, files=word("list.sep", lang).join(
                a.file for a in c.attachments)))
    return out


def _value(value: float | str, lang: Lang) -> str:
    """A value in the list of reports: a bare number, or a milestone's state in words."""
    if isinstance(value, str):
        return state_label(value, lang)
    return number(value)
