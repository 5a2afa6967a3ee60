"""Issue 26, deliver 2–4: the office's decisions — review and send-back, extensions, closure — as a user meets them:
what `review`, `extend` and `close` write and refuse, what `check` and `check --against` hold the decisions file
to, and what every view does with a closed goal. On conftest's MINI plan (issued 2023-08-02; 1.1 ≥ 30 个 reported
15 on 06-30 and 21 on 09-30; 2.1 ≤ 0 处 from 5, reported 2 on 09-30)."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import MINI
from tests.test_revisions import git

ECON = "区经济发展局.yaml"


UNIT = "区经济发展局"


@pytest.fixture
def plan(mini_data):
    return mini_data


def decisions_file(cat):
    return cat.with_name(cat.stem + ".decisions.yaml")


def run(cli, plan, *args, code=0):
    result = cli(*args, "-c", plan[0], "-p", plan[1])
    assert result.exit_code == code, result.output
    return result


def test_a_returned_report_is_corrected_without_force_and_waits_for_review_again(cli, plan):
    cat, folder = plan
    run(cli, plan, "review", UNIT, "--as-of", "2023-09-30", "--return", "21个与台账不符", "--by", "张三",
        "--date", "2023-10-12")
    # While sent back, 1.1 is judged on June's 15 (the September report does not count).
    status = json.loads(run(cli, plan, "status", "--as-of", "2023-10-13", "-f", "json").stdout)
    assert next(g for g in status["indicators"] if g["id"] == "1.1")["actual"] == 15
    fixed = run(cli, plan, "record", UNIT, "1.1=20", "--as-of", "2023-09-30")
    assert "21 → 20" in fixed.stdout
    text = (folder / ECON).read_text(encoding="utf-8")
    assert "reason: 按退回意见修改（2023-10-12 退回：21个与台账不符）" in text
    assert "resubmitted: " in text.split("as_of: 2023-09-30")[1].split("entries:")[0]  # stamped beside the date
    listed = run(cli, plan, "review", "区经济发展局")
    assert "2023-09-30  退回后已重报" in listed.stdout
    run(cli, plan, "review", UNIT, "--as-of", "2023-09-30", "--accept", "--by", "张三")
    # Changed after its acceptance: a warning, and it waits for a review again.
    run(cli, plan, "record", UNIT, "1.1=19", "--as-of", "2023-09-30", "--force", "--reason", "重复统计已剔除")
    checked = run(cli, plan, "check", code=0)
    assert "[accepted-changed]" in checked.output and "须重新审核" in checked.output
    assert "审核通过后又有改动" in run(cli, plan, "review").stdout


def test_review_refuses_what_cannot_be_decided(cli, plan):
    no_report = run(cli, plan, "review", UNIT, "--as-of", "2023-08-31", "--accept", code=2)
    assert "区经济发展局 没有截至 2023-08-31 的报告" in no_report.output
    assert "2023-06-30、2023-09-30" in no_report.output  # the dates it has, in the hint
    blank = run(cli, plan, "review", UNIT, "--as-of", "2023-09-30", "--return", "  ", code=2)
    assert "退回或不予批准须写明原因" in blank.output
    both = run(cli, plan, "review", UNIT, "--as-of", "2023-09-30", "--accept", "--return", "x", code=2)
    assert "只能选一个" in both.output
    run(cli, plan, "review", UNIT, "--as-of", "2023-09-30", "--accept", "--by", "张三", "--date", "2023-10-20")
    twice = run(cli, plan, "review", UNIT, "--as-of", "2023-09-30", "--accept", "--by", "张三", code=1)
    assert "已于 2023-10-20 由 张三 作出同样的决定，未写入" in twice.output
    future = run(cli, plan, "review", UNIT, "--as-of", "2023-09-30", "--accept", "--date", "2999-01-01", code=2)
    assert "晚于今天" in future.output
    assert not (cat_decisions := decisions_file(plan[0])).read_text(encoding="utf-8").count("2999")
    assert cat_decisions.read_text(encoding="utf-8").count("decision: accept") == 1


def test_a_request_for_more_time_comes_before_the_due_date_and_asks_for_a_later_one(cli, plan):
    cat, folder = plan
    before = (folder / ECON).read_text(encoding="utf-8")
    late = run(cli, plan, "extend", UNIT, "1.1", "--to", "2024-03-31", "--reason", "选址", "--date", "2024-01-05",
               code=1)
    assert "[extension-dates]" in late.output and "晚于其完成时限 2023-12-31" in late.output
    earlier = run(cli, plan, "extend", UNIT, "1.1", "--to", "2023-11-30", "--reason", "选址", "--date",
                  "2023-10-05", code=1)
    assert "不晚于原定完成时限 2023-12-31" in earlier.output
    other = run(cli, plan, "extend", UNIT, "2.1", "--to", "2024-03-31", "--reason", "选址", "--date", "2023-10-05",
                code=1)
    assert "由 区农业服务中心 报送，只有它能申请延期" in other.output
    assert (folder / ECON).read_text(encoding="utf-8") == before  # nothing written by a refused request
    no_request = run(cli, plan, "review", UNIT, "--extension", "1.1", "--accept", code=2)
    assert "没有就指标 1.1 提出延期申请" in no_request.output


def test_an_extension_moves_the_pace_from_the_day_it_is_approved(cli, plan):
    # 1.1 at 10-31: 21/30 = 0.70. Due 12-31: 304/365 = 0.833, more than 0.10 short → 滞后. Moved to 2024-03-31 on
    # 10-20: 304/456 = 0.667 → 序时推进. The period ends before the approval (08-31, 09-30) keep the plan's date.
    run(cli, plan, "extend", UNIT, "1.1", "--to", "2024-03-31", "--reason", "选址调整", "--date", "2023-10-10")
    before = json.loads(run(cli, plan, "status", "--as-of", "2023-10-31", "-f", "json").stdout)
    assert next(g for g in before["indicators"] if g["id"] == "1.1")["status"] == "lagging"  # asked, not approved
    run(cli, plan, "review", UNIT, "--extension", "1.1", "--accept", "--by", "李四", "--date", "2023-10-20")
    after = json.loads(run(cli, plan, "status", "--as-of", "2023-10-31", "-f", "json").stdout)
    g = next(g for g in after["indicators"] if g["id"] == "1.1")
    assert (g["status"], g["due"], g["plan_due"], round(g["expected"], 4)) == (
        "on_track", "2024-03-31", "2023-12-31", round(304 / 456, 4))
    table = run(cli, plan, "status", "--as-of", "2023-10-31").stdout
    assert "序时推进 · 经批准延期至 2024-03-31（原定 2023-12-31，2023-10-20 批准）" in table
    sc = json.loads(run(cli, plan, "scores", "--as-of", "2023-10-31", "-f", "json").stdout)
    econ = next(s for s in sc["scores"] if s["unit"] == "区经济发展局")
    # 08-31 滞后 −2 and 09-30 略滞后 −1 on the plan's date; 10-31 on pace; August's missing report −10.
    assert [(d["period_end"], d["rule"]) for d in econ["deductions"]] == [
        ("2023-08-31", "lagging"), ("2023-08-31", "missing_report"), ("2023-09-30", "behind")]


def test_a_closed_goal_keeps_its_status_and_leaves_every_list(cli, plan):
    # 2.1 closed on 10-05: judged on that day, 0.60 against 278/365 = 0.762 → 滞后, and so it stays. At 10-31 it is
    # out of lagging, escalations (it would be at 督办) and 催报; its 10-31 period end is `closed` and loses nothing:
    # 100 − 10 (August, no report) − 2 (09-30 滞后) = 88, where open it had 85.
    said = run(cli, plan, "close", "2.1", "--reason", "整治任务调整至市级统筹", "--by", "李四", "--date", "2023-10-05")
    assert "销号时状态 滞后" in said.stdout
    status = json.loads(run(cli, plan, "status", "--as-of", "2023-10-31", "-f", "json").stdout)
    g = next(g for g in status["indicators"] if g["id"] == "2.1")
    assert g["status"] == "lagging" and g["closed"]["decided"] == "2023-10-05"
    assert "滞后 · 已销号（2023-10-05）" in run(cli, plan, "status", "--as-of", "2023-10-31").stdout
    lagging = json.loads(run(cli, plan, "lagging", "--as-of", "2023-10-31", "-f", "json").stdout)
    assert [g["id"] for g in lagging["indicators"]] == ["1.1"]
    escalated = json.loads(run(cli, plan, "escalations", "--as-of", "2023-10-31", "-f", "json").stdout)
    assert "2.1" not in json.dumps(escalated)
    assert "2.1" not in run(cli, plan, "remind", "--as-of", "2023-11-05").stdout
    history = run(cli, plan, "history", "2.1", "--as-of", "2023-10-31").stdout
    assert "已销号" in history
    sc = json.loads(run(cli, plan, "scores", "--as-of", "2023-10-31", "-f", "json").stdout)
    farm = next(s for s in sc["scores"] if s["unit"] == "区农业服务中心")
    assert farm["total"] == 88 and [d["rule"] for d in farm["deductions"]] == ["missing_report", "lagging"]
    again = run(cli, plan, "close", "2.1", "--reason", "再次", code=1)
    assert "已于 2023-10-05 由 李四 销号" in again.output


def test_check_holds_the_decisions_file_to_the_plan_and_its_order(cli, plan):
    cat, _ = plan
    decisions_file(cat).write_text("""\
