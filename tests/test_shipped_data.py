"""The shipped data under the new rules: start values (baselines), nodes (schedule) and steps, through the CLI.

Every expectation is worked out by hand from data/tasks_2023.yaml and data/progress/ (invented 示例 figures).
On 2023-09-30 the straight 序时进度 of a goal due 2023-12-31 is 273/365 = 0.7479; the tolerance is 0.10.
"""

from __future__ import annotations

import json
import re

import yaml

from .conftest import CATALOGUE, NODES, PROGRESS, SOURCE

SHIPPED = ("-c", str(CATALOGUE), "-p", str(PROGRESS))


def explain(cli, ind_id: str, day: str) -> str:
    result = cli("explain", ind_id, "--as-of", day, *SHIPPED)
    assert result.exit_code == 0, result.output
    return result.stdout


def status_json(cli, day: str) -> dict:
    return json.loads(cli("status", "--as-of", day, "-f", "json", *SHIPPED).stdout)


def test_a_level_goal_counts_from_its_start_value(cli):
    # 2.4 建有率 ≥ 40%, start 25.0 (区创新创业服务中心's baselines), 29.5 in September:
    # (29.5 − 25) ÷ (40 − 25) = 4.5 ÷ 15 = 0.3000, below 0.7479 − 0.10 → 滞后 (actual ÷ target would say 0.74).
    text = explain(cli, "2.4", "2023-09-30")
    assert "期初值（基数）：25%（区创新创业服务中心　示例：2022年统计年报）" in text
    assert "(actual − start) ÷ (target − start) = (29.5 − 25) ÷ (40 − 25) = 0.3000" in text
    assert "状态：滞后" in text
    assert "研发机构建设进度慢，建有率提升滞后于序时" in text  # the September note now says what the figures show


def test_a_zero_goal_counts_down_from_its_start_count(cli):
    # 44.3 一星村和重点整治村 ≤ 0, 7 at the end of 2022, 2 left in September:
    # (2 − 7) ÷ (0 − 7) = 5/7 = 0.7143, within 0.10 below 0.7479 → 略滞后.
    text = explain(cli, "44.3", "2023-09-30")
    assert "期初值（基数）：7 个" in text
    assert "(2 − 7) ÷ (0 − 7) = 0.7143" in text
    assert "状态：略滞后" in text


def test_a_zero_goal_at_its_start_count_is_zero_done_not_minus_zero(cli):
    # 44.5 黑臭水体 ≤ 0: the 2 found in March are the start count, none cleared yet: (2 − 2) ÷ (0 − 2) = 0.
    text = explain(cli, "44.5", "2023-03-31")
    assert "(2 − 2) ÷ (0 − 2) = 0.0000" in text and "-0.0" not in text
    assert "状态：滞后" in text


def test_a_scheduled_goal_is_paced_through_its_nodes(cli):
    # 2.3 高企 22 家: nodes 0 by 2023-10-31, 22 by 2023-11-30. On 2023-11-15 the path is 15/30 of the way:
    # 22 × 15 ÷ 30 = 11 家, i.e. 11/22 = 0.5000 due; 0 reported → 0 done, more than 0.10 short → 滞后.
    text = explain(cli, "2.3", "2023-11-15")
    assert "节点目标（计划原文未写明，督查督办部门设定，示例数据）：2023-10-31 0 家；2023-11-30 22 家" in text
    assert "节点路径在 2023-11-15 的值 11 家，按完成度公式折算 = 0.5000" in text
    assert "状态：滞后" in text
    # On 2023-09-30 the path is still at 0: nothing is due yet, and 0 reported is on pace (a straight line: 滞后).
    september = explain(cli, "2.3", "2023-09-30")
    assert "节点路径在 2023-09-30 的值 0 家" in september and "状态：序时推进" in september


def test_a_milestone_with_steps_counts_steps_reached_and_due(cli):
    # 14.2 股改: steps by 03-31, 06-30, 09-30, 12-31; on 2023-09-30 three are due and the reports reached the
    # second (审计评估): 2 ÷ 4 = 0.5 against 3 ÷ 4 = 0.75 → 滞后 (a bare 推进中 would have been 序时推进).
    text = explain(cli, "14.2", "2023-09-30")
    assert ("节点（计划原文未写明，督查督办部门设定，示例数据）：2023-03-31 中介机构进场；2023-06-30 审计评估；"
            "2023-09-30 召开创立大会；"
            "2023-12-31 变更登记为股份公司") in text
    assert "到期节点 ÷ 节点数 = 3 ÷ 4 = 0.7500" in text
    assert "已到达节点 ÷ 节点数 = 2 ÷ 4 = 0.5000" in text
    assert "状态：滞后" in text
    # 16.1 铁路专用线: 铺轨 is due 2023-10-31, so in September 2 of 4 are due and 2 reached → 序时推进.
    rail = explain(cli, "16.1", "2023-09-30")
    assert "到期节点 ÷ 节点数 = 2 ÷ 4 = 0.5000" in rail and "已到达节点 ÷ 节点数 = 2 ÷ 4 = 0.5000" in rail
    assert "状态：序时推进" in rail


