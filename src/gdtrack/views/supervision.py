"""Views of the 督办 loop: a goal's colours at each period end, the escalation list, 催报 messages and the
year-end forecast, as terminal lines, tables, Markdown and JSON. They only lay out what `gdtrack.engine.supervision`
and `gdtrack.engine.forecast` computed."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import Any

from gdtrack.engine.evaluation import Evaluation, Result
from gdtrack.engine.forecast import Forecast, Projection
from gdtrack.engine.supervision import Escalation, History, PeriodStatus, Reminder
from gdtrack.models import Indicator
from gdtrack.views.grid import Column, Grid
from gdtrack.views.numbers import NONE, amount, gap_points, json_fraction, json_number, number
from gdtrack.views.safe import markdown, one_line
from gdtrack.views.status import STATUS_STYLE, gap_text, status_cell, status_column
from gdtrack.words import Lang, level_label, status_label, word

# ── a goal's colour at each period end ─────────────────────────────────────────────────────────


def period_label(end: dt.date, reporting: str, lang: Lang, with_year: bool = False) -> str:
    """"9月" / "Sep", "三季度" / "Q3" for a period end; with the year where the periods span more than one."""
    label = word(f"quarter.{(end.month - 1) // 3 + 1}" if reporting == "quarter" else f"month.{end.month}", lang)
    return word("period.with_year", lang, y=end.year, label=label) if with_year else label


def period_cells(points: Sequence[PeriodStatus], reporting: str, lang: Lang) -> list[tuple[str, str]]:
    """Each period end as (text, status): "1月 序时推进"."""
    multi = len({p.period_end.year for p in points}) > 1
    return [(word("history.period", lang, label=period_label(p.period_end, reporting, lang, multi),
                  status=status_label(p.status, lang)), p.status) for p in points]


def period_row(points: Sequence[PeriodStatus], reporting: str, lang: Lang) -> str:
    """The plain line: "各期末状态：1月 序时推进 │ 2月 略滞后 …"."""
    if not points:
        return word("history.no_periods", lang)
    cells = period_cells(points, reporting, lang)
    return word("history.periods", lang) + word("history.period_sep", lang).join(text for text, _ in cells)


def emit_period_row(points: Sequence[PeriodStatus], reporting: str, lang: Lang) -> None:
    """The period row, each status in its colour in a terminal (rich honours NO_COLOR), plain when piped."""
    if not points or not sys.stdout.isatty():
        sys.stdout.write(period_row(points, reporting, lang) + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    line = Text(word("history.periods", lang))
    for i, (text, status) in enumerate(period_cells(points, reporting, lang)):
        if i:
            line.append(word("history.period_sep", lang))
        line.append(text, style=STATUS_STYLE.get(status))
    Console(force_terminal=True, soft_wrap=True).print(line)


def escalation_line(e: Escalation | None, lang: Lang) -> list[str]:
    if e is None:
        return []
    return [word("history.escalation", lang, level=level_label(e.level, lang), n=e.periods, end=e.period_end,
                 kind=word(f"kind.{e.kind}", lang))]


def history_json(points: Sequence[PeriodStatus]) -> list[dict[str, str]]:
    return [{"period_end": p.period_end.isoformat(), "status": p.status} for p in points]


def histories_json(hist: History) -> Callable[[str], list[dict[str, str]]]:
    """history_json of each goal of `hist` by its id, the period ends written once for all goals."""
    ends = [e.isoformat() for e in hist.ends]

    def of(indicator_id: str) -> list[dict[str, str]]:
        return [{"period_end": e, "status": s} for e, s in zip(ends, hist.statuses.get(indicator_id, ()), strict=True)]

    return of


# ── the year-end forecast ─────────────────────────────────────────────────────────────────────


def forecast_range(f: Forecast, ind: Indicator, lang: Lang) -> str:
    """"12 – 15 家" (whole numbers for a count unit), one figure when both ends agree."""
    digits = 0 if f.whole else 2
    if round(f.low, digits) == round(f.high, digits):
        return amount(f.high, ind.unit, digits)
    return word("forecast.range", lang, low=amount(f.low, None, digits), high=amount(f.high, ind.unit, digits))


def forecast_cell(f: Forecast | None, ind: Indicator, lang: Lang) -> str:
    if f is None:
        return ""
    return word("forecast.cell", lang, range=forecast_range(f, ind, lang), verdict=word(f"verdict.{f.verdict}", lang))


def forecast_json(f: Forecast | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"low": json_number(round(f.low, 4)), "high": json_number(round(f.high, 4)), "verdict": f.verdict}


def forecast_lines(f: Forecast | None, result: Result, lang: Lang) -> list[str]:
    """`explain`'s lines: the range and verdict, each continuation with its numbers, the clocks, the bounds, and
    why the forecast and the status differ where they do."""
    if f is None:
        return [word("forecast.none", lang)]
    ind = result.indicator

    def step(which: str, p: Projection) -> str:
        key = f"forecast.{which}.path" if p.clock == "path" else f"forecast.{which}"
        return word(key, lang, v=_n(p.latest_value), span=_n(p.span), left=_n(p.left), value=_n(p.value),
                    d=p.latest, v0=_n(p.since_value), d0=p.since)

    bounds = "".join(word(f"forecast.bound.{b}", lang, v=_n(f.recent.latest_value)) for b in f.bounded)
    lines = [
        word("forecast.line", lang, due=f.due, range=forecast_range(f, ind, lang), target=amount(f.target, ind.unit),
             verdict=word(f"verdict.{f.verdict}", lang)),
        step("recent", f.recent), step("average", f.average),
        *(word(f"forecast.clock.{c}", lang) for c in f.clocks),
        word("forecast.bounds", lang, bounds=bounds,
             whole=word("forecast.whole", lang, unit=ind.unit) if f.whole else ""),
    ]
    differs = _differs(f, result)
    return [*lines, word(f"forecast.differs.{differs}", lang)] if differs else lines


def _differs(f: Forecast, result: Result) -> str | None:
    """Where the forecast and the status tell different stories: `catching_up` (behind or lagging now, on course
    by the due date: the latest rate is faster than the pace) or `falling_behind` (on pace now, not by then)."""
    if f.verdict == "on_course" and result.status in ("lagging", "behind"):
        return "catching_up"
    if f.verdict == "unlikely" and result.status in ("on_track", "done"):
        return "falling_behind"
    return None


def _n(value: float) -> str:
    return number(round(value, 2))


def with_forecast(grid: Grid, results: Sequence[Result], forecasts: dict[str, Forecast | None], lang: Lang) -> Grid:
    """The grid with a 年底预计 column just before its status column (last if it has none), when any of its goals
    has a forecast; without one the grid is as it was."""
    if not any(forecasts.get(r.id) for r in results):
        return grid
    heads = [c.header for c in grid.columns]
    at = heads.index(word("col.status", lang)) if word("col.status", lang) in heads else len(heads)
    cols = list(grid.columns)
    column = Column(word("col.forecast", lang), "right", priority=1)  # a narrow terminal drops it first
    out = Grid([*cols[:at], column, *cols[at:]], title=grid.title, lang=lang)
    for row, r in zip(grid.rows, results, strict=True):
        out.rows.append([*row[:at], forecast_cell(forecasts.get(r.id), r.indicator, lang), *row[at:]])
    return out


# ── escalations ───────────────────────────────────────────────────────────────────────────────


def reply_text(e: Escalation, lang: Lang) -> str:
    if e.reply is None:
        return word("reply.none", lang)
    on = word("reply.on", lang, on=e.reply.on) if e.reply.on else ""
    text = word("reply.given", lang, measures=e.reply.measures, by=e.reply.by, on=on)
    return (f"[{word('reply.overdue', lang)}] " if e.overdue else "") + text


def escalation_head(escs: Sequence[Escalation], ev: Evaluation, lang: Lang) -> list[str]:
    cat = ev.catalogue
    levels = word("list.sep", lang).join(word("escalation.level_rule", lang, n=e.after, name=level_label(e.name, lang))
                                         for e in cat.plan.policy.escalation)
    head = [cat.plan.title]
    if escs:
        head.append(word("escalation.head", lang, d=ev.query, end=escs[0].period_end))
        counts: dict[str, int] = {}
        for e in escs:
            counts[e.level] = counts.get(e.level, 0) + 1
        head.append(word("head.counts_sep", lang).join(word("escalation.count", lang, level=level_label(k, lang), n=n)
                                                       for k, n in counts.items()))
    head.append(word("escalation.rule", lang, levels=levels))
    return head


def escalations_grid(escs: Sequence[Escalation], lang: Lang) -> Grid:
    c = lambda k, a="left", w=None: Column(word(f"col.{k}", lang), a, max_width=w)  # noqa: E731
    grid = Grid([c("level"), c("periods", "right"), c("kind"), c("id"), c("indicator", w=18), c("owner", w=18),
                 status_column(lang), c("gap", "right"), c("needed", "right"), c("per_month", "right"),
                 c("note", w=24), c("reply", w=32)])
    for e in escs:
        r, unit = e.result, e.result.indicator.unit
        grid.add(level_label(e.level, lang), e.periods, word(f"kind.{e.kind}", lang), r.id, r.indicator.name,
                 r.owner or NONE, status_cell(r, lang), gap_text(r), amount(r.remaining, unit, 2),
                 amount(r.per_month, unit, 2), e.note or "", reply_text(e, lang))
    return grid


def escalations_json(escs: Sequence[Escalation], ev: Evaluation) -> dict[str, Any]:
    return {
        "as_of": ev.query.isoformat(),
        "period_end": escs[0].period_end.isoformat() if escs else None,
        "levels": [{"after": e.after, "name": e.name} for e in ev.catalogue.plan.policy.escalation],
        "escalations": [
            {"id": e.id, "owner": e.owner, "level": e.level, "periods": e.periods, "kind": e.kind,
             "status": e.result.status, "gap": json_fraction(e.result.gap),
             "still_needed": json_number(e.result.remaining), "per_month": json_fraction(e.result.per_month),
             "note": e.note,
             "reply": None if e.reply is None else {"measures": e.reply.measures, "by": e.reply.by.isoformat(),
                                                    "replied": None if e.reply.on is None else e.reply.on.isoformat()},
             "overdue": e.overdue, "history": history_json(e.statuses)}
            for e in escs
        ],
    }


# ── 催报 ──────────────────────────────────────────────────────────────────────────────────────


def month_day(day: dt.date, lang: Lang) -> str:
    """10月25日 / 25 Oct."""
    return word("date.month_day", lang, month=word(f"month.{day.month}", lang), d=day.day)


def reminder_message(rem: Reminder, query: dt.date, lang: Lang, period: str = "") -> str:
    """One unit's message, plain text to paste into 政务微信 or an SMS."""
    goals = word("remind.goal_sep", lang).join(word("remind.goal", lang, id=r.id, name=one_line(r.indicator.name))
                                               for r in rem.missing)
    text = word("remind.message", lang, unit=one_line(rem.unit), d=month_day(query, lang), n=len(rem.missing),
                goals=goals,
                deadline=month_day(rem.deadline, lang), period=period) if rem.missing else \
        word("remind.only_returned", lang, unit=one_line(rem.unit), d=month_day(query, lang))
    return "".join([text, *(returned_text(rv, lang) for rv in rem.returned)])


