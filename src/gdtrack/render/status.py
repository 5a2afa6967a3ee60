"""Views of an Evaluation: the headline, the status tables, the lagging list, units, JSON, explain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..engine import STATUSES, Evaluation, Result, Rollup
from .catalogue import goal_text, json_number, number
from .grid import Column, Grid
from .labels import MILESTONE_STATE, STATUS, STATUS_STYLE, Lang, status_label, word


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def signed_pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:+.1f}%"


def actual_text(r: Result, lang: Lang) -> str:
    value = r.actual
    if value is None:
        return "—"
    if isinstance(value, str):
        return MILESTONE_STATE[lang].get(value, value)
    unit = r.indicator.unit or ""
    return f"{number(value)}{'' if unit == '%' else ' '}{unit}".rstrip()


def _status_column(lang: Lang) -> Column:
    by_label = {label: STATUS_STYLE[s] for s, label in STATUS[lang].items()}
    return Column(word("status", lang), style=by_label.get)


def headline(ev: Evaluation, lang: Lang, skipped: dict[str, str] | None = None) -> list[str]:
    overall = ev.overall
    counts = "  ".join(f"{status_label(s, lang)} {n}" for s, n in overall.summary.items())
    if lang == "zh":
        lines = [f"{ev.catalogue.plan.title}",
                 f"截至 {ev.query}　序时进度 {pct(ev.expected)}　总体完成度 {pct(overall.completion)}"
                 f"　报送率 {pct(overall.reporting_rate)}（{overall.reported}/{len(overall.results)}）",
                 counts]
    else:
        lines = [f"{ev.catalogue.plan.title}",
                 f"As of {ev.query}  expected {pct(ev.expected)}  overall completion {pct(overall.completion)}"
                 f"  reporting rate {pct(overall.reporting_rate)} ({overall.reported}/{len(overall.results)})",
                 counts]
    if skipped:
        lines.append(left_out_line(skipped, lang))
    return lines


def left_out_line(skipped: dict[str, str], lang: Lang) -> str:
    """The headline's warning that progress files with errors were not counted."""
    if lang == "zh":
        return f"注意：{len(skipped)} 个进度文件有错误，未纳入统计：{'、'.join(skipped)}（运行 gdtrack check 查看）"
    return f"Note: {len(skipped)} progress file(s) with errors were left out: {', '.join(skipped)} (run gdtrack check)"


def indicators_grid(results: Sequence[Result], lang: Lang) -> Grid:
    w = lambda k: word(k, lang)  # noqa: E731
    grid = Grid([Column(w("id")), Column(w("indicator"), max_width=20), Column(w("owner"), max_width=20),
                 Column(w("goal"), "right"), Column(w("actual"), "right"), Column(w("completion"), "right"),
                 Column(w("expected"), "right"), Column(w("gap"), "right"), _status_column(lang)])
    for r in results:
        grid.add(r.id, r.indicator.name, r.owner or "—", goal_text(r.indicator), actual_text(r, lang),
                 pct(r.completion), pct(r.expected), _gap(r), status_label(r.status, lang))
    return grid


def _gap(r: Result) -> str:
    """Completion − expected; not shown for milestones, whose status comes from their state."""
    return "—" if r.indicator.is_milestone else signed_pct(r.gap)


def _counts_columns(lang: Lang) -> list[Column]:
    return [Column(status_label(s, lang), "right") for s in STATUSES]


def rollup_grid(rollups: Sequence[Rollup], lang: Lang, key: str) -> Grid:
    """Tasks, chapters or units: their completion against pace, status, and counts per status."""
    w = lambda k: word(k, lang)  # noqa: E731
    cols = [Column(w(key), "right" if key != "unit" else "left")]
    if key != "unit":
        cols.append(Column(w("title"), max_width=24))
    cols += [Column(w("indicators"), "right"), Column(w("reported"), "right"), Column(w("completion"), "right"),
             Column(w("expected"), "right"), _status_column(lang), *_counts_columns(lang)]
    grid = Grid(cols)
    for g in rollups:
        if not g.results:
            continue
        row: list[Any] = [g.key]
        if key != "unit":
            row.append(g.title)
        row += [len(g.results), g.reported, pct(g.completion), pct(g.expected), status_label(g.status, lang)]
        row += [g.summary[s] or "" for s in STATUSES]
        grid.add(*row)
    return grid


def units_grid(rollups: Sequence[Rollup], lang: Lang) -> Grid:
    w = lambda k: word(k, lang)  # noqa: E731
    grid = Grid([Column(w("unit")), Column(w("indicators"), "right"), Column(w("reported"), "right"),
                 Column(w("rate"), "right"), Column(w("completion"), "right"), Column(w("latest")),
                 *_counts_columns(lang)])
    for g in rollups:
        if not g.results:
            continue
        dates = [r.latest.as_of for r in g.results if r.latest is not None]
        grid.add(g.key, len(g.results), g.reported, pct(g.reporting_rate), pct(g.completion),
                 max(dates).isoformat() if dates else "—", *[g.summary[s] or "" for s in STATUSES])
    return grid


