"""The HTML bulletin (月度通报): one self-contained page, on the shipped sample data.

Pure tests check the markup; browser tests open the file in headless Chromium (Debian's /usr/bin/chromium driven
by the `playwright` package, no browser download) and print it to PDF. They are skipped only when there is no
browser or no playwright.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from html import escape, unescape
from pathlib import Path

import pytest
import yaml

from gdtrack.checks.workspace import open_workspace
from gdtrack.engine.bulletin import Bulletin, build
from gdtrack.views import svg
from gdtrack.views.bulletin_md import bulletin_markdown
from gdtrack.views.html import bulletin_html
from gdtrack.words import word

from . import external

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "data" / "tasks_2023.yaml"
PROGRESS = ROOT / "data" / "progress"
AS_OF = dt.date(2023, 9, 30)
SVG_NS = "http://www.w3.org/2000/svg"
HEADINGS = ("headline", "changes", "chapters", "units", "lagging", "silent", "escalations", "forecast")
CHANGE_LISTS = ("newly_done", "newly_lagging", "improved", "worsened", "newly_reported", "still_missing")


@pytest.fixture(scope="module")
def bulletin() -> Bulletin:
    ws = open_workspace(str(CATALOGUE), str(PROGRESS))
    assert ws.catalogue is not None and not ws.errors
    return build(ws.catalogue, ws.progress, AS_OF)


@pytest.fixture(scope="module")
def page(bulletin: Bulletin) -> str:
    return bulletin_html(bulletin, "zh", note="本通报使用示例数据（虚构）。", sample=True)


@pytest.fixture(scope="module")
def page_en(bulletin: Bulletin) -> str:
    return bulletin_html(bulletin, "en")


def headings(html: str) -> list[str]:
    return re.findall(r"<h2>(.*?)</h2>", html)


def section(html: str, sid: str) -> str:
    return html[html.index(f'<section id="{sid}">'):].split("</section>", 1)[0]


# ── pure ───────────────────────────────────────────────────────────────────────────────────────


def test_a_complete_html5_document(page: str):
    assert page.startswith("<!DOCTYPE html>\n")
    assert '<html lang="zh-CN">' in page
    assert '<meta charset="utf-8">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert page.rstrip().endswith("</html>")
    assert '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", ' \
           '"WenQuanYi Micro Hei", sans-serif' in page


def test_every_section_in_order(page: str, bulletin: Bulletin):
    found = headings(page)
    risk = sum(f.verdict == "at_risk" for f in bulletin.forecasts.values())
    counts = {"lagging": len(bulletin.lagging), "escalations": len(bulletin.escalations)}
    want = [escape(word(f"section.{h}", "zh", since=bulletin.changes.since, now=bulletin.now.query,
                        n=counts.get(h), risk=risk, unlikely=len(bulletin.forecasts) - risk)) for h in HEADINGS]
    assert found == want
    assert found[1] == "二、较上期的变化（2023-06-30 → 2023-09-30）"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_and_html_bulletins_carry_the_same_section_titles(bulletin: Bulletin, lang: str):
    html_titles = [unescape(h) for h in headings(bulletin_html(bulletin, lang))]
    md_titles = [line[3:] for line in bulletin_markdown(bulletin, lang).splitlines() if line.startswith("## ")]
    assert md_titles == html_titles
    assert len(md_titles) == 8


def test_headline_figures(page: str, bulletin: Bulletin):
    head = section(page, "overview")
    assert "74.8%" in head  # 序时进度 on 2023-09-30: 273/365
    assert "273 / 365 天" in head
    for status, n in bulletin.now.overall.summary.items():
        if status == "unread" and not n:
            assert "s-unread" not in head  # 数据未能读取 shows only where some goal is
            continue
        assert re.search(rf'<span class="chip s-{status}">[^<]+<b>{n}</b></span>', head), status
    # this period's figures: the indicators with an entry dated in September, read from the files themselves
    september = {e["indicator"] for path in PROGRESS.glob("*.yaml")
                 for r in yaml.safe_load(path.read_text(encoding="utf-8"))["reports"]
                 if str(r["as_of"]).startswith("2023-09") for e in r["entries"]}
    assert "本期报送率" in head and f"{len(september)} / 119 项指标" in head
    done_or_on_pace = bulletin.now.overall.summary["done"] + bulletin.now.overall.summary["on_track"]
    assert "完成+序时推进" in head and f"{done_or_on_pace} / 119" in head
    assert "<h1>济宁经济技术开发区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务</h1>" in page
    assert "截至 2023-09-30" in page


def test_changes_name_each_goal_with_its_owner(page: str, bulletin: Bulletin):
    changes = section(page, "changes")
    for key in CHANGE_LISTS:
        assert escape(word(f"change.{key}", "zh")) in changes
    for _, results in bulletin.changes.sections():
        for r in results:
            assert escape(f"{r.id} {r.indicator.name}（{r.owner}）") in changes


def test_an_empty_change_list_says_none(bulletin: Bulletin):
    ws = open_workspace(str(CATALOGUE), str(PROGRESS))
    same = build(ws.catalogue, ws.progress, AS_OF, since=AS_OF)  # nothing can change between a date and itself
    changes = section(bulletin_html(same, "zh"), "changes")
    assert changes.count('<p class="none">无</p>') == 5  # all but 仍未报送


def test_league_tables_and_charts(page: str, bulletin: Bulletin):
    chapters, units = section(page, "chapters"), section(page, "units")
    assert chapters.count("<tr>") == len(bulletin.chapters) + 1  # + the header row
    assert units.count("<tr>") == len(bulletin.units) + 1
    first = bulletin.chapters[0]
    assert f"第{first.key}章 {escape(first.title)}" in chapters
    assert chapters.count('<svg xmlns="http://www.w3.org/2000/svg"') == 1
    assert units.count('<svg xmlns="http://www.w3.org/2000/svg"') == 1
    assert "区经济发展局" in units and "85.7% <small>18/21</small>" in units


def test_lagging_goals_listed_with_sparklines(page: str, bulletin: Bulletin):
    lagging = section(page, "lagging")
    assert len(bulletin.lagging) > 10
    for r in bulletin.lagging:
        assert f'<tr id="goal-{r.id}">' in lagging
        assert escape(r.indicator.name) in lagging
    assert lagging.count('class="spark"') == len(bulletin.lagging)
    # 61.1: 30 of 50 户 by 2023-09-30 (0.600 against 0.748), three months left → 20 户 still needed, 6.67 户 a month.
    row = lagging[lagging.index('<tr id="goal-61.1">'):].split("</tr>", 1)[0]
    assert ">20 户<" in row and ">6.67 户<" in row and "改造资金9月才下达" in row and ">-14.8<" in row


def test_silent_units(page: str, bulletin: Bulletin):
    silent = section(page, "silent")
    assert bulletin.silent_units
    for name in bulletin.silent_units:
        assert f"<li>{escape(name)}" in silent
    assert "最近报送 2023-03-31" in silent  # 区党群工作中心 last reported in March


def test_self_contained(page: str, page_en: str):
    for html in (page, page_en):
        lowered = html.lower()
        assert "<script" not in lowered
        assert "<link" not in lowered and "<img" not in lowered and "<iframe" not in lowered
        assert "@import" not in lowered and "url(" not in lowered and "src=" not in lowered
        urls = re.findall(r"https?://[^\s\"'<>)]*", html)
        assert urls and set(urls) == {SVG_NS}


def test_every_svg_is_well_formed_and_labelled(page: str, bulletin: Bulletin):
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(svgs) == 2 + len(bulletin.lagging)
    for text in svgs:
        root = ET.fromstring(text)
        assert root.tag == f"{{{SVG_NS}}}svg"
        assert root.get("role") == "img" and root.get("aria-label")
        assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox", ""))
        assert root.find(f"{{{SVG_NS}}}title") is not None
        assert "Noto Sans CJK SC" in root.get("font-family", "")


def test_print_stylesheet(page: str):
    assert "@page { size: A4; margin: 15mm; }" in page
    assert "@media print" in page
    assert "tr, .kpi, svg, li { break-inside: avoid;" in page
    assert "thead { display: table-header-group; }" in page
    assert "max-width: 1100px" in page


def test_footer(page: str, bulletin: Bulletin):
    footer = page[page.index("<footer>"):]
    assert "济开管办字〔2023〕5号" in footer
    assert "由 gdtrack 生成；数据来自各牵头单位报送" in footer
    assert "示例数据（虚构），非官方统计" in footer
    assert "示例数据（虚构），非官方统计" not in bulletin_html(bulletin, "zh")
    assert '<p class="note">本通报使用示例数据（虚构）。</p>' in page


def test_text_is_escaped(bulletin: Bulletin):
    html = bulletin_html(bulletin, "zh", note='<script>alert("x")</script> & more')
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in html


def test_left_out_files_are_named(bulletin: Bulletin):
    html = bulletin_html(bulletin, "zh", skipped={"data/progress/区财政局.yaml": "yaml-syntax"})
    assert '<p class="warn">注意：1 个进度文件有错误，未纳入统计：data/progress/区财政局.yaml' in html


def test_english(page_en: str, bulletin: Bulletin):
    assert '<html lang="en">' in page_en
    n = len(bulletin.lagging)
    risk = sum(f.verdict == "at_risk" for f in bulletin.forecasts.values())
    assert headings(page_en) == ["1. Overview", "2. Changes since the last report (2023-06-30 → 2023-09-30)",
                                 "3. Chapters ranked", "4. Lead units ranked", f"5. Lagging goals ({n})",
                                 "6. Lead units that did not report", f"7. Escalations ({len(bulletin.escalations)})",
                                 f"8. Year-end outlook ({risk} at risk, {len(bulletin.forecasts) - risk} unlikely)"]
    for text in ("Newly done", "Still not reported", "completion", "expected", "still needed", "per month",
                 "lagging", "no report", "Generated by gdtrack"):
        assert text in page_en
    for zh in ("总体情况", "序时进度", "滞后事项", "新完成", "最近报送"):
        assert zh not in page_en
    r = bulletin.lagging[0]
    row = re.search(rf'<tr id="goal-{re.escape(r.id)}">.*?</tr>', page_en, flags=re.S).group(0)
    assert escape(r.indicator.name) in row and escape(r.owner) in row


def test_deterministic(bulletin: Bulletin, page: str):
    assert bulletin_html(bulletin, "zh", note="本通报使用示例数据（虚构）。", sample=True) == page


def test_text_fitting():
    assert svg.text_width("区经济发展局", 10) == 60
    assert svg.text_width("ab", 10) == pytest.approx(12)
    assert svg.fit("市商贸物流园区管理服务中心商务服务部", 100, 10) == "市商贸物流园区管理…"
    assert svg.fit("短", 100, 10) == "短"


# ── in a browser ───────────────────────────────────────────────────────────────────────────────

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed: pip install playwright (no browser download is "
                                      "needed; the tests drive the system Chromium)")
    path = external.chromium()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def opened(browser, tmp_path: Path, page: str):
    """The page opened from a file:// URL, with every console error and outside request recorded."""
    path = tmp_path / "月度通报.html"
    path.write_text(page, encoding="utf-8")
    url = path.as_uri()
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("request", lambda r: None if r.url == url or r.url.startswith("data:") else requests.append(r.url))
    tab.goto(url, wait_until="load")
    yield tab, errors, requests
    tab.close()


