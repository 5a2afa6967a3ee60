"""The benchmark's synthetic plan at ×1: the real plan's shape, valid for the real models and `gdtrack check`,
and byte-identical from one run to the next."""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from gdtrack.cli import app
from gdtrack.files.loading import load
from gdtrack.models import Catalogue, ProgressFile

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

REAL_INDICATORS = 119


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_scale_1_looks_like_the_real_plan_and_passes_check(tmp_path: Path) -> None:
    out = tmp_path / "x1"
    counts = generate(1, out)
    assert counts["tasks"] == 68
    assert counts["chapters"] == 11
    assert counts["units"] == 21
    assert abs(counts["indicators"] - REAL_INDICATORS) <= REAL_INDICATORS * 0.10

    cat = load(out / "tasks.yaml", Catalogue)
    assert cat.diagnostics == [] and cat.model is not None
    assert len(cat.model.tasks) == 68 and len(cat.model.units) == 21
    assert len(cat.model.indicators()) == counts["indicators"]
    for task, ind in cat.model.indicators():
        assert ind.quote in task.text

    paths = sorted((out / "progress").glob("*.yaml"))
    assert len(paths) == counts["progress_files"] == 21
    for path in paths:
        assert path.read_text(encoding="utf-8").startswith("# 合成数据（虚构）")
        pf = load(path, ProgressFile)
        assert pf.diagnostics == [] and pf.model is not None, path.name
        assert pf.model.unit == path.stem

    result = CliRunner().invoke(app, ["check", "-c", str(out / "tasks.yaml"), "-p", str(out / "progress")])
    assert result.exit_code == 0, result.output
    assert "0 个错误，0 个警告" in result.output  # check is timed on its clean path: nothing to locate or print


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    generate(1, tmp_path / "a")
    generate(1, tmp_path / "b")
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert len(a) == 22
    assert a == b
    generate(1, tmp_path / "c", seed=7)
    assert _files(tmp_path / "c") != a
