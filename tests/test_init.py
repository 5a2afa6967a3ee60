"""`gdtrack init`: a data repository's files, never overwriting; then draft, check and a second plan."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import yaml

from .conftest import MINI, ROOT, SOURCE


def test_init_makes_a_data_repository_with_the_files_the_office_needs(cli, monkeypatch):
    result = cli("init", "重点工作", "--year", "2023")
    assert result.exit_code == 0, result.output
    repo = Path("重点工作")
    plans = tomllib.loads((repo / "gdtrack.toml").read_text(encoding="utf-8"))["plans"]
    assert plans == {"2023": {"catalogue": "data/tasks_2023.yaml", "progress": "data/progress/2023"}}
    assert (repo / "data" / "progress" / "2023").is_dir()
    # the CI workflow is the example shipped with gdtrack, word for word
    assert (repo / ".github" / "workflows" / "gdtrack.yml").read_text(encoding="utf-8") == \
        (ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8")
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ours = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["hooks"][0]["id"] == ours[0]["id"] == "gdtrack-check"
    assert (repo / ".gitignore").read_text(encoding="utf-8").split() == [".*.lock", ".*.tmp"]
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "gdtrack draft 计划原文.txt -o data/tasks_2023.yaml" in readme and "月度通报" in readme
    assert "gdtrack import" in readme and "$" not in readme.replace("$schema", "")
    # no catalogue yet: no CODEOWNERS, and the next step is said
    assert not (repo / ".github" / "CODEOWNERS").exists()
    assert "gdtrack draft 计划原文.txt -o 重点工作/data/tasks_2023.yaml" in result.stdout
    # commands run in the new repository say what is missing, with the toml's line
    monkeypatch.chdir(repo)
    status = cli("status", "--plan", "2023")
    assert status.exit_code == 2 and "gdtrack.toml:6" in status.output and "tasks_2023.yaml" in status.output


def test_init_never_overwrites_and_says_what_it_skipped(cli):
    Path("README.md").write_text("我们自己的说明\n", encoding="utf-8")
    Path(".gitignore").write_text("*.bak\n", encoding="utf-8")
    result = cli("init", "--year", "2023")
    assert result.exit_code == 0, result.output
    assert Path("README.md").read_text(encoding="utf-8") == "我们自己的说明\n"
    assert Path(".gitignore").read_text(encoding="utf-8") == "*.bak\n"
    assert "已存在，未改动：README.md" in result.stdout and "已存在，未改动：.gitignore" in result.stdout
    toml = Path("gdtrack.toml").read_text(encoding="utf-8")
    again = cli("init", "--year", "2023", "--lang", "en")
    assert again.exit_code == 0 and Path("gdtrack.toml").read_text(encoding="utf-8") == toml
    assert "already there, left as it is: gdtrack.toml" in again.stdout


def test_init_refuses_a_broken_toml_and_writes_nothing(cli):
    Path("gdtrack.toml").write_text("[plans.2023\n", encoding="utf-8")
    result = cli("init", "--year", "2024")
    assert result.exit_code == 2 and "gdtrack.toml:1:" in result.output and "不是有效的 TOML" in result.output
    assert sorted(p.name for p in Path().iterdir()) == ["gdtrack.toml"]


def test_init_from_a_missing_source_says_so(cli):
    result = cli("init", "--from", "没有这个文件.txt")
    assert result.exit_code == 2 and "没有这个文件.txt" in result.output
    assert list(Path().iterdir()) == []


@pytest.mark.skipif(not SOURCE.is_file(), reason="the seed text is not next to this repository")
def test_init_from_the_seed_then_check_then_a_second_plan(cli, monkeypatch):
    result = cli("init", "repo", "--from", SOURCE)
    assert result.exit_code == 0, result.output
    repo = Path("repo")
    catalogue = repo / "data" / "tasks_2023.yaml"  # the year comes from the plan's text
    assert catalogue.is_file() and "review: true" in result.stdout
    owners = (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/data/progress/2023/区经济发展局.yaml" in owners
    monkeypatch.chdir(repo / "data")
    checked = cli("check", "--source", SOURCE, "-f", "json")
    assert checked.exit_code == 0, checked.output
    codes = {d["code"] for d in json.loads(checked.stdout)}
    assert codes <= {"review", "no-baseline"}, codes
    tasks = json.loads(cli("tasks", "-f", "json").stdout)
    assert len(tasks) == 68
    # the next year, in the same repository: init adds the plan to gdtrack.toml, its catalogue goes where it says
    monkeypatch.chdir("..")
    added = cli("init", ".", "--year", "2024")
    assert added.exit_code == 0, added.output
    assert "已在 gdtrack.toml 中加入计划 2024" in added.stdout and "已存在，未改动：README.md" in added.stdout
    Path("data/tasks_2024.yaml").write_text(MINI.replace("2023", "2024"), encoding="utf-8")
    latest = json.loads(cli("status", "-f", "json").stdout)
    assert latest["as_of"] <= "2024-12-31" and len(latest["indicators"]) == 2
    # 27.2 (2023—2024年实施矿山修复项目4处, due 2024-12-31) is still tracked from the 2024 plan
    assert [r["id"] for r in latest["carried"][0]["indicators"]] == ["27.2"]
    earlier = cli("tasks", "--plan", "2023", "-f", "json")
    assert earlier.exit_code == 0 and len(json.loads(earlier.stdout)) == 68
