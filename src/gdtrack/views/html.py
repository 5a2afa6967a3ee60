"""The monthly bulletin (月度通报) as one self-contained HTML page.

Inline CSS and inline SVG only: no script, no web font, no image or stylesheet to fetch, so the file opens the
same from an e-mail attachment, a shared folder or a browser with no network. It reads on a laptop screen and
prints on A4 (`@media print`). Every text from the data is escaped.
"""

from __future__ import annotations

import datetime as dt
import functools
from html import escape

from gdtrack.engine.bulletin import Bulletin, Point
from gdtrack.engine.evaluation import STATUSES, Result, Rollup, elapsed_days, pace_tone
from gdtrack.views.decisions import office_notes
from gdtrack.views.evidence import bulletin_lines
from gdtrack.views.numbers import NONE, amount, gap_points, number, percent, signed_points, value_text
from gdtrack.views.status import counted, left_out_line, shown_statuses, tasks_line
from gdtrack.views.svg import (
    FONT,
    STATUS_COLOUR,
    STATUS_INK,
    Mix,
    PaceBar,
    SparkPoint,
    pace_bars,
    sparkline,
    status_mix,
)
from gdtrack.words import Lang, level_label, status_label, word

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9dee3; --head: #f0f3f6; --accent: #a61b1b; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #eef1f4; color: var(--ink); font-family: FONTS;
       font-size: 15px; line-height: 1.6; }
