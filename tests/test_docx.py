"""The Word documents: the bulletin as a 公文 (`report -f docx`) and the 督办单 (`notice`), re-opened with python-docx,
and (where LibreOffice is installed) converted to PDF and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from gdtrack.checks.workspace import open_workspace
from gdtrack.engine.bulletin import build
from gdtrack.engine.escalated import Escalation, at_least, escalations, level_names
from gdtrack.views.docx import overview
from gdtrack.views.gongwen import BODY, CHARS, TIGHTEN, TYPE_WIDTH, clean, numeral

from . import external
from .conftest import CATALOGUE, MINI_PROGRESS, PROGRESS, ROOT

SEPT = dt.date(2023, 9, 30)

# 1.1 (≥ 30 个) lagging from June: 5 on 6-30 is 5/30 = 0.167 against 181/365 = 0.496; 10 on 9-30 is 0.333 against
# 0.748, and in July and August the June figure stays far below the pace: four month ends in a row → 通报.
LAGGING_1_1 = MINI_PROGRESS["区经济发展局.yaml"].replace("value: 15", "value: 5").replace("value: 21", "value: 10")


def _data(tmp_path: Path, mini, econ: str | None = None, from_january: bool = False) -> tuple[Path, Path]:
    """MINI and its progress files; `from_january`: 督办 counts from 2023-01-01 (policy.supervision_from), not from
    the plan's issue date (2023-08-02), so that runs of many periods can be tested."""
    folder = tmp_path / "progress"
    folder.mkdir()
    for name, text in MINI_PROGRESS.items():
        (folder / name).write_text(econ if econ and name == "区经济发展局.yaml" else text, encoding="utf-8")
    policy = {7: "  period_end: 2023-12-31\n  policy:\n    supervision_from: 2023-01-01"} if from_january else None
    return mini(replace=policy), folder


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _east_asia(style) -> str | None:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


# ── pure pieces ────────────────────────────────────────────────────────────────────────────────


def test_clean_removes_what_xml_cannot_hold_and_keeps_the_rest():
    assert clean("坏\x01字符\x0b和\ufffe，\t换行\n") == "坏字符和，\t换行\n"
    assert clean(12) == "12"


def test_numerals():
    assert [numeral(n, "zh") for n in (1, 10, 11)] == ["一", "十", "十一"]
    assert numeral(11, "en") == "11"
    assert numeral(25, "zh") == "25"


def test_28_characters_fit_a_line():
    assert CHARS * (BODY.pt + TIGHTEN.pt) <= TYPE_WIDTH.pt < (CHARS + 1) * (BODY.pt + TIGHTEN.pt)


def test_overview_sentences_from_the_figures(mini_data):
    """MINI on 9-30: 1.1 21/30 = 0.70 behind, 2.1 (5 → 2 of 0) 0.60 lagging; mean 0.65 against 0.7479 is 9.8 points
    below; both reported this month; since 6-30 1.1 went from on track to behind and 2.1 was reported first."""
    ws = open_workspace(*mini_data)
    lines = overview(build(ws.catalogue, ws.progress, SEPT), "zh")
    assert lines == [
        "截至2023年9月30日，2项指标中，略滞后1项、滞后1项；完成和序时推进合计0项，占0.0%。",
        "序时进度74.8%。总体完成度65.0%（2项指标；这些指标的序时进度74.8%），低于序时进度9.8个百分点。",
        "本期报送率100.0%（2项指标报送了本期数值，共2项）。",
        # by task (issue 21): task 1 is as far as 1.1 (略滞后), task 2 as 2.1 (滞后)
        "按任务计（一项任务以其进展最差的指标计），2项任务中，略滞后1项、滞后1项。",
        "与2023年6月30日相比，退步1项、新报送1项。",
    ]


def test_the_readme_excerpt_is_what_the_sample_data_gives():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ws = open_workspace(CATALOGUE, PROGRESS)
    for line in overview(build(ws.catalogue, ws.progress, SEPT), "zh"):
        assert f"  > {line}\n" in readme, line
    assert (ROOT / "docs" / "bulletin-docx-page1.png").stat().st_size < 100_000
    assert "(docs/bulletin-docx-page1.png)" in readme


# ── escalations as the documents list them (the rule itself is gdtrack.engine.supervision's) ──────────────────


