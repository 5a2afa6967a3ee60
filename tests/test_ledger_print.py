"""The ledger (台账.xlsx) on paper and its new columns (issue 23, item 6).

The columns through the CLI, read back with openpyxl and from the CSV; the print set-up as Excel and WPS read it
(openpyxl); and the sheets printed by LibreOffice Calc to PDF: landscape A4, each page the full width of its sheet
with the title and header rows on top, the summary on one page, at a size a reader can read.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from . import external
from .conftest import CATALOGUE, PROGRESS

SHIPPED = ("-c", str(CATALOGUE), "-p", str(PROGRESS), "--as-of", "2023-09-30")
TITLE = ("济宁经济技术开发区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务"
         "　截至 2023-09-30　序时进度 74.8%　示例数据（虚构），非官方统计")
HEADER = ["章", "任务", "编号", "指标", "责任单位", "目标", "目标值", "单位", "实际", "完成度", "序时进度",
          "差距（百分点）", "状态", "督办级别", "年底预计", "尚需", "报送日期", "说明", "来源", "原文",
          "佐证材料文件"]


def _quotes() -> dict[str, str]:
    tasks = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["tasks"]
    return {i["id"]: i["quote"] for t in tasks for i in t.get("indicators", [])}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from gdtrack.cli import app

    folder = tmp_path_factory.mktemp("ledger")
    for name in ("台账.xlsx", "台账.csv"):
        result = CliRunner().invoke(app, ["export", *SHIPPED, "-o", str(folder / name)])
        assert result.exit_code == 0, result.output
    return folder


def test_the_ledger_carries_gap_still_needed_plan_text_and_level(ledger):
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(ledger / "台账.xlsx")["全部指标"]
    assert [c.value for c in ws[3]] == HEADER
    rows = {r[2].value: [c.value for c in r] for r in ws.iter_rows(min_row=4)}
    quotes = _quotes()
    assert {k: r[19] for k, r in rows.items()} == {k: quotes[k] for k in rows}  # 原文: the goal's quote, verbatim
    # 61.1: 30 of 50 户 against 74.8 % → −14.8 points, 20 户 still needed, 督办 (lagging two period ends)
    assert (rows["61.1"][11], rows["61.1"][13], rows["61.1"][15]) == (-14.8, "督办", 20)
    # 2.4, a rate: 29.5 % of ≥ 40 % → 10.5 (points of the rate) still needed
    assert (rows["2.4"][8], rows["2.4"][15]) == (29.5, 10.5)
    # 55.3, cleared to zero (≤ 0 户): nothing left, no level; 20.1, a milestone: no amount to give
    assert (rows["55.3"][15], rows["55.3"][13]) == (0, None)
    assert rows["20.1"][15] is None and rows["20.1"][13] == "督办"


def test_the_csv_has_the_same_columns_and_figures(ledger):
    openpyxl = pytest.importorskip("openpyxl")
    sheet = {r[2].value: r for r in openpyxl.load_workbook(ledger / "台账.xlsx")["全部指标"].iter_rows(min_row=4)}
    rows = list(csv.reader(io.StringIO((ledger / "台账.csv").read_bytes().decode("utf-8-sig"))))
    assert rows[2] == HEADER
    for line in rows[3:]:
        cells = sheet[line[2]]
        for i in (11, 13, 15, 19):  # gap, level, still needed, plan text
            value = cells[i].value
            if isinstance(value, int | float):
                assert float(line[i]) == value, (line[2], HEADER[i])
            else:
                assert line[i] == ("" if value is None else value), (line[2], HEADER[i])


def test_the_english_ledger_names_the_new_columns_and_the_level(tmp_path, cli):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "ledger.xlsx"
    assert cli("export", *SHIPPED, "--lang", "en", "-o", path).exit_code == 0
    ws = openpyxl.load_workbook(path)["all indicators"]
    header = [c.value for c in ws[3]]
    assert header[15] == "still needed" and header[19] == "plan text" and header[13] == "escalation"
    row = next(r for r in ws.iter_rows(min_row=4) if r[2].value == "61.1")
    assert row[13].value == "supervision (督办)"  # the level in English, as the English bulletin gives it


def test_every_sheet_is_set_up_to_print(ledger):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(ledger / "台账.xlsx")
    for ws in wb:
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), ws.title  # 9: A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert setup.fitToWidth == 1 and setup.fitToHeight == (1 if ws.title == "汇总" else 0), ws.title
        assert ws.print_title_rows == "$1:$3", ws.title
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        assert ws["A1"].value == TITLE and ws["A1"].alignment.wrap_text
        merged = [str(m) for m in ws.merged_cells.ranges]
        assert merged == [f"A1:{ws.cell(row=1, column=ws.max_column).coordinate}"], ws.title  # the table's width
    # the long texts wrap in their columns instead of running the page wide
    ws = wb["全部指标"]
    for letter in ("D", "R", "T"):  # 指标, 说明, 原文
        assert ws.column_dimensions[letter].width <= 25
        assert all(c.alignment.wrap_text for c in ws[letter][3:])


def test_the_title_row_is_tall_enough_for_its_lines():
    from gdtrack.views.ledger import title_height

    # 43 Chinese characters (86 display columns) on a 140-wide table → one 12-pt line …
    one = title_height("字" * 43, 140)
    # … on a 60-wide table, two lines: the row grows by one line's height (12 pt × 1.45)
    assert title_height("字" * 43, 60) == pytest.approx(one + 17.4)
    assert one >= 12


# ── LibreOffice: the ledger printed ──────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def printed(ledger):
    soffice = external.libreoffice("calc")
    external.cjk_font()
    pypdf = pytest.importorskip("pypdf", reason="pypdf not installed: pip install pypdf")
    (pdf,) = external.convert(soffice, "pdf", [ledger / "台账.xlsx"], ledger, home=ledger)
    return pypdf.PdfReader(str(pdf))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _footer(text: str) -> tuple[str, int, int]:
    """The sheet's name and "page N of M" from a page's footer (汇总　第 1 页，共 24 页)."""
    m = re.search(r"(\S+)\s*第 (\d+) 页，共 (\d+) 页", text)
    assert m, text[:200]
    return m.group(1), int(m.group(2)), int(m.group(3))


def test_libreoffice_prints_every_page_landscape_a4_the_full_width_with_title_and_header(printed):
    texts = [p.extract_text() for p in printed.pages]
    sheets = [_footer(t)[0] for t in texts]
    assert sheets.count("汇总") == 1 and sheets[0] == "汇总"  # the summary on one page, the first
    assert set(sheets) >= {"全部指标", "区经济发展局", "区农业服务中心"}
    assert len(texts) <= 2 * 24  # one or two pages a sheet, not 99
    title, first_and_last = _flat(TITLE), ("章任务编号指标", "说明来源原文")
    for n, (page, text) in enumerate(zip(printed.pages, texts, strict=True)):
        width, height = (float(v) for v in page.mediabox.upper_right)
        assert abs(width - 842) < 2 and abs(height - 595) < 2, n  # A4 landscape, in points
        flat = _flat(text)
        assert title in flat, n  # the title on every page, whole
        if sheets[n] == "考核":  # the ranking's first and last columns, then the deductions': nothing cut sideways
            assert all(h in flat for h in ("排名单位", "答复逾期")), (n, sheets[n])
        elif sheets[n] != "汇总":
            # the first and the last column's headers on every page: no sheet runs onto a second page sideways
            assert all(h in flat for h in first_and_last), (n, sheets[n])
    assert "合计" in _flat(texts[0])  # the summary's last row is on its page


def test_libreoffice_prints_text_a_reader_can_read_inside_the_page(printed):
    for n, page in enumerate(printed.pages):
        width = float(page.mediabox.upper_right[0])
        sizes: list[float] = []
        xs: list[float] = []

        def seen(text, cm, tm, font, size, sizes=sizes, xs=xs):
            if text.strip():
                sizes.append(size * abs(tm[3] * cm[3]))
                xs.append(tm[4] * cm[0] + cm[4])

        page.extract_text(visitor_text=seen)
        body = sorted(sizes)[len(sizes) // 2]  # the size most of the page's text is printed at
        assert body >= 5.5, (n, body)  # the main sheet's 20 columns at about 6 pt; the summary larger
        assert min(xs) >= 0 and max(xs) < width, n  # nothing starts off the paper
