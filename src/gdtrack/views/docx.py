"""The monthly bulletin as a Word 公文 (`gdtrack report -f docx`): its sentences, made from the figures, and its
tables, on the page of views/gongwen.py. Everything is built from the `Bulletin` (and its escalations) as
paragraphs and tables the office can edit; the sentences are gdtrack/words'.
"""

from __future__ import annotations

from collections.abc import Sequence

from gdtrack.engine.bulletin import Bulletin
from gdtrack.engine.escalated import Escalation, at_least, level_names
from gdtrack.engine.evaluation import STATUSES, Result, Rollup
from gdtrack.engine.forecast import Forecast
from gdtrack.views.decisions import office_notes
from gdtrack.views.evidence import bulletin_lines
from gdtrack.views.gongwen import Column, Gongwen, date_text, document_date, numeral, signed_by
from gdtrack.views.numbers import NONE, amount, percent, points, signed_points
from gdtrack.views.status import counted, left_out_line, tasks_line
from gdtrack.views.supervision import forecast_range
from gdtrack.words import Lang, status_label, word

# ── the bulletin: sentences from the figures ──────────────────────────────────────────────────


def _versus(gap: float | None, lang: Lang) -> str:
    if gap is None or round(gap * 1000) == 0:
        return word("docx.even", lang)
    return word("docx.above" if gap > 0 else "docx.below", lang, p=points(gap))


def _counts(summary: dict[str, int], lang: Lang, statuses: Sequence[str] = STATUSES) -> str:
    """"完成26项、序时推进43项…": the statuses that occur, with their counts."""
    return word("docx.sep", lang).join(word("docx.count", lang, label=status_label(s, lang), n=summary[s])
                                       for s in statuses if summary.get(s))


def overview(b: Bulletin, lang: Lang) -> list[str]:
    """一、总体情况: the counts per status, the pace and the completion, the reporting rate, the changes."""
    now, o = b.now, b.now.overall
    n = len(o.results)
    day = date_text(now.query, lang)
    lines = [
        word("docx.counts", lang, date=day, n=n, counts=_counts(o.summary, lang), ok=o.on_pace,
             share=percent(o.on_pace / n if n else None)),
        word("docx.pace", lang, e=percent(now.expected), counted=counted(o, lang, "docx.counted"),
             c=percent(o.completion), ge=percent(o.expected), versus=_versus(o.gap, lang)),
        word("docx.rate", lang, r=percent(o.reporting_rate), a=o.current, b=n),
        tasks_line(now, lang, "docx"),
    ]
    since = date_text(b.changes.since, lang)
    items = [word("docx.count", lang, label=word(f"change.{key}", lang), n=len(results))
             for key, results in b.changes.sections() if results and key != "still_missing"]
    lines.append(word("docx.changes", lang, since=since, items=word("docx.sep", lang).join(items)) if items
                 else word("docx.no_changes", lang, since=since))
    return lines


def _best_worst(groups: Sequence[Rollup], lang: Lang, name) -> str | None:
    known = [g for g in groups if g.completion is not None and g.gap is not None]
    if len(known) < 2:
        return None
    best, worst = known[0], known[-1]
    return word("docx.best_worst", lang, best=name(best), c1=percent(best.completion), v1=_versus(best.gap, lang),
                worst=name(worst), c2=percent(worst.completion), v2=_versus(worst.gap, lang))


def chapter_name(g: Rollup, lang: Lang) -> str:
    return word("docx.chapter_name", lang, n=numeral(int(g.key), lang), title=g.title)


def goal_name(r: Result, lang: Lang) -> str:
    return word("docx.goal", lang, id=r.id, name=r.indicator.name, owner=r.owner or NONE)


def change_lines(b: Bulletin, lang: Lang) -> list[str]:
    """（三）本期变化: the goals newly done, newly lagging, improved and worsened, by name."""
    sep = word("docx.sep", lang)
    return [word("docx.change_line", lang, label=word(f"change.{key}", lang), n=len(results),
                 goals=sep.join(goal_name(r, lang) for r in results))
            for key, results in b.changes.sections()
            if results and key in ("newly_done", "newly_lagging", "improved", "worsened")]


def next_steps(b: Bulletin, pressing: Sequence[Escalation], issuer: str, lang: Lang) -> list[str]:
    """四、下步工作: what the office asks for, naming the units concerned."""
    sep = word("docx.sep", lang)
    owners = list(dict.fromkeys(r.owner for r in b.lagging if r.owner and r.status != "no_report"))
    lines = [word("docx.next_catch_up", lang, units=sep.join(owners), n=len(owners)) if owners
             else word("docx.next_keep_up", lang)]
    lines.append(word("docx.next_report", lang, units=sep.join(b.silent_units)) if b.silent_units
                 else word("docx.next_all_reported", lang))
    lines.append(word("docx.next_supervise", lang, n=len(pressing), issuer=issuer) if pressing
                 else word("docx.next_follow", lang, issuer=issuer))
    return lines


