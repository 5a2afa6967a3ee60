"""Issue 20: every view reads one evaluation, and the reporting period is the plan's, in every command.

Each test here failed before the change: the quarter rule of `check --require-reports`; escalations, remind and
notice that took neither --plan nor gdtrack.toml; supervision that evaluated again without the start values that
`baseline_from` gives."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import MINI, MINI_PROGRESS


def quarterly(tmp_path: Path) -> tuple[Path, Path]:
    """MINI reporting by quarter, both units with a report dated 2023-10-31 (in the fourth quarter)."""
    cat = tmp_path / "tasks.yaml"
    cat.write_text(MINI.replace("  period_end: 2023-12-31\n", "  period_end: 2023-12-31\n  policy:\n"
                                "    reporting: quarter\n"), encoding="utf-8")
    prog = tmp_path / "progress"
    prog.mkdir()
    for name, text in MINI_PROGRESS.items():
        (prog / name).write_text(text.replace("2023-09-30", "2023-10-31"), encoding="utf-8")
    return cat, prog


def test_reports_by_quarter_are_required_by_quarter(cli, tmp_path):
    """By quarter, a report of 10-31 is this period's on 11-15: not 'not reported' (21 false errors on the sample),
    and not stale (its cutoff is the end of the previous quarter, 09-30)."""
    cat, prog = quarterly(tmp_path)
    result = cli("check", "--lang", "en", "--require-reports", "--as-of", "2023-11-15", "-c", cat, "-p", prog,
                 "--format", "json")
    codes = [d["code"] for d in json.loads(result.stdout)]
    assert result.exit_code == 0, result.stdout
    assert "not-reported" not in codes and "stale" not in codes
    # in the next quarter the same reports are missing, and named by the quarter
    later = cli("check", "--lang", "en", "--require-reports", "--as-of", "2024-01-15", "-c", cat, "-p", prog,
                "--format", "json")
    missing = [d for d in json.loads(later.stdout) if d["code"] == "not-reported"]
    assert len(missing) == 2 and all("2024-Q1" in d["message"] for d in missing)


def test_reports_by_month_are_still_required_by_month(cli, tmp_path):
    cat, prog = quarterly(tmp_path)
    cat.write_text(cat.read_text(encoding="utf-8").replace("reporting: quarter", "reporting: month"),
                   encoding="utf-8")
    result = cli("check", "--lang", "en", "--require-reports", "--as-of", "2023-11-15", "-c", cat, "-p", prog,
                 "--format", "json")
    missing = [d for d in json.loads(result.stdout) if d["code"] == "not-reported"]
    assert result.exit_code == 1 and len(missing) == 2 and all("2023-11" in d["message"] for d in missing)
