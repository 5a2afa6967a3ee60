"""Issue 21: one forecast that knows the plan. It follows the schedule (a goal at its node of 0 is on course, a goal
whose path has ended still moves), never leaves the goal's possible range, reads low ≤ high, is in whole numbers
for a count, and `explain` says why where it and the status differ. Figures worked by hand below."""

from __future__ import annotations

import datetime as dt

from gdtrack.engine.evaluation import evaluate
from gdtrack.engine.forecast import forecast

from .conftest import CATALOGUE, PROGRESS, reported

PLAN = """\
plan: {title: 范围, document_number: 测试〔2023〕9号, issuer: 办, issued: 2023-01-05, period_start: 2023-01-01,
       period_end: 2023-12-31}
units: [{name: 甲局}]
chapters: [{number: 1, title: 一}]
tasks:
  - id: 1
    chapter: 1
    title: 任务
    text: 隐患清零。培训600人。投资100万元。覆盖率95%。
    lead_units: [甲局]
    indicators:
      - {id: "1.1", name: 清零, quote: 隐患清零, comparator: "<=", target: 0, unit: 户, measure: level, baseline: 10}
      - {id: "1.2", name: 培训, quote: 培训600人, comparator: ">=", target: 600, unit: 人, measure: cumulative}
      - {id: "1.3", name: 投资, quote: 投资100万元, comparator: ">=", target: 100, unit: 万元, measure: cumulative}
      - {id: "1.4", name: 覆盖, quote: 覆盖率95%, comparator: ">=", target: 95, unit: "%", measure: level,
         baseline: 80}
"""
FIGURES = {"1.1": (6, 1), "1.2": (100, 250), "1.3": (50, 40), "1.4": (90, 99)}
JULY = dt.date(2023, 7, 15)  # reports on 03-31 (day 90) and 06-30 (day 181); 184 days from 06-30 to 12-31


def _forecasts(tmp_path):
    _, _, ws = reported(tmp_path, PLAN, FIGURES)
    return {r.id: forecast(r) for r in evaluate(ws.catalogue, ws.progress, JULY).results}


def test_a_clear_to_zero_goal_stops_at_zero(tmp_path):
    f = _forecasts(tmp_path)["1.1"]
    # latest: 1 + (1 − 6) ÷ 91 × 184 = −9.1; average: 1 + (1 − 10) ÷ 181 × 184 = −8.1: no fewer than 0 households
    assert f.recent.value < -9 and f.average.value < -8
    assert (f.low, f.high, f.verdict, f.bounded) == (0, 0, "on_course", ("zero",))


def test_a_count_of_people_is_projected_in_whole_people(tmp_path):
    f = _forecasts(tmp_path)["1.2"]
    # latest: 250 + 150 ÷ 91 × 184 = 553.3 → 553; average: 250 + 250 ÷ 181 × 184 = 504.1 → 504; both below 600
    assert (f.low, f.high, f.verdict, f.whole) == (504, 553, "unlikely", True)


def test_a_total_does_not_fall_below_its_latest_figure(tmp_path):
    f = _forecasts(tmp_path)["1.3"]
    # a correction from 50 to 40: latest 40 − 10 ÷ 91 × 184 = 19.8, held at 40; average 40 + 40 ÷ 181 × 184 = 80.66
    assert (f.low, round(f.high, 2), f.bounded, f.whole) == (40, 80.66, ("latest",), False)
    assert f.low <= f.high


def test_a_percentage_stays_at_or_under_a_hundred(tmp_path):
    f = _forecasts(tmp_path)["1.4"]
    # latest: 99 + 9 ÷ 91 × 184 = 117.2; average: 99 + (99 − 80) ÷ 181 × 184 = 118.3; a share cannot pass 100 %
    assert (f.low, f.high, f.verdict, f.bounded) == (100, 100, "on_course", ("hundred",))


def _explain(cli, goal: str) -> str:
    result = cli("explain", goal, "--as-of", "2023-09-30", "-c", CATALOGUE, "-p", PROGRESS)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_goal_at_its_node_of_zero_is_on_course_as_its_status_says(cli):
    """2.3 (22 高企, nodes 0 by 10-31 and 22 by 11-30) reported 0 three times: 序时推进, yet it was "0 – 0 家 难以完成".
    The path does not move before 10-31, so there is no rate to learn: along the path, 0 + 22 = 22 家."""
    out = _explain(cli, "2.3")
    assert "状态：序时推进" in out
    assert "年底预计（至 2023-12-31）：22 家，目标 22 家 → 将完成" in out, out
    assert "沿路径外推：0 + 路径此后的增量 22 = 22" in out
    assert "与状态不同" not in out


def test_a_goal_past_the_end_of_its_path_still_moves_and_explain_says_why_it_differs(cli):
    """56.8 (26 人 by the node of 09-30) has 24: the path has ended, so it projected no growth at all (24 – 24). The
    rest of the year runs in days: latest 24 + 24 ÷ 92 × 92 = 48, average 24 + 24 ÷ 273 × 92 = 32.09 → 32."""
    out = _explain(cli, "56.8")
    assert "状态：略滞后" in out
    assert "年底预计（至 2023-12-31）：32 – 48 人，目标 26 人 → 将完成" in out, out
    assert "与状态不同：目前落后于序时进度，但按报送的走势，到期时可以完成。" in out


def test_every_forecast_on_the_sample_reads_low_to_high_and_counts_are_whole(cli):
    import json

    rows = json.loads(cli("status", "--as-of", "2023-09-30", "-f", "json", "-c", CATALOGUE, "-p", PROGRESS)
                      .stdout)["indicators"]
    forecasts = [(r["id"], r["unit"], r["forecast"]) for r in rows if r.get("forecast")]
    assert len(forecasts) > 40
    for goal, unit, f in forecasts:
        assert f["low"] <= f["high"], goal
        assert f["low"] >= 0, goal
        if unit in ("家", "个", "人", "户", "处", "所", "场", "项", "条", "名"):
            assert f["low"] == int(f["low"]) and f["high"] == int(f["high"]), (goal, f)