def _levels(items: Sequence[Escalation], lang: Lang) -> str:
    seen: dict[str, int] = {}
    for e in items:
        seen[e.level] = seen.get(e.level, 0) + 1
    return word("docx.sep", lang).join(word("docx.count", lang, label=k, n=n) for k, n in seen.items())


def reply_text(e: Escalation, lang: Lang) -> str:
    if e.reply is None:
        return word("docx.no_reply", lang)
    text = word("docx.reply", lang, measures=e.reply.measures, by=date_text(e.reply.by, lang))
    return word("docx.overdue", lang, reply=text) if e.overdue else text  # first, so a narrow column shows it


def run_text(e: Escalation, lang: Lang, cell: bool = False) -> str:
    """"连续滞后4期" or "连续3期未报送"; in a table's narrow column (cell=True) "滞后4期", "未报送3期"."""
    return word(f"docx.{'cell' if cell else 'run'}.{e.kind}", lang, n=e.periods)


# ── the bulletin ──────────────────────────────────────────────────────────────────────────────


def _col(key: str, width: float, lang: Lang, align: str = "center") -> Column:
    return Column(word(key, lang), width, align)


def bulletin_docx(b: Bulletin, lang: Lang = "zh", *, issue: int | None = None,
                  escalations: Sequence[Escalation] = (), sample: bool = False,
                  skipped: dict[str, str] | None = None) -> bytes:
    """The monthly bulletin as a Word 公文: 版头 with 期号, title, then 一、总体情况 二、进展情况 三、存在问题
    四、下步工作 with their sentences and tables, the 落款 and the 版记; the 发文字号, 主送机关, 署名, 成文日期,
    印章 and 抄送 as `plan.policy.document` says."""
    now = b.now
    plan = now.catalogue.plan
    day = now.query
    sent = plan.policy.document
    dated = document_date(plan, day, lang)
    doc = Gongwen(word("docx.title", lang, title=plan.title), plan.issuer, day, lang)
    issue_text = word("docx.issue", lang, n=issue) if issue is not None else word("docx.issue_blank", lang)
    number = (word("docx.number" if issue is not None else "docx.number_blank", lang, prefix=sent.number_prefix,
                   year=day.year, n=issue) if sent.number_prefix else None)
    doc.masthead(word("docx.masthead", lang), issue_text, plan.issuer, dated, number)
    doc.title(word("docx.title", lang, title=plan.title))
    doc.addressee(word("docx.to", lang, to=sent.addressee or word("docx.addressee", lang)))
    if sample:
        doc.boxed(word("docx.sample", lang))
    if pending := now.catalogue.pending:
        doc.boxed(word("head.pending", lang, n=len(pending)))
    if skipped:
        doc.para(left_out_line(skipped, lang, b.unread), bold=True)
    for note in office_notes(now, lang):
        doc.para(note)

    doc.heading(word("docx.section.overview", lang))
    for line in overview(b, lang):
        doc.para(line)

    doc.heading(word("docx.section.progress", lang))
    doc.heading(word("docx.sub.chapters", lang), 2)
    if lead := _best_worst(b.chapters, lang, lambda g: chapter_name(g, lang)):
        doc.para(lead)
    doc.table(_league_columns(lang, "chapter"),
              [_league_row(i, g, lang, "chapter") for i, g in enumerate(b.chapters, 1)])
    doc.heading(word("docx.sub.units", lang), 2)
    if lead := _best_worst(b.units, lang, lambda g: str(g.key)):
        doc.para(lead)
    doc.table(_league_columns(lang, "unit"), [_league_row(i, g, lang, "unit") for i, g in enumerate(b.units, 1)])
    for line in bulletin_lines([str(g.key) for g in b.units], b.filed, b.changes.since, lang):
        doc.para(line)
    doc.heading(word("docx.sub.changes", lang), 2)
    for line in change_lines(b, lang) or [word("docx.no_changes", lang, since=date_text(b.changes.since, lang))]:
        doc.para(line)
    timeliness_part(doc, b, lang)
    scores_part(doc, b, lang, sample)

    doc.heading(word("docx.section.problems", lang))
    doc.heading(word("docx.sub.lagging", lang), 2)
    if b.lagging:
        summary = Rollup("lagging", "", tuple(b.lagging)).summary
        doc.para(word("docx.lagging_lead", lang, date=date_text(day, lang), n=len(b.lagging),
                      counts=_counts(summary, lang, ("missed", "lagging", "behind", "no_report"))))
        doc.table(_lagging_columns(lang), [_lagging_row(r, lang) for r in b.lagging])
    else:
        doc.para(word("docx.no_lagging", lang, date=date_text(day, lang)))
    doc.heading(word("docx.sub.escalations", lang), 2)
    names = level_names(now.catalogue)
    listed = at_least(escalations, names[0], names)
    if listed:
        doc.para(word("docx.escalations_lead", lang, n=len(listed), levels=_levels(listed, lang)))
        doc.table(_escalation_columns(lang), [_escalation_row(e, lang) for e in listed])
    else:
        doc.para(word("docx.no_escalations", lang))
    doc.heading(word("docx.sub.silent", lang), 2)
    since = date_text(b.changes.since, lang)
    if b.silent_units:
        doc.para(word("docx.silent_lead", lang, since=since, date=date_text(day, lang), n=len(b.silent_units)))
        units = {g.key: g for g in now.units()}
        doc.table([_col("docx.col.no", 14, lang), _col("col.unit", 78, lang, "left"),
                   _col("col.indicators", 24, lang), _col("col.latest", 40, lang)],
                  [[i, u, len(units[u].results), _latest(units[u], lang)] for i, u in enumerate(b.silent_units, 1)])
    else:
        doc.para(word("docx.no_silent", lang, since=since, date=date_text(day, lang)))

    doc.heading(word("docx.sub.outlook", lang), 2)
    if b.outlook:
        doc.para(word("docx.outlook_lead", lang, n=len(b.outlook)))
        doc.table(_outlook_columns(lang), [_outlook_row(r, b.forecasts[r.id], lang) for r in b.outlook])
    else:
        doc.para(word("docx.no_outlook", lang))

    doc.heading(word("docx.section.next", lang))
    for line in next_steps(b, at_least(escalations, names[min(1, len(names) - 1)], names), plan.issuer, lang):
        doc.para(line)
    doc.signature(signed_by(plan), dated, sent.seal)
    doc.imprint(sent.copy_to, sent.printed_by or plan.issuer, word("docx.printed", lang, date=dated))
    return doc.to_bytes()