def test_levels_by_periods_lagging_in_a_row(tmp_path, mini):
    cat, folder = _data(tmp_path, mini, LAGGING_1_1, from_january=True)
    ws = open_workspace(cat, folder)
    found = {e.result.id: (e.level, e.periods, e.kind) for e in escalations(ws.catalogue, ws.progress, SEPT)}
    assert found == {"1.1": ("通报", 4, "lagging"), "2.1": ("提醒", 1, "lagging")}  # 2.1 reported first in September
    names = level_names(ws.catalogue)
    assert names == ["提醒", "督办", "通报"]
    assert [e.result.id for e in at_least(escalations(ws.catalogue, ws.progress, SEPT), "督办", names)] == ["1.1"]
    # on 6-30: 1.1 lags for the first time; 2.1 has gone unreported at six month ends, a run of its own kind
    found = {e.result.id: (e.level, e.periods, e.kind)
             for e in escalations(ws.catalogue, ws.progress, dt.date(2023, 7, 15))}  # 7-15: back to 6-30
    assert found == {"1.1": ("提醒", 1, "lagging"), "2.1": ("通报", 6, "no_report")}


# ── the bulletin as a 公文 ──────────────────────────────────────────────────────────────────────


def report(cli, cat, folder, out, *extra):
    return cli("report", "-c", cat, "-p", folder, "--as-of", "2023-09-30", "-f", "docx", "-o", out, *extra)


def test_bulletin_page_fonts_sections_and_issue(cli, mini_data, tmp_path):
    out = tmp_path / "通报.docx"
    result = report(cli, *mini_data, out, "--issue", "9")
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    s = doc.sections[0]
    mm = lambda *lengths: tuple(round(x.mm, 1) for x in lengths)  # noqa: E731 - Word keeps them in twips
    assert mm(s.page_width, s.page_height) == (210, 297)
    assert mm(s.top_margin, s.bottom_margin, s.left_margin, s.right_margin) == (37, 35, 28, 26)
    texts = _texts(doc)
    assert texts[:2] == ["重点工作任务推进情况通报", "第9期"]
    assert texts[2] == "测试办公室\t2023年9月30日"
    assert "关于测试计划推进情况的通报" in texts
    assert "本通报使用示例数据（虚构），非官方统计。" in texts  # 区经济发展局's file says sample: true
    headings = [p.text for p in doc.paragraphs if p.style.name == "公文一级标题"]
    assert headings == ["一、总体情况", "二、进展情况", "三、存在问题", "四、下步工作"]
    assert "序时进度74.8%。总体完成度65.0%（2项指标；这些指标的序时进度74.8%），低于序时进度9.8个百分点。" \
        in texts
    # fonts: Chinese through w:eastAsia, with the Windows name to fall back on in the font table
    styles = doc.styles
    assert _east_asia(styles["Normal"]) == "仿宋_GB2312"
    assert _east_asia(styles["公文一级标题"]) == "黑体"
    assert _east_asia(styles["公文二级标题"]) == "楷体_GB2312"
    assert _east_asia(styles["公文标题"]) == "方正小标宋简体"
    assert styles["Normal"].font.size == Pt(16)
    assert styles["Normal"].paragraph_format.line_spacing == Pt(28.95)
    table = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml").blob.decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in table
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in table
    # page numbers: odd on the right, even on the left
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    assert "PAGE" in odd._p.xml and "PAGE" in even._p.xml
    assert (odd.alignment, even.alignment) == (2, 0)  # right, left
    assert "".join(odd._p.xpath(".//w:t/text()")) == "— 1 —"  # the field shows 1 until Word or WPS updates it


