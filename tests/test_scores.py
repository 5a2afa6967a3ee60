"""Issue 26, deliver 1 (begun): 考核 scores. Worked by hand on conftest's MINI plan (issued 2023-08-02, so 督办 and
the scoring start with August; reported monthly):

- 区经济发展局, 1.1 ≥ 30 个 (cumulative), reported 15 on 06-30 and 21 on 09-30. At 08-31: 15/30 = 0.50 against
  序时进度 243/365 = 0.666 (more than 0.10 short) → 滞后 −2; at 09-30: 21/30 = 0.70 against 273/365 = 0.748
  (within 0.10) → 略滞后 −1; at 10-31: 0.70 against 304/365 = 0.833 → 滞后 −2. No report dated in August, whose
  deadline (09-30) has passed: −10; October's report is not due until 11-30: not missing. Year: 100 − 15 = 85;
  October: 100 − 2 = 98.
- 区农业服务中心, 2.1 ≤ 0 处 from 5, reported 2 on 09-30. At 08-31 never reported (no status deduction; the missing
  August report −10); at 09-30: (2 − 5) ÷ (0 − 5) = 0.60 against 0.748 → 滞后 −2; at 10-31 against 0.833 → 滞后 −2,
  its second lagging period end in a row: 督办 (the default levels: 1 提醒, 2 督办, 3 通报), −1 more. Year:
  100 − 15 = 85; October 100 − 3 = 97.
- 1.1's runs are one period end each (略滞后 in September breaks it): 提醒, no points. Both units have 85 for the year;
  区经济发展局 ranks first on October's 98.
"""

from __future__ import annotations

import json


def scores(cli, cat, prog, *more):
    result = cli("scores", "--as-of", "2023-10-31", "-f", "json", "-c", cat, "-p", prog, *more)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_each_unit_scored_per_period_with_every_deduction(cli, mini_data):
    data = scores(cli, *mini_data)
    assert data["periods"] == ["2023-08-31", "2023-09-30", "2023-10-31"]
    got = {s["unit"]: s for s in data["scores"]}
    econ = got["区经济发展局"]
    assert (econ["total"], econ["period"], econ["rank"]) == (85, 98, 1)
    assert [(d["period_end"], d["goal"], d["rule"], d["points"]) for d in econ["deductions"]] == [
        ("2023-08-31", "1.1", "lagging", -2), ("2023-08-31", None, "missing_report", -10),
        ("2023-09-30", "1.1", "behind", -1), ("2023-10-31", "1.1", "lagging", -2)]
    farm = got["区农业服务中心"]
    assert (farm["total"], farm["period"], farm["rank"]) == (85, 97, 2)
    assert [(d["period_end"], d["rule"], d["level"], d["points"]) for d in farm["deductions"]] == [
        ("2023-08-31", "missing_report", None, -10), ("2023-09-30", "lagging", None, -2),
        ("2023-10-31", "lagging", None, -2), ("2023-10-31", "level", "督办", -1)]


def test_the_points_are_the_offices_to_set(cli, mini_data):
    cat, prog = mini_data
    text = cat.read_text(encoding="utf-8").replace(
        "  period_end: 2023-12-31\n",
        "  period_end: 2023-12-31\n  policy:\n"
        "    scoring: {base: 60, lagging: -3, missing_report: 0, levels: {通报: -5}}\n")
    cat.write_text(text, encoding="utf-8")
    econ = next(s for s in scores(cli, cat, prog)["scores"] if s["unit"] == "区经济发展局")
    assert econ["total"] == 60 - 3 - 1 - 3 and [d["rule"] for d in econ["deductions"]] == ["lagging", "behind",
                                                                                              "lagging"]


def test_the_ranking_and_one_units_deductions_as_a_table(cli, mini_data):
    cat, prog = mini_data
    table = cli("scores", "--as-of", "2023-10-31", "-c", cat, "-p", prog)
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert "基础分 100" in table.stdout and "缺报一期 -10" in table.stdout and "共 3 期" in table.stdout
    first = next(i for i, line in enumerate(lines) if line.startswith("----"))
    assert lines[first + 1].split()[:4] == ["1", "区经济发展局", "98", "85"]
    assert lines[first + 2].split()[:4] == ["2", "区农业服务中心", "97", "85"]
    one = cli("scores", "--as-of", "2023-10-31", "--unit", "区经济发展局", "-c", cat, "-p", prog)
    assert "区经济发展局：排名第 1，本期 98 分，累计 85 分，扣分 4 处" in one.stdout
    farm = cli("scores", "--as-of", "2023-10-31", "--unit", "区农业服务中心", "-c", cat, "-p", prog)
    assert "2023-10-31  2.1   督办级别：督办" in farm.stdout
    assert "2023-08-31  —     该期未报送" in one.stdout


def test_before_supervision_starts_nothing_is_scored(cli, mini_data):
    cat, prog = mini_data
    result = cli("scores", "--as-of", "2023-07-31", "-f", "json", "-c", cat, "-p", prog)
    data = json.loads(result.stdout)
    assert data["periods"] == [] and all(s["total"] == 100 and s["deductions"] == [] for s in data["scores"])


def test_points_for_a_level_the_plan_does_not_have_are_refused_at_their_line(cli, mini_data):
    cat, prog = mini_data
    cat.write_text(cat.read_text(encoding="utf-8").replace(
        "  period_end: 2023-12-31\n", "  period_end: 2023-12-31\n  policy:\n    scoring: {levels: {约谈: -5}}\n"),
        encoding="utf-8")
    result = cli("check", "-c", cat, "-p", prog)
    assert result.exit_code == 1 and "约谈 不是督办级别（提醒、督办、通报）" in result.output, result.output
