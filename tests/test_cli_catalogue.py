"""`gdtrack tasks` and `gdtrack show` on the shipped catalogue."""

from __future__ import annotations

import json

from wcwidth import wcswidth

from .conftest import CATALOGUE


def test_show_44_lists_its_five_goals_with_quotes(cli):
    result = cli("show", "44", "-c", CATALOGUE)
    assert result.exit_code == 0, result.output
    for quote in ("全区不低于1/3的村建成“三星村”", "不低于2/3的村建成“二星村”", "全面消除“一星村”和重点整治村",
                  "完成11个村生活污水治理任务", "实现全区农村黑臭水体动态清零"):
        assert quote in result.output
    assert "牵头单位：区城乡建设和交通局、区农业服务中心" in result.output
    assert "≥ 11 个" in result.output and "≤ 0 处" in result.output


def test_show_json(cli):
    data = json.loads(cli("show", "27", "--format", "json", "-c", CATALOGUE).stdout)
    assert data["title"] == "强化生态建设和修复"
    by_id = {i["id"]: i for i in data["indicators"]}
    assert by_id["27.2"]["due"] == "2024-12-31" and by_id["27.1"]["due"] == "2023-12-31"
    assert by_id["27.2"]["owner"] == "市自然资源和规划局经开区分局"  # the task's first lead unit


def test_show_task_without_indicators(cli):
    result = cli("show", "67", "-c", CATALOGUE)
    assert result.exit_code == 0
    assert "牵头单位：（无）" in result.output


def test_show_unknown_task_is_a_clear_usage_error(cli):
    result = cli("show", "99", "-c", CATALOGUE)
    assert result.exit_code == 2
    assert "没有任务 99" in result.output and "Traceback" not in result.output


def test_tasks_filters_and_plain_columns_line_up(cli):
    result = cli("tasks", "--chapter", "7", "-c", CATALOGUE)
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    rows = lines[2:]
    assert [r.split()[0] for r in rows] == ["40", "41", "42", "43", "44"]
    # piped output is plain text whose columns line up in display width (CJK = 2 columns)
    header_width = wcswidth(lines[1])
    assert all(wcswidth(r) <= header_width for r in rows)
    starts = {wcswidth(r[: r.index("区")]) for r in rows}  # the lead-unit column starts at one place
    assert len(starts) == 1


def test_tasks_by_unit_json(cli):
    data = json.loads(cli("tasks", "--unit", "区应急管理中心", "--format", "json", "-c", CATALOGUE).stdout)
    assert [t["id"] for t in data] == [64]
    assert cli("tasks", "--unit", "应急管理", "-c", CATALOGUE).exit_code == 2
    by_alias = json.loads(cli("tasks", "--unit", "应急中心", "--format", "json", "-c", CATALOGUE).stdout)
    assert [t["id"] for t in by_alias] == [64]


def test_env_var_sets_the_catalogue(cli, mini):
    path = mini()
    data = json.loads(cli("tasks", "--format", "json", env={"GDTRACK_CATALOGUE": str(path)}).stdout)
    assert [t["id"] for t in data] == [1, 2]


def test_broken_catalogue_stops_a_read_command_with_its_line(cli, mini):
    path = mini(replace={25: "        taget: 30"})
    result = cli("tasks", "--lang", "en", "-c", path)
    assert result.exit_code == 1
    assert f"{path}:25:9: error: unknown key `taget`" in result.output