def test_bulletin_tables_lagging_first_and_header_repeated(cli, mini_data, tmp_path):
    out = tmp_path / "通报.docx"
    assert report(cli, *mini_data, out).exit_code == 0
    doc = Document(str(out))
    assert "第　　期" in _texts(doc)  # no --issue: left blank for the office
    by_header = {t.rows[0].cells[0].text + t.rows[0].cells[1].text: t for t in doc.tables}
    lagging = next(t for t in doc.tables if t.rows[0].cells[0].text == "编号" and len(t.columns) == 10)
    # worst gap first: 2.1 at 0.60 − 0.7479, then 1.1 at 0.70 − 0.7479
    assert [r.cells[0].text for r in lagging.rows[1:]] == ["2.1", "1.1"]
    row = [c.text for c in lagging.rows[2].cells]
    # 70.0 − 74.8 = −4.8 points behind; 30 − 21 = 9 still needed over October to December: 3 a month
    assert row == ["1.1", "新建5G基站", "区经济发展局", "70.0", "74.8", "-4.8", "9 个", "3 个", "略滞后",
                   "受选址影响，进度偏慢"]
    assert lagging.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    chapters = by_header["名次章节"]
    assert [c.text for c in chapters.rows[1].cells][:4] == ["1", "一、第一章", "100.0", "2"]  # 报送率 beside the rank
    assert [c.text for c in chapters.rows[0].cells][2] == "报送率（%）"  # the % in the header, not in every cell
    units = by_header["名次单位"]
    assert [r.cells[1].text for r in units.rows[1:]] == ["区经济发展局", "区农业服务中心"]  # −4.8 before −14.8 points
    assert "本期没有连续滞后、需要提醒或督办的指标。" not in _texts(doc)  # 2.1 lags this month: 提醒
    escalated = by_header["等级编号"]
    assert [c.text for c in escalated.rows[1].cells][:5] == ["提醒", "2.1", "农村黑臭水体", "区农业服务中心",
                                                             "滞后1期"]


def test_department_text_with_control_characters_does_not_break_the_file(cli, tmp_path, mini):
    econ = MINI_PROGRESS["区经济发展局.yaml"].replace("note: 受选址影响，进度偏慢",
                                                    'note: "选址\\x01受阻\\x0b，进度偏慢"')  # YAML escapes
    cat, folder = _data(tmp_path, mini, econ)
    out = tmp_path / "通报.docx"
    result = report(cli, cat, folder, out, "--allow-partial")
    assert result.exit_code == 0  # check refuses the file (control-char), the bulletin leaves it out and says so
    assert "未纳入" in result.stderr and "区经济发展局.yaml" in result.stderr
    cells = [c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]  # and the file opens
    assert not any("选址" in c for c in cells)


def test_english_bulletin_and_a_left_out_file(cli, mini_data, tmp_path):
    cat, folder = mini_data
    (folder / "区农业服务中心.yaml").write_text("unit: 区农业服务中心\nreports: [\n", encoding="utf-8")
    out = tmp_path / "bulletin.docx"
    assert report(cli, cat, folder, out, "--lang", "en", "--issue", "2").exit_code == 1  # partial: refused
    assert not out.exists()
    assert report(cli, cat, folder, out, "--lang", "en", "--issue", "2", "--allow-partial").exit_code == 0
    doc = Document(str(out))
    texts = _texts(doc)
    assert texts[:2] == ["Key Tasks Progress Bulletin", "Issue 2"]
    assert [p.text for p in doc.paragraphs if p.style.name == "GW heading 1"] == [
        "1. Overview", "2. Progress", "3. Problems", "4. Next steps"]
    assert any(t.startswith("Note: 1 progress file(s) with errors") and "Units whose data could not be read: "
               "区农业服务中心" in t for t in texts[:8]), texts  # on the first page, with the unit named
    assert _east_asia(doc.styles["Normal"]) == "仿宋_GB2312"  # Chinese text still has its Chinese font


def test_docx_needs_a_file_and_issue_needs_docx(cli, mini_data, tmp_path):
    cat, folder = mini_data
    result = cli("report", "-c", cat, "-p", folder, "-f", "docx")
    assert result.exit_code == 2 and "Word 文件（docx）须写入文件" in result.output and "加上 -o" in result.output
    english = cli("report", "-c", cat, "-p", folder, "-f", "docx", "--lang", "en")
    assert english.exit_code == 2 and "add -o" in english.output and "须写入文件" not in english.output
    result = cli("report", "-c", cat, "-p", folder, "--issue", "3")
    assert result.exit_code == 2 and "--issue（期号）只用于" in result.output
    out = tmp_path / "implied.docx"  # the extension is enough
    assert cli("report", "-c", cat, "-p", folder, "--as-of", "2023-09-30", "-o", out).exit_code == 0
    assert Document(str(out)).paragraphs[0].text == "重点工作任务推进情况通报"


# ── the 督办单 ─────────────────────────────────────────────────────────────────────────────────


