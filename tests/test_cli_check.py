"""`gdtrack check` on broken catalogues: each problem with its line, all in one run, right exit code."""

from __future__ import annotations

import pytest

from .conftest import CATALOGUE, MINI, SOURCE


def test_shipped_catalogue_is_clean_against_the_source(cli):
    result = cli("check", "--lang", "en", "--catalogue", CATALOGUE, "--source", SOURCE, "--progress", "/nonexistent")
    assert result.exit_code == 0, result.output
    assert " 0 error(s)" in result.output
    assert "68 tasks" in result.output


def test_mini_is_clean(cli, mini):
    path = mini()
    result = cli("check", "--lang", "en", "-c", path)
    assert result.exit_code == 0, result.output
    # 2.1 (清零, a level) counts from its start value, and with no progress folder no one has given it yet
    assert "0 error(s), 1 warning(s)" in result.output
    assert f"{path}:34:9: warning: indicator 2.1 (level) has no baseline yet" in result.output


# One broken catalogue per rule: (id, lines replaced, lines inserted after, what the output must say). `{path}` is the
# catalogue's path; every case exits 1.
BROKEN = [
    ("unknown-key-points-at-its-line-and-suggests", {25: "        taget: 30"}, {},
     ["{path}:25:9: error: unknown key `taget`", "did you mean `target`?"]),
    ("id-read-as-number-says-to-quote-it", {21: "      - id: 1.10"}, {},
     ["{path}:21:", "read as the number 1.1", "quote it"]),
    ("missing-required-key", {22: "        # name removed"}, {},
     ["{path}:21:", "missing required key `name`"]),  # line 21: the indicator that lacks it
    ("wrong-type-target", {25: '        target: "30个"'}, {}, ["{path}:25:9: error:"]),
    ("target-without-comparator-needing-it", {24: '        comparator: "milestone"'}, {},
     ["a milestone has no target"]),
    ("comparator-is-never-defaulted", {24: "        # comparator forgotten"}, {},
     ["missing required key `comparator`"]),
    ("duplicate-task-id", {28: "  - id: 1"}, {}, ["{path}:28:5: error: task id 1 is listed more than once"]),
    ("duplicate-indicator-id", {34: '      - id: "1.1"'}, {},
     ["{path}:34:9: error: indicator id '1.1' is used more than once", "[id-mismatch]"]),  # 1.1 under task 2
    ("unknown-lead-unit-and-owner", {32: "    lead_units: [区农业中心]"}, {26: "        owner: 区财政局"},
     ["{path}:33:18: error: unit 区农业中心 is not in `units`", "did you mean 区农业服务中心?",
      "{path}:27:9: error: unit 区财政局 is not in `units`"]),
    ("quote-must-be-in-text", {23: "        quote: 新建5G基站40个以上"}, {},
     ["{path}:23:9: error: indicator 1.1: quote is not in the text of task 1", "differs at"]),
    # the edited quote is not in the text, and its 40 is not the target 30 (target-mismatch, issue 22)
    ("every-problem-in-one-run", {23: "        quote: 新建5G基站40个以上", 32: "    lead_units: [区农业中心]"}, {},
     ["3 error(s)", "{path}:23:", "{path}:32:", "[target-mismatch]"]),
]


@pytest.mark.parametrize(("name", "replace", "insert", "says"), BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_catalogue(cli, mini, name, replace, insert, says):
    path = mini(replace=replace, insert=insert)
    result = cli("check", "--lang", "en", "-c", path)
    assert result.exit_code == 1
    for words in says:
        assert words.format(path=path) in result.output, words


def test_task_with_lead_units_needs_an_indicator(cli, mini):
    lines = MINI.splitlines()[:32] + ["    indicators: []"]
    path = mini(text="\n".join(lines))
    result = cli("check", "--lang", "en", "-c", path)
    assert result.exit_code == 1
    assert f"{path}:28:5: error: task 2 has lead units but no indicator" in result.output


def test_due_outside_the_plan(cli, mini):
    path = mini(insert={26: "        due: 2030-12-31"})
    result = cli("check", "--lang", "en", "-c", path)
    assert result.exit_code == 1
    assert f"{path}:27:9: error: indicator 1.1: due 2030-12-31 is outside" in result.output
    ok = cli("check", "--lang", "en", "-c", mini(insert={26: "        due: 2024-12-31"}))
    assert ok.exit_code == 0, ok.output


def test_text_not_in_source(cli, mini, tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("测试〔2023〕1号\n1. 大力发展数字经济。新建5G基站30个以上。\n"
                      "2. 优化农村人居环境。实现全区农村黑臭水体清零。\n", encoding="utf-8")
    result = cli("check", "--lang", "en", "-c", mini(), "--source", source)
    assert result.exit_code == 1
    assert ":31:5: error: task 2: text is not found verbatim" in result.output
    assert ":18:" not in result.output  # task 1 matches


def test_delta_goal_without_baseline_is_a_warning(cli, mini):
    from .conftest import MINI

    # a goal in 个百分点, its sentence saying so (target-mismatch and comparator-mismatch hold the two together)
    text = MINI.replace("农村黑臭水体动态清零", "农村黑臭水体治理率提高5个百分点")
    lines = text.splitlines()
    lines[36:40] = ['        comparator: "delta_pp"', "        target: 5", "        baseline: null",
                    "        # no measure: it is a relative goal"]
    path = mini(text="\n".join(lines) + "\n")
    result = cli("check", "--lang", "en", "-c", path)
    assert result.exit_code == 0, result.output
    assert f"{path}:34:9: warning: indicator 2.1 (delta_pp) has no baseline yet" in result.output
    assert cli("check", "--lang", "en", "-c", path, "--strict").exit_code == 1


def test_yaml_syntax_error_has_a_line(cli, mini):
    path = mini(replace={17: "    title: [大力发展数字经济"})
    result = cli("check", "-c", path)
    assert result.exit_code == 1
    assert f"{path}:18:" in result.output or f"{path}:17:" in result.output
    assert "Traceback" not in result.output


def test_json_and_github_formats(cli, mini):
    import json

    path = mini(replace={25: "        taget: 30"})
    rows = json.loads(cli("check", "-c", path, "--format", "json").stdout)
    assert rows[0]["line"] == 25 and rows[0]["code"] == "schema" and rows[0]["severity"] == "error"
    gh = cli("check", "-c", path, "--format", "github")
    assert gh.exit_code == 1
    assert gh.output.startswith(f"::error file={path},line=25,col=9,")


def test_usage_errors_exit_2(cli, mini, tmp_path):
    assert cli("check", "-c", tmp_path / "missing.yaml").exit_code == 2
    assert cli("check", "-c", mini(), "--source", tmp_path / "missing.txt").exit_code == 2
    assert cli("check", "--no-such-option").exit_code == 2

