"""Shell completion: unit names and aliases, indicator ids, from the catalogue the command would read; quiet and
empty on any problem; the catalogue read through the cache."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gdtrack.cli.completion import complete_indicator, complete_unit, indicator_candidates, unit_candidates
from gdtrack.files import parsing
from gdtrack.files.loading import load
from gdtrack.models import Catalogue

from .conftest import CATALOGUE


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load(CATALOGUE, Catalogue).model


def test_units_by_full_name_or_alias(shipped):
    # 区经济发展局's aliases are 经发局 and 经济发展局; no other name or alias starts with 经
    assert unit_candidates(shipped, "经") == [("经发局", "区经济发展局"), ("经济发展局", "区经济发展局")]
    assert unit_candidates(shipped, "区经") == [("区经济发展局", "")]
    # the three departments of 市商贸物流园区管理服务中心, by full name, in the catalogue's order
    assert [v for v, _ in unit_candidates(shipped, "市商贸")] == [
        "市商贸物流园区管理服务中心商务服务部", "市商贸物流园区管理服务中心规划发展部",
        "市商贸物流园区管理服务中心物流服务部"]
    assert unit_candidates(shipped, "不存在") == []


def test_indicators_by_id_with_their_names(shipped):
    assert indicator_candidates(shipped, "7.") == [("7.1", "新建5G基站")]
    assert [v for v, _ in indicator_candidates(shipped, "44.")] == ["44.1", "44.2", "44.3", "44.4", "44.5"]
    # with a unit, only what it may record: task 44 is led by 区城乡建设和交通局 (the owner of all five) with
    # 区农业服务中心 as co-lead; 区财政局 has no part in it
    assert len(indicator_candidates(shipped, "44.", "区城乡建设和交通局")) == 5
    assert len(indicator_candidates(shipped, "44.", "区农业服务中心")) == 5
    assert indicator_candidates(shipped, "44.", "区财政局") == []


def ctx(**params):
    return SimpleNamespace(params=params)


def test_the_catalogue_is_the_commands_one(mini, tmp_path):
    cat = mini()
    assert [v for v, _ in complete_unit(ctx(catalogue=cat), "区")] == ["区经济发展局", "区农业服务中心"]
    assert complete_indicator(ctx(catalogue=cat), "") == [("1.1", "新建5G基站"), ("2.1", "农村黑臭水体")]
    # record: the unit's own goals (by alias or full name), less those already typed
    assert complete_indicator(ctx(catalogue=cat, unit="区农业服务中心"), "") == [("2.1", "农村黑臭水体")]
    assert complete_indicator(ctx(catalogue=cat, unit="区经济发展局", figures=["1.1=3"]), "") == []
    assert complete_indicator(ctx(catalogue=cat), "1.1=") == []  # a value is not completed


def test_any_problem_gives_no_suggestions(mini, tmp_path, monkeypatch):
    broken = mini(replace={1: "plan: ["})
    missing = tmp_path / "nowhere.yaml"
    for path in (broken, missing, tmp_path):
        assert complete_unit(ctx(catalogue=path), "") == []
        assert complete_indicator(ctx(catalogue=path), "") == []
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GDTRACK_CATALOGUE", raising=False)
    assert complete_unit(None, "区") == []  # no context at all: the default path, here nothing
    monkeypatch.setenv("GDTRACK_CATALOGUE", str(CATALOGUE))
    assert complete_unit(None, "经") == [("经发局", "区经济发展局"), ("经济发展局", "区经济发展局")]
    assert complete_indicator(ctx(catalogue=CATALOGUE, unit=3, figures=5), "") == []


def test_completion_reads_the_catalogue_through_the_cache(monkeypatch):
    complete_unit(ctx(catalogue=CATALOGUE), "经")  # the first read stores the model
    calls = []
    real = parsing.parse_yaml
    monkeypatch.setattr(parsing, "parse_yaml", lambda text, shown: calls.append(shown) or real(text, shown))
    assert complete_unit(ctx(catalogue=CATALOGUE), "经")
    assert complete_indicator(ctx(catalogue=CATALOGUE), "7.")
    assert calls == []  # served from the cache, not parsed again


def complete(cli, words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash would offer for the last word of `words`, through the real protocol."""
    parts = words.split(" ")
    result = cli.runner.invoke(cli_app(), [], prog_name="gdtrack",
                               env={"_GDTRACK_COMPLETE": "complete_bash", "COMP_WORDS": words,
                                    "COMP_CWORD": str(len(parts) - 1), **(env or {})})
    assert result.exit_code == 0
    assert "Traceback" not in result.output
    return result.output.split()


def cli_app():
    from gdtrack.cli import app

    return app


def test_bash_completes_units_and_ids_from_the_catalogue_given(cli, mini):
    cat = str(mini())
    assert complete(cli, "gdtrack record 经", {"GDTRACK_CATALOGUE": str(CATALOGUE)}) == ["经发局", "经济发展局"]
    assert complete(cli, f"gdtrack template -c {cat} 区农") == ["区农业服务中心"]
    assert complete(cli, f"gdtrack status -c {cat} --unit 区") == ["区经济发展局", "区农业服务中心"]
    assert complete(cli, f"gdtrack explain -c {cat} 2") == ["2.1"]
    assert complete(cli, f"gdtrack history -c {cat} ") == ["1.1", "2.1"]
    assert complete(cli, f"gdtrack record -c {cat} 区农业服务中心 --as-of 2023-09-30 ") == ["2.1"]
    assert complete(cli, "gdtrack explain 7.") == []  # the test's folder has no data/tasks_2023.yaml


def test_bash_completion_of_a_broken_catalogue_is_silent(cli, mini):
    broken = str(mini(replace={5: "  issued: 2023-13-02"}))
    assert complete(cli, f"gdtrack record -c {broken} 区") == []


def test_completion_can_be_installed(cli):
    help_text = cli("--help").output
    assert "--install-completion" in help_text and "--show-completion" in help_text
    script = cli.runner.invoke(cli_app(), [], prog_name="gdtrack", env={"_GDTRACK_COMPLETE": "source_bash"})
    assert script.exit_code == 0
    assert "complete -o default -F _gdtrack_completion gdtrack" in script.output