def test_notice_for_a_unit_at_tongbao(cli, tmp_path, mini):
    cat, folder = _data(tmp_path, mini, LAGGING_1_1, from_january=True)
    out = tmp_path / "督办单.docx"
    result = cli("notice", "区经济发展局", "-c", cat, "-p", folder, "--as-of", "2023-09-30", "-o", out)
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    texts = _texts(doc)
    assert texts[0] == "重点工作任务督办单"
    assert "区经济发展局：" in texts
    assert "（一）1.1　新建5G基站（通报，连续滞后4期）" in texts
    assert texts[-3:] == ["测试办公室", "2023年9月30日", "（联系人：　　　　　　联系电话：　　　　　　）"]  # one line
    form = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    # 10 of 30 on 9-30: 0.333 against 0.748; 20 still needed over the 3 months to the end of December
    assert form == {
        "所属任务": "1. 大力发展数字经济",
        "原文": "“新建5G基站30个以上”",
        "目标": "30个以上，2023年12月31日前完成",  # as plans write a goal (issue 21)
        "实际进度": "10 个（2023年9月30日报送）",
        "完成度／序时进度": "33.3%／74.8%，差距-41.5个百分点",
        "尚需完成": "20 个，剩余每月需6.67 个",
        # as every view gives it: 10 + 5 ÷ 92 × 92 = 15 at the latest rate, 10 + 10 ÷ 273 × 92 = 13.4 → 13
        "年底预计": "13 – 15 个 难以完成",
        "单位最新说明": "受选址影响，进度偏慢",
        "整改措施": "",
        "整改时限": "　　　　年　　月　　日前",
        "责任人及电话": "",
    }
    assert round(doc.sections[0].top_margin.mm, 1) == 37


def test_notice_for_a_unit_with_nothing_at_duban_writes_nothing(cli, tmp_path, mini):
    cat, folder = _data(tmp_path, mini, LAGGING_1_1)
    out = tmp_path / "督办单.docx"
    result = cli("notice", "区农业服务中心", "-c", cat, "-p", folder, "--as-of", "2023-09-30", "-o", out)
    assert result.exit_code == 0
    assert "区农业服务中心截至2023年9月30日没有达到督办及以上等级的指标，未生成督办单。" in result.output
    assert not out.exists()
    result = cli("notice", "区经济发展局", "-c", cat, "-p", folder, "--as-of", "2023-09-30")
    assert result.exit_code == 2 and "加上 -o 督办单-区经济发展局.docx" in result.output


def test_notice_shows_a_reply_and_an_overdue_one(mini_data):
    """The supervision branch gives replies; the form shows what was promised and flags it when overdue."""
    from gdtrack.views.docx import run_text
    from gdtrack.views.notice import notice_rows

    ws = open_workspace(*mini_data)
    result = build(ws.catalogue, ws.progress, SEPT).now.by_id["2.1"]

    class Reply:
        measures, by = "10月底前完成剩余2处整治", dt.date(2023, 9, 15)

    e = Escalation(result, "督办", 2, "lagging", SEPT, Reply(), True, ())
    rows = {label: value for label, value, _ in notice_rows(e, "zh")}
    assert rows["已反馈整改"] == "逾期未整改：10月底前完成剩余2处整治（2023年9月15日前）"
    assert run_text(e, "zh") == "连续滞后2期"
    assert run_text(Escalation(result, "通报", 3, "no_report", SEPT, None, False, ()), "zh") == "连续3期未报送"


# ── LibreOffice: the file opens, paginates and carries the lagging goals ─────────────────────

