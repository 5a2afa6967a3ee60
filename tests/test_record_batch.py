"""`gdtrack record` with several figures in one write, Chinese milestone words, unit aliases, and
`template --add-date`, which adds the next report's blank lines to a unit's file."""

from __future__ import annotations

import json

import pytest

from .plus import plus_data


@pytest.fixture
def plus(tmp_path):
    return plus_data(tmp_path)


def status_of(cli, cat, prog, day="2023-10-31"):
    data = json.loads(cli("status", "--as-of", day, "-f", "json", "-c", cat, "-p", prog).stdout)
    return {r["id"]: r["actual"] for r in data["indicators"]}


def test_several_figures_in_one_command(cli, plus):
    cat, prog = plus
    path = prog / "区经济发展局.yaml"
    before = path.read_text(encoding="utf-8")
    result = cli("record", "经发局", "--as-of", "2023-10-31", "1.1=25", "1.2=推进中", "3.1=600",
                 "--evidence", "经发局10月台账", "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output
    assert "已录入 1.2 = 推进中，2023-10-31" in result.output
    assert status_of(cli, cat, prog) == {"1.1": 25, "1.2": "in_progress", "2.1": 2, "3.1": 600}
    text = path.read_text(encoding="utf-8")
    assert text.startswith(before) and text.count("- as_of: 2023-10-31") == 1  # one new report, appended
    assert text.count("evidence: 经发局10月台账") == 3
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0


def test_one_bad_figure_refuses_the_whole_command(cli, plus):
    cat, prog = plus
    path = prog / "区经济发展局.yaml"
    before = path.read_text(encoding="utf-8")
    result = cli("record", "--lang", "en", "区经济发展局", "--as-of", "2023-10-31", "1.1=25", "1.2=快完成了",
                 "3.1=12亩", "-c", cat, "-p", prog)
    assert result.exit_code == 1
    assert "1.2: '快完成了' is not a number or a milestone state" in result.output
    assert "3.1: '12亩' is not a number" in result.output and "e.g. value: 12" in result.output
    assert "2 figure(s) refused" in result.output
    assert path.read_text(encoding="utf-8") == before
    # an indicator the unit does not report, and a clash with a recorded figure, refuse it as well
    result = cli("record", "--lang", "en", "区经济发展局", "--as-of", "2023-09-30", "1.1=22", "2.1=0",
                 "-c", cat, "-p", prog)
    assert result.exit_code == 1
    assert "1.1: 1.1 already has 21 on 2023-09-30" not in result.output  # the pre-check comes first
    assert "\n  indicator 2.1 belongs to 区农业服务中心" in "\n" + result.output, result.output
    assert "2.1: indicator 2.1" not in result.output  # a line names its figure once (issue 20)
    result = cli("record", "区经济发展局", "--as-of", "2023-09-30", "1.1=22", "1.2=done", "-c", cat, "-p", prog)
    assert result.exit_code == 1
    assert "  1.1 在 2023-09-30 已有数值 21，未改为 22（确需更正时加 --force --reason" in result.output
    assert "1.1: 1.1" not in result.output, result.output
    assert "1 个数字被拒绝" in result.output
    assert path.read_text(encoding="utf-8") == before
    forced = cli("record", "区经济发展局", "--as-of", "2023-09-30", "1.1=22", "1.2=done", "--force",
                 "--reason", "核对台账", "-c", cat, "-p", prog)
    assert forced.exit_code == 0 and "21 → 22" in forced.output
    assert status_of(cli, cat, prog, "2023-09-30")["1.1"] == 22


def test_the_old_form_and_mixed_forms(cli, plus):
    cat, prog = plus
    assert cli("record", "区经济发展局", "1.2", "已完成", "--as-of", "2023-10-31", "-c", cat, "-p", prog).exit_code == 0
    assert status_of(cli, cat, prog)["1.2"] == "done"
    mixed = cli("record", "区经济发展局", "1.1=3", "1.2", "--as-of", "2023-10-31", "-c", cat, "-p", prog)
    assert mixed.exit_code == 1 and "1.2：不是“编号=数值”的形式" in mixed.output
    noted = cli("record", "区经济发展局", "1.1=3", "3.1=4", "--note", "x", "--as-of", "2023-10-31",
                "-c", cat, "-p", prog)
    assert noted.exit_code == 2 and "--note 只能用于一个数字" in noted.output


def test_aliases_wherever_a_unit_is_named(cli, plus):
    cat, prog = plus
    assert cli("template", "经发局", "--as-of", "2023-10-31", "-c", cat).stdout.count("unit: 区经济发展局") == 1
    by_alias = json.loads(cli("status", "--unit", "经发局", "--as-of", "2023-09-30", "-f", "json",
                              "-c", cat, "-p", prog).stdout)
    assert [r["id"] for r in by_alias["indicators"]] == ["1.1", "1.2"]
    assert [t["id"] for t in json.loads(cli("tasks", "--unit", "经发局", "-f", "json", "-c", cat).stdout)] == [1, 3]
    wrong = cli("record", "经发", "1.1", "3", "--as-of", "2023-10-31", "-c", cat, "-p", prog)
    assert wrong.exit_code == 2 and "是否是指 区经济发展局？" in wrong.output


def test_an_alias_names_one_unit(cli, plus, tmp_path):
    cat, prog = plus
    cat.write_text(cat.read_text(encoding="utf-8").replace(
        "  - name: 区农业服务中心\n", "  - name: 区农业服务中心\n    aliases: [经发局]\n"), encoding="utf-8")
    result = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    assert result.exit_code == 1
    assert f"{cat}:12:15: error: alias 经发局 of 区农业服务中心 already names 区经济发展局" in result.output


def test_the_shipped_catalogue_has_the_usual_short_names(cli):
    from .conftest import CATALOGUE

    for alias in ("经发局", "财政局", "投促局", "党政办", "审批局"):
        assert cli("template", alias, "-c", CATALOGUE).exit_code == 0, alias


def test_template_adds_the_next_report_date_to_an_existing_file(cli, plus):
    cat, prog = plus
    path = prog / "区经济发展局.yaml"
    before = path.read_text(encoding="utf-8")
    refused = cli("template", "经发局", "--as-of", "2023-10-31", "-o", path, "-c", cat)
    assert refused.exit_code == 2 and "--add-date" in refused.output
    assert path.read_text(encoding="utf-8") == before
    result = cli("template", "经发局", "--as-of", "2023-10-31", "-o", path, "--add-date", "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output
    assert "添加 2023-10-31 的 2 行空白待填" in result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith(before)
    # each blank line says which goal it is and its target (issue 23), as the YAML clerk needs it
    assert [line.strip() for line in text[len(before):].splitlines()] == [
        "- as_of: 2023-10-31", "entries:",
        '- indicator: "1.1"  # 新建5G基站：≥ 30 个', "value:", "note:", "evidence:",
        '- indicator: "1.2"  # 数字经济发展方案：完成（里程碑）', "value:", "note:", "evidence:"]
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0
    assert status_of(cli, cat, prog)["1.1"] == 21  # blank lines count for nothing: September's figure stands
    again = cli("template", "经发局", "--as-of", "2023-10-31", "-o", path, "--add-date", "-c", cat, "-p", prog)
    assert again.exit_code == 0 and "无需添加" in again.output
    assert path.read_text(encoding="utf-8") == text
    assert cli("record", "经发局", "--as-of", "2023-10-31", "1.1=27", "1.2=done", "-c", cat, "-p", prog).exit_code == 0
    assert status_of(cli, cat, prog) == {"1.1": 27, "1.2": "done", "2.1": 2, "3.1": None}
