"""A warm run does only what it must: the results of the checks are kept with the files they read (files.cache.Memo),
so a second run on unchanged files checks nothing again, and says exactly what a cold run says; a changed file is
checked again; the daily run reads no YAML, spreadsheet or Word module."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from gdtrack.checks import workspace

from .conftest import CATALOGUE, PROGRESS, ROOT


def run(cli, cat, prog, *more, env=None):
    result = cli("status", "--as-of", "2023-09-30", "-c", cat, "-p", prog, *more, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


@pytest.fixture
def checked(monkeypatch):
    """How many times each check ran from now on (the rules are imported by the workspace when they first run)."""
    from gdtrack.checks import rules

    calls: dict[str, int] = {}
    for module, name in ((rules, "check_progress"), (rules, "check_co_leads"), (rules, "check_catalogue"),
                         (rules, "check_baselines"), (workspace, "check_nodes")):
        real = getattr(module, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            calls[_name] = calls.get(_name, 0) + 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    return calls


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_warm_run_on_the_shipped_data_says_what_a_cold_one_says(cli, cache_folder, checked, fmt):
    cold = run(cli, CATALOGUE, PROGRESS, "-f", fmt, env={"GDTRACK_CACHE": "off"})
    n = len(list(PROGRESS.glob("*.yaml")))
    assert checked["check_progress"] == n  # one check per progress file, cold
    run(cli, CATALOGUE, PROGRESS, "-f", fmt)  # fills the cache (checks run once more)
    assert checked["check_progress"] == 2 * n
    warm = run(cli, CATALOGUE, PROGRESS, "-f", fmt)
    assert warm == cold
    assert checked == {"check_progress": 2 * n, "check_co_leads": 2, "check_catalogue": 2, "check_baselines": 2,
                       "check_nodes": 2}  # the warm run checked nothing again


def test_problems_the_checks_find_are_said_by_a_warm_run_too(cli, cache_folder, mini_data, checked):
    cat, prog = mini_data
    # 区农业服务中心 reports goal 2.9, which the plan does not have: an error of check_progress, so the file is left
    # out; its model is valid, so its check's result is what the cache keeps.
    other = prog / "区农业服务中心.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace('"2.1"', '"2.9"', 2), encoding="utf-8")
    cold = run(cli, cat, prog, env={"GDTRACK_CACHE": "off"})
    assert "2.9" in cold[1] and "未纳入" in cold[1]
    first = run(cli, cat, prog)
    before = dict(checked)
    second = run(cli, cat, prog)
    assert first == second == cold
    assert checked == before  # said from the kept results


def test_a_changed_file_is_checked_again(cli, cache_folder, mini_data, checked):
    cat, prog = mini_data
    clean = run(cli, cat, prog)
    assert "2.9" not in clean[1]
    other = prog / "区农业服务中心.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace('"2.1"', '"2.9"', 2), encoding="utf-8")
    before = checked["check_progress"]
    edited = run(cli, cat, prog)
    assert "2.9" in edited[1]  # the new problem is said
    assert checked["check_progress"] == before + 1  # only the edited file was checked again
    assert edited == run(cli, cat, prog, env={"GDTRACK_CACHE": "off"})


def test_another_query_date_is_checked_for_that_date(cli, cache_folder, mini_data):
    cat, prog = mini_data
    run(cli, cat, prog)  # results kept for 2023-09-30
    # 区经济发展局 has reports up to 2023-09-30; asked at 2023-06-30, its September report is after the query date,
    # which the cold run says; the results kept for September must not stand in for it.
    cold = cli("status", "--as-of", "2023-06-30", "-c", cat, "-p", prog, env={"GDTRACK_CACHE": "off"})
    warm = cli("status", "--as-of", "2023-06-30", "-c", cat, "-p", prog)
    assert (warm.stdout, warm.stderr) == (cold.stdout, cold.stderr)


def test_a_damaged_or_foreign_memo_is_not_used(cli, cache_folder, mini_data, checked):
    cat, prog = mini_data
    expected = run(cli, cat, prog)
    (memo,) = cache_folder.glob("*.memo")
    blob = bytearray(memo.read_bytes())
    blob[-5] ^= 0xFF  # one byte of the results changed: the tag no longer matches
    memo.write_bytes(bytes(blob))
    before = checked["check_progress"]
    assert run(cli, cat, prog) == expected
    assert checked["check_progress"] == before + 2  # both files checked again, not read from the damaged entry


DAILY = """
import sys
sys.argv = ["gdtrack", "status", "-c", "data/tasks_2023.yaml", "-p", "data/progress"]
import gdtrack.cli
try:
    gdtrack.cli.main()
except SystemExit:
    pass
sys.stdout = sys.__stderr__
print("IMPORTED", sorted(m for m in ("yaml", "yaml_rs", "ruamel", "openpyxl", "docx") if m in sys.modules),
      file=sys.__stdout__)