.page { max-width: 1100px; margin: 0 auto; padding: 28px 28px 40px; background: #fff; }
header.top { border-bottom: 4px double var(--accent); padding-bottom: 12px; }
.kicker { color: var(--accent); font-weight: 700; letter-spacing: .12em; margin: 0; }
h1 { font-size: 25px; line-height: 1.4; margin: 4px 0; }
.meta { color: var(--muted); margin: 0; }
.meta span + span::before { content: "·"; margin: 0 .5em; }
h2 { font-size: 20px; line-height: 1.4; margin: 34px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line);
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 15px; margin: 0 0 6px; }
.lead { color: var(--muted); font-size: 14px; margin: 0 0 10px; }
.note, .warn { border-left: 4px solid #f9a825; background: #fff8e1; padding: 8px 12px; margin: 14px 0 0; }
.warn { border-color: var(--accent); background: #fdecea; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: #fff; }
.kpi .k { color: var(--muted); font-size: 13px; }
.kpi .v { font-size: 28px; font-weight: 700; line-height: 1.25; font-variant-numeric: tabular-nums; }
.kpi .s { color: var(--muted); font-size: 13px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px 8px; margin: 8px 0; padding: 0; list-style: none; }
.chip { display: inline-block; padding: 0 8px; border: 1px solid; border-radius: 999px; font-size: 13px;
        line-height: 1.6; white-space: nowrap; font-weight: 600; }
.chips .chip { font-size: 14px; padding: 2px 12px; }
.chip b { font-variant-numeric: tabular-nums; margin-left: .35em; }
CHIPS
.table-wrap { overflow-x: auto; margin: 8px 0; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: var(--head); font-weight: 600; border-bottom: 2px solid #c3ccd5; vertical-align: bottom;
           white-space: nowrap; word-break: keep-all; overflow-wrap: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.text { overflow-wrap: anywhere; }
.nowrap { white-space: nowrap; }
.sub { display: block; color: var(--muted); font-size: 12.5px; }
th .dot { display: inline-block; width: .7em; height: .7em; border-radius: 2px; margin-right: 3px; }
th.count { text-align: right; font-size: 12.5px; }
.zero { color: #b0b8c1; }
.gap-lag { color: #b71c1c; font-weight: 600; }
.gap-behind { color: #8a5a00; }
.gap-ok { color: #1b5e20; }
.changes { columns: 3 300px; column-gap: 12px; }
.changes .card { display: inline-block; width: 100%; margin: 0 0 12px; break-inside: avoid; }
.changes ul { margin: 0; padding-left: 1.1em; }
.changes li { margin: 3px 0; overflow-wrap: anywhere; }
.changes .trans { color: var(--muted); font-size: 13px; white-space: nowrap; }
.none { color: var(--muted); margin: 0; }
.count-badge { color: var(--muted); font-weight: 400; }
.chart-wrap { overflow-x: auto; margin: 6px 0 12px; }
svg.chart { display: block; width: 100%; min-width: 640px; height: auto; }
svg.spark { display: block; }
td.spark-cell { width: 172px; }
table.lagging td.name { min-width: 10em; }
table.lagging td.memo { min-width: 9em; }
td small { color: var(--muted); font-size: 12px; }
.silent { margin: 0; padding-left: 1.2em; }
footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
footer p { margin: 2px 0; }
@media screen { td.text { min-width: 9em; } }
@media (max-width: 700px) {
  body { font-size: 14px; }
  .page { padding: 16px 12px 28px; }
  h1 { font-size: 21px; }
  .kpi .v { font-size: 24px; }
  table { font-size: 13px; }
}
@media screen and (max-width: 700px) {
  .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .card { padding: 8px 10px; }
  .changes { columns: auto; }
  .meta span { display: inline-block; }
  svg.chart { min-width: 0; }
  .table-wrap { border: 1px solid var(--line); border-radius: 6px; }
  td.text { min-width: 7em; }
}
@media screen and (max-width: 420px) {
  .kpi .v { font-size: 20px; }
  .chips .chip { font-size: 13px; padding: 1px 9px; }
}
@page { size: A4; margin: 15mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10pt; line-height: 1.5; }
  p, li, td, th, .card { orphans: 3; widows: 3; }
  .page { max-width: none; padding: 0; }
  h1 { font-size: 17pt; }
  h2 { font-size: 13pt; margin-top: 18pt; }
  .kpi .v { font-size: 18pt; }
  .table-wrap, .chart-wrap { overflow: visible; }
  svg.chart { min-width: 0; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 4px; }
  .sub { font-size: 7.5pt; }
  .chip { font-size: 8pt; }
  thead { display: table-header-group; }
  tr, .kpi, svg, li { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, h2 + .lead { break-after: avoid; page-break-after: avoid; }
  :lang(zh) table.lagging { table-layout: fixed; }
WIDTHS
  thead th { white-space: normal; }
  thead th.count { font-size: 7.5pt; padding: 3px 2px; line-height: 1.25; }
  thead th.count .dot { display: block; margin: 0 0 2px auto; }
  td.amount { white-space: normal; }
  td small { font-size: 7.5pt; }
  svg.spark { width: 100%; height: auto; }
  svg.chart { max-height: 235mm; }
  .changes { columns: auto; }
  .changes .card { display: block; margin-bottom: 8pt; break-inside: auto; }
  .changes ul { columns: 2; column-gap: 18pt; }
  table.lagging td.name, table.lagging td.memo { min-width: 0; }
}
"""


PRINT_WIDTHS: dict[str, list[float]] = {
    "lagging": [5.5, 16.5, 8.5, 8, 8, 9.5, 8.5, 8.5, 14, 13],
}
"""Column widths (% of the line) on paper for the Chinese table of long notes and sparklines; the other tables, and
the English one (whose long words need other widths), are laid out by the browser, their headers' words kept
whole, so that no header is broken in a word or runs over."""


def _css() -> str:
    chips = "\n".join(f".s-{s} {{ background: {STATUS_COLOUR[s]}; color: {STATUS_INK[s]}; border-color: "
                      f"{STATUS_COLOUR[s]}; }}\nth .dot.s-{s} {{ border: 1px solid {STATUS_COLOUR[s]}; }}"
                      for s in STATUSES)
    widths = "\n".join(f"  :lang(zh) table.{t} th:nth-child({i}) {{ width: {w:.2f}%; }}"
                       for t, ws in PRINT_WIDTHS.items() for i, w in enumerate(ws, 1))
    return CSS.replace("FONTS", FONT.replace("'", '"')).replace("CHIPS", chips).replace("WIDTHS", widths)


def _e(value: object) -> str:
    return escape(str(value))


def _breakable(label: str) -> str:
    """A column header may break before its bracket (差距 / （百分点）) and at spaces, never inside a word: the
    stylesheet keeps Chinese words whole (`word-break: keep-all`), so a header gets a line only where it can."""
    return label.replace("（", "<wbr>（")


def cell(text: str, cls: str, extra: str = "") -> str:
    """A table cell of escaped text (`extra` is HTML added after it); an empty value "—" is greyed."""
    grey = " zero" if text == NONE and not extra else ""
    return f'<td class="{cls}{grey}">{_e(text)}{extra}</td>'


class Page:
    """Builds the page for one language; every method returns escaped HTML."""

    def __init__(self, b: Bulletin, lang: Lang) -> None:
        self.b, self.lang = b, lang
        self.plan = b.now.catalogue.plan
        self.tolerance = self.plan.policy.tolerance

    def w(self, key: str, **kw: object) -> str:
        """A word of the page (`html.` keys), a section title (`section.`) or a column (`col.`)."""
        return word(key if "." in key else f"html.{key}", self.lang, **kw)

    # ── small pieces ──

    def chip(self, status: str | None, count: int | None = None) -> str:
        key = status or "no_baseline"
        n = "" if count is None else f"<b>{count}</b>"
        return f'<span class="chip s-{key}">{_e(status_label(status, self.lang))}{n}</span>'

    def gap_cell(self, gap: float | None) -> str:
        if gap is None:
            return f'<td class="num zero">{NONE}</td>'
        klass = {"on_track": "gap-ok", "behind": "gap-behind", "lagging": "gap-lag"}[pace_tone(gap, self.tolerance)]
        return f'<td class="num {klass}">{_e(signed_points(gap))}</td>'

    def count_cells(self, g: Rollup) -> str:
        return "".join(f'<td class="num">{n}</td>' if n else '<td class="num zero">0</td>'
                       for s, n in g.summary.items() if s in self.shown)

    def goal(self, r: Result) -> str:
        """“id name（owner）”, the way a goal is named in lists."""
        return _e(self.w("goal", id=r.id, name=r.indicator.name, owner=r.owner or NONE))

    # ── sections ──

    def header(self, note: str | None, skipped: dict[str, str] | None) -> str:
        b, plan = self.b, self.plan
        meta = [plan.document_number, self.w("as_of", d=b.now.query), self.w("compare", d=b.changes.since)]
        out = [
            '<header class="top">',
            f'<p class="kicker">{_e(self.w("kicker"))}</p>',
            f"<h1>{_e(plan.title)}</h1>",
            '<p class="meta">' + "".join(f"<span>{_e(m)}</span>" for m in meta) + "</p>",
            "</header>",
        ]
        if note:
            out.append(f'<p class="note">{_e(note)}</p>')
        if skipped:
            out.append(f'<p class="warn">{_e(left_out_line(skipped, self.lang, self.b.unread))}</p>')
        out += [f'<p class="note">{_e(note)}</p>' for note in office_notes(self.b.now, self.lang)]
        return "\n".join(out)

    def overview(self) -> str:
        b, plan = self.b, self.plan
        overall = b.now.overall
        results = overall.results
        days = self.w("days", a=elapsed_days(plan.period_start, b.now.query),
                      b=elapsed_days(plan.period_start, plan.period_end))
        n = len(results)
        cards = [
            (self.w("col.expected"), percent(b.now.expected), days),
            (self.w("on_pace"), f"{overall.on_pace} / {n}",
             self.w("share", p=percent(overall.on_pace / n if n else None))),
            (self.w("overall"), percent(overall.completion),
             self.w("vs_pace", counted=counted(overall, self.lang), e=percent(overall.expected),
                    g=signed_points(overall.gap))),
            (self.w("rate"), percent(overall.reporting_rate), self.w("of_goals", a=overall.current, b=n)),
        ]
        tasks = len(self.b.now.catalogue.tasks)  # every task of the plan, those without indicators too
        units = len({r.owner for r in results if r.owner})
        out = [f'<section id="overview"><h2>{_e(self.w("section.headline"))}</h2>', '<div class="kpis">']
        out += [f'<div class="card kpi"><div class="k">{_e(k)}</div><div class="v">{_e(v)}</div>'
                f'<div class="s">{_e(s)}</div></div>' for k, v, s in cards]
        out.append("</div>")
        out.append('<ul class="chips">' + "".join(f"<li>{self.chip(s, n)}</li>" for s, n in overall.summary.items()
                                                  if n or s != "unread") + "</ul>")
        out.append(f'<p class="lead">{_e(self.w("goals", n=len(results), t=tasks, u=units))}</p>')
        out.append(f'<p class="lead">{_e(tasks_line(self.b.now, self.lang, "html"))}</p>')
        out.append("</section>")
        return "\n".join(out)

    def changes(self) -> str:
        b = self.b
        title = self.w("section.changes", since=b.changes.since, now=b.now.query)
        out = [f'<section id="changes"><h2>{_e(title)}</h2>',
               f'<p class="lead">{_e(self.w("changes_lead"))}</p>', '<div class="changes">']
        for key, results in b.changes.sections():
            out.append(f'<div class="card"><h3>{_e(self.w("change." + key))} '
                       f'<span class="count-badge">{len(results)}</span></h3>')
            if not results:
                out.append(f'<p class="none">{_e(self.w("none"))}</p></div>')
                continue
            out.append("<ul>")
            for r in results:
                trans = ""
                if key != "still_missing":
                    before = b.previous(r).status
                    trans = (f' <span class="trans">{_e(status_label(before, self.lang))} → </span>'
                             f"{self.chip(r.status)}")
                out.append(f"<li>{self.goal(r)}{trans}</li>")
            out.append("</ul></div>")
        out.append("</div></section>")
        return "\n".join(out)

    def table(self, cls: str, heads: list[tuple[str, str]], rows: list[str]) -> str:
        """A table whose header repeats on each printed page; `heads` are (label, class) pairs."""
        head = "".join(f'<th class="{k}" scope="col">{_breakable(label)}</th>' if k
                       else f'<th scope="col">{_breakable(label)}</th>' for label, k in heads)
        return (f'<div class="table-wrap"><table class="{cls}"><thead><tr>{head}</tr></thead><tbody>\n'
                + "\n".join(rows) + "\n</tbody></table></div>")

    def heads(self, *keys: tuple[str, str]) -> list[tuple[str, str]]:
        """(column key, class) → (escaped label, class), then one column per status."""
        out = [(_e(self.w(f"col.{k}")), c) for k, c in keys]
        return out + [(f'<span class="dot s-{s}"></span>{_e(status_label(s, self.lang))}', "count")
                      for s in self.shown]

    @functools.cached_property
    def shown(self) -> tuple[str, ...]:
        """The statuses the tables count: 数据未能读取 only where some goal is (worked out once a page: it counts
        every goal of the plan, and every row of every table asks)."""
        return shown_statuses([self.b.now.overall])

    def chapters(self) -> str:
        b = self.b
        rows, bars = [], []
        for rank, g in enumerate(b.chapters, 1):
            name = f"{self.w('chapter_n', n=g.key)} {g.title}"
            rows.append(f'<tr><td class="num">{rank}</td><td class="text">{_e(name)}</td>'
                        f'<td class="num">{_e(percent(g.reporting_rate))}</td>'
                        f'<td class="num">{_e(percent(g.completion))}</td><td class="num">{_e(percent(g.expected))}'
                        f"</td>{self.gap_cell(g.gap)}{self.count_cells(g)}</tr>")
            bars.append(PaceBar(f"{g.key} {g.title}", g.completion, g.expected, g.tone or "no_baseline",
                                self.w("chapter_tip", c=name, v=percent(g.completion), e=percent(g.expected),
                                       g=gap_points(g.gap, self.lang))))
        legend = [("done", self.w("tone_done")), ("on_track", self.w("tone_on")),
                  ("behind", self.w("tone_behind")), ("lagging", self.w("tone_lag", points=number(
                      round(self.tolerance * 100, 1))))]
        chart = pace_bars(bars, aria_label=self.w("chart_chapters"), completion_word="",
                          expected_word=self.w("col.expected"), legend=legend)
        heads = self.heads(("html_rank", "num"), ("chapter", ""), ("rate", "num"), ("completion", "num"),
                           ("expected", "num"), ("gap", "num"))
        return "\n".join([f'<section id="chapters"><h2>{_e(self.w("section.chapters"))}</h2>',
                          f'<p class="lead">{_e(self.w("chapters_lead"))}</p>',
                          f'<div class="chart-wrap">{chart}</div>',
                          self.table("chapters", heads, rows), "</section>"])

    def units(self) -> str:
        b, lang = self.b, self.lang
        rows, mixes = [], []
        for rank, g in enumerate(b.units, 1):
            rows.append(f'<tr><td class="num">{rank}</td><td class="text">{_e(g.title)}</td>'
                        f'<td class="num">{len(g.results)}</td>'
                        f'<td class="num">{_e(percent(g.reporting_rate))} '
                        f'<small>{g.current}/{len(g.results)}</small></td>'
                        f'<td class="num">{_e(percent(g.completion))}</td>{self.gap_cell(g.gap)}{self.count_cells(g)}'
                        "</tr>")
            mixes.append(Mix(str(g.key), g.summary, self.w("unit_tip", u=g.key, n=len(g.results),
                                                           r=percent(g.reporting_rate), c=percent(g.completion))))
        chart = status_mix(mixes, labels={s: status_label(s, lang) for s in STATUSES},
                           aria_label=self.w("chart_units"))
        heads = self.heads(("html_rank", "num"), ("unit", ""), ("indicators", "num"), ("rate", "num"),
                           ("completion", "num"), ("gap", "num"))
        return "\n".join([f'<section id="units"><h2>{_e(self.w("section.units"))}</h2>',
                          f'<p class="lead">{_e(self.w("units_lead"))}</p>',
                          f'<div class="chart-wrap">{chart}</div>',
                          self.table("units", heads, rows),
                          *(f'<p class="lead">{_e(line)}</p>' for line in bulletin_lines(
                              [str(g.key) for g in b.units], b.filed, b.changes.since, lang)),
                          "</section>"])

    def spark(self, r: Result) -> str:
        points = self.b.trajectories.get(r.id, [])
        ind = r.indicator

        def tip(p: Point) -> str:
            return self.w("point", d=p.as_of, v=value_text(ind, p.value, self.lang), c=percent(p.completion),
                          e=percent(p.expected))

        values = self.w("trend_sep").join(percent(p.completion) for p in points) or self.w("no_data")
        label = self.w("trend_of", g=f"{r.id} {ind.name}", v=values, e=percent(r.expected))
        return sparkline([SparkPoint(p.as_of, p.completion, p.expected, tip(p)) for p in points],
                         start=self.plan.period_start, end=max(self.plan.period_end, r.query),
                         pace_to=(r.query, r.expected), tone=r.status, aria_label=label, empty=self.w("no_data"))

    def lagging(self) -> str:
        rows = []
        for r in self.b.lagging:
            ind = r.indicator
            note = r.latest.note if r.latest and r.latest.note else NONE
            actual = "" if r.actual is None else \
                f'<span class="sub">{_e(self.w("col.actual"))} {_e(value_text(ind, r.actual, self.lang))}</span>'
            rows.append(
                f'<tr id="goal-{_e(r.id)}"><td class="nowrap">{_e(r.id)}</td>'
                f'<td class="text name">{_e(ind.name)}<span class="sub">{_e(r.owner or NONE)}</span></td>'
                f"<td>{self.chip(r.status)}</td>"
                f"{cell(percent(r.completion), 'num', actual)}{cell(percent(r.expected), 'num')}"
                f"{self.gap_cell(r.gap)}"
                f"{cell(amount(r.remaining, ind.unit, 2) or NONE, 'num amount')}"
                f"{cell(amount(r.per_month, ind.unit, 2) or NONE, 'num amount')}"
                f'{cell(note, "text memo")}<td class="spark-cell">{self.spark(r)}</td></tr>')
        heads = [(_e(self.w("col.id")), ""),
                 (_e(self.w("col.indicator_owner", indicator=self.w("col.indicator"), owner=self.w("col.owner"))), ""),
                 (_e(self.w("col.status")), ""),
                 *((_e(self.w(f"col.{k}")), "num") for k in ("completion", "expected", "gap", "needed", "per_month")),
                 (_e(self.w("col.note")), ""), (_e(self.w("col.trend")), "")]
        body = self.table("lagging", heads, rows) if rows else f'<p class="none">{_e(self.w("none"))}</p>'
        return "\n".join([f'<section id="lagging"><h2>{_e(self.w("section.lagging", n=len(self.b.lagging)))}</h2>',
                          f'<p class="lead">{_e(self.w("lagging_lead"))}</p>', body, "</section>"])

    def silent(self) -> str:
        b = self.b
        out = [f'<section id="silent"><h2>{_e(self.w("section.silent"))}</h2>']
        if not b.silent_units:
            out.append(f'<p class="none">{_e(self.w("none"))}</p></section>')
            return "\n".join(out)
        last: dict[str, dt.date] = {}
        for r in b.now.results:
            if r.owner and r.latest and (r.owner not in last or r.latest.as_of > last[r.owner]):
                last[r.owner] = r.latest.as_of
        out.append(f'<p class="lead">{_e(self.w("silent_lead", a=b.changes.since, b=b.now.query))}</p>')
        out.append('<ul class="silent">')
        for name in b.silent_units:
            when = f"{self.w('last_report')} {last[name]}" if name in last else self.w("never")
            out.append(f'<li>{_e(name)}<span class="count-badge">{_e(self.w("when", when=when))}</span></li>')
        out.append("</ul></section>")
        return "\n".join(out)

    def escalations(self) -> str:
        """七、督办事项: a row per goal at an escalation level, with the unit's reply (flagged when overdue)."""
        from gdtrack.views.supervision import reply_text

        escs = self.b.escalations
        rows = [f'<tr><td class="nowrap">{_e(level_label(e.level, self.lang))}</td>{cell(str(e.periods), "num")}'
                f'<td class="text name">{self.goal(e.result)}</td><td>{self.chip(e.result.status)}</td>'
                f"{self.gap_cell(e.result.gap)}"
                f"{cell(amount(e.result.per_month, e.result.indicator.unit, 2) or NONE, 'num amount')}"
                f'{cell(reply_text(e, self.lang), "text memo" + (" gap-lag" if e.overdue else ""))}</tr>'
                for e in escs]
        heads = [(_e(self.w(f"col.{k}")), "num" if k in ("periods", "gap", "per_month") else "")
                 for k in ("level", "periods", "indicator", "status", "gap", "per_month", "reply")]
        body = self.table("escalations", heads, rows) if rows else f'<p class="none">{_e(self.w("none"))}</p>'
        return "\n".join([f'<section id="escalations"><h2>{_e(self.w("section.escalations", n=len(escs)))}</h2>',
                          f'<p class="lead">{_e(self.w("escalations_lead"))}</p>', body, "</section>"])

    def outlook(self) -> str:
        """八、年底预判: the goals whose projected year-end range is at risk or short of the target."""
        from gdtrack.views.supervision import forecast_range

        fs = self.b.forecasts
        risk = sum(f.verdict == "at_risk" for f in fs.values())
        rows = [f'<tr><td class="text name">{self.goal(r)}</td>'
                f"{cell(forecast_range(fs[r.id], r.indicator, self.lang), 'num amount')}"
                f"{cell(amount(fs[r.id].target, r.indicator.unit), 'num amount')}"
                f'{cell(word(f"verdict.{fs[r.id].verdict}", self.lang), "text")}</tr>' for r in self.b.outlook]
        heads = [(_e(self.w(f"col.{k}")), "num" if k in ("forecast", "goal") else "")
                 for k in ("indicator", "forecast", "goal", "verdict")]
        body = self.table("outlook", heads, rows) if rows else f'<p class="none">{_e(self.w("none"))}</p>'
        title = self.w("section.forecast", risk=risk, unlikely=len(fs) - risk)
        return "\n".join([f'<section id="outlook"><h2>{_e(title)}</h2>',
                          f'<p class="lead">{_e(self.w("forecast_lead"))}</p>', body, "</section>"])

    def timeliness(self) -> str:
        """九、报送情况: each unit's 报送率（期） and 及时率, the deadline rule, the latest period's report."""
        from gdtrack.views.scores import latest_period_line, timeliness_headers, timeliness_rows
        from gdtrack.views.status import timeliness_line

        arrivals = self.b.arrivals
        if arrivals is None:
            return ""
        line = timeliness_line(arrivals, self.b.now.catalogue, self.lang)
        head = f'<section id="timeliness"><h2>{_e(self.w("section.timeliness"))}</h2>'
        if line is None:
            return f'{head}\n<p class="none">{_e(self.w("timeliness.none"))}</p></section>'
        rows = ["<tr>" + "".join(cell(str(v), "text" if i in (0, 8) else "num") for i, v in enumerate(row)) + "</tr>"
                for row in timeliness_rows(arrivals, self.lang)]
        heads = [(_e(h), "" if i in (0, 8) else "num") for i, h in enumerate(timeliness_headers(self.lang))]
        return "\n".join([head, f'<p class="lead">{_e(line)}</p>',
                          f'<p class="lead">{_e(latest_period_line(arrivals, self.lang) or "")}</p>',
                          self.table("timeliness", heads, rows), "</section>"])

    def scores(self, sample: bool) -> str:
        """十、考核得分: the rules with their points, then the units ranked, with the points lost by rule."""
        from gdtrack.views.scores import ranking_grid, rules_sentence

        sc = self.b.scores
        if sc is None:
            return ""
        out = [f'<section id="scores"><h2>{_e(self.w("section.scores"))}</h2>',
               f'<p class="lead">{_e(rules_sentence(sc, self.plan.policy.scoring, self.lang))}</p>']
        if sample:
            out.append(f'<p class="note">{_e(self.w("scores.doc.sample"))}</p>')
        if sc.unread:
            out.append(f'<p class="warn">{_e(self.w("scores.unread", units=self.w("list.sep").join(sc.unread)))}</p>')
        if sc.ends:
            grid = ranking_grid(sc, self.lang)
            rows = ["<tr>" + "".join(cell(str(v), "text" if i == 1 else "num") for i, v in enumerate(row)) + "</tr>"
                    for row in grid.rows]
            out.append(self.table("scores", [(_e(c.header), "" if i == 1 else "num")
                                             for i, c in enumerate(grid.columns)], rows))
        return "\n".join([*out, "</section>"])

    def footer(self, sample: bool) -> str:
        lines = [f"{self.plan.document_number} · {self.plan.issuer}", self.w("footer")]
        if sample:
            lines.append(self.w("sample"))
        return "<footer>" + "".join(f"<p>{_e(line)}</p>" for line in lines) + "</footer>"


def bulletin_html(b: Bulletin, lang: Lang = "zh", note: str | None = None, *, sample: bool = False,
                  skipped: dict[str, str] | None = None) -> str:
    """The bulletin as one self-contained HTML5 document (inline CSS and SVG, no script, nothing fetched).

    `note` is printed under the headline; `sample=True` adds the footer line saying the figures are invented;
    `skipped` (progress file → reason, as in Workspace.skipped) adds a warning that files were left out.
    """
    page = Page(b, lang)
    title = f"{page.w('title')} · {page.plan.title} · {b.now.query}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{page.w("lang")}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="gdtrack">',
        f"<title>{_e(title)}</title>",
        f"<style>{_css()}</style>",
        "</head>",
        "<body>",
        '<main class="page">',
        page.header(note, skipped),
        page.overview(),
        page.changes(),
        page.chapters(),
        page.units(),
        page.lagging(),
        page.silent(),
        page.escalations(),
        page.outlook(),
        page.timeliness(),
        page.scores(sample),
        page.footer(sample),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