@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> Path:
    """The sample data's bulletin and 区经济发展局's 督办单, printed to PDF by LibreOffice Writer in one run."""
    soffice = external.libreoffice("writer")
    external.cjk_font()  # the line grid and the PDF's text are measured with a real Chinese font
    from typer.testing import CliRunner

    from gdtrack.cli import app

    folder = tmp_path_factory.mktemp("lo")
    data = ["-c", str(CATALOGUE), "-p", str(PROGRESS), "--as-of", "2023-09-30"]
    for args in (["report", *data, "-f", "docx", "--issue", "9", "-o", str(folder / "通报.docx")],
                 ["notice", "经发局", *data, "-o", str(folder / "督办单.docx")]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    external.convert(soffice, "pdf", [folder / "通报.docx", folder / "督办单.docx"], folder, home=folder)
    return folder


def _pdf(path: Path):
    pypdf = pytest.importorskip("pypdf", reason="pypdf not installed: pip install pypdf")
    return pypdf.PdfReader(str(path))


def _flat(reader) -> str:
    return "".join(page.extract_text() for page in reader.pages).replace(" ", "").replace("\n", "")


def test_libreoffice_prints_the_bulletin_with_every_lagging_goal(pdfs):
    reader = _pdf(pdfs / "通报.pdf")
    # 119 goals: the text and the chapter and unit tables take 4 to 5 pages, the 43 lagging goals and the 26
    # escalated ones 3 to 6 more (their figure columns wide enough that no figure breaks, issue 23), then the
    # unreported units, the year-end outlook (its ~30 goals at risk or unlikely, 1 to 2 pages), 四、下步工作 and the
    # 落款, with the 版记 at the foot of the last page
    assert 9 <= len(reader.pages) <= 18
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    text = _flat(reader)
    ws = open_workspace(CATALOGUE, PROGRESS)
    lagging = build(ws.catalogue, ws.progress, SEPT).lagging
    for r in lagging:
        assert r.id in text, r.id
    assert "第9期" in text and "一、总体情况" in text and "四、下步工作" in text
    assert "本通报使用示例数据（虚构），非官方统计。" in text
    assert "—2—" in text  # the folio


def test_libreoffice_keeps_the_gongwen_grid(pdfs):
    """Body lines 28.95 pt apart, starting 28 mm from the left edge, paragraphs indented two characters (32 pt)."""
    reader = _pdf(pdfs / "通报.pdf")
    spots: list[tuple[float, float]] = []
    words: list[tuple[float, str]] = []
    reader.pages[0].extract_text(visitor_text=lambda text, cm, tm, *_: (spots.append((tm[5], tm[4])),
                                                                        words.append((tm[5], text)))
                                 if text.strip() else None)
    heading = next(y for y, text in words if text.startswith("一、"))  # 一、总体情况
    floor = 35 / 25.4 * 72  # the bottom margin: the folio lies below it
    lines = sorted({round(y, 1) for y, _ in spots if floor < y < heading}, reverse=True)
    assert len(lines) >= 6
    pitches = [a - b for a, b in zip(lines, lines[1:], strict=False)]
    assert all(abs(p - 28.95) < 0.2 for p in pitches), pitches  # LibreOffice places lines to 0.05 pt
    left = min(x for y, x in spots if floor < y < heading)
    assert abs(left - 28 / 25.4 * 72) < 1  # 79.4 pt
    first = min(x for y, x in spots if round(y, 1) == lines[0])
    assert abs(first - left - 32) < 1


def test_libreoffice_prints_the_notice_one_form_a_page(pdfs):
    """区经济发展局 on 9-30: each of its goals at 督办 or above (from gdtrack.engine.supervision) gets a form. A form
    (11 rows of at least 8 mm, one of 40 mm) and its heading take about 140 mm of the 225 mm page, and a form is
    never split: the letter and the first form, then one form a page, then the signature."""
    reader = _pdf(pdfs / "督办单.pdf")
    text = _flat(reader)
    ws = open_workspace(CATALOGUE, PROGRESS)
    names = level_names(ws.catalogue)
    items = at_least(escalations(ws.catalogue, ws.progress, SEPT, unit="区经济发展局"), "督办", names)
    assert items
    for e in items:
        assert e.result.id in text, e.result.id
    assert "区经济发展局：" in text
    assert len(items) <= len(reader.pages) <= len(items) + 1


def test_the_first_and_last_units_are_named_without_calling_a_unit_behind_pace_best(cli, mini_data, tmp_path):
    """Issue 21: "第六章…推进最好（…低于序时进度2.7个百分点）". The sentence ranks, and says 高于/低于 as the gap is:
    区经济发展局 70.0 − 74.8 = −4.8 points, 区农业服务中心 60.0 − 74.8 = −14.8 points."""
    out = tmp_path / "通报.docx"
    assert report(cli, *mini_data, out).exit_code == 0
    texts = _texts(Document(str(out)))
    assert ("按完成度与序时进度之差排序，区经济发展局居首（完成度70.0%，低于序时进度4.8个百分点），"
            "区农业服务中心居末（完成度60.0%，低于序时进度14.8个百分点）。") in texts
    assert not any("推进最好" in t for t in texts)
