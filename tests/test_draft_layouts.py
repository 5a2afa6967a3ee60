"""`gdtrack draft` on the other layouts of the genre (issue 25): attribution before the text, labelled lines before
a task, task tables flattened by tabs, runs of spaces or one cell per line, progress reports, and plans that arrive
as .docx, .xlsx or GBK text. Fixtures of our own writing in tests/fixtures/draft/ (h_ … m_)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from gdtrack.files.documents import plan_text

FIXTURES = Path(__file__).parent / "fixtures" / "draft"


def _draft(name: str, **kw):
    from gdtrack.drafting import draft

    return draft(plan_text(FIXTURES / name), **kw)


def _goals(task) -> list[tuple]:
    return [(g.quote, g.comparator, g.target, g.unit) for g in task.goals]


def _who(task) -> tuple:
    a = task.attribution
    return a.lead, a.co, a.leaders, a.deadline


# ── layouts ──────────────────────────────────────────────────────────────────────────────────────


def test_attribution_before_the_text_in_brackets_or_labels():
    d = _draft("h_before_brackets.txt")
    t1, t2, t3, t4 = d.tasks
    assert _who(t1) == (["县发展和改革局"], ["县住房和城乡建设局", "县财政局"], [], None)
    assert t1.text == "实施省市县重点项目120个，完成投资85亿元以上。"  # the bracket before it is not the task's
    assert _goals(t1) == [("实施省市县重点项目120个", ">=", 120, "个"), ("完成投资85亿元以上", ">=", 85, "亿元")]
    assert _who(t2)[:2] == (["县工业和信息化局"], []) and t2.text.startswith("推进工业技改提级")
    assert _who(t3)[:2] == (["县行政审批服务局"], ["县司法局"])
    assert t3.text == "推进政务服务“一网通办”，网上可办率达到95%以上。"
    assert _goals(t3) == [("网上可办率达到95%以上", ">=", 95, "%")]
    assert _who(t4) == (["县市场监督管理局"], [], ["王伟"], "2024年9月底")
    assert [str(g.due) for g in t4.goals] == ["2024-09-30"]
    assert d.units == ["县发展和改革局", "县工业和信息化局", "县行政审批服务局", "县市场监督管理局"]


def test_labelled_lines_before_each_task_the_first_listed_unit_leads_page_marks_and_site_boilerplate():
    d = _draft("i_before_lines.txt")
    assert d.plan.title == "东坪区2024年民生实事任务分工方案" and d.plan.issuer == "东坪区人民政府办公室"
    t1, t2, t3 = d.tasks
    # the plan says 排在第一位的为牵头单位: the first-listed unit leads, the others help
    assert _who(t1) == (["区教育和体育局"], ["区财政局"], ["刘明"], "2024年8月底")
    assert _goals(t1) == [("新建改扩建中小学校3所", ">=", 3, "所"), ("新增学位2400个", ">=", 2400, "个")]
    assert _who(t2) == (["区人力资源和社会保障局"], [], ["赵丽"], None)
    assert t2.text == "城镇新增就业4500人，\n城镇登记失业率控制在3%以内。"  # the page marker between is dropped
    assert _goals(t2)[1] == ("城镇登记失业率控制在3%以内", "<=", 3, "%")
    assert (t3.raw.chapter, _who(t3)[:2]) == (2, (["区民政局"], ["区卫生健康局"]))
    assert "扫一扫" not in t3.text and "第 2 页" not in t3.text


def test_a_table_by_tabs_reads_goals_from_its_goals_column_and_keeps_every_column():
    d = _draft("j_table_tabs.txt")
    assert d.layout.table
    assert [(t.id, t.raw.chapter, t.title) for t in d.tasks] == [
        (1, 1, "壮大先进制造业"), (2, 1, "培育科技型企业"), (3, 2, "完善城市路网"), (4, 2, "推进老旧小区改造")]
    t1, t2, t3, t4 = d.tasks
    assert t1.text == "新增规模以上工业企业25家，工业技改投资增长15%。"  # 具体目标, verbatim
    assert _goals(t1) == [("新增规模以上工业企业25家", ">=", 25, "家"), ("工业技改投资增长15%", "delta_pct", 15, None)]
    assert _who(t1) == (["区经济发展局"], ["区财政局"], ["孙涛"], "2024年12月底")
    assert _who(t2) == (["区科技局"], [], ["孙涛"], "2024年11月底")  # an empty 配合单位 cell keeps its place
    assert [str(g.due) for g in t2.goals] == ["2024-11-30"]
    assert _who(t3)[1] == ["区自然资源局", "区财政局"]
    assert _goals(t4) == [("完成老旧小区改造40个", ">=", 40, "个"), ("惠及居民8000户", ">=", 8000, "户")]


def test_a_table_by_runs_of_spaces_with_a_unit_and_a_person_in_one_cell_and_a_wrapped_cell():
    d = _draft("k_table_spaces.txt")
    t1, t2, t3 = d.tasks
    assert [t.title for t in d.tasks] == ["提升公共卫生服务能力", "改善农村人居环境", "加强食品安全监管"]
    assert [(t.attribution.lead, t.attribution.leaders) for t in d.tasks] == [
        (["县卫生健康局"], ["李红"]), (["县农业农村局"], ["张军"]), (["县市场监督管理局"], ["王刚"])]
    assert _goals(t2) == [("完成农村改厕1500户", ">=", 1500, "户"), ("新建农村公路30公里", ">=", 30, "公里")]
    assert _goals(t3) == [("食品抽检合格率稳定在98%以上", ">=", 98, "%")]
    assert [str(g.due) for g in t1.goals] == ["2024-10-31"]


def test_a_table_of_one_cell_per_line_with_a_cell_wrapped_over_a_page_break():
    d = _draft("l_table_cells.txt")
    assert [(t.id, t.raw.chapter, t.title) for t in d.tasks] == [
        (1, 1, "推进燃煤锅炉淘汰"), (2, 1, "加强机动车尾气治理"), (3, 2, "提升污水处理能力")]
    t2 = d.tasks[1]
    assert _who(t2) == (["市公安局", "市交通运输局"], [], [], "2024年10月底")
    assert _goals(t2) == [("淘汰老旧车辆1200辆", ">=", 1200, "辆"), ("新增新能源公交车100辆", ">=", 100, "辆")]
    assert d.plan.issuer is None  # a unit's cell is not the issuer's signature


def test_a_progress_report_repeating_the_plans_columns_drafts_the_targets_not_what_was_achieved():
    d = _draft("m_progress.txt")
    assert [_goals(t) for t in d.tasks] == [[("引进亿元以上项目30个", ">=", 30, "个")],
                                           [("完成老旧小区改造25个", ">=", 25, "个")],
                                           [("城镇新增就业3000人", ">=", 3000, "人")]]
    assert all("已" not in t.text for t in d.tasks)


def test_a_progress_report_in_prose_leaves_its_own_paragraphs_out():
    from gdtrack.drafting import draft

    d = draft("2024年重点工作推进情况\n一、民生保障\n1.城镇新增就业3000人。（牵头单位：区人力资源和社会保障局）\n"
              "进展情况：已新增就业1650人，完成全年目标的55%。\n2.新建学校2所。进展：已开工1所。（牵头单位：区教育局）\n")
    t1, t2 = d.tasks
    assert _goals(t1) == [("城镇新增就业3000人", ">=", 3000, "人")]
    assert t2.text == "新建学校2所。" and _goals(t2) == [("新建学校2所", ">=", 2, "所")]
    assert t2.attribution.lead == ["区教育局"]


def test_a_header_saying_the_first_listed_unit_leads_makes_the_others_co_units():
    from gdtrack.drafting import draft

    d = draft("表\n序号\t重点任务\t具体目标\t责任单位（排在第一位的为牵头单位）\t完成时限\n"
              "1\t建设学校\t新建学校2所。\t区教育局、区财政局\t2024年8月底\n", 2024)
    assert _who(d.tasks[0]) == (["区教育局"], ["区财政局"], [], "2024年8月底")


def test_a_unit_with_a_part_of_itself_is_not_split_as_a_person():
    from gdtrack.drafting.attribution import Attribution, unglued

    att = unglued(Attribution(lead=["县人民政府办公室", "市生态环境局北川分局", "各街道", "区经济发展局产业科",
                                    "区经济发展局王明", "区财政局", "李四"]))
    assert att.lead == ["县人民政府办公室", "市生态环境局北川分局", "各街道", "区经济发展局产业科", "区经济发展局",
                        "区财政局"]
    assert att.leaders == ["王明", "李四"]


# ── files as they arrive ─────────────────────────────────────────────────────────────────────────


def _rows_of(name: str) -> list[list[str]]:
    return [line.split("\t") for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()]


def _docx(rows: list[list[str]], merged_down: tuple[tuple[int, int], ...] = ()) -> bytes:
    """A Word file of the text's lines: a line without a tab is a paragraph, consecutive lines with tabs one table
    (a line of one cell is a row merged across the table). `merged_down`: (line index, column) cells merged with
    the cell below, as Word merges them vertically."""
    import docx

    document = docx.Document()
    width = max(len(r) for r in rows)
    table = None
    where = {}
    for i, row in enumerate(rows):
        if len(row) == 1 and (table is None or not row[0]):
            document.add_paragraph(row[0])
            table = None
            continue
        if table is None:
            table = document.add_table(rows=0, cols=width)
        cells = table.add_row().cells
        where[i] = (table, len(table.rows) - 1)
        if len(row) == 1:
            cells[0].merge(cells[-1]).text = row[0]
        else:
            for cell, value in zip(cells, row, strict=False):
                cell.text = value
    for i, col in merged_down:
        table, r = where[i]
        table.cell(r, col).merge(table.cell(r + 1, col))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _xlsx(rows: list[list[str]], merged: tuple[str, ...] = ()) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value:
                sheet.cell(r, c, int(value) if value.isdigit() else value)
    for cells in merged:
        sheet.merge_cells(cells)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_docx_or_xlsx_with_the_same_table_drafts_as_its_text_and_check_source_reads_it(cli, tmp_path, kind):
    name = "j_table_tabs.txt"
    src = tmp_path / f"plan.{kind}"
    src.write_bytes((_docx if kind == "docx" else _xlsx)(_rows_of(name)))
    as_text = cli("draft", FIXTURES / name)
    out = tmp_path / "draft.yaml"
    result = cli("draft", src, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").replace(src.name, name) == as_text.stdout
    rows = json.loads(cli("check", "-c", out, "--source", src, "-p", tmp_path / "none", "--format", "json").stdout)
    assert [r["code"] for r in rows if r["severity"] == "error"] == ["not-in-source"]  # only the 文号 to fill in
    assert "（待填写）" in next(r["message"] for r in rows if r["severity"] == "error")


def test_a_task_over_several_rows_drafts_a_task_per_goal_row_from_text_xlsx_and_docx(cli, tmp_path):
    """序号 and 重点任务 merged over two rows, each row a goal with its own lead unit and date."""
    name = "n_table_rows.txt"
    d = _draft(name)
    assert [(t.id, t.raw.number, t.title, t.text, t.attribution.lead, t.attribution.deadline) for t in d.tasks] == [
        (1, 1, "扩大有效投资", "实施重点项目80个。", ["区发展和改革局"], "2024年12月底"),
        (2, 1, "扩大有效投资", "完成固定资产投资增长10%。", ["区统计局"], "2024年11月底"),
        (3, 2, "优化营商环境", "新增市场主体3000户。", ["区市场监督管理局"], "2024年10月底")]
    as_text = cli("draft", FIXTURES / name).stdout
    rows = _rows_of(name)
    xlsx, docx_file = tmp_path / "plan.xlsx", tmp_path / "plan.docx"
    xlsx.write_bytes(_xlsx(rows, merged=("A4:A5", "B4:B5")))
    docx_file.write_bytes(_docx(rows, merged_down=((3, 0), (3, 1))))  # Word gives the merged cell to both rows
    for src in (xlsx, docx_file):
        result = cli("draft", src)
        assert result.exit_code == 0, result.output
        assert result.stdout.replace(src.name, name) == as_text


def test_a_docx_of_paragraphs_drafts_as_its_text(cli, tmp_path):
    name = "h_before_brackets.txt"
    src = tmp_path / "plan.docx"
    src.write_bytes(_docx([[line] for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()]))
    result = cli("draft", src)
    assert result.exit_code == 0, result.output
    assert result.stdout.replace(src.name, name) == cli("draft", FIXTURES / name).stdout


@pytest.mark.parametrize(("name", "data", "said"), [
    ("plan.docx", b"PK\x03\x04 not really a zip", "无法读取该 Word 文件"),
    ("plan.xlsx", b"PK\x03\x04 not really a zip", "无法读取该 Excel 文件"),
    ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "旧版 Office 格式"),
    ("plan.txt", b"PK\x03\x04" + b"\0" * 64, "压缩包"),
])
def test_a_damaged_or_foreign_file_is_one_message_and_nothing_is_written(cli, tmp_path, name, data, said):
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "draft.yaml"
    result = cli("draft", src, "-o", out)
    assert result.exit_code == 1 and said in result.stderr and name in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_a_damaged_docx_is_said_in_english_with_lang_en(cli, tmp_path):
    src = tmp_path / "plan.docx"
    src.write_bytes(_docx([["标题"]])[:300])  # cut short: a damaged zip
    result = cli("draft", src, "--lang", "en")
    assert result.exit_code == 1 and "cannot be read" in result.stderr and "Traceback" not in result.output


def test_check_source_on_a_damaged_xlsx_is_one_message(cli, tmp_path, mini):
    src = tmp_path / "plan.xlsx"
    src.write_bytes(b"not a workbook at all")
    result = cli("check", "-c", mini(), "--source", src, "-p", tmp_path / "none")
    assert result.exit_code == 1 and "无法读取该 Excel 文件" in result.stdout + result.stderr
    assert "Traceback" not in result.output


def test_check_source_compares_lead_units_with_an_attribution_before_the_text(cli, tmp_path):
    name = FIXTURES / "h_before_brackets.txt"
    out = tmp_path / "draft.yaml"
    assert cli("draft", name, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert 'lead_units: ["县发展和改革局"]' in text
    out.write_text(text.replace('lead_units: ["县发展和改革局"]', 'lead_units: ["县财政局"]', 1), encoding="utf-8")
    rows = json.loads(cli("check", "-c", out, "--source", name, "-p", tmp_path / "none", "--format", "json").stdout)
    differ = [r for r in rows if r["code"] == "lead-units-differ"]
    assert len(differ) == 1 and "县发展和改革局" in differ[0]["message"]


def test_a_docx_declaring_entities_is_refused_before_python_docx_reads_it(cli, tmp_path):
    import zipfile

    src = tmp_path / "plan.docx"
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    result = cli("draft", src)
    assert result.exit_code == 1 and "计划文件超出可读取的限度" in result.stderr and "DTD" in result.stderr
    assert "Traceback" not in result.output


def test_a_workbook_renamed_docx_is_one_message_in_english(cli, tmp_path):
    import openpyxl

    src = tmp_path / "plan.docx"
    openpyxl.Workbook().save(src)
    result = cli("draft", src, "--lang", "en")
    assert result.exit_code == 1 and "this Word file cannot be read" in result.stderr
    assert "Traceback" not in result.output


def test_init_from_an_xlsx_drafts_the_catalogue(cli, tmp_path):
    src = tmp_path / "分解表.xlsx"
    src.write_bytes(_xlsx(_rows_of("j_table_tabs.txt")))
    result = cli("init", tmp_path / "repo", "--from", src)
    assert result.exit_code == 0, result.output
    drafted = next((tmp_path / "repo").rglob("tasks*.yaml")).read_text(encoding="utf-8")
    assert '"新增规模以上工业企业25家，工业技改投资增长15%。"' in drafted and 'lead_units: ["区经济发展局"]' in drafted
