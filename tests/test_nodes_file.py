"""Issue 22, deliver 3: the catalogue is the plan, and only the plan. Nodes (节点目标) the plan does not state live in
their own file beside it (data/nodes_2023.yaml), set by the office or proposed by a unit and approved, checked by
`check` like everything else, and marked as sample data.

Hand-worked figures: on 2023-09-30 a goal due 2023-12-31 has a straight 序时进度 of 273/365 = 0.7479 (tolerance
0.10). 2.3 (高企 22 家) has nodes 0 by 10-31 and 22 by 11-30, and nothing reported by September: on its nodes' path 0
is due (序时推进); on a straight line 0 of 0.7479 is 滞后.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
import yaml

from gdtrack.checks.nodes import stated_in

from .conftest import CATALOGUE, NODES, PROGRESS, SOURCE


def status_rows(cli, catalogue, day="2023-09-30") -> dict[str, dict]:
    result = cli("status", "--as-of", day, "-f", "json", "-c", catalogue, "-p", PROGRESS)
    assert result.exit_code == 0, result.output
    return {r["id"]: r for r in json.loads(result.stdout)["indicators"]}


def nodes_text() -> str:
    return NODES.read_text(encoding="utf-8")


@pytest.fixture
def plan_copy(tmp_path):
    """A copy of the shipped catalogue and its nodes file, side by side; `write(text)` replaces the nodes file."""
    shutil.copy(CATALOGUE, tmp_path / "tasks_2023.yaml")
    shutil.copy(NODES, tmp_path / "nodes_2023.yaml")

    class Copy:
        catalogue = tmp_path / "tasks_2023.yaml"
        nodes = tmp_path / "nodes_2023.yaml"

        def write(self, text: str) -> None:
            self.nodes.write_text(text, encoding="utf-8")

    return Copy()


def test_the_shipped_status_is_the_same_as_with_the_nodes_inside_the_catalogue(cli, tmp_path):
    """Moving the nodes out changed no status: the nodes put back into a copy of the catalogue (no nodes file beside
    it) give every goal the same status, completion and 序时进度, on every period end of the year."""
    cat = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    nodes = {g["goal"]: g for g in yaml.safe_load(nodes_text())["goals"]}
    for task in cat["tasks"]:
        for ind in task["indicators"]:
            if ind["id"] in nodes:
                key = "schedule" if "schedule" in nodes[ind["id"]] else "steps"
                ind[key] = nodes[ind["id"]][key]
    inside = tmp_path / "inside" / "plan.yaml"
    inside.parent.mkdir()
    inside.write_text(yaml.safe_dump(cat, allow_unicode=True, sort_keys=False), encoding="utf-8")
    keep = ("status", "completion", "expected")
    for day in ("2023-03-31", "2023-06-30", "2023-09-30", "2023-11-15"):
        shipped, merged = status_rows(cli, CATALOGUE, day), status_rows(cli, inside, day)
        assert {i: [r[k] for k in keep] for i, r in shipped.items()} == \
            {i: [r[k] for k in keep] for i, r in merged.items()}, day
    assert status_rows(cli, CATALOGUE)["2.3"]["status"] == "on_track"


def test_without_its_nodes_file_a_goal_is_paced_on_a_straight_line(cli, tmp_path):
    """The catalogue copied alone (no progress: the shipped files report the nodes file's step names) paces 2.3 on
    a straight line, 273/365 due, where its nodes have 0 due."""
    alone, empty = tmp_path / "tasks_2023.yaml", tmp_path / "progress"
    shutil.copy(CATALOGUE, alone)
    empty.mkdir()
    result = cli("status", "--as-of", "2023-09-30", "-f", "json", "-c", alone, "-p", empty)
    row = next(r for r in json.loads(result.stdout)["indicators"] if r["id"] == "2.3")
    assert row["expected"] == pytest.approx(273 / 365, abs=1e-4)
    shutil.copy(NODES, tmp_path)
    result = cli("status", "--as-of", "2023-09-30", "-f", "json", "-c", alone, "-p", empty)
    assert next(r for r in json.loads(result.stdout)["indicators"] if r["id"] == "2.3")["expected"] == 0


def test_explain_says_where_the_nodes_come_from_and_that_they_are_invented(cli):
    text = cli("explain", "3.1", "--as-of", "2023-09-30", "-c", CATALOGUE, "-p", PROGRESS).stdout
    assert "节点目标（计划原文未写明，督查督办部门设定，示例数据）：2023-03-31 90 人；" in text
    english = cli("explain", "4.1", "--as-of", "2023-09-30", "--lang", "en", "-c", CATALOGUE, "-p", PROGRESS).stdout
    assert "Steps (not stated by the plan; set by the office, sample data): 2023-03-31 签订共建协议" in english


def test_check_counts_the_nodes_file_and_the_sample_says_so_in_documents(cli, tmp_path):
    result = cli("check", "--source", SOURCE, "-c", CATALOGUE, "-p", PROGRESS)
    assert result.exit_code == 0, result.output
    assert "节点文件" in result.stdout and "37 项指标的节点" in result.stdout
    # progress files that are not samples, with the sample nodes file: the bulletin still says 示例数据
    real = tmp_path / "progress"
    real.mkdir()
    for path in PROGRESS.glob("*.yaml"):
        (real / path.name).write_text(path.read_text(encoding="utf-8").replace("sample: true", "sample: false"),
                                      encoding="utf-8")
    shown = cli("status", "--as-of", "2023-09-30", "-c", CATALOGUE, "-p", real).stdout
    assert "示例数据（虚构）" in shown
    shutil.copy(CATALOGUE, tmp_path / "tasks_2023.yaml")  # no nodes file beside it: nothing invented is left
    assert "示例数据（虚构）" not in cli("status", "--as-of", "2023-09-30", "-c", tmp_path / "tasks_2023.yaml",
                                     "-p", real).stdout


ENTRY_23 = '''  - goal: "2.3"
    note: "高企认定结果11月公示，年底集中计入"
    schedule:
'''
MISTAKES = [
    # (what, the text of the nodes file made from the shipped one, code, words of the message, the line's words)
    ("an unknown goal", lambda t: t.replace('goal: "2.3"', 'goal: "2.33"'), "nodes-goal", ["2.33"], '"2.33"'),
    ("a goal twice", lambda t: t + ENTRY_23 + "      - {by: 2023-12-31, value: 22}\n", "nodes-duplicate",
     ["2.3"], '"2.3"'),
    ("steps for a numeric goal", lambda t: t.replace(ENTRY_23, ENTRY_23.replace("schedule:", "steps:")).replace(
        "      - {by: 2023-10-31, value: 0}\n      - {by: 2023-11-30, value: 22}",
        "      - {by: 2023-10-31, name: 公示}\n      - {by: 2023-11-30, name: 认定}"), "nodes-kind",
     ["2.3", "schedule"], "steps"),
    ("a node after the goal is due", lambda t: t.replace("{by: 2023-11-30, value: 22}", "{by: 2024-01-31, value: 22}"),
     "nodes-range", ["2.3", "2024-01-31"], "2024-01-31"),
    ("a proposer outside the task", lambda t: t.replace(ENTRY_23, ENTRY_23.replace(
        "    note:", "    proposed_by: 区财政局\n    approved: 2023-08-20\n    note:")), "nodes-proposer",
     ["2.3", "区财政局"], "proposed_by"),
    ("another plan's file", lambda t: t.replace('plan: "济开管办字〔2023〕5号"', 'plan: "济开管办字〔2024〕1号"'),
     "nodes-plan", ["济开管办字〔2024〕1号", "济开管办字〔2023〕5号"], "plan:"),
]


@pytest.mark.parametrize(("what", "change", "code", "words", "at"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_in_the_nodes_file_is_an_error_with_its_line_and_no_run_rests_on_it(
        cli, plan_copy, what, change, code, words, at):
    changed = change(nodes_text())
    assert changed != nodes_text(), what
    plan_copy.write(changed)
    result = cli("check", "-c", plan_copy.catalogue, "-p", PROGRESS, "-f", "json")
    assert result.exit_code == 1, (what, result.output)
    errors = [d for d in json.loads(result.stdout) if d["severity"] == "error"]
    assert [d["code"] for d in errors] == [code], (what, errors)
    found = errors[0]
    assert found["path"].endswith("nodes_2023.yaml") and found["hint_zh"], found
    assert all(w in found["message_zh"] for w in words), found["message_zh"]
    assert at in changed.splitlines()[found["line"] - 1], (what, found["line"])
    refused = cli("status", "-c", plan_copy.catalogue, "-p", PROGRESS)
    assert refused.exit_code == 1 and "节点文件" in refused.output and "Traceback" not in refused.output


def test_nodes_the_plan_states_stay_in_the_catalogue_and_may_not_be_set_again(cli, plan_copy):
    """A node in the catalogue whose date the text names is the plan's own (47.3: 年底前实现…前100项 → 100 by
    2023-12-31); the nodes file may not set others for that goal; a node in the catalogue that the text does not
    state (2023-10-31) is an error with --source."""
    text = plan_copy.catalogue.read_text(encoding="utf-8")
    old = '        quote: "年底前实现使用频率最高的前100项电子证照证明在政务服务、社会生活场景中全面应用"\n'
    assert text.count(old) == 1
    block = text.split(old)[1].split("\n  - id:")[0]
    assert "\n      - id:" not in block  # 47.3 is the task's last goal
    stated = text.replace(old + block, old + block + "\n        schedule:\n          - {by: 2023-12-31, value: 100}")
    plan_copy.catalogue.write_text(stated, encoding="utf-8")
    result = cli("check", "--source", SOURCE, "-c", plan_copy.catalogue, "-p", PROGRESS, "-f", "json")
    assert [d["code"] for d in json.loads(result.stdout) if d["severity"] == "error"] == [], result.output
    plan_copy.write(nodes_text() + '  - goal: "47.3"\n    schedule:\n      - {by: 2023-06-30, value: 50}\n')
    twice = cli("check", "-c", plan_copy.catalogue, "-p", PROGRESS, "-f", "json")
    assert [d["code"] for d in json.loads(twice.stdout) if d["severity"] == "error"] == ["nodes-in-plan"]
    plan_copy.write(nodes_text())
    unstated = stated.replace("{by: 2023-12-31, value: 100}", "{by: 2023-10-31, value: 100}")
    plan_copy.catalogue.write_text(unstated, encoding="utf-8")
    result = cli("check", "--source", SOURCE, "-c", plan_copy.catalogue, "-p", PROGRESS, "-f", "json")
    errors = [d for d in json.loads(result.stdout) if d["severity"] == "error"]
    assert [d["code"] for d in errors] == ["node-not-stated"], errors
    assert "47.3" in errors[0]["message_zh"] and "2023-10-31" in errors[0]["message_zh"]
    assert "2023-10-31" in unstated.splitlines()[errors[0]["line"] - 1]
    explained = cli("explain", "47.3", "--as-of", "2023-09-30", "-c", plan_copy.catalogue, "-p", PROGRESS).stdout
    assert "节点目标（计划原文写明）：2023-10-31 100 项" in explained


def test_a_units_proposal_counts_once_approved(cli, plan_copy):
    by_unit = ENTRY_23.replace("    note:", "    proposed_by: 区创新创业服务中心\n    note:")
    proposed = nodes_text().replace(ENTRY_23, by_unit)
    plan_copy.write(proposed)
    result = cli("check", "-c", plan_copy.catalogue, "-p", PROGRESS, "-f", "json")
    assert result.exit_code == 0
    assert [d["code"] for d in json.loads(result.stdout) if d["code"].startswith("nodes")] == ["nodes-unapproved"]
    assert status_rows(cli, plan_copy.catalogue)["2.3"]["status"] == "lagging"  # not approved: the straight line
    plan_copy.write(proposed.replace("    proposed_by: 区创新创业服务中心\n",
                                     "    proposed_by: 区创新创业服务中心\n    approved: 2023-08-20\n"))
    assert status_rows(cli, plan_copy.catalogue)["2.3"]["status"] == "on_track"
    text = cli("explain", "2.3", "--as-of", "2023-09-30", "-c", plan_copy.catalogue, "-p", PROGRESS).stdout
    assert "节点目标（计划原文未写明，区创新创业服务中心 提出，2023-08-20 批准，示例数据）" in text


def test_gdtrack_toml_may_name_the_nodes_file(cli, tmp_path, monkeypatch):
    (tmp_path / "plan").mkdir()
    shutil.copy(CATALOGUE, tmp_path / "plan" / "goals.yaml")
    shutil.copy(NODES, tmp_path / "plan" / "dates.yaml")
    shutil.copytree(PROGRESS, tmp_path / "progress")
    (tmp_path / "gdtrack.toml").write_text('[plans.2023]\ncatalogue = "plan/goals.yaml"\nprogress = "progress"\n'
                                           'nodes = "plan/dates.yaml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("status", "--as-of", "2023-09-30", "-f", "json")
    assert next(r for r in json.loads(result.stdout)["indicators"] if r["id"] == "2.3")["status"] == "on_track"
    (tmp_path / "plan" / "dates.yaml").unlink()
    missing = cli("status", "--as-of", "2023-09-30")
    assert missing.exit_code == 1 and "dates.yaml" in missing.output and "Traceback" not in missing.output


@pytest.mark.parametrize(("day", "text", "stated"), [
    (dt.date(2023, 6, 30), "6月底前完成方案编制", True),
    (dt.date(2023, 6, 30), "上半年完成方案编制", True),
    (dt.date(2023, 6, 30), "二季度完成", True),
    (dt.date(2023, 12, 31), "年底前建成投用", True),
    (dt.date(2023, 12, 31), "十二月建成", True),
    (dt.date(2023, 2, 28), "十二月建成", False),  # 二月 inside 十二月 is not February
    (dt.date(2023, 1, 31), "11月开工", False),  # 1月 inside 11月 is not January
    (dt.date(2023, 10, 31), "年底前建成投用", False),
])
def test_a_node_is_stated_when_the_text_names_its_month_quarter_or_year_end(day, text, stated):
    assert stated_in(day, text) is stated


def test_an_unquoted_goal_id_says_to_quote_it(cli, plan_copy, tmp_path):
    plan_copy.write(nodes_text().replace('goal: "2.3"', "goal: 2.3"))
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("check", "-c", plan_copy.catalogue, "-p", empty)
    assert result.exit_code == 1 and '加引号：goal: "2.3"' in result.output, result.output
