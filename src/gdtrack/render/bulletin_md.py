"""The monthly bulletin (月度通报) as Markdown, from the same Bulletin as the HTML page."""

from __future__ import annotations

from ..bulletin import Bulletin
from ..engine import STATUSES, Result, Rollup
from .grid import Column, Grid, to_markdown
from .labels import Lang, status_label, word
from .status import lagging_grid, pct, signed_pct

CHANGE_TITLES = {
    "zh": {"newly_done": "新完成", "newly_lagging": "新增滞后", "improved": "好转", "worsened": "退步",
           "newly_reported": "新报送", "still_missing": "仍未报送"},
    "en": {"newly_done": "Newly done", "newly_lagging": "Newly lagging", "improved": "Improved",
           "worsened": "Worsened", "newly_reported": "Newly reported", "still_missing": "Still not reported"},
}

SECTIONS = {
    "zh": ("一、总体情况", "二、与上期相比的变化", "三、各章完成情况", "四、各单位完成情况", "五、滞后事项",
           "六、本期未报送单位"),
    "en": ("1. Headline", "2. What changed", "3. Chapters", "4. Departments", "5. Lagging goals",
           "6. Departments that did not report"),
}


def goal_label(r: Result) -> str:
    return f"{r.id} {r.indicator.name}（{r.owner}）"


def league_grid(groups: list[Rollup], lang: Lang, key: str) -> Grid:
    """Chapters or units ranked by completion against pace, with their status counts."""
    w = lambda k: word(k, lang)  # noqa: E731
    rank = "名次" if lang == "zh" else "rank"
    cols = [Column(rank, "right"), Column(w(key), "right" if key == "chapter" else "left")]
    if key == "chapter":
        cols.append(Column(w("title")))
    cols += [Column(w("indicators"), "right"), Column(w("rate"), "right"), Column(w("completion"), "right"),
             Column(w("expected"), "right"), Column(w("gap"), "right"),
             *[Column(status_label(s, lang), "right") for s in STATUSES]]
    grid = Grid(cols)
    for i, g in enumerate(groups, 1):
        gap = None if g.completion is None or g.expected is None else g.completion - g.expected
        row = [i, g.key] + ([g.title] if key == "chapter" else [])
        row += [len(g.results), pct(g.reporting_rate), pct(g.completion), pct(g.expected), signed_pct(gap),
                *[g.summary[s] or "" for s in STATUSES]]
        grid.add(*row)
    return grid


def bulletin_markdown(b: Bulletin, lang: Lang = "zh", note: str | None = None) -> str:
    now, zh = b.now, lang == "zh"
    overall = now.overall
    heads = SECTIONS[lang]
    title = f"# {'月度通报' if zh else 'Monthly bulletin'}：{now.catalogue.plan.title}" if zh else \
        f"# Monthly bulletin: {now.catalogue.plan.title}"
    since = b.changes.since
    out = [title, "",
           (f"截至 {now.query}（与 {since} 对比）" if zh else f"As of {now.query} (compared with {since})"), ""]
    if note:
        out += [f"> {note}", ""]
    counts = " · ".join(f"{status_label(s, lang)} {n}" for s, n in overall.summary.items())
    out += [f"## {heads[0]}", ""]
    if zh:
        out += [f"- 序时进度 **{pct(now.expected)}**，总体完成度 **{pct(overall.completion)}**",
                f"- 报送率 {pct(overall.reporting_rate)}（{overall.reported}/{len(overall.results)} 项指标有数）",
                f"- {counts}"]
    else:
        out += [f"- Expected progress **{pct(now.expected)}**, overall completion **{pct(overall.completion)}**",
                f"- Reporting rate {pct(overall.reporting_rate)} ({overall.reported}/{len(overall.results)} goals)",
                f"- {counts}"]
    out += ["", f"## {heads[1]}（{since} → {now.query}）" if zh else f"## {heads[1]} ({since} → {now.query})", ""]
    for key, results in b.changes.sections():
        out += [f"### {CHANGE_TITLES[lang][key]}（{len(results)}）" if zh
                else f"### {CHANGE_TITLES[lang][key]} ({len(results)})", ""]
        if not results:
            out += ["无" if zh else "None", ""]
            continue
        for r in results:
            before = b.previous(r)
            move = f"{status_label(before.status, lang)} → {status_label(r.status, lang)}"
            if r.completion is not None and before.completion is not None:
                move += f"，{pct(before.completion)} → {pct(r.completion)}" if zh else \
                    f", {pct(before.completion)} → {pct(r.completion)}"
            out.append(f"- {goal_label(r)}" + ("" if key == "still_missing" else f"：{move}" if zh else f": {move}"))
        out.append("")
    out += [f"## {heads[2]}", "", to_markdown(league_grid(b.chapters, lang, "chapter")), ""]
    out += [f"## {heads[3]}", "", to_markdown(league_grid(b.units, lang, "unit")), ""]
    out += [f"## {heads[4]}（{len(b.lagging)}）" if zh else f"## {heads[4]} ({len(b.lagging)})", ""]
    out += [to_markdown(lagging_grid(b.lagging, lang)) if b.lagging else ("无" if zh else "None"), ""]
    out += [f"## {heads[5]}", ""]
    out += ["、".join(b.silent_units) if b.silent_units and zh else ", ".join(b.silent_units) if b.silent_units
            else ("无" if zh else "None"), ""]
    plan = now.catalogue.plan
    out += ["---", "", f"{plan.document_number} · " + ("由 gdtrack 生成，数据来自各牵头单位报送。" if zh
                                                       else "generated by gdtrack from the lead units' reports.")]
    return "\n".join(out) + "\n"
