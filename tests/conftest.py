"""Shared fixtures: the repository's paths, a CLI runner, and a small catalogue with known lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gdtrack.cli import app

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "data" / "tasks_2023.yaml"
NODES = ROOT / "data" / "nodes_2023.yaml"  # the sample's nodes (节点目标) the plan does not state
PROGRESS = ROOT / "data" / "progress"
SOURCE = ROOT.parent / "shared" / "seed" / "jining-etdz-2023-key-tasks.txt"

# A small valid catalogue. Line numbers matter: tests break one line and expect it in the message.
MINI = """\
plan:
  title: 测试计划
  document_number: 测试〔2023〕1号
  issuer: 测试办公室
  issued: 2023-08-02
  period_start: 2023-01-01
  period_end: 2023-12-31
units:
  - name: 区经济发展局
  - name: 区农业服务中心
chapters:
  - number: 1
    title: 第一章
tasks:
  - id: 1
    chapter: 1
    title: 大力发展数字经济
    text: 大力发展数字经济。新建5G基站30个以上。
    lead_units: [区经济发展局]
    indicators:
      - id: "1.1"
        name: 新建5G基站
        quote: 新建5G基站30个以上
        comparator: ">="
        target: 30
        unit: 个
        measure: cumulative
  - id: 2
    chapter: 1
    title: 优化农村人居环境
    text: 优化农村人居环境。实现全区农村黑臭水体动态清零。
    lead_units: [区农业服务中心]
    indicators:
      - id: "2.1"
        name: 农村黑臭水体
        quote: 实现全区农村黑臭水体动态清零
        comparator: "<="
        target: 0
        unit: 处
        measure: level
"""


def same_model(a: object, b: object) -> bool:
    """Two models (or values) equal field by field and of the same types all the way down (1 and 1.0 differ)."""
    import dataclasses

    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(same_model(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, list):
        return len(a) == len(b) and all(same_model(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_model(x, b[k]) for k, x in a.items())
    return a == b


@pytest.fixture(autouse=True)
def fast_path_agrees(monkeypatch: pytest.MonkeyPatch) -> None:
    """In every test, whatever the clean path's validator (gdtrack.files.fastvalidate) accepts is validated by
    pydantic too, which must accept it and build the same model: a test fails with pydantic's ValidationError, or
    here, where the fast path would have let through what pydantic refuses, or built something else."""
    from gdtrack.files import fastvalidate, loading

    def shadowing(real):
        def shadowed(model: type, data: object) -> object:
            made = real(model, data)
            if made is not fastvalidate.MISS:
                assert same_model(made, loading.adapter(model).validate_python(data)), (model, data)
            return made
        return shadowed

    # both ways in: a clean file's one walk (read), and the checks of what missed it or comes from a form (accept)
    monkeypatch.setattr(loading, "fast_read", shadowing(fastvalidate.read))
    monkeypatch.setattr(loading, "fast_accept", shadowing(fastvalidate.accept))


@pytest.fixture(autouse=True)
def cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test starts with an empty cache of its own, never the user's (gdtrack.files.cache), outside tmp_path."""
    folder = tmp_path_factory.mktemp("cache") / "gdtrack"
    monkeypatch.setenv("GDTRACK_CACHE", str(folder))
    return folder


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None):
        return self.runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Runs gdtrack in an empty folder, so the default data paths find nothing unless a test passes them."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("GDTRACK_CATALOGUE", raising=False)
    monkeypatch.delenv("GDTRACK_PROGRESS", raising=False)
    monkeypatch.delenv("GDTRACK_PLAN", raising=False)
    return Cli()


@pytest.fixture
def mini(tmp_path: Path):
    """Write MINI with line `n` (1-based) replaced, lines inserted after `n`, or a text substitution."""

    def make(replace: dict[int, str] | None = None, insert: dict[int, str] | None = None,
             text: str | None = None) -> Path:
        lines = (text if text is not None else MINI).splitlines()
        for no, new in (replace or {}).items():
            lines[no - 1] = new
        for no, new in sorted((insert or {}).items(), reverse=True):
            lines[no:no] = new.splitlines()
        path = tmp_path / "mini.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return make


# Two departments' reports for MINI. At 2023-09-30 (expected 273/365 = 0.7479, behind from 0.6479):
#   1.1  21/30 = 0.70 → behind;   2.1  from 5 at the start to 2 left: (2 − 5) ÷ (0 − 5) = 0.60 → lagging.
# At 2023-06-30 (expected 181/365 = 0.4959): 1.1  15/30 = 0.50 → on track; 2.1 not yet reported.
MINI_PROGRESS = {
    "区经济发展局.yaml": """\
# 示例数据（虚构）
unit: 区经济发展局
sample: true
reports:
  - as_of: 2023-06-30
    entries:
      - indicator: "1.1"
        value: 15
        note: 已建成15个
  - as_of: 2023-09-30
    entries:
      - indicator: "1.1"
        value: 21
        note: 受选址影响，进度偏慢
        evidence: 经发局9月台账
""",
    "区农业服务中心.yaml": """\
unit: 区农业服务中心
baselines:
  - indicator: "2.1"
    value: 5
    evidence: 2022年末排查台账
reports:
  - as_of: 2023-09-30
    entries:
      - indicator: "2.1"
        value: 2
        note: 剩余2处正在整治
""",
}


@pytest.fixture
def mini_data(tmp_path: Path, mini):
    """MINI plus a progress folder; returns (catalogue, progress folder)."""
    folder = tmp_path / "progress"
    folder.mkdir()
    for name, text in MINI_PROGRESS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return mini(), folder


def reported(tmp_path: Path, plan: str, figures: dict[str, tuple], days=("2023-03-31", "2023-06-30")):
    """A plan and 甲局's progress file with one report a day in `days`, `figures[id][i]` on the i-th: (catalogue,
    folder). The files must pass `check`."""
    from gdtrack.checks.workspace import open_workspace

    cat = tmp_path / "plan.yaml"
    cat.write_text(plan, encoding="utf-8")
    folder = tmp_path / "progress"
    folder.mkdir()
    lines = ["unit: 甲局", "reports:"]
    for i, day in enumerate(days):
        lines += [f"  - as_of: {day}", "    entries:"]
        lines += [f'      - {{indicator: "{k}", value: {v[i]}, evidence: 台账}}' for k, v in figures.items()]
    (folder / "甲局.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = open_workspace(cat, folder)
    assert not ws.errors, ws.errors
    return cat, folder, ws


def csv_table(text: str) -> list[list[str]]:
    """The table of a CSV view: its rows after the head (the plan's title and the headline, one cell a row, then an
    empty row), without the BOM."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    return rows[rows.index([]) + 1:] if [] in rows else rows


def after_headline(text: str) -> list[str]:
    """The lines of a text view after its headline (everything up to the first empty line)."""
    lines = text.splitlines()
    return lines[lines.index("") + 1:] if "" in lines else lines

