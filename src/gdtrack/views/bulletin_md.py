"""The monthly bulletin (月度通报) as Markdown, from the same Bulletin as the HTML page."""

from __future__ import annotations

from gdtrack.engine.bulletin import Bulletin, Result, Rollup
from gdtrack.views.decisions import office_notes
from gdtrack.views.evidence import bulletin_lines
from gdtrack.views.grid import Column, Grid, to_markdown
from gdtrack.views.numbers import percent, signed_points
from gdtrack.views.safe import markdown
from gdtrack.views.status import (
    counted,
    counts_cells,
    counts_columns,
    lagging_grid,
    left_out_line,
    shown_statuses,
    status_counts,
    tasks_line,
)
from gdtrack.words import Lang, status_label, word


def goal_label(r: Result, lang: Lang) -> str:
    return word("md.goal", lang, id=r.id, name=markdown(r.indicator.name), owner=markdown(r.owner or ""))


def league_grid(groups: list[Rollup], lang: Lang, key: str) -> Grid:
    """Chapters or units ranked by completion against pace, with their status counts."""
    w = lambda k: word(f"col.{k}", lang)  # noqa: E731
    shown = shown_statuses(groups)
    cols = [Column(w("rank"), "right"), Column(w(key), "right" if key == "chapter" else "left")]
    if key == "chapter":
        cols.append(Column(w("title")))
    cols += [Column(w("indicators"), "right"), Column(w("rate"), "right"), Column(w("completion"), "right"),
             Column(w("expected"), "right"), Column(w("gap"), "right"), *counts_columns(lang, shown)]
    grid = Grid(cols)
    for i, g in enumerate(groups, 1):
        row = [i, g.key] + ([g.title] if key == "chapter" else [])
        row += [len(g.results), percent(g.reporting_rate), percent(g.completion), percent(g.expected),
                signed_points(g.gap), *counts_cells(g, shown)]
        grid.add(*row)
    return grid


def bulletin_markdown(b: Bulletin, lang: Lang = "zh", note: str | None = None,
                      skipped: dict[str, str] | None = None, sample: bool = False) -> str:
    now = b.now
    overall = now.overall
    since = b.changes.since
    none = word("md.none", lang)
    out = [word("md.title", lang, title=markdown(now.catalogue.plan.title)), "",
           word("md.as_of", lang, d=now.query, since=since), ""]
    if note:
        out += [f"> {note}", ""]
    if skipped:
        out += [f"> {markdown(left_out_line(skipped, lang, b.unread))}", ""]
    out += [line for note in office_notes(now, lang) for line in (f"> {markdown(note)}", "")]
    out += [f"## {word('section.headline', lang)}", "",
            word("md.expected", lang, e=percent(now.expected), c=percent(overall.completion),
                 counted=counted(overall, lang)),
            word("md.rate", lang, r=percent(overall.reporting_rate), a=overall.current, b=len(overall.results)),
            f"- {status_counts(overall.summary, lang, 'md.counts_sep')}",
            tasks_line(now, lang, "md")]
    out += ["", f"## {word('section.changes', lang, since=since, now=now.query)}", ""]
    for key, results in b.changes.sections():
        out += [word("md.change", lang, label=word(f"change.{key}", lang), n=len(results)), ""]
        if not results:
            out += [none, ""]
            continue
        for r in results:
            before = b.previous(r)
            move = f"{status_label(before.status, lang)} → {status_label(r.status, lang)}"
            if r.completion is not None and before.completion is not None:
                move += word("md.move_completion", lang, before=percent(before.completion), now=percent(r.completion))
            moved = "" if key == "still_missing" else word("md.move", lang, move=move)
            out.append(f"- {goal_label(r, lang)}{moved}")
        out.append("")
    out += [f"## {word('section.chapters', lang)}", "", to_markdown(league_grid(b.chapters, lang, "chapter")), ""]
    out += [f"## {word('section.units', lang)}", "", to_markdown(league_grid(b.units, lang, "unit")), ""]
    for line in bulletin_lines([str(g.key) for g in b.units], b.filed, since, lang):
        out += [markdown(line), ""]
    out += [f"## {word('section.lagging', lang, n=len(b.lagging))}", ""]
    out += [to_markdown(lagging_grid(b.lagging, lang)) if b.lagging else none, ""]
    out += [f"## {word('section.silent', lang)}", ""]
    out += [word("list.sep", lang).join(map(markdown, b.silent_units)) if b.silent_units else none, ""]
    out += escalations_section(b, lang) + forecast_section(b, lang)
    out += timeliness_section(b, lang) + scores_section(b, lang, sample)
    out += ["---", "", word("md.footer", lang, number=now.catalogue.plan.document_number)]
    return "\n".join(out) + "\n"


def escalations_section(b: Bulletin, lang: Lang) -> list[str]:
    """七、督办事项: each goal at an escalation level, with its run, gap, what is needed and the unit's reply."""
    from gdtrack.views.supervision import escalation_md

    out = [f"## {word('section.escalations', lang, n=len(b.escalations))}", ""]
    return out + ([escalation_md(e, lang) for e in b.escalations] or [word("md.none", lang)]) + [""]


def forecast_section(b: Bulletin, lang: Lang) -> list[str]:
    """八、年底预判: the goals whose projected year-end range is at risk or short of the target."""
    from gdtrack.views.supervision import forecast_md

    risk = sum(f.verdict == "at_risk" for f in b.forecasts.values())
    out = [f"## {word('section.forecast', lang, risk=risk, unlikely=len(b.forecasts) - risk)}", ""]
    lines = [forecast_md(r, b.forecasts[r.id], lang) for r in b.outlook]
    return out + (lines or [word("md.none", lang)]) + [""]


def timeliness_section(b: Bulletin, lang: Lang) -> list[str]:
    """九、报送情况: each unit's 报送率（期） and 及时率, with the deadline rule and the latest period's report."""
    from gdtrack.views.scores import latest_period_line, timeliness_headers, timeliness_rows
    from gdtrack.views.status import timeliness_line

    if b.arrivals is None:
        return []
    out = [f"## {word('section.timeliness', lang)}", ""]
    line = timeliness_line(b.arrivals, b.now.catalogue, lang)
    if line is None:
        return out + [word("timeliness.none", lang), ""]
    grid = Grid([Column(h, "left" if i in (0, 8) else "right") for i, h in enumerate(timeliness_headers(lang))])
    for row in timeliness_rows(b.arrivals, lang):
        grid.add(*row)
    return out + [line, "", latest_period_line(b.arrivals, lang) or "", "", to_markdown(grid), ""]


def scores_section(b: Bulletin, lang: Lang, sample: bool = False) -> list[str]:
    """十、考核得分: the rules with their points, then the units ranked (this period, the year, points lost by rule)."""
    from gdtrack.views.scores import ranking_grid, rules_sentence

    sc = b.scores
    if sc is None:
        return []
    rules = rules_sentence(sc, b.now.catalogue.plan.policy.scoring, lang)  # the levels' names are the plan's text
    out = [f"## {word('section.scores', lang)}", "", markdown(rules), ""]
    if sample:
        out += [word("scores.doc.sample", lang), ""]
    if sc.unread:
        out += [markdown(word("scores.unread", lang, units=word("list.sep", lang).join(sc.unread))), ""]
    return out + ([to_markdown(ranking_grid(sc, lang)), ""] if sc.ends else [])
