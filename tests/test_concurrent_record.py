"""Many `gdtrack record` processes writing one unit's file at once: no figure is lost, none is silently replaced.

These run real processes (`python -m gdtrack record …`), started together, as an office importing many forms
does; the lock (gdtrack.files.writing.locked) makes each one wait for the one before it and read what it wrote.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gdtrack.files.parsing import parse_yaml

UNIT = "区经济发展局"
DAY = "2023-10-31"
N_GOALS = 20


def extra_indicators(count: int) -> str:
    """Indicators 1.2 … 1.<count> of task 1 in the mini catalogue, all quoting its one goal."""
    return "".join(f'      - id: "1.{i}"\n        name: 指标{i}\n        quote: 新建5G基站30个以上\n'
                   f'        comparator: ">="\n        target: 30\n        unit: 个\n        measure: cumulative\n'
                   for i in range(2, count + 1))


@pytest.fixture
def busy(mini_data, mini):
    """The mini catalogue with 20 indicators for one unit, and its progress folder."""
    _, prog = mini_data
    return mini(insert={27: extra_indicators(N_GOALS)}), prog


def start(cat: Path, prog: Path, indicator: str, value: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gdtrack", "record", UNIT, indicator, str(value), "--as-of", DAY,
         "--evidence", "台账", "-c", str(cat), "-p", str(prog)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy(), text=True, encoding="utf-8")


def finish(procs: list[subprocess.Popen]) -> list[tuple[int, str]]:
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=120)
        out.append((p.returncode, stdout + stderr))
    return out


def entries_on(path: Path, day: str) -> dict[str, object]:
    data = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    report = next(r for r in data["reports"] if str(r["as_of"]) == day)
    return {e["indicator"]: e["value"] for e in report["entries"]}


def test_twenty_writers_of_twenty_goals_keep_all_twenty(cli, busy):
    cat, prog = busy
    path = prog / f"{UNIT}.yaml"
    procs = [start(cat, prog, f"1.{i}", 100 + i) for i in range(1, N_GOALS + 1)]
    results = finish(procs)
    assert [code for code, _ in results] == [0] * N_GOALS, results
    assert all("已录入" in out and "Traceback" not in out for _, out in results)
    assert entries_on(path, DAY) == {f"1.{i}": 100 + i for i in range(1, N_GOALS + 1)}
    # the reports that were there before are untouched, and the result passes the gate
    assert entries_on(path, "2023-09-30") == {"1.1": 21}
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0
    assert sorted(p.name for p in prog.iterdir() if p.name.startswith(".")) == [f".{UNIT}.yaml.lock"]  # no temp


def test_writers_of_one_goal_and_date_one_wins_the_rest_are_refused(busy):
    cat, prog = busy
    path = prog / f"{UNIT}.yaml"
    writers = 6
    procs = [start(cat, prog, "1.2", 200 + i) for i in range(writers)]
    results = finish(procs)
    winners = [i for i, (code, _) in enumerate(results) if code == 0]
    assert len(winners) == 1, results
    refused = [out for code, out in results if code != 0]
    assert len(refused) == writers - 1
    assert all("已有数值" in out and "--force" in out and "Traceback" not in out for out in refused), refused
    assert [code for code, _ in results].count(1) == writers - 1
    # the file holds the value of the one that got there first, and each refusal names that value
    first = 200 + winners[0]
    assert entries_on(path, DAY) == {"1.2": first}
    assert all(f"1.2 在 {DAY} 已有数值 {first}，未改为" in out for out in refused)