def returned_text(rv, lang: Lang) -> str:
    """A report sent back, in one line of a 催报 message (the reason kept on it)."""
    return word("remind.returned", lang, date=rv.as_of, day=rv.returned.decided, reason=one_line(rv.returned.reason))


def chased_period_text(cat, query: dt.date, lang: Lang) -> str:
    """The period 催报 asks for on `query`: its month (9月) or quarter (三季度), with its year if not the query's."""
    from gdtrack.engine.periods import chased_period

    end = chased_period(cat, query)[1]
    return period_label(end, cat.plan.policy.reporting, lang, with_year=end.year != query.year)


def reminders_text(rems: Sequence[Reminder], query: dt.date, lang: Lang, period: str = "") -> str:
    """A header line with the date, then one message per unit, a blank line between them."""
    if not rems:
        return word("remind.none", lang, d=query, period=period) + "\n"
    blocks = [word("remind.header", lang, d=query), *(reminder_message(m, query, lang, period) for m in rems)]
    return "\n\n".join(blocks) + "\n"


def reminders_markdown(rems: Sequence[Reminder], query: dt.date, lang: Lang, period: str = "") -> str:
    out = [f"# {word('remind.header', lang, d=query)}", ""]
    if not rems:
        return "\n".join([*out, word("remind.none", lang, d=query, period=period)]) + "\n"
    for m in rems:
        out += [f"## {markdown(m.unit)}", ""]
        out += [f"- {word('remind.goal', lang, id=r.id, name=markdown(r.indicator.name))}" for r in m.missing]
        out += [f"- {markdown(returned_text(rv, lang).strip())}" for rv in m.returned]
        out += ["", word("remind.deadline", lang, deadline=month_day(m.deadline, lang)), ""]
    return "\n".join(out)