def test_opens_offline_without_errors(opened, bulletin: Bulletin, tmp_path: Path):
    tab, errors, requests = opened
    assert errors == []
    assert requests == []
    body = tab.inner_text("body")
    for r in bulletin.lagging:
        assert r.indicator.name in body
    assert "2023-09-30" in body
    # Nothing sticks out sideways on a laptop screen.
    assert tab.evaluate("document.documentElement.scrollWidth") <= 1280

    shot = tmp_path / "gdtrack-report.png"
    tab.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 100_000
    height = int.from_bytes(data[20:24], "big")
    assert height > 3000  # a full page, not one screen
    with contextlib.suppress(OSError):  # for people to look at
        shutil.copyfile(shot, "/tmp/gdtrack-report.png")


def test_chart_text_stays_inside_its_chart(opened):
    """Measured with the fonts the browser really uses: no label runs off a chart or over the bars."""
    tab, _, _ = opened
    problems = tab.evaluate("""() => {
        const out = [];
        for (const svg of document.querySelectorAll('svg')) {
            const box = svg.viewBox.baseVal;
            for (const t of svg.querySelectorAll('text')) {
                const b = t.getBBox();
                if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > box.width + 0.5 || b.y + b.height > box.height + 0.5)
                    out.push(t.textContent);
            }
        }
        return out;
    }""")
    assert problems == []
    # No two labels of a chart overlap (legend, row labels, values, the 序时进度 tags).
    overlaps = tab.evaluate("""() => {
        const out = [];
        for (const svg of document.querySelectorAll('svg')) {
            const boxes = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()]);
            for (let i = 0; i < boxes.length; i++)
                for (let j = i + 1; j < boxes.length; j++) {
                    const [s, a] = boxes[i], [u, b] = boxes[j];
                    if (a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 &&
                        a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5) out.push(s + ' / ' + u);
                }
        }
        return out;
    }""")
    assert overlaps == []


