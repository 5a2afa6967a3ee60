"""Issue 23: the 经发局 form filled as a clerk fills it, on a copy of the shipped sample (its 20 own goals, 22 co-led
ones, stepped milestones, rates and a clear-to-zero goal), imported, and each behaviour a clerk or the office would
notice asserted: whose row it is, figures that will not count, the date cell, corrections with a reason, what each
cell takes, the file's own milestone words, a blank form beside a filled one, and replies to 督办."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from .conftest import ROOT
from .test_forms import save_as_csv

UNIT = "区经济发展局"
DAY = "2023-10-31"
COL = {"role": "B", "last_value": "G", "last_date": "H", "value": "I", "note": "J", "evidence": "K",
       "measures": "L", "by": "M"}


@pytest.fixture
def shipped(tmp_path):
    """A copy of the shipped catalogue, nodes file and sample progress files: (catalogue, progress folder)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data / "tasks_2023.yaml", data / "progress"


def repo_of(cat: Path, prog: Path):
    from gdtrack.repository.opened import open_repository

    return open_repository(catalogue=cat, progress=prog)


def make_form(cli, cat, prog, path: Path, *extra: str) -> Path:
    result = cli("template", "经发局", "--as-of", DAY, "-o", path, "-c", cat, "-p", prog, *extra)
    assert result.exit_code == 0, result.output
    return path


def rows_of(path: Path) -> dict[str, int]:
    """Goal id → its row on the form."""
    ws = load_workbook(path).active
    return {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value}


def fill(path: Path, figures: dict[tuple[str, str], object], target: Path | None = None) -> Path:
    """Fill (goal id, column) cells as a clerk would, and save (as `target` when given)."""
    rows = rows_of(path)
    wb = load_workbook(path)
    for (ident, column), value in figures.items():
        ref = column if ident == "" else f"{COL[column]}{rows[ident]}"
        wb.active[ref] = value
    wb.save(target or path)
    return target or path


def import_(cli, cat, prog, *args):
    return cli("import", *args, "-c", cat, "-p", prog)


def latest(prog: Path, unit: str, ident: str, upto: dt.date) -> tuple[dt.date, object] | None:
    """The unit's latest figure for a goal on or before `upto`, read from its YAML file."""
    data = yaml.safe_load((prog / f"{unit}.yaml").read_text(encoding="utf-8"))
    found = [(r["as_of"], e["value"]) for r in data.get("reports") or [] for e in r.get("entries") or []
             if e["indicator"] == ident and e.get("value") is not None and r["as_of"] <= upto]
    return max(found, key=lambda x: x[0]) if found else None


def entry(prog: Path, unit: str, ident: str, day: dt.date) -> dict | None:
    data = yaml.safe_load((prog / f"{unit}.yaml").read_text(encoding="utf-8"))
    return next((e for r in data["reports"] if r["as_of"] == day for e in r["entries"] if e["indicator"] == ident),
                None)


def test_own_goals_first_then_co_led_marked_with_the_owner_and_its_figure(cli, shipped, tmp_path):
    cat, prog = shipped
    repo = repo_of(cat, prog)
    owner = {ind.id: repo.catalogue.owner(task, ind) for task, ind in repo.catalogue.indicators()}
    co_led = [ind.id for task, ind in repo.catalogue.indicators() if UNIT in task.lead_units and owner[ind.id] != UNIT]
    own = [ind.id for _, ind in repo.catalogue.indicators() if owner[ind.id] == UNIT]
    assert own and co_led
    path = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    ws = load_workbook(path).active
    rows = rows_of(path)
    assert list(rows) == own + co_led  # the unit's own goals first, then those it co-leads
    for ident in co_led:
        role = ws[f"B{rows[ident]}"].value
        assert role == f"协办（{owner[ident]}报送，以其数字为准）", (ident, role)
    assert all(ws[f"B{rows[i]}"].value.startswith("本单位") for i in own)
    # a co-led row shows the owner's latest figure (the one that counts), not a blank
    day = dt.date.fromisoformat(DAY)
    shown = 0
    for ident in co_led:
        theirs = latest(prog, owner[ident], ident, day)
        if theirs is None:
            continue
        value = ws[f"G{rows[ident]}"].value
        words = {"done": "已完成", "in_progress": "推进中", "not_started": "未启动", "blocked": "受阻"}
        assert value == words.get(theirs[1], theirs[1]), ident
        assert ws[f"H{rows[ident]}"].value.date() == theirs[0]
        shown += 1
    assert shown >= 10
    # or left out, by the documented option
    only = make_form(cli, cat, prog, tmp_path / "只本单位.xlsx", "--no-co-led")
    assert list(rows_of(only)) == own


