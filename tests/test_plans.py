"""Several plans in one data repository: gdtrack.toml, --plan, the default plan, running from a subfolder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import MINI, MINI_PROGRESS

TOML = """\
[plans.2023]
catalogue = "data/tasks_2023.yaml"
progress = "data/progress/2023"

[plans.2024]
catalogue = "data/tasks_2024.yaml"
progress = "data/progress/2024"
"""


def make_repo(root: Path, toml: str = TOML) -> Path:
    """MINI as the 2023 plan (1.1 at 21 on 2023-09-30) and as the 2024 plan (1.1 at 12 on 2024-09-30)."""
    for year, figure in (("2023", "21"), ("2024", "12")):
        (root / "data" / "progress" / year).mkdir(parents=True)
        (root / "data" / f"tasks_{year}.yaml").write_text(MINI.replace("2023", year), encoding="utf-8")
        for name, text in MINI_PROGRESS.items():
            text = text.replace("value: 21", f"value: {figure}").replace("2023", year)
            (root / "data" / "progress" / year / name).write_text(text, encoding="utf-8")
    (root / "gdtrack.toml").write_text(toml, encoding="utf-8")
    return root


def actual(cli, *args: str, env: dict[str, str] | None = None) -> tuple[str, float]:
    result = cli("status", "-f", "json", *args, env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return data["as_of"], data["indicators"][0]["actual"]


@pytest.fixture
def repo(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(Path.cwd())
    monkeypatch.delenv("GDTRACK_PLAN", raising=False)
    return root


def test_the_latest_plan_is_the_default_and_plan_chooses_another(cli, repo):
    assert actual(cli, "--as-of", "2024-09-30") == ("2024-09-30", 12)
    assert actual(cli, "--plan", "2023", "--as-of", "2023-09-30") == ("2023-09-30", 21)
    assert actual(cli, "--as-of", "2023-09-30", env={"GDTRACK_PLAN": "2023"}) == ("2023-09-30", 21)
    # without --as-of, today is clamped to the chosen plan's period
    assert actual(cli, "--plan", "2023")[0] <= "2023-12-31"


def test_default_in_the_toml_names_the_plan_used(cli, repo):
    (repo / "gdtrack.toml").write_text('default = "2023"\n' + TOML, encoding="utf-8")
    assert actual(cli, "--as-of", "2023-09-30") == ("2023-09-30", 21)
    assert actual(cli, "--plan", "2024", "--as-of", "2024-09-30") == ("2024-09-30", 12)


def test_runs_from_any_subfolder(cli, repo, monkeypatch):
    monkeypatch.chdir(repo / "data" / "progress" / "2024")
    assert actual(cli, "--plan", "2023", "--as-of", "2023-09-30") == ("2023-09-30", 21)
    shown = cli("tasks", "--plan", "2024")
    assert shown.exit_code == 0 and "大力发展数字经济" in shown.stdout
    owners = cli("codeowners")  # patterns stay relative to the repository's root
    assert owners.exit_code == 0 and "/data/progress/2024/区经济发展局.yaml" in owners.stdout


def test_an_explicit_path_wins_over_the_plan(cli, repo):
    other = repo / "data" / "progress" / "2023"
    assert actual(cli, "-p", other, "--as-of", "2024-09-30") == ("2024-09-30", None)  # 2023's dates: none yet
    assert actual(cli, "-c", repo / "data" / "tasks_2023.yaml", "--as-of", "2023-09-30")[1] is None
    assert actual(cli, "-c", repo / "data" / "tasks_2023.yaml", "-p", other, "--as-of", "2023-09-30")[1] == 21


def test_without_a_toml_the_current_folder_layout_works(cli):
    data = Path("data")
    (data / "progress").mkdir(parents=True)
    (data / "tasks_2023.yaml").write_text(MINI, encoding="utf-8")
    for name, text in MINI_PROGRESS.items():
        (data / "progress" / name).write_text(text, encoding="utf-8")
    assert actual(cli, "--as-of", "2023-09-30") == ("2023-09-30", 21)
    asked = cli("status", "--plan", "2023")
    assert asked.exit_code == 2 and "gdtrack.toml" in asked.output and "gdtrack init" in asked.output


def test_an_unknown_plan_is_named_with_the_plans_there_are(cli, repo):
    result = cli("status", "--plan", "2025")
    assert result.exit_code == 2
    assert "没有名为 2025 的计划（已有：2023, 2024）" in result.output and "no plan named" not in result.output
    assert "Traceback" not in result.output
    english = cli("status", "--plan", "2025", "--lang", "en")
    assert english.exit_code == 2 and "no plan named 2025 (plans: 2023, 2024)" in english.output
    assert "没有名为" not in english.output and "Traceback" not in english.output


@pytest.mark.parametrize(("toml", "where", "zh", "en"), [
    (TOML.replace('progress = "data/progress/2023"', "progress = data/progress/2023"), "gdtrack.toml:3:",
     "不是有效的 TOML", "not valid TOML"),
    (TOML.replace('progress = "data/progress/2024"', 'folder = "data/progress/2024"'), "gdtrack.toml:7",
     "不认识的键 folder", "unknown key folder"),
    (TOML.replace('progress = "data/progress/2024"\n', ""), "gdtrack.toml:5", "计划 2024 缺少 progress 路径",
     "plan 2024 needs progress"),
    ('default = "2022"\n' + TOML, "gdtrack.toml:1", "default = 2022 不是已列出的计划",
     "default = 2022 is not one of the plans"),
    (TOML.replace("tasks_2024", "tasks_2042"), "gdtrack.toml:6", "计划 2024 的任务清单", "plan 2024's catalogue"),
])
def test_a_bad_toml_is_named_with_its_line(cli, repo, toml, where, zh, en):
    (repo / "gdtrack.toml").write_text(toml, encoding="utf-8")
    for lang, says in (([], zh), (["--lang", "en"], en)):
        result = cli("status", *lang)
        assert result.exit_code == 2, result.output
        assert where in result.output and says in result.output
        assert "Traceback" not in result.output



def test_with_both_paths_given_a_broken_toml_is_only_a_warning(cli, repo):
    (repo / "gdtrack.toml").write_text("[plans.2023\n", encoding="utf-8")
    result = cli("status", "-f", "json", "--as-of", "2023-09-30", "-c", repo / "data" / "tasks_2023.yaml",
                 "-p", repo / "data" / "progress" / "2023")
    assert result.exit_code == 0 and json.loads(result.stdout)["indicators"][0]["actual"] == 21
    assert "警告：gdtrack.toml:1:" in result.stderr and "不是有效的 TOML" in result.stderr


def test_start_values_are_ranked_catalogue_then_earlier_plan_then_owner():
    import yaml

    from gdtrack.engine.evaluation import Start, starts
    from gdtrack.files.loading import validated
    from gdtrack.models import Catalogue, ProgressFile

    cat = validated(Catalogue, yaml.safe_load(MINI))
    owner = validated(ProgressFile, dict(unit="区农业服务中心", baselines=[{"indicator": "2.1", "value": 5}]))
    earlier = {"2.1": Start(2, "区农业服务中心", "2023-12-31", "2023:2.1")}
    assert starts(cat, [owner])["2.1"] == Start(5, "区农业服务中心")
    assert starts(cat, [owner], earlier)["2.1"].value == 2
    given = validated(Catalogue, yaml.safe_load(MINI.replace("measure: level", "measure: level\n"
                                                                 "        baseline: 7")))
    assert starts(given, [owner], earlier)["2.1"] == Start(7, "catalogue")


# ── the next year: multi-year goals, and start values from the earlier plan ─────────────────────


def test_an_earlier_plans_goal_due_this_year_is_listed_in_a_block_of_its_own(cli, repo):
    cat = repo / "data" / "tasks_2023.yaml"
    text = cat.read_text(encoding="utf-8")
    cat.write_text(text.replace("measure: cumulative", "measure: cumulative\n        due: 2024-12-31"),
                   encoding="utf-8")
    result = cli("status", "--as-of", "2024-06-30", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [i["id"] for i in data["indicators"]] == ["1.1", "2.1"]  # the 2024 plan's own
    (block,) = data["carried"]
    (row,) = block["indicators"]
    # 21 of 30 over 2023-01-01 … 2024-12-31: 547 of 731 days gone on 2024-06-30
    assert (block["plan"], row["id"], row["actual"], row["completion"]) == ("2023", "1.1", 21, 0.7)
    # 0.70 is below 0.748 but within the 0.10 tolerance: behind, not lagging
    assert row["expected"] == pytest.approx(547 / 731, abs=1e-4) and row["status"] == "behind"
    table = cli("status", "--as-of", "2024-06-30")
    assert "上期计划 2023 中跨年度、本期仍未完成的目标（1 项" in table.stdout
    assert "Goals of plan 2023 still open" in cli("status", "--as-of", "2024-06-30", "--lang", "en").stdout
    # not from the 2023 plan itself, not for another unit, and not once it is done
    assert "carried" not in json.loads(cli("status", "--plan", "2023", "-f", "json").stdout)
    assert "carried" not in json.loads(cli("status", "--as-of", "2024-06-30", "-f", "json", "-u",
                                           "区农业服务中心").stdout)
    done = cli("record", "区经济发展局", "1.1", "30", "--as-of", "2024-05-31", "--evidence", "台账", "--plan", "2023")
    assert done.exit_code == 0, done.output
    assert "carried" not in json.loads(cli("status", "--as-of", "2024-06-30", "-f", "json").stdout)


def start_from_2023(repo: Path, ref: str = "2023:2.1") -> None:
    """The 2024 plan's 2.1 (黑臭水体, ≤ 0) starts from the 2023 plan's final figure: 2, reported 2023-09-30."""
    cat = repo / "data" / "tasks_2024.yaml"
    cat.write_text(cat.read_text(encoding="utf-8").replace("measure: level", f'measure: level\n        '
                                                           f'baseline_from: "{ref}"'), encoding="utf-8")
    own = repo / "data" / "progress" / "2024" / "区农业服务中心.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("value: 2\n", "value: 1\n"), encoding="utf-8")


def test_baseline_from_takes_the_earlier_plans_final_figure_and_outranks_the_owners(cli, repo):
    start_from_2023(repo)
    data = json.loads(cli("status", "--as-of", "2024-09-30", "-f", "json").stdout)
    row = data["indicators"][1]
    # the owner's baselines entry says 5; the 2023 plan's final figure is 2: (1 − 2) ÷ (0 − 2) = 0.5
    assert (row["id"], row["start"], row["actual"], row["completion"]) == ("2.1", 2, 1, 0.5)
    said = cli("explain", "2.1", "--as-of", "2024-09-30")
    assert "上期计划 2023:2.1 的期末数，区农业服务中心 报送" in said.stdout and "2023-09-30" in said.stdout
    english = cli("explain", "2.1", "--as-of", "2024-09-30", "--lang", "en").stdout
    assert "the final figure of 2023:2.1 in the earlier plan, reported by 区农业服务中心" in english
    checked = cli("check")
    assert checked.exit_code == 0, checked.output
    assert "no-baseline" not in checked.output


@pytest.mark.parametrize(("ref", "says"), [
    ("2022:2.1", "baseline_from names plan 2022, which gdtrack.toml does not list (plans: 2023, 2024)"),
    ("2023:9.9", "plan 2023 has no indicator 9.9"),
    ("2024:2.1", "baseline_from names this plan (2024)"),
])
def test_check_says_when_baseline_from_names_nothing(cli, repo, ref, says):
    start_from_2023(repo, ref)
    result = cli("check", "--lang", "en")
    line = (repo / "data" / "tasks_2024.yaml").read_text(encoding="utf-8").splitlines().index(
        f'        baseline_from: "{ref}"') + 1
    assert result.exit_code == 1
    assert f"tasks_2024.yaml:{line}:" in result.output and says in result.output
    # status goes on, saying so: the next source of a start value counts, the owner's `baselines` entry (5)
    status = cli("status", "--as-of", "2024-09-30", "-f", "json", "--lang", "en")
    assert status.exit_code == 0 and says in status.stderr
    assert json.loads(status.stdout)["indicators"][1]["start"] == 5


def test_baseline_from_without_a_figure_is_a_missing_baseline(cli, repo):
    start_from_2023(repo)
    (repo / "data" / "progress" / "2023" / "区农业服务中心.yaml").unlink()
    result = cli("check", "--lang", "en")
    assert "no-baseline" in result.output and "plan 2023 has no figure for 2.1 on or before 2023-12-31" \
        in result.output


def test_baseline_from_is_for_goals_that_count_from_a_start_value(cli, repo, mini):
    bad = mini(insert={26: '        baseline_from: "2023:1.1"'})
    result = cli("check", "-c", bad, "--lang", "en")
    assert result.exit_code == 1 and "`baseline_from` is for level" in result.output
    assert "`baseline_from` 只用于 level" in cli("check", "-c", bad).output
    both = mini(insert={44: '        baseline: 5\n        baseline_from: "2023:2.1"'})
    assert "either `baseline` or `baseline_from`" in cli("check", "-c", both, "--lang", "en").output