print("CHECKS", sorted(m for m in ("gdtrack.checks.rules", "gdtrack.checks.targets", "gdtrack.files.documents")
                       if m in sys.modules), file=sys.__stdout__)
"""


def test_the_daily_run_reads_no_yaml_spreadsheet_or_word_module(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDTRACK_")} | {
        "GDTRACK_CACHE": str(tmp_path / "cache")}
    for _ in range(2):  # the first run fills the cache, the second is the office's daily run
        r = subprocess.run([sys.executable, "-c", DAILY], capture_output=True, text=True, env=env, cwd=ROOT)
        assert r.returncode == 0, r.stderr
        if _ == 0:
            assert r.stdout.splitlines()[-1].startswith("CHECKS ['gdtrack.checks.rules'")  # the checks ran
    assert r.stdout.splitlines()[-2:] == ["IMPORTED []", "CHECKS []"]  # every result from the memo: no rule imported


def test_a_cold_clean_run_needs_no_pyyaml(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDTRACK_")} | {"GDTRACK_CACHE": "off"}
    r = subprocess.run([sys.executable, "-c", DAILY], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-2] == "IMPORTED ['yaml_rs']"  # the fast reader, and nothing else of YAML


def test_an_edited_nodes_file_has_the_checks_run_again(cli, cache_folder, tmp_path, checked):
    shutil.copy(CATALOGUE, tmp_path)
    nodes = tmp_path / "nodes_2023.yaml"
    shutil.copy(CATALOGUE.with_name("nodes_2023.yaml"), nodes)
    shutil.copytree(PROGRESS, tmp_path / "progress")
    cat, prog = tmp_path / CATALOGUE.name, tmp_path / "progress"
    run(cli, cat, prog)
    before = dict(checked)
    nodes.write_text(nodes.read_text(encoding="utf-8") + "\n# 改过\n", encoding="utf-8")  # other bytes, same nodes
    assert run(cli, cat, prog) == run(cli, cat, prog, env={"GDTRACK_CACHE": "off"})
    # the nodes file is part of the plan every check reads: each is run again once (the cold run adds one more)
    n = len(list(prog.glob("*.yaml")))
    assert checked["check_progress"] == before["check_progress"] + 2 * n
    assert checked["check_nodes"] == before["check_nodes"] + 2


def test_every_model_comes_back_from_the_cache_equal_and_anything_else_is_a_miss(tmp_path):
    """The cache's form needs no code per model: the shipped catalogue (BaseModels), nodes file and progress files
    (slotted dataclasses) come back equal; a model holding something that is not a model, a date or plain data
    (here a path, as a model added later might) is a miss, never an error."""
    import copy
    from pathlib import Path

    from gdtrack.files.cache import ModelCache
    from gdtrack.files.loading import load
    from gdtrack.models import Catalogue, NodesFile, ProgressFile

    cache = ModelCache(tmp_path / "cache")
    files = [(CATALOGUE, Catalogue), (CATALOGUE.with_name("nodes_2023.yaml"), NodesFile),
             *((p, ProgressFile) for p in sorted(PROGRESS.glob("*.yaml")))]
    for path, model in files:
        first = load(path, model, cache=cache).model
        again = cache.get(path, model, path.read_bytes())
        assert again is not None and again == first and again is not first, path
    path = next(PROGRESS.glob("*.yaml"))
    odd = copy.copy(load(path, ProgressFile).model)
    object.__setattr__(odd, "unit", Path("区经济发展局"))  # not through the model's validation
    cache.put(path, ProgressFile, b"other bytes", odd)
    assert cache.get(path, ProgressFile, b"other bytes") is None


def test_loading_leaves_the_collector_as_it_found_it(tmp_path):
    """Each file's models are moved out of the cyclic collector's way while the rest load (gc.freeze), and handed
    back at the end: after open_workspace nothing is left frozen, so garbage made while loading is collected as
    usual; objects a program had frozen before stay frozen."""
    import gc

    from gdtrack.checks.workspace import open_workspace

    assert gc.get_freeze_count() == 0
    frozen_during: list[int] = []
    real = gc.freeze

    def watched() -> None:
        real()
        frozen_during.append(gc.get_freeze_count())

    gc.freeze = watched
    try:
        ws = open_workspace(CATALOGUE, PROGRESS)
    finally:
        gc.freeze = real
    assert ws.catalogue is not None and len(ws.progress) == len(list(PROGRESS.glob("*.yaml")))
    assert len(frozen_during) == 1 + len(ws.progress) and min(frozen_during) > 0  # the catalogue, then each file
    assert gc.get_freeze_count() == 0  # all handed back
    gc.freeze()
    try:
        kept = gc.get_freeze_count()
        open_workspace(CATALOGUE, PROGRESS)
        assert gc.get_freeze_count() >= kept  # a program's frozen objects are not unfrozen under it
    finally:
        gc.unfreeze()