def test_import_says_per_row_which_figures_will_not_count(cli, shipped, tmp_path):
    cat, prog = shipped
    form = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    day = dt.date.fromisoformat(DAY)
    rows = rows_of(form)
    # 2.4 is co-led; its owner 区创新创业服务中心 has reported it. 52.1's owner 区投资促进局 has not.
    assert latest(prog, "区创新创业服务中心", "2.4", day) is not None
    assert latest(prog, "区投资促进局", "52.1", day) is None
    before = json.loads(cli("status", "--as-of", DAY, "-f", "json", "-c", cat, "-p", prog).stdout)
    fill(form, {("2.4", "value"): 31.5, ("2.4", "evidence"): "经发局统计", ("52.1", "value"): "推进中",
                ("52.1", "evidence"): "审批台账", ("7.1", "value"): 26, ("7.1", "evidence"): "经发局10月台账"})
    result = import_(cli, cat, prog, form)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if "[not-counted]" in line]
    theirs = latest(prog, "区创新创业服务中心", "2.4", day)
    assert warned == [f"{form}:报送表!I{rows['2.4']}: 警告: 指标 2.4 由 区创新创业服务中心 报送，已报 {theirs[1]}"
                      f"（{theirs[0]}），以其数字为准：本表填的 31.5 会记录，但不计入进度 [not-counted]"]
    after = {r["id"]: r["actual"] for r in json.loads(
        cli("status", "--as-of", DAY, "-f", "json", "-c", cat, "-p", prog).stdout)["indicators"]}
    old = {r["id"]: r["actual"] for r in before["indicators"]}
    assert after["2.4"] == old["2.4"] == theirs[1]  # as warned: the owner's figure stands
    assert after["52.1"] == "in_progress" and after["7.1"] == 26  # these count
    english = import_(cli, cat, prog, form, "--lang", "en")
    assert "does not count" in english.output and "不计入" not in english.output.split("[not-counted]")[0]


def test_a_date_not_later_than_the_forms_last_report_is_refused_at_the_date_cell(cli, shipped, tmp_path):
    cat, prog = shipped
    form = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    rows = rows_of(form)
    ws = load_workbook(form).active
    last = max(ws[f"H{r}"].value.date() for i, r in rows.items() if ws[f"H{r}"].value
               and ws[f"B{r}"].value.startswith("本单位"))
    old = entry(prog, UNIT, "7.1", last)
    assert old is not None and old["value"] != 26
    # sent back with last month's date: its figures would overwrite that month's
    fill(form, {("", "D2"): last, ("7.1", "value"): 26, ("7.1", "evidence"): "经发局10月台账"})
    before = (prog / f"{UNIT}.yaml").read_bytes()
    result = import_(cli, cat, prog, form)
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "[stale-form]" in x)
    assert line.startswith(f"{form}:报送表!D2: 错误: 截至日期 {last} 不晚于本表的上次报送日期 {last}")
    assert f"把 D2 改为本期的截至日期（晚于 {last}）" in result.output and "--force --reason" in result.output
    assert "[conflict]" not in result.output  # one clear error at the date cell, not one per figure
    assert (prog / f"{UNIT}.yaml").read_bytes() == before
    # saved as CSV, the same: at the date's line and column, the hint naming it as a clerk finds it
    csv = save_as_csv(form, tmp_path / "经发局.csv")
    result = import_(cli, cat, prog, csv)
    assert result.exit_code == 1
    assert f"{csv}:2:4: 错误: 截至日期 {last} 不晚于本表的上次报送日期 {last}" in result.output
    assert "把 第2行第4列 改为本期的截至日期" in result.output
    # a correction of that month needs a reason, and writes it
    no_reason = import_(cli, cat, prog, form, "--force")
    assert no_reason.exit_code == 2 and "--reason" in no_reason.output and "Traceback" not in no_reason.output
    assert (prog / f"{UNIT}.yaml").read_bytes() == before
    fixed = import_(cli, cat, prog, form, "--force", "--reason", "核对台账后更正")
    assert fixed.exit_code == 0, fixed.output
    now = entry(prog, UNIT, "7.1", last)
    assert now["value"] == 26 and now["revised"] == {"reason": "核对台账后更正"}
    assert now["evidence"] == "经发局10月台账"
    assert "note" not in now or now["note"] != old.get("note")  # the old note went with the old number


