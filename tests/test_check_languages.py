"""`gdtrack check` speaks the user's language: Chinese by default, English with --lang en, both in JSON."""

from __future__ import annotations

import json

from .conftest import MINI

GOOD_HEAD = "unit: 区农业服务中心\nreports:\n  - as_of: 2023-09-30\n    entries:\n      - indicator: \"2.1\"\n"
FALLING = """\
unit: 区经济发展局
reports:
  - as_of: 2023-08-31
    entries:
      - indicator: "1.1"
        value: 20
        evidence: 台账
  - as_of: 2023-09-30
    entries:
      - indicator: "1.1"
        value: 15
        evidence: 台账
"""


def _write(prog, name, text):
    path = prog / name
    path.write_text(text, encoding="utf-8")
    return path


def _check(cli, mini_data, text, name="区农业服务中心.yaml"):
    """`gdtrack check` in the default language with one progress file replaced: (that file, the output)."""
    cat, prog = mini_data
    bad = _write(prog, name, text)
    return bad, cli("check", "-c", cat, "-p", prog).output


def test_unknown_key_is_said_in_chinese_with_its_place_and_the_key_meant(cli, mini_data):
    bad, out = _check(cli, mini_data, GOOD_HEAD + "        vaule: 1\n")
    assert f"{bad}:6:9: 错误: 未知的键 `vaule` [schema]" in out, out
    assert "帮助：是否应为 `value`？" in out, out
    assert "unknown key" not in out
    english = cli("check", "--lang", "en", "-c", mini_data[0], "-p", mini_data[1]).output
    assert f"{bad}:6:9: error: unknown key `vaule` [schema]" in english, english
    assert "help: did you mean `value`?" in english, english


def test_a_word_where_a_number_belongs_is_said_in_chinese(cli, mini_data):
    bad, out = _check(cli, mini_data, GOOD_HEAD + "        value: done\n        evidence: 台账\n")
    assert f"{bad}:6:9: 错误: 指标 2.1 须填数字（处），而不是 'done' [value-kind]" in out, out
    assert "帮助：填数字；里程碑填 done、in_progress、not_started、blocked 之一" in out, out


def test_a_report_dated_after_today_is_said_in_chinese(cli, mini_data, mini):
    cat = mini(text=MINI.replace("period_end: 2023-12-31", "period_end: 2099-12-31"))
    _, prog = mini_data
    bad = _write(prog, "区农业服务中心.yaml", GOOD_HEAD.replace("2023-09-30", "2099-01-31")
                 + "        value: 1\n        evidence: 台账\n")
    out = cli("check", "-c", cat, "-p", prog).output
    assert f"{bad}:3:5: 错误: 报送日期 2099-01-31 晚于今天 [date-in-future]" in out, out
    assert "帮助：报送日期填数据对应的日期，最晚为今天" in out, out


def test_another_units_goal_is_said_in_chinese(cli, mini_data):
    bad, out = _check(cli, mini_data, GOOD_HEAD.replace('"2.1"', '"1.1"') + "        value: 3\n")
    assert (f"{bad}:5:9: 错误: 指标 1.1 由 区经济发展局 负责；区农业服务中心 不是任务 1 的牵头单位 [not-owned]"
            in out), out
    assert "帮助：只有 区经济发展局（或任务 1 的其他牵头单位）报送此指标" in out, out


def test_a_falling_total_is_a_chinese_warning(cli, mini_data):
    cat, prog = mini_data
    bad = _write(prog, "区经济发展局.yaml", FALLING)
    result = cli("check", "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output  # a warning only
    assert (f"{bad}:11:9: 警告: 指标 1.1：2023-09-30 的 15 低于 2023-08-31 的 20，而该指标为全年累计数 "
            "[falling-total]") in result.output, result.output
    assert "帮助：请报送年初以来的累计数，或更正之前的数字" in result.output
    assert "0 个错误" in result.output  # the footer follows --lang too


def test_json_rows_carry_both_languages_and_keep_the_english_message(cli, mini_data):
    cat, prog = mini_data
    _write(prog, "区经济发展局.yaml", FALLING)
    rows = json.loads(cli("check", "-f", "json", "-c", cat, "-p", prog).stdout)
    row = next(r for r in rows if r["code"] == "falling-total")
    assert row["message"] == ("indicator 1.1: 15 on 2023-09-30 is lower than 20 on 2023-08-31, but figures are "
                              "cumulative for the year")
    assert row["message_zh"] == "指标 1.1：2023-09-30 的 15 低于 2023-08-31 的 20，而该指标为全年累计数"
    assert row["hint"] == "report the running total since the start of the year, or correct the earlier one"
    assert row["hint_zh"] == "请报送年初以来的累计数，或更正之前的数字"
    assert (row["line"], row["col"]) == (11, 9)


def test_github_annotations_say_the_runs_language_only(cli, mini_data):
    cat, prog = mini_data
    _write(prog, "区农业服务中心.yaml", GOOD_HEAD + "        vaule: 1\n")
    out = cli("check", "-f", "github", "-c", cat, "-p", prog).stdout
    line = next(x for x in out.splitlines() if "line=6" in x)
    assert line.endswith("::未知的键 `vaule` — 是否应为 `value`？"), line


def test_record_refuses_in_the_runs_language_only(cli, mini_data):
    cat, prog = mini_data
    result = cli("record", "区经济发展局", "--as-of", "2023-10-31", "1.1=12亩", "-c", cat, "-p", prog)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:2] == ["gdtrack: 错误：'12亩' 既不是数字，也不是里程碑状态",
                         "  帮助：只写数字，不带单位、逗号或 %，如 value: 12"], result.output
    assert "error:" not in result.output and "is not a number" not in result.output, result.output
    english = cli("record", "--lang", "en", "区经济发展局", "--as-of", "2023-10-31", "1.1=12亩", "-c", cat, "-p", prog)
    assert english.exit_code == 1
    assert "gdtrack: error: '12亩' is not a number or a milestone state" in english.output.splitlines(), english.output
    assert "错误" not in english.output and "help: write the bare number without units" in english.output
