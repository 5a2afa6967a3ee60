"""gdtrack.files.sheets, the short way to a form's rows: every value as openpyxl's `load_workbook(read_only=True,
data_only=True)` gives it (numbers, text, rich text, dates in the 1900 and 1904 systems, custom and built-in date
formats, durations, booleans, errors, formulas, gaps, hidden and chart sheets), and a step aside to
`load_workbook` for what it does not read the same way. `import` of a form read either way writes the same."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from gdtrack.files.sheets import worksheets

from .test_forms_clerk import fill, make_form, shipped  # noqa: F401 - the fixture, for the Calc case


def by_openpyxl(raw: bytes) -> list[tuple[str, list[list]]]:
    wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        return [(ws.title, [list(r) for r in ws.iter_rows(values_only=True, max_col=64)]) for ws in wb.worksheets]
    finally:
        wb.close()


def by_sheets(raw: bytes) -> list[tuple[str, list[list]]] | None:
    sheets = worksheets(raw)
    if sheets is None:
        return None
    return [(ws.title, [list(r) for r in ws.iter_rows(values_only=True, max_col=64)]) for ws in sheets]


def saved(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def every_kind() -> Workbook:
    """Two sheets (the second hidden) and a chart sheet; on the first, a value of every kind a clerk's form holds,
    with gaps between rows and columns."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = Workbook()
    ws = wb.active
    ws.title = "报送表"
    ws["A1"] = "济宁经开区重点工作任务进展报送表"
    ws["A3"], ws["B3"], ws["C3"] = 7, 31.5, 10**15
    ws["E3"], ws["F3"] = True, "  前后有空格  "
    ws["A5"] = dt.date(2023, 9, 30)  # a built-in date format (yyyy-mm-dd: openpyxl's default for a date)
    ws["B5"] = 45199
    ws["B5"].number_format = 'yyyy"年"m"月"d"日"'  # a custom date format: a number read as a date
    ws["C5"] = 45199
    ws["C5"].number_format = "0.00"  # a number format that is no date: stays a number
    ws["D5"] = 1.5
    ws["D5"].number_format = "[h]:mm:ss"  # a duration
    ws["E5"] = 45199.5
    ws["E5"].number_format = "m/d/yy h:mm"  # built-in 22, a date and time
    ws["A7"] = CellRichText(["已建成", TextBlock(InlineFont(b=True), "15个")])
    ws["B7"] = "=SUM(A3:B3)"  # a formula with no value computed yet
    ws["C7"] = "#N/A"
    ws["J9"] = "最后一格"
    hidden = wb.create_sheet("说明")
    hidden["A1"] = "隐藏的说明页"
    hidden.sheet_state = "hidden"
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.add_data(Reference(ws, min_col=1, min_row=3, max_col=3, max_row=3))
    wb.create_chartsheet("图").add_chart(chart)
    return wb


def test_every_kind_of_value_is_read_as_load_workbook_reads_it():
    raw = saved(every_kind())
    got = by_sheets(raw)
    assert got is not None and got == by_openpyxl(raw)
    (title, rows), (hidden, _) = got
    assert (title, hidden) == ("报送表", "说明")  # the chart sheet has no cells: not a worksheet, as in openpyxl
    assert rows[2][:6] == [7, 31.5, 10**15, None, True, "  前后有空格  "]
    assert rows[4][:5] == [dt.datetime(2023, 9, 30), dt.datetime(2023, 9, 30), 45199, dt.timedelta(hours=36),
                           dt.datetime(2023, 9, 30, 12)]
    assert rows[6][:3] == ["已建成15个", None, "#N/A"]
    assert rows[8][9] == "最后一格" and rows[3] == [None] * 64  # a missing row is a row of empty cells


def test_the_1904_date_system_is_read_as_load_workbook_reads_it():
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    wb.active["A1"] = dt.date(2023, 9, 30)
    raw = saved(wb)
    assert b"date1904" in zipfile.ZipFile(io.BytesIO(raw)).read("xl/workbook.xml")
    got = by_sheets(raw)
    assert got == by_openpyxl(raw) and got[0][1][0][0] == dt.datetime(2023, 9, 30)


def rezipped(raw: bytes, change) -> bytes:
    """`raw` with each part's bytes passed through change(name, data) (None: the part left out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
    return out.getvalue()


@pytest.mark.parametrize("change", [
    lambda name, data: None if name == "xl/styles.xml" else data,  # no styles: openpyxl's defaults apply
    lambda name, data: re.sub(rb' formatCode="[^"]*"', b"", data, count=1) if name == "xl/styles.xml" else data,
    lambda name, data: re.sub(rb"<cellXfs.*?</cellXfs>", b"", data, flags=re.S) if name == "xl/styles.xml" else data,
    lambda name, data: re.sub(rb' r:id="[^"]*"', b"", data, count=1) if name == "xl/workbook.xml" else data,
], ids=["no-styles", "format-without-code", "no-cell-formats", "sheet-without-id"])
def test_what_it_does_not_read_as_openpyxl_does_goes_to_load_workbook(change):
    raw = rezipped(saved(every_kind()), change)
    assert by_sheets(raw) is None


def test_a_form_without_styles_still_imports_through_load_workbook(cli, tmp_path):
    """The step aside, end to end: the same form imported as written, and again without its styles part (read by
    load_workbook instead), records the same figure."""
    from .plus import plus_data

    cat, prog = plus_data(tmp_path)
    form = tmp_path / "经发局.xlsx"
    made = cli("template", "经发局", "--as-of", "2023-10-31", "-o", form, "-c", cat, "-p", prog)
    assert made.exit_code == 0, made.output
    wb = load_workbook(form)
    ws = wb.active
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 9).value is None and ws.cell(r, 1).value)
    ws.cell(row, 9).value = 12
    ws["D2"] = "2023-10-31"  # without styles no number is a date: the day as text, as a CSV form has it
    wb.save(form)
    plain = tmp_path / "plain" / "经发局.xlsx"
    plain.parent.mkdir()
    plain.write_bytes(rezipped(form.read_bytes(), lambda name, data: None if name == "xl/styles.xml" else data))
    assert by_sheets(plain.read_bytes()) is None and by_sheets(form.read_bytes()) is not None
    texts = []
    for which in (form, plain):
        work = tmp_path / f"work-{which.parent.name}"
        import shutil

        shutil.copytree(prog, work)
        done = cli("import", which, "-c", cat, "-p", work)
        assert done.exit_code == 0, done.output
        assert "记录 1 项" in done.output
        texts.append((work / "区经济发展局.yaml").read_text(encoding="utf-8"))
    assert texts[0] == texts[1]


def test_a_form_saved_by_calc_is_read_as_load_workbook_reads_it(cli, shipped, tmp_path):  # noqa: F811
    """LibreOffice Calc writes its own styles, strings and workbook parts: still read value for value."""
    from . import external

    soffice = external.libreoffice("calc")
    cat, prog = shipped
    form = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    fill(form, {("20.1", "value"): "站址用地批复", ("2.4", "value"): 31.5, ("2.4", "evidence"): "统计"})
    (calc,) = external.convert(soffice, "xlsx:Calc MS Excel 2007 XML", [form], tmp_path / "lo", home=tmp_path)
    raw = Path(calc).read_bytes()
    got = by_sheets(raw)
    assert got is not None and got == by_openpyxl(raw)
    assert any("站址用地批复" in row for row in got[0][1]) and any(31.5 in row for row in got[0][1])