def test_record_force_needs_a_reason_and_writes_it(cli, shipped):
    cat, prog = shipped
    day = dt.date(2023, 9, 30)
    old = entry(prog, UNIT, "7.1", day)
    refused = cli("record", "经发局", "7.1", "25", "--as-of", "2023-09-30", "--force", "-c", cat, "-p", prog)
    assert refused.exit_code == 2 and "--reason" in refused.output
    assert entry(prog, UNIT, "7.1", day) == old
    done = cli("record", "经发局", "7.1", "25", "--as-of", "2023-09-30", "--force", "--reason", "重复统计已剔除",
               "-c", cat, "-p", prog)
    assert done.exit_code == 0, done.output
    assert entry(prog, UNIT, "7.1", day) == {"indicator": "7.1", "value": 25, "evidence": old["evidence"],
                                             "revised": {"reason": "重复统计已剔除"}}
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0


def test_each_cell_takes_what_its_goal_needs(cli, shipped, tmp_path):
    cat, prog = shipped
    repo = repo_of(cat, prog)
    by_id = repo.catalogue.by_id
    form = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    rows = rows_of(form)
    ws = load_workbook(form).active
    rule = {str(r): dv for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}
    # a stepped milestone offers its steps (from the nodes file) beside the four states
    steps = [s.name for s in by_id["20.1"][1].steps]
    assert steps == ["完成可研", "用地预审", "站址用地批复", "开工"]
    assert rule[f"I{rows['20.1']}"].formula1 == '"' + ",".join(["已完成", "推进中", "未启动", "受阻", *steps]) + '"'
    plain = next(i for i in rows if by_id[i][1].is_milestone and not by_id[i][1].steps)
    assert rule[f"I{rows[plain]}"].formula1 == '"已完成,推进中,未启动,受阻"'
    # each numeric row says what to write, and in what unit
    assert rule[f"I{rows['7.1']}"].prompt.startswith("填年初至今累计数，单位：个")
    assert rule[f"I{rows['2.4']}"].prompt.startswith("填当前水平，单位：%")  # a rate
    assert rule[f"I{rows['58.2']}"].prompt.startswith("填当前水平，单位：个/千人")
    assert rule[f"I{rows['55.3']}"].prompt.startswith("填尚余数量")  # ≤ 0: clear to zero, the figure is what is left
    assert "单位：户" in rule[f"I{rows['55.3']}"].prompt
    assert "年初至今累计数" not in rule[f"I{rows['2.4']}"].prompt
    # the step name Excel now offers is what import takes
    fill(form, {("20.1", "value"): "用地预审", ("20.1", "evidence"): "项目台账"})
    result = import_(cli, cat, prog, form)
    assert result.exit_code == 0, result.output
    assert entry(prog, UNIT, "20.1", dt.date.fromisoformat(DAY))["value"] == "用地预审"