def test_at_the_end_of_the_year_every_goal_is_final(cli):
    """On 2023-12-31 every goal due that day is 完成, 未完成, 缺基数 or 未报送; 27.2 (due 2024-12-31) is still paced:
    its schedule expects 2 of 4 处 by 2023-12-31 and 2 were reported in September → 序时推进."""
    data = status_json(cli, "2023-12-31")
    final = {"done", "missed", "no_baseline", "no_report"}
    for row in data["indicators"]:
        if row["id"] == "27.2":
            assert row["status"] == "on_track", row
        else:
            assert row["status"] in final, row
    assert data["summary"]["missed"] > 0 and data["summary"]["done"] > 0


def test_the_headline_agrees_with_the_indicators(cli):
    data = status_json(cli, "2023-09-30")
    rows = data["indicators"]
    assert len(rows) == 119 and sum(data["summary"].values()) == 119
    head = cli("status", "--as-of", "2023-09-30", *SHIPPED).stdout.splitlines()[:4]
    counts = dict(re.findall(r"(完成|序时推进|略滞后|滞后|未完成|未报送|缺基数) (\d+)", head[3]))
    names = {"done": "完成", "on_track": "序时推进", "behind": "略滞后", "lagging": "滞后", "missed": "未完成",
             "no_report": "未报送", "no_baseline": "缺基数"}
    assert {k: int(counts[v]) for k, v in names.items()} == {k: n for k, n in data["summary"].items() if k != "unread"}
    assert data["summary"]["unread"] == 0 and "数据未能读取" not in head[3]  # shown only where some goal is
    on_pace = sum(r["status"] in ("done", "on_track") for r in rows)
    assert f"完成+序时推进 {on_pace}/119" in head[1]
    # the README's roll-up rule: a completion capped to 0–100 %; a goal never reported 0; a milestone without
    # steps by its status (完成 100 %, 序时推进 at its pace, 略滞后 at pace − 0.10, 滞后 0); 缺基数 left out
    def score(r):
        if r["completion"] is not None:
            return min(max(r["completion"], 0.0), 1.0)
        if r["status"] == "no_report":
            return 0.0
        return {"done": 1.0, "on_track": r["expected"], "behind": r["expected"] - 0.1}.get(r["status"], 0.0)

    scores = [score(r) for r in rows if r["status"] != "no_baseline"]
    silent = sum(r["status"] == "no_report" for r in rows)
    assert silent == 10
    assert f"总体完成度 {sum(scores) / len(scores) * 100:.1f}%（按 119 项指标，未报送的 10 项计 0）" in head[2], head[2]


def test_check_is_clean_and_its_warnings_are_the_two_goals_with_no_start_value(cli):
    # 25.1 (一星级 share of this year's new buildings) and 61.3 (达标率 of this year's facilities) have no value on
    # 1 January; both meet their targets from their first report, so they are 完成, never 缺基数.
    result = cli("check", "--source", SOURCE, "-f", "json", *SHIPPED)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["code"], r["message"].split()[1]) for r in rows] == [("no-baseline", "25.1"), ("no-baseline", "61.3")]
    data = status_json(cli, "2023-09-30")
    assert {r["id"]: r["status"] for r in data["indicators"] if r["id"] in ("25.1", "61.3")} == \
        {"25.1": "done", "61.3": "done"}


def test_what_was_added_is_labelled_as_sample_and_kept_out_of_the_catalogue():
    """Start values carry evidence starting with 示例; the catalogue holds no node (the plan states none), and the
    37 invented ones are in the nodes file, which says it is sample data."""
    for path in PROGRESS.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["sample"] is True, path.name
        for b in data.get("baselines", []):
            assert b["evidence"].startswith("示例"), (path.name, b)
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    assert not [i["id"] for t in catalogue["tasks"] for i in t["indicators"] if i.get("schedule") or i.get("steps")]
    assert "示例" not in CATALOGUE.read_text(encoding="utf-8")  # nothing invented is left in the plan's file
    nodes = yaml.safe_load(NODES.read_text(encoding="utf-8"))
    assert nodes["sample"] is True and nodes["plan"] == catalogue["plan"]["document_number"]
    assert len(nodes["goals"]) == 37 and "示例数据（虚构）" in NODES.read_text(encoding="utf-8")