def lagging_grid(results: Sequence[Result], lang: Lang) -> Grid:
    w = lambda k: word(k, lang)  # noqa: E731
    grid = Grid([Column(w("id")), Column(w("indicator"), max_width=18), Column(w("owner"), max_width=20),
                 Column(w("completion"), "right"), Column(w("expected"), "right"), Column(w("gap"), "right"),
                 Column(w("needed"), "right"), Column(w("per_month"), "right"), _status_column(lang),
                 Column(w("note"), max_width=28)])
    for r in results:
        unit = r.indicator.unit or ""
        sep = "" if unit == "%" else " "
        needed = "" if r.remaining is None else f"{number(round(r.remaining, 2))}{sep}{unit}"
        per_month = "" if r.per_month is None else f"{number(round(r.per_month, 2))}{sep}{unit}"
        note = r.latest.note if r.latest and r.latest.note else ""
        grid.add(r.id, r.indicator.name, r.owner or "—", pct(r.completion), pct(r.expected), _gap(r),
                 needed, per_month, status_label(r.status, lang), note)
    return grid


def _r4(value: float | None) -> float | None:
    return None if value is None else round(value, 4)




def status_json(ev: Evaluation, results: Sequence[Result], skipped: dict[str, str] | None = None) -> dict[str, Any]:
    """The stable JSON contract of `gdtrack status --format json` (see the README)."""
    chosen = {r.id for r in results}
    overall = Rollup("all", "", tuple(results))
    return {
        "as_of": ev.query.isoformat(),
        "expected": _r4(ev.expected),
        "completion": _r4(overall.completion),
        "summary": overall.summary,
        "indicators": [
            {
                "id": r.id, "task": r.task.id, "owner": r.owner, "comparator": r.indicator.comparator,
                "target": json_number(r.indicator.target), "unit": r.indicator.unit,
                "baseline": json_number(r.indicator.baseline), "actual": json_number(r.actual),
                "completion": _r4(r.completion), "expected": _r4(r.expected), "status": r.status,
            }
            for r in results
        ],
        "tasks": [{"id": g.key, "status": g.status, "completion": _r4(g.completion)}
                  for g in ev.tasks() if g.results and any(r.id in chosen for r in g.results)],
        "units": [{"name": g.key, "indicators": len(g.results), "reported": g.reported, "summary": g.summary}
                  for g in ev.units() if g.results and any(r.id in chosen for r in g.results)],
        "left_out": dict(skipped or {}),
    }


# ── explain ────────────────────────────────────────────────────────────────────────────────────

_RULES = {
    "zh": {
        "no_report": "截至查询日没有报送数值 → 未报送",
        "no_baseline": "增幅类指标缺少基数，无法计算完成度 → 缺基数",
        "milestone_done": "里程碑已完成 → 完成",
        "milestone_blocked": "里程碑受阻 → 滞后",
        "milestone_past_due": "已过截止日仍未完成 → 滞后",
        "milestone_in_progress": "里程碑推进中 → 序时推进",
        "milestone_not_started_late": "未启动且序时进度已过半（≥ 50%）→ 略滞后",
        "milestone_not_started_early": "未启动但序时进度未过半（< 50%）→ 序时推进",
        "reached_target": "完成度 ≥ 100% → 完成",
        "at_or_above_pace": "完成度 ≥ 序时进度 → 序时推进",
        "within_tolerance": "序时进度 − 容差 ≤ 完成度 < 序时进度 → 略滞后",
        "below_tolerance": "完成度 < 序时进度 − 容差 → 滞后",
    },
    "en": {
        "no_report": "no value reported by the query date → no report",
        "no_baseline": "a relative goal without a baseline cannot be computed → no baseline",
        "milestone_done": "milestone done → done",
        "milestone_blocked": "milestone blocked → lagging",
        "milestone_past_due": "past due and not done → lagging",
        "milestone_in_progress": "milestone in progress → on track",
        "milestone_not_started_late": "not started with expected ≥ 50% → behind",
        "milestone_not_started_early": "not started with expected < 50% → on track",
        "reached_target": "completion ≥ 100% → done",
        "at_or_above_pace": "completion ≥ expected → on track",
        "within_tolerance": "expected − tolerance ≤ completion < expected → behind",
        "below_tolerance": "completion < expected − tolerance → lagging",
    },
}