def test_hints_name_cells_and_no_evidence_is_said_once(cli, shipped, tmp_path):
    cat, prog = shipped
    form = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    rows = rows_of(form)
    fill(form, {("1.1", "value"): 2, ("7.1", "value"): 26, ("13.1", "value"): 50, ("2.2", "value"): "10家",
                ("6.1", "value"): 3})
    result = import_(cli, cat, prog, form)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    missing = [x for x in lines if "[no-evidence]" in x]
    filled = sorted(rows[i] for i in ("1.1", "7.1", "13.1", "2.2", "6.1"))  # the two bad figures lack one too
    cells = "、".join(f"K{r}" for r in filled)
    assert missing == [f"{form}:报送表!K{filled[0]}: 警告: 5 个数字未填佐证/数据来源：{cells} [no-evidence]"]
    assert any(f"!I{rows['2.2']}: 错误: 本期数值“10家”无法识别" in x for x in lines)
    assert any(f"!I{rows['6.1']}: 错误: 指标 6.1 是里程碑，不能填“3”" in x for x in lines)
    steps = "、".join(s.name for s in repo_of(cat, prog).catalogue.by_id["6.1"][1].steps)
    assert f"帮助：从下拉列表选择：已完成、推进中、未启动、受阻、{steps}" in result.output
    hints = [x for x in lines if x.strip().startswith("帮助")]
    assert hints and not any(key in x for x in hints for key in ("value:", "evidence:", "as_of", "indicator:"))


def chinese_file(prog: Path) -> None:
    """The unit's file as a clerk who edits it in Chinese writes it: 已完成 / 推进中 / 未启动 / 受阻."""
    path = prog / f"{UNIT}.yaml"
    text = path.read_text(encoding="utf-8")
    for english, chinese in (("done", "已完成"), ("in_progress", "推进中"), ("not_started", "未启动"),
                             ("blocked", "受阻")):
        text = text.replace(f"value: {english}\n", f"value: {chinese}\n")
    path.write_text(text, encoding="utf-8")