def timeliness_part(doc: Gongwen, b: Bulletin, lang: Lang) -> None:
    """（四）报送情况: the rule (periods due, deadline, days from git), then each unit's 报送率 and 及时率."""
    from gdtrack.views.scores import latest_period_line, timeliness_rows
    from gdtrack.views.status import timeliness_line

    if b.arrivals is None:
        return
    doc.heading(word("docx.sub.timeliness", lang), 2)
    line = timeliness_line(b.arrivals, b.now.catalogue, lang)
    if line is None:
        doc.para(word("timeliness.none", lang))
        return
    latest = latest_period_line(b.arrivals, lang, lambda d: date_text(d, lang))
    doc.para(f"{line}。{latest}。" if lang == "zh" else f"{line}. {latest}.")
    columns = [_col("col.unit", 50, lang, "left"), *(_col(f"docx.col.{k}", 14, lang) for k in
                                                      ("due", "received", "on_time_n", "late_n")),
               _col("timeliness.col.unknown_n", 18, lang), _col("docx.col.periods_rate_pct", 16, lang),
               _col("docx.col.on_time_pct", 16, lang)]
    doc.table(columns, [[*row[:6], row[6].rstrip("%"), row[7].rstrip("%")]
                        for row in timeliness_rows(b.arrivals, lang, latest=False)])


def scores_part(doc: Gongwen, b: Bulletin, lang: Lang, sample: bool) -> None:
    """（五）考核得分: the rules with their points, then the units ranked: this period, the year, where points went."""
    from gdtrack.views.numbers import number
    from gdtrack.views.scores import lost_text, rules_sentence

    sc = b.scores
    if sc is None:
        return
    doc.heading(word("docx.sub.scores", lang), 2)
    doc.para(rules_sentence(sc, b.now.catalogue.plan.policy.scoring, lang, lambda d: date_text(d, lang)))
    if sample:
        doc.para(word("scores.doc.sample", lang), bold=True)
    if sc.unread:
        doc.para(word("scores.unread", lang, units=word("docx.sep", lang).join(sc.unread)))
    if sc.ends:
        doc.table([_col("scores.col.rank", 12, lang), _col("col.unit", 50, lang, "left"),
                   _col("scores.col.period", 20, lang), _col("scores.col.total", 20, lang),
                   _col("docx.col.lost", 54, lang, "left")],
                  [[s.rank, s.unit, number(s.period), number(s.total), lost_text(s, lang)] for s in sc.units])