def test_prints_to_a4(opened, tmp_path: Path):
    pypdf = pytest.importorskip("pypdf", reason="pypdf not installed: pip install pypdf")
    tab, errors, requests = opened
    pdf = tmp_path / "月度通报.pdf"
    tab.pdf(path=str(pdf), format="A4", print_background=True)
    reader = pypdf.PdfReader(str(pdf))
    assert 2 <= len(reader.pages) <= 20
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points (210 × 297 mm)
    # CJK comes out of the PDF as compatibility forms (⾊ for 色) and with line breaks: normalise both.
    first = re.sub(r"\s+", "", unicodedata.normalize("NFKC", reader.pages[0].extract_text()))
    assert "2023-09-30" in first
    assert "济宁经济技术开发区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务" in first
    assert errors == [] and requests == []


# ── on paper and on a phone (issue 23) ─────────────────────────────────────────────────────────

A4_LINE_PX = 680  # the printed line: 210 mm less two 15 mm margins, at 96 px to the inch

HEADER_WORDS = """() => {
    // Each header's words (split at spaces and before a bracket, where a header may break) and the lines
    // their characters fall on; a word whose characters are on more than one line was broken inside it.
    const out = [];
    for (const th of document.querySelectorAll('thead th')) {
        const text = th.textContent;
        if (th.scrollWidth > th.clientWidth + 1) out.push('runs over: ' + text);
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        const tops = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode())
            for (let i = 0; i < n.length; i++) {
                const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                const box = r.getClientRects()[0];
                tops.push([n.data[i], box ? Math.round(box.top) : null]);
            }
        let word = [];
        const flush = () => { if (new Set(word.map(w => w[1])).size > 1) out.push(word.map(w => w[0]).join('')
                                                                                  + ' in ' + text); word = []; };
        for (const t of tops) {
            if (t[0] === ' ' || t[0] === '\\u00a0') { flush(); continue; }
            if (t[0] === '（' || t[0] === '(') flush();
            word.push(t);
        }
        flush();
    }
    return out;
}"""