def reminders_json(rems: Sequence[Reminder], query: dt.date, lang: Lang, period: str = "") -> dict[str, Any]:
    return {
        "as_of": query.isoformat(),
        "reminders": [{"unit": m.unit, "deadline": m.deadline.isoformat(), "period_end": m.period_end.isoformat(),
                       "missing": [{"id": r.id, "name": r.indicator.name,
                                    "reported_on": None if r.reported_on is None else r.reported_on.isoformat()}
                                   for r in m.missing],
                       "returned": [{"as_of": rv.as_of.isoformat(), "returned_on": rv.returned.decided.isoformat(),
                                     "reason": rv.returned.reason} for rv in m.returned],
                       "message": reminder_message(m, query, lang, period)} for m in rems],
    }


# ── the bulletins' sections (Markdown here; the HTML page lays out the same values) ────────────




def escalation_md(e: Escalation, lang: Lang) -> str:
    r = e.result
    return word("md.escalation", lang, level=markdown(level_label(e.level, lang)), n=e.periods,
                kind=word(f"kind.{e.kind}", lang),
                goal=word("md.goal", lang, id=r.id, name=markdown(r.indicator.name), owner=markdown(r.owner or NONE)),
                gap=gap_points(r.gap, lang), per_month=amount(r.per_month, r.indicator.unit, 2) or NONE,
                reply=markdown(reply_text(e, lang)))


def forecast_md(r: Result, f: Forecast, lang: Lang) -> str:
    ind = r.indicator
    return word("md.forecast", lang, goal=word("md.goal", lang, id=r.id, name=markdown(ind.name),
                                               owner=markdown(r.owner or NONE)),
                range=forecast_range(f, ind, lang), target=amount(f.target, ind.unit),
                verdict=word(f"verdict.{f.verdict}", lang))