plan: 测试〔2023〕1号
reviews:
  - {unit: 区经济发展局, as_of: 2023-09-30, decision: accept, by: 张三, decided: 2023-10-20}
  - {unit: 区经济发局, as_of: 2023-09-30, decision: accept, by: 张三, decided: 2023-10-21}
  - {unit: 区农业服务中心, as_of: 2023-08-31, decision: accept, by: 张三, decided: 2023-10-01}
  - {unit: 区农业服务中心, as_of: 2023-09-30, decision: return, reason: 与台账不符, by: 张三, decided: 2023-10-22}
extensions:
  - {unit: 区经济发展局, goal: "1.1", to: 2024-03-31, decision: approve, by: 李四, decided: 2023-10-20}
closures:
  - {goal: "2.1", reason: 调整, by: 李四, decided: 2023-10-05}
  - {goal: "2.1", reason: 调整, by: 李四, decided: 2023-10-06}
""", encoding="utf-8")
    result = cli("check", "-c", cat, "-p", plan[1], "-f", "json")
    assert result.exit_code == 1
    found = {(d["code"], d["line"]) for d in json.loads(result.stdout) if d["code"].startswith("decisions")}
    assert found == {("decisions-unit", 4), ("decisions-order", 5), ("decisions-report", 5),
                     ("decisions-request", 8), ("decisions-closed-twice", 11)}, found
    refused = cli("status", "-c", cat, "-p", plan[1])
    assert refused.exit_code == 1 and "决定文件" in refused.output and "Traceback" not in refused.output


def test_a_return_needs_its_reason_in_the_file_too(cli, plan):
    cat, _ = plan
    decisions_file(cat).write_text(
        "plan: 测试〔2023〕1号\nreviews:\n"
        "  - {unit: 区农业服务中心, as_of: 2023-09-30, decision: return, by: 张三, decided: 2023-10-22}\n",
        encoding="utf-8")
    result = cli("check", "-c", cat, "-p", plan[1])
    assert result.exit_code == 1 and "退回（decision: return）须写明原因 reason" in result.output


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_merged_decisions_and_requests_are_never_rewritten(cli, plan):
    cat, folder = plan
    root = cat.parent
    run(cli, plan, "review", UNIT, "--as-of", "2023-09-30", "--return", "与台账不符", "--by", "张三",
        "--date", "2023-10-12")
    run(cli, plan, "extend", UNIT, "1.1", "--to", "2024-03-31", "--reason", "选址调整", "--date", "2023-10-10")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "区办公室")
    git(root, "config", "user.email", "office@example.org")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "decisions")
    git(root, "checkout", "-q", "-b", "pr")
    # Appending is what the log is for.
    run(cli, plan, "review", UNIT, "--as-of", "2023-09-30", "--accept", "--by", "张三", "--date", "2023-10-16")
    assert run(cli, plan, "check", "--against", "main").exit_code == 0
    decisions = decisions_file(cat)
    decisions.write_text(decisions.read_text(encoding="utf-8").replace("与台账不符", "口径不符"), encoding="utf-8")
    unit = folder / ECON
    unit.write_text(unit.read_text(encoding="utf-8").replace("to: 2024-03-31", "to: 2024-06-30"), encoding="utf-8")
    result = cli("check", "-c", cat, "-p", folder, "--against", "main", "-f", "json")
    assert result.exit_code == 1
    codes = {(d["code"], d["path"].rsplit("/", 1)[-1]) for d in json.loads(result.stdout) if d["severity"] == "error"}
    assert ("decisions-rewritten", decisions_file(cat).name) in codes and ("revised-request", ECON) in codes


def test_only_accepted_reports_count_where_the_plan_says_so(cli, plan):
    cat, _ = plan
    cat.write_text(MINI.replace("  period_end: 2023-12-31\n", "  period_end: 2023-12-31\n  policy:\n"
                                "    review: {count_unreviewed: false}\n"), encoding="utf-8")
    status = json.loads(run(cli, plan, "status", "--as-of", "2023-10-31", "-f", "json").stdout)
    assert {g["id"]: g["actual"] for g in status["indicators"]} == {"1.1": None, "2.1": None}
    run(cli, plan, "review", UNIT, "--as-of", "2023-09-30", "--accept", "--by", "张三", "--date", "2023-10-20")
    status = json.loads(run(cli, plan, "status", "--as-of", "2023-10-31", "-f", "json").stdout)
    assert {g["id"]: g["actual"] for g in status["indicators"]} == {"1.1": 21, "2.1": None}
    assert "未审核的报告不计入" in run(cli, plan, "status", "--as-of", "2023-10-31").stdout


def test_the_form_says_what_was_returned_and_takes_a_correction_and_a_request(cli, plan, tmp_path):
    # MINI's form for 区经济发展局 has one row, 1.1 (A5); columns I 本期数值, J 说明, K 佐证, O 申请延期至, P 延期理由.
    from tests.test_forms import fill, make_form

    cat, folder = plan
    run(cli, plan, "review", UNIT, "--as-of", "2023-09-30", "--return", "21个与台账不符", "--by", "张三",
        "--date", "2023-10-12")
    form = make_form(cli, cat, folder, tmp_path / "经发局-09.xlsx", day="2023-09-30")
    from openpyxl import load_workbook

    sheet = load_workbook(form).active
    assert "截至 2023-09-30 的报告已于 2023-10-12 被退回（张三）：21个与台账不符。请修改后重报" in sheet["A3"].value
    assert (sheet["O4"].value, sheet["P4"].value) == ("申请延期至", "延期理由")
    fill(form, {"I5": 20, "K5": "经发局台账", "O5": "2024-03-31", "P5": "选址调整"})
    # Through the CLI today (after 1.1's due date 2023-12-31) the request is refused at its cell, nothing written.
    before = (folder / ECON).read_text(encoding="utf-8")
    late = cli("import", form, "-c", cat, "-p", folder)
    assert late.exit_code == 1 and "报送表!O5" in late.output and "[extension-dates]" in late.output
    assert (folder / ECON).read_text(encoding="utf-8") == before
    # Imported on 2023-10-20 (the library takes the day): the correction needs no --force, since the office sent
    # the report back, and the request is written, dated that day.
    import datetime as dt

    from gdtrack.repository.importing import import_forms
    from gdtrack.repository.opened import open_repository

    repo = open_repository(catalogue=cat, progress=folder)
    returned = {UNIT: {dt.date(2023, 9, 30): "按退回意见修改（2023-10-12 退回：21个与台账不符）"}}
    (result,) = import_forms(repo.catalogue, [form], repo.workspace.unit_files, set(), folder,
                             today=dt.date(2023, 10, 20), files=repo.progress, returned=returned)
    assert not result.errors, result.diagnostics
    text = (folder / ECON).read_text(encoding="utf-8")
    assert "value: 20" in text and "resubmitted: 2023-10-20" in text and "reason: 按退回意见修改" in text
    assert 'extensions:\n  - indicator: "1.1"\n    to: 2024-03-31\n    reason: 选址调整\n    requested: 2023-10-20' \
        in text
    assert "延期申请 1 项" in run(cli, plan, "review", "--date", "2023-10-21").stdout
