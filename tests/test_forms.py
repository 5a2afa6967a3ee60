"""The spreadsheet form (报送表): written by `template --format xlsx`, filled the way a clerk fills it, read back
by `import` from xlsx and from CSV (UTF-8 with or without BOM, GBK), every problem at its sheet and cell."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from . import external
from .plus import plus_data

# PLUS: 区经济发展局 reports 1.1 (≥ 30 个), 1.2 (milestone) and co-leads 3.1 (≥ 1000 亩), on rows 5, 6 and 7.
ROW = {"1.1": 5, "1.2": 6, "3.1": 7}


@pytest.fixture
def plus(tmp_path):
    return plus_data(tmp_path)


def make_form(cli, cat, prog, path: Path, unit: str = "区经济发展局", day: str = "2023-10-31") -> Path:
    result = cli("template", unit, "--as-of", day, "-o", path, "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output
    return path


def fill(path: Path, cells: dict[str, object]) -> Path:
    wb = load_workbook(path)
    for ref, value in cells.items():
        wb.active[ref] = value
    wb.save(path)
    return path


def save_as_csv(xlsx: Path, target: Path, encoding: str = "utf-8-sig") -> Path:
    """What Excel's "Save as CSV" writes: the cells' shown text, dates as their format shows them."""
    rows = []
    for row in load_workbook(xlsx).active.iter_rows(values_only=True):
        rows.append(["" if v is None else v.date().isoformat() if isinstance(v, dt.datetime) else v for v in row])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    target.write_bytes(buf.getvalue().encode(encoding))
    return target


def actuals(cli, cat, prog, day="2023-10-31"):
    data = json.loads(cli("status", "--as-of", day, "-f", "json", "-c", cat, "-p", prog).stdout)
    return {r["id"]: r["actual"] for r in data["indicators"]}


def import_(cli, cat, prog, *forms, lang: str | None = None, **flags):
    """`gdtrack import FORMS…` with --FLAG for each true flag; in `lang` when given (else the default, Chinese)."""
    return cli("import", *forms, *[f"--{k.replace('_', '-')}" for k, v in flags.items() if v],
               *(["--lang", lang] if lang else []), "-c", cat, "-p", prog)


def test_the_form_is_locked_validated_and_in_chinese(cli, plus, tmp_path):
    cat, prog = plus
    path = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    ws = load_workbook(path).active
    assert ws.title == "报送表"
    assert [c.value for c in ws[4]] == ["编号", "分工", "指标", "目标", "单位", "原文", "上次报送数值", "上次报送日期",
                                        "本期数值", "说明", "佐证/数据来源", "整改措施", "整改时限", "佐证材料文件",
                                        "申请延期至", "延期理由"]
    assert (ws["A2"].value, ws["B2"].value, ws["C2"].value) == ("报送单位", "区经济发展局", "截至日期")
    assert ws["D2"].value.date() == dt.date(2023, 10, 31)
    assert "只填黄色" in ws["A3"].value
    # one row per indicator the unit owns or co-leads; its last figure on or before the form's date
    assert [ws.cell(r, 1).value for r in range(5, 8)] == ["1.1", "1.2", "3.1"] and ws["A8"].value is None
    assert (ws["D5"].value, ws["G5"].value, ws["H5"].value.date()) == ("≥ 30 个", 21, dt.date(2023, 9, 30))
    assert ws["F5"].value == "新建5G基站30个以上" and ws["F5"].alignment.wrap_text
    # locked but for the three input columns, no password
    assert ws.protection.sheet and not ws.protection.password
    assert all(ws[f"{c}5"].protection.locked for c in "ABCDEFGH") and ws["D2"].protection.locked
    assert not any(ws[f"{c}{r}"].protection.locked for c in "IJKN" for r in (5, 6, 7))  # N: 佐证材料文件
    rules = {str(r): dv for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}
    assert {ref: rules[ref].type for ref in ("I5", "I6", "I7")} == {"I5": "decimal", "I6": "list", "I7": "decimal"}
    assert all((rules[ref].operator, rules[ref].formula1) == ("greaterThanOrEqual", "0") for ref in ("I5", "I7"))
    assert rules["I6"].formula1 == '"已完成,推进中,未启动,受阻"'
    assert ws.column_dimensions["F"].width >= 40 and ws.column_dimensions["C"].width >= 16
    assert cli("template", "经发局", "-o", path, "-c", cat, "-p", prog).exit_code == 2  # never overwritten


def test_a_filled_form_is_imported_and_shows_in_status(cli, plus, tmp_path):
    cat, prog = plus
    form = fill(make_form(cli, cat, prog, tmp_path / "经发局.xlsx"),
                {"I5": 25, "K5": "经发局10月台账", "I6": "推进中", "J6": "方案已印发", "I7": 600})
    result = import_(cli, cat, prog, form)
    assert result.exit_code == 0, result.output
    assert "区经济发展局 2023-10-31 — 记录 3 项，未变 0 项" in result.output
    assert actuals(cli, cat, prog) == {"1.1": 25, "1.2": "in_progress", "2.1": 2, "3.1": 600}
    text = (prog / "区经济发展局.yaml").read_text(encoding="utf-8")
    assert "note: 方案已印发" in text and "evidence: 经发局10月台账" in text
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0
    # the same form again changes nothing
    again = import_(cli, cat, prog, form)
    assert again.exit_code == 0 and "记录 0 项，未变 3 项" in again.output
    assert (prog / "区经济发展局.yaml").read_text(encoding="utf-8") == text


def test_a_changed_figure_needs_force(cli, plus, tmp_path):
    cat, prog = plus
    form = fill(make_form(cli, cat, prog, tmp_path / "经发局.xlsx"), {"I5": 25, "K5": "台账"})
    assert import_(cli, cat, prog, form, lang="en").exit_code == 0
    before = (prog / "区经济发展局.yaml").read_text(encoding="utf-8")
    fill(form, {"I5": 26})
    refused = import_(cli, cat, prog, form)
    assert refused.exit_code == 1
    assert f"{form}:报送表!I5: 错误: 指标 1.1 在 2023-10-31 已报送 25，本表填的是 26" in refused.output
    assert "--force" in refused.output
    assert (prog / "区经济发展局.yaml").read_text(encoding="utf-8") == before
    forced = cli("import", form, "--force", "--reason", "台账更正", "--lang", "en", "-c", cat, "-p", prog)
    assert forced.exit_code == 0 and "0 unchanged, 1 changed, 0 refused" in forced.output, forced.output
    assert "更正" not in forced.output
    assert actuals(cli, cat, prog)["1.1"] == 26


BAD = {"D2": dt.date(2025, 1, 31), "I5": "12家", "I6": "快完成了", "I7": -1}
"""A date outside the plan, a number with its unit, an unknown milestone word, a negative figure."""
EXPECTED = [("D2", "date-out-of-range", "截至日期 2025-01-31 不在计划期内"),
            ("I5", "value-kind", "本期数值“12家”无法识别"),
            ("I6", "value-kind", "指标 1.2 是里程碑，不能填“快完成了”"),
            ("I7", "negative", "指标 3.1 的本期数值 -1 是负数")]


def errors_of(output: str, expected: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """(position, code, Chinese message) of each error line, the message cut to as much as `expected` says."""
    out = []
    for line in output.splitlines():
        if ": 错误: " in line:  # the run's language only: Chinese
            where, rest = line.split(": 错误: ", 1)
            words = rest.split(" / ", 1)[0]
            n = len(out)
            if n < len(expected) and words.startswith(expected[n][2]):
                words = expected[n][2]
            out.append((where, rest.rsplit("[", 1)[1].rstrip("]"), words))
    return out


def test_bad_rows_give_one_diagnostic_each_at_their_cell(cli, plus, tmp_path):
    cat, prog = plus
    form = fill(make_form(cli, cat, prog, tmp_path / "经发局.xlsx"), BAD)
    before = {p.name: p.read_bytes() for p in prog.iterdir()}
    result = import_(cli, cat, prog, form)
    assert result.exit_code == 1
    expected = [(f"{form}:报送表!{ref}", code, words) for ref, code, words in EXPECTED]
    assert errors_of(result.output, expected) == expected
    assert "帮助：只写数字，不写单位、逗号、% 或全角数字，例如 12" in result.output
    assert "4 处有误，本表未写入" in result.output  # three rows, and the date heading them all
    assert {p.name: p.read_bytes() for p in prog.iterdir()} == before


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_the_form_saved_as_csv(cli, plus, tmp_path, encoding):
    cat, prog = plus
    form = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    good = save_as_csv(fill(form, {"I5": 25, "K5": "台账", "I6": "已完成", "I7": 600}), tmp_path / "经发局.csv",
                       encoding)
    result = import_(cli, cat, prog, good, lang="en")
    assert result.exit_code == 0, result.output
    assert actuals(cli, cat, prog) == {"1.1": 25, "1.2": "done", "2.1": 2, "3.1": 600}

    before = (prog / "区经济发展局.yaml").read_bytes()
    bad = save_as_csv(fill(form, {**BAD, "D2": "2025-01-31"}), tmp_path / "坏.csv", encoding)
    result = import_(cli, cat, prog, bad)
    assert result.exit_code == 1
    columns = {"D": 4, "I": 9}
    expected = [(f"{bad}:{ref[1:]}:{columns[ref[0]]}", code, words) for ref, code, words in EXPECTED]
    assert errors_of(result.output, expected) == expected
    assert (prog / "区经济发展局.yaml").read_bytes() == before


def test_csv_positions_count_lines_inside_quoted_cells(cli, plus, tmp_path):
    cat, prog = plus
    form = fill(make_form(cli, cat, prog, tmp_path / "经发局.xlsx"), {"J5": "第一行\n第二行", "I5": 3, "I6": "无"})
    result = import_(cli, cat, prog, save_as_csv(form, tmp_path / "x.csv"))
    expected = [(f"{tmp_path / 'x.csv'}:7:9", "value-kind", "指标 1.2 是里程碑，不能填“无”")]
    assert errors_of(result.output, expected) == expected


def test_blank_rows_are_skipped_and_a_note_without_figure_is_named(cli, plus, tmp_path):
    cat, prog = plus
    form = fill(make_form(cli, cat, prog, tmp_path / "经发局.xlsx"), {"I5": 25, "K5": "台账", "J7": "正在统计"})
    result = import_(cli, cat, prog, form)
    assert result.exit_code == 0, result.output
    assert f"{form}:报送表!I7: 警告: 本期数值为空，但填了说明或佐证" in result.output
    assert "记录 1 项" in result.output
    assert actuals(cli, cat, prog) == {"1.1": 25, "1.2": None, "2.1": 2, "3.1": None}


def test_several_forms_one_bad(cli, plus, tmp_path):
    cat, prog = plus
    good = fill(make_form(cli, cat, prog, tmp_path / "经发局.xlsx"), {"I5": 25, "K5": "台账"})
    bad = fill(make_form(cli, cat, prog, tmp_path / "农业.xlsx", "区农业服务中心"), {"I5": "两处"})
    before = {p.name: p.read_bytes() for p in prog.iterdir()}
    held = import_(cli, cat, prog, good, bad, all_or_nothing=True)
    assert held.exit_code == 1
    assert "无误，但其他报送表有误，按 --all-or-nothing 未写入" in held.output
    # nothing written (the batch held the files' locks: gdtrack's own hidden .NAME.lock files may now be there)
    assert {p.name: p.read_bytes() for p in prog.iterdir() if not p.name.endswith(".lock")} == before
    result = import_(cli, cat, prog, good, bad)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line[:1] in "✓✗"]
    assert lines == [f"✓ {good}：区经济发展局 2023-10-31 — 记录 1 项，未变 0 项",
                     f"✗ {bad}：区农业服务中心 2023-10-31 — 1 处有误，本表未写入"]
    assert actuals(cli, cat, prog)["1.1"] == 25
    assert (prog / "区农业服务中心.yaml").read_bytes() == before["区农业服务中心.yaml"]


def test_the_unit_cell_takes_an_alias_and_a_foreign_row_is_refused(cli, plus, tmp_path):
    cat, prog = plus
    form = fill(make_form(cli, cat, prog, tmp_path / "经发局.xlsx"), {"B2": "经发局", "I5": 25, "K5": "台账"})
    assert import_(cli, cat, prog, form, lang="en").exit_code == 0
    fill(form, {"A6": "2.1", "I6": 1})
    result = import_(cli, cat, prog, form)
    assert result.exit_code == 1
    assert f"{form}:报送表!A6: 错误: 指标 2.1 不由本单位报送" in result.output


def test_not_a_form(cli, plus, tmp_path):
    cat, prog = plus
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really")
    text = tmp_path / "notes.csv"
    text.write_text("a,b\n1,2\n", encoding="utf-8")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = import_(cli, cat, prog, junk, text, old)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{junk}: 错误: 无法作为报送表打开：不是 .xlsx 文件" in result.output, result.output
    assert "BadZipFile" not in result.output  # the library's own words stay out of a Chinese line (issue 20)
    assert f"{text}: 错误: 这不是 gdtrack 报送表" in result.output
    assert f"{old}: 错误: 这是 .xls / .et 等旧格式" in result.output


def test_libreoffice_opens_the_form_and_its_saves_import(cli, plus, tmp_path):
    """LibreOffice Calc reads the form, keeps its protection and validations when it saves it, and what it saves
    (xlsx, and CSV as "Save as CSV" writes it) imports."""
    soffice = external.libreoffice("calc")
    cat, prog = plus
    form = fill(make_form(cli, cat, prog, tmp_path / "经发局.xlsx"),
                {"I5": 25, "K5": "台账", "I6": "推进中", "J6": "方案: 已印发", "I7": 600, "K7": "台账"})
    for target, out in (("xlsx:Calc MS Excel 2007 XML", "lo-xlsx"), ("csv:Text - txt - csv (StarCalc):44,34,76,1",
                                                                      "lo-csv")):
        external.convert(soffice, target, [form], tmp_path / out, home=tmp_path)
    saved = tmp_path / "lo-xlsx" / "经发局.xlsx"
    ws = load_workbook(saved).active
    assert ws.protection.sheet and not ws["I5"].protection.locked and ws["A5"].protection.locked
    assert {"decimal", "list"} <= {dv.type for dv in ws.data_validations.dataValidation}
    for path in (saved, tmp_path / "lo-csv" / "经发局.csv"):
        result = import_(cli, cat, prog, path)
        assert result.exit_code == 0 and "error" not in result.output, result.output
        assert actuals(cli, cat, prog) == {"1.1": 25, "1.2": "in_progress", "2.1": 2, "3.1": 600}
    assert "note: '方案: 已印发'" in (prog / "区经济发展局.yaml").read_text(encoding="utf-8")