def test_import_and_record_keep_the_files_milestone_words(cli, shipped, tmp_path):
    cat, prog = shipped
    day = dt.date.fromisoformat(DAY)
    english = make_form(cli, cat, prog, tmp_path / "en.xlsx")
    fill(english, {("19.1", "value"): "已完成", ("19.1", "evidence"): "验收单"})
    assert import_(cli, cat, prog, english).exit_code == 0
    assert entry(prog, UNIT, "19.1", day)["value"] == "done"  # an English file stays English

    chinese_file(prog)
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0
    form = make_form(cli, cat, prog, tmp_path / "zh.xlsx", "--as-of", "2023-11-30")
    fill(form, {("35.2", "value"): "推进中", ("35.2", "evidence"): "产业链台账"})
    result = cli("import", form, "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output
    assert entry(prog, UNIT, "35.2", dt.date(2023, 11, 30))["value"] == "推进中"
    done = cli("record", "经发局", "21.1=done", "--as-of", "2023-11-30", "--evidence", "预案文件",
               "-c", cat, "-p", prog)
    assert done.exit_code == 0, done.output
    assert entry(prog, UNIT, "21.1", dt.date(2023, 11, 30))["value"] == "已完成"
    text = (prog / f"{UNIT}.yaml").read_text(encoding="utf-8")
    assert "value: in_progress" not in text and "value: done" not in text
    # the same state in the other words is no change
    again = cli("record", "经发局", "21.1=已完成", "--as-of", "2023-11-30", "-c", cat, "-p", prog)
    assert again.exit_code == 0 and "无需改动" in again.output


def test_add_date_rows_carry_each_goals_name_and_target(cli, shipped):
    cat, prog = shipped
    path = prog / f"{UNIT}.yaml"
    before = path.read_text(encoding="utf-8")
    result = cli("template", "经发局", "--as-of", "2023-11-30", "-o", path, "--add-date", "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output
    added = path.read_text(encoding="utf-8")[len(before):]
    ids = [line.strip() for line in added.splitlines() if "- indicator:" in line]
    assert '- indicator: "7.1"  # 新建5G基站：≥ 30 个' in ids
    assert '- indicator: "5.1"  # 金属新材料产业规模：≥ 100 亿元（力争）' in ids
    own = repo_of(cat, prog).catalogue.owned[UNIT]
    assert len(ids) == len(own) and all("  # " in x for x in ids)
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0


@pytest.mark.parametrize("blank_first", [True, False])
def test_a_blank_form_beside_the_filled_one(cli, shipped, tmp_path, blank_first):
    cat, prog = shipped
    blank = make_form(cli, cat, prog, tmp_path / "经发局-空.xlsx")
    filled = fill(blank, {("7.1", "value"): 26, ("7.1", "evidence"): "台账"}, tmp_path / "经发局-已填.xlsx")
    forms = (blank, filled) if blank_first else (filled, blank)
    result = import_(cli, cat, prog, *forms)
    assert result.exit_code == 0, result.output
    assert "duplicate-report" not in result.output
    assert f"– {blank}：{UNIT} {DAY} — 空表，未导入" in result.output
    assert f"✓ {filled}：{UNIT} {DAY} — 记录 1 项" in result.output
    assert f"按已填写的 {filled} 导入" in result.output
    assert entry(prog, UNIT, "7.1", dt.date.fromisoformat(DAY))["value"] == 26
    # two filled forms of one unit and date are still refused
    other = fill(blank, {("7.1", "value"): 27, ("7.1", "evidence"): "台账"}, tmp_path / "经发局-又一张.xlsx")
    twice = import_(cli, cat, prog, other, filled)
    assert twice.exit_code == 1 and "[duplicate-report]" in twice.output


def test_replies_to_supervision_through_the_form_and_record(cli, shipped, tmp_path):
    cat, prog = shipped
    repo = repo_of(cat, prog)
    supervised = {e.id for e in repo.snapshot(DAY).supervised if e.owner == UNIT}
    assert supervised
    form = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    rows = rows_of(form)
    ws = load_workbook(form).active
    assert (ws["L4"].value, ws["M4"].value) == ("整改措施", "整改时限")
    open_cells = {i for i, r in rows.items() if not ws[f"L{r}"].protection.locked}
    assert open_cells == supervised  # only goals at 督办 or above take a reply
    assert all(ws[f"M{rows[i]}"].protection.locked == (i not in supervised) for i in rows)
    ident = sorted(supervised)[0]
    fill(form, {(ident, "measures"): "倒排工期，每周调度", (ident, "by"): dt.date(2023, 12, 15)})
    result = import_(cli, cat, prog, form)
    assert result.exit_code == 0, result.output
    assert "答复 1 项" in result.output
    data = yaml.safe_load((prog / f"{UNIT}.yaml").read_text(encoding="utf-8"))
    assert {"indicator": ident, "measures": "倒排工期，每周调度", "by": dt.date(2023, 12, 15),
            "replied": dt.date(2023, 10, 31)} in data["responses"]
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0
    # half a reply is named at its cell
    fill(form, {(ident, "measures"): "只写了措施", (ident, "by"): None})
    half = import_(cli, cat, prog, form)
    assert half.exit_code == 1 and f"报送表!M{rows[ident]}: 错误" in half.output

    # and by record: the reply comes with one figure
    done = cli("record", "经发局", "7.1=27", "--as-of", "2023-11-30", "--evidence", "台账", "--response", "加快选址",
               "--by", "2023-12-20", "-c", cat, "-p", prog)
    assert done.exit_code == 0, done.output
    assert "督办答复 7.1（2023-11-30）：加快选址，整改时限 2023-12-20" in done.output
    data = yaml.safe_load((prog / f"{UNIT}.yaml").read_text(encoding="utf-8"))
    assert {"indicator": "7.1", "measures": "加快选址", "by": dt.date(2023, 12, 20),
            "replied": dt.date(2023, 11, 30)} in data["responses"]
    lonely = cli("record", "经发局", "7.1=27", "--as-of", "2023-11-30", "--response", "x", "-c", cat, "-p", prog)
    assert lonely.exit_code == 2 and "--by" in lonely.output
    co_led = cli("record", "经发局", "2.4=30", "--as-of", "2023-11-30", "--evidence", "统计", "--response", "x",
                 "--by", "2023-12-20", "-c", cat, "-p", prog)
    assert co_led.exit_code == 1 and "不能答复督办" in co_led.output


def test_libreoffice_keeps_the_steps_and_the_reply_cells(cli, shipped, tmp_path):
    """Calc opens the shipped unit's form and saves it with the stepped drop-down and the reply cells intact; what
    it saves imports: a step name, a rate on a co-led row (warned as not counting), a reply."""
    from . import external

    soffice = external.libreoffice("calc")
    cat, prog = shipped
    supervised = sorted(e.id for e in repo_of(cat, prog).snapshot(DAY).supervised if e.owner == UNIT)
    form = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    rows = rows_of(form)
    fill(form, {("20.1", "value"): "站址用地批复", ("20.1", "evidence"): "项目台账", ("2.4", "value"): 31.5,
                ("2.4", "evidence"): "统计", (supervised[0], "measures"): "每周调度", (supervised[0], "by"):
                dt.date(2023, 12, 15)})
    (saved,) = external.convert(soffice, "xlsx:Calc MS Excel 2007 XML", [form], tmp_path / "lo", home=tmp_path)
    ws = load_workbook(saved).active
    lists = {ref: dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"
             for ref in str(dv.sqref).split()}
    assert "用地预审" in lists[f"I{rows['20.1']}"]
    calm = next(i for i in rows if i not in supervised)
    assert not ws[f"L{rows[supervised[0]]}"].protection.locked and ws[f"L{rows[calm]}"].protection.locked
    result = import_(cli, cat, prog, saved)
    assert result.exit_code == 0, result.output
    assert "[not-counted]" in result.output and "答复 1 项" in result.output
    assert entry(prog, UNIT, "20.1", dt.date.fromisoformat(DAY))["value"] == "站址用地批复"


def test_a_list_too_long_for_excel_goes_to_a_hidden_sheet(cli, shipped, tmp_path, monkeypatch):
    """Excel takes at most 255 characters of a drop-down written in its rule: a longer list of steps is kept on a
    hidden, locked sheet the rule names (here the limit is lowered so that the shipped steps exceed it)."""
    from gdtrack.views import form_xlsx

    monkeypatch.setattr(form_xlsx, "LIST_LIMIT", 30)
    cat, prog = shipped
    form = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    rows = rows_of(form)
    wb = load_workbook(form)
    hidden = wb["选项"]
    assert hidden.sheet_state == "hidden" and hidden.protection.sheet
    dv = next(dv for dv in wb.active.data_validations.dataValidation if f"I{rows['20.1']}" in str(dv.sqref).split())
    sheet, cells = dv.formula1.split("!")
    first, last = cells.replace("$", "").split(":")
    column = first.rstrip("0123456789")
    listed = [hidden[f"{column}{n}"].value for n in range(int(first[len(column):]), int(last[len(column):]) + 1)]
    assert sheet == "'选项'"
    assert listed == ["已完成", "推进中", "未启动", "受阻", "完成可研", "用地预审", "站址用地批复", "开工"]
    fill(form, {("20.1", "value"): "开工", ("20.1", "evidence"): "施工许可"})
    result = import_(cli, cat, prog, form)  # the hidden sheet is not taken for the form
    assert result.exit_code == 0, result.output
    assert entry(prog, UNIT, "20.1", dt.date.fromisoformat(DAY))["value"] == "开工"