def _formula(r: Result) -> str:
    ind, a = r.indicator, r.actual
    t, b = number(ind.target), number(ind.baseline)
    if r.completion is None or a is None:
        return "—"
    c = f"{r.completion:.4f}"
    if ind.comparator == "milestone":
        return f"{'1 (done)' if a == 'done' else '0 (' + str(a) + ')'}"
    a = number(a)
    if ind.comparator in (">=", "=="):
        return f"actual ÷ target = {a} ÷ {t} = {c}"
    if ind.comparator == "<=":
        if r.completion >= 1:
            return f"actual {a} ≤ target {t} → 1"
        if ind.baseline is not None:
            return f"(baseline − actual) ÷ (baseline − target) = ({b} − {a}) ÷ ({b} − {t}) = {c}"
        return f"actual {a} > target {t}, no baseline → 0"
    if ind.comparator == "delta_pct":
        return f"(actual ÷ baseline − 1) ÷ (target ÷ 100) = ({a} ÷ {b} − 1) ÷ ({t} ÷ 100) = {c}"
    return f"(actual − baseline) ÷ target = ({a} − {b}) ÷ {t} = {c}"


def explain_lines(r: Result, lang: Lang) -> list[str]:
    ind, zh = r.indicator, lang == "zh"
    L = (lambda z, e: z if zh else e)  # noqa: E731
    lines = [
        L(f"指标 {ind.id}　{ind.name}（任务 {r.task.id}　{r.task.title}）",
          f"Indicator {ind.id}  {ind.name} (task {r.task.id} {r.task.title})"),
        L(f"责任单位：{r.owner}", f"Owner: {r.owner}"),
        L(f"目标：{goal_text(ind)}{'（力争）' if ind.stretch else ''}　截止 {r.due}",
          f"Goal: {ind.comparator} {number(ind.target) or '(milestone)'} {ind.unit or ''}  due {r.due}"
          + (" (stretch)" if ind.stretch else "")),
        L(f"原文：“{ind.quote}”", f"Source: “{ind.quote}”"),
        L(f"基数：{number(ind.baseline) or '—'}", f"Baseline: {number(ind.baseline) or '—'}"),
        "",
        L(f"报送记录（截至 {r.query}）：", f"Reports (as of {r.query}):"),
    ]
    if not r.used and not r.ignored:
        lines.append(L("  （无）", "  (none)"))
    for o in r.used:
        mark = L("  ← 采用", "  ← used") if o is r.latest else ""
        extra = "　".join(x for x in (o.note, o.evidence and f"[{o.evidence}]") if x)
        lines.append(f"  {o.as_of}  {_value(o.value, r, lang):>10}  {o.unit}  {extra}{mark}")
    for o in r.ignored:
        lines.append(f"  {o.as_of}  {_value(o.value, r, lang):>10}  {o.unit}  "
                     + L("（晚于查询日，未采用）", "(after the query date, not used)"))
    lines += [
        "",
        L(f"实际值 actual = {actual_text(r, lang)}", f"actual = {actual_text(r, lang)}")
        + (L(f"（{r.latest.as_of} 报送）", f" (reported {r.latest.as_of})") if r.latest else ""),
        L(f"序时进度 expected = min({r.days_elapsed} ÷ {r.days_total}, 1) = {r.expected:.4f}",
          f"expected = min({r.days_elapsed} ÷ {r.days_total}, 1) = {r.expected:.4f}")
        + L(f"（计划起始日至查询日 {r.days_elapsed} 天，至截止日 {r.due} 共 {r.days_total} 天，首尾均计）",
            f"  ({r.days_elapsed} days from the plan start to the query date, {r.days_total} to the due date "
            f"{r.due}, both ends counted)"),
        L(f"完成度 completion = {_formula(r)}", f"completion = {_formula(r)}"),
        L(f"阈值：序时进度 {r.expected:.4f}，容差 {r.tolerance:.2f} → "
          f"略滞后下限 {max(r.expected - r.tolerance, 0):.4f}",
          f"thresholds: expected {r.expected:.4f}, tolerance {r.tolerance:.2f} → behind from "
          f"{max(r.expected - r.tolerance, 0):.4f}"),
        L(f"规则：{_RULES['zh'][r.rule]}", f"rule: {_RULES['en'][r.rule]}"),
        L(f"状态：{status_label(r.status, 'zh')}", f"status: {status_label(r.status, 'en')}"),
    ]
    if r.remaining is not None and r.status != "done":
        unit = ind.unit or ""
        per = f"，剩余每月需 {number(round(r.per_month, 2))} {unit}" if r.per_month is not None else ""
        per_en = f", {number(round(r.per_month, 2))} {unit} per remaining month" if r.per_month is not None else ""
        lines.append(L(f"尚需：{number(round(r.remaining, 2))} {unit}{per}",
                       f"still needed: {number(round(r.remaining, 2))} {unit}{per_en}"))
    return lines


def _value(value: float | str, r: Result, lang: Lang) -> str:
    if isinstance(value, str):
        return MILESTONE_STATE[lang].get(value, value)
    return number(value)