def _lowest_text(page) -> float:
    """How far from the bottom (points) the page's last line of text stands."""
    ys: list[float] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: ys.append(tm[5] * cm[3] + cm[5])
                      if text.strip() else None)
    return min(ys)


def test_prints_with_full_pages_from_the_first(opened, tmp_path: Path):
    """Issue 23: page 1 was half empty (the headline's last lines were held to the changes section, whose first
    list could not be split) and page 3 too. Now every page but the last is filled to the foot."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf not installed: pip install pypdf")
    tab, _, _ = opened
    pdf = tmp_path / "月度通报.pdf"
    tab.pdf(path=str(pdf), format="A4", print_background=True)
    pages = pypdf.PdfReader(str(pdf)).pages
    height = float(pages[0].mediabox.upper_right[1])
    assert _lowest_text(pages[0]) < 0.15 * height  # 15 mm margin ≈ 42 pt: page 1 runs to its foot
    for n, page in enumerate(pages[:-1]):
        assert _lowest_text(page) < 0.3 * height, n  # no page before the last ends in its upper two thirds


def test_print_css_keeps_lines_together():
    css = bulletin_html(build(*_shipped(), AS_OF), "zh")
    assert "p, li, td, th, .card { orphans: 3; widows: 3; }" in css  # never one line alone at a page's top or foot
    assert "word-break: keep-all" in css  # a header's Chinese words are never cut


def _shipped():
    ws = open_workspace(str(CATALOGUE), str(PROGRESS))
    return ws.catalogue, ws.progress


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_printed_headers_keep_their_words_whole(browser, tmp_path: Path, bulletin: Bulletin, lang: str):
    """Issue 23: "序时推\\n进" in a printed header. Laid out as on A4 paper, no header breaks inside a word or runs
    over its column; 差距（百分点） may break before its bracket."""
    external.cjk_font()
    path = tmp_path / "page.html"
    path.write_text(bulletin_html(bulletin, lang), encoding="utf-8")
    tab = browser.new_page(viewport={"width": A4_LINE_PX, "height": 900})
    tab.emulate_media(media="print")
    tab.goto(path.as_uri(), wait_until="load")
    assert tab.evaluate(HEADER_WORDS) == []
    widths = tab.evaluate("[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().width)")
    assert widths and max(widths) <= A4_LINE_PX  # every table on the line
    tab.close()


def test_at_400_px_nothing_scrolls_sideways(browser, tmp_path: Path, page: str):
    """政务微信 on a phone: the page is 400 px wide and stays so; charts scale to the screen; a table wider than
    the screen scrolls inside its own box, the page around it does not."""
    external.cjk_font()
    path = tmp_path / "月度通报.html"
    path.write_text(page, encoding="utf-8")
    tab = browser.new_page(viewport={"width": 400, "height": 860}, device_scale_factor=1)
    tab.goto(path.as_uri(), wait_until="load")
    assert tab.evaluate("document.documentElement.scrollWidth") == 400
    outside = tab.evaluate("""() => [...document.querySelectorAll('main *')]
        .filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > 400.5)
        .map(e => e.tagName + ' ' + (e.getAttribute('class') || ''))""")
    assert outside == []
    charts = tab.evaluate("""() => [...document.querySelectorAll('svg.chart')].map(s => [
        s.getBoundingClientRect().width, s.parentElement.clientWidth, s.parentElement.scrollWidth])""")
    assert len(charts) == 2
    for width, box, content in charts:
        assert width <= box and content <= box  # scaled to the screen, not cut at its edge
    boxes = tab.evaluate("""() => [...document.querySelectorAll('.table-wrap')].map(w => [
        w.getBoundingClientRect().right, getComputedStyle(w).overflowX])""")
    assert boxes and all(right <= 400 and overflow == "auto" for right, overflow in boxes)

    shot = tmp_path / "bulletin-400px.png"
    tab.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and width == 400 and height > 5000  # the whole page, one column
    tab.close()


def test_the_readme_shows_the_bulletin_at_phone_width():
    picture = ROOT / "docs" / "bulletin-400px.png"
    data = picture.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 400
    assert "docs/bulletin-400px.png" in (ROOT / "README.md").read_text(encoding="utf-8")