def _outlook_columns(lang: Lang) -> list[Column]:
    return [_col("col.id", 12, lang), _col("col.indicator", 40, lang, "left"), _col("col.owner", 34, lang, "left"),
            _col("col.forecast", 30, lang), _col("col.goal", 24, lang), _col("col.verdict", 16, lang)]


def _outlook_row(r: Result, f: Forecast, lang: Lang) -> list[object]:
    """One goal's year-end forecast, as every view gives it (views.supervision.forecast_range)."""
    return [r.id, r.indicator.name, r.owner or NONE, forecast_range(f, r.indicator, lang),
            amount(f.target, r.indicator.unit), word(f"verdict.{f.verdict}", lang)]


def _latest(g: Rollup, lang: Lang) -> str:
    return date_text(g.latest_report, lang) if g.latest_report else word("docx.never", lang)


# A table's figures never break: the percentage columns say "（%）" in their header, not in every cell, and each
# column holds its widest figure ("100.0", "-100.0", "56.10", "略滞后") at 五号 in the widest of the fonts Word or
# LibreOffice may put in for Times New Roman (DejaVu Serif, digits 0.64 em), with the cell's 1 mm either side.


def _pct(value: float | None) -> str:
    """A share as a table's cell gives it, its % in the column's header: 0.7479 → "74.8"; None → "—"."""
    return NONE if value is None else f"{value * 100:.1f}"


def _league_columns(lang: Lang, key: str) -> list[Column]:
    """名次, the chapter (or the unit and its 报送率), then the figures: 156 mm in all."""
    first = ([_col("col.rank", 10, lang), _col("docx.col.chapter", 40, lang, "left"),
              _col("docx.col.rate_pct", 14, lang)]
             if key == "chapter" else
             [_col("col.rank", 10, lang), _col("col.unit", 38, lang, "left"), _col("docx.col.rate_pct", 14, lang)])
    widths = (11, 14, 14, 15, 13, 13, 12) if key == "chapter" else (11, 14, 14, 15, 13, 13, 14)
    headers = [word(k, lang) for k in ("col.indicators", "docx.col.completion_pct", "docx.col.expected_pct",
                                       "col.gap", "docx.col.on_pace", "docx.col.lagging")]
    headers.append(status_label("no_report", lang))
    return first + [Column(h, w) for h, w in zip(headers, widths, strict=True)]


def _league_row(i: int, g: Rollup, lang: Lang, key: str) -> list[object]:
    s = g.summary
    name = [f"{numeral(int(g.key), lang)}、{g.title}" if key == "chapter" else g.key, _pct(g.reporting_rate)]
    return [i, *name, len(g.results), _pct(g.completion), _pct(g.expected), signed_points(g.gap),
            g.on_pace, s["lagging"] + s["behind"] + s["missed"], s["no_report"]]


def _lagging_columns(lang: Lang) -> list[Column]:
    return [_col("col.id", 12, lang), _col("col.indicator", 24, lang, "left"), _col("col.owner", 19, lang, "left"),
            _col("docx.col.completion_pct", 14, lang), _col("docx.col.expected_pct", 14, lang),
            _col("col.gap", 15, lang), _col("col.needed", 14, lang), _col("col.per_month", 14, lang),
            _col("col.status", 14, lang), _col("col.note", 16, lang, "left")]


def _lagging_row(r: Result, lang: Lang) -> list[object]:
    unit = r.indicator.unit
    note = r.latest.note if r.latest and r.latest.note else ""
    return [r.id, r.indicator.name, r.owner or NONE, _pct(r.completion), _pct(r.expected), signed_points(r.gap),
            amount(r.remaining, unit, 2) or NONE, amount(r.per_month, unit, 2) or NONE, status_label(r.status, lang),
            note]


def _escalation_columns(lang: Lang) -> list[Column]:
    return [_col("docx.col.level", 12, lang), _col("col.id", 12, lang), _col("col.indicator", 27, lang, "left"),
            _col("col.owner", 23, lang, "left"), _col("docx.col.periods", 17, lang), _col("col.gap", 15, lang),
            _col("col.per_month", 15, lang), _col("docx.col.reply", 35, lang, "left")]


def _escalation_row(e: Escalation, lang: Lang) -> list[object]:
    r = e.result
    return [e.level, r.id, r.indicator.name, r.owner or NONE, run_text(e, lang, cell=True),
            signed_points(r.gap), amount(r.per_month, r.indicator.unit, 2) or NONE, reply_text(e, lang)]


