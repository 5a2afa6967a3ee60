"""The entry point builds only the command it runs (a start-up saving): the command, its errors and the others
behave as before."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import CATALOGUE, PROGRESS


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GDTRACK_CACHE": "off", "GDTRACK_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "gdtrack", *args], capture_output=True, text=True, env=env,
                          encoding="utf-8", timeout=60)


def test_a_command_runs_with_only_itself_built():
    done = run("status", "--as-of", "2023-09-30", "-c", str(CATALOGUE), "-p", str(PROGRESS), "-f", "json")
    assert done.returncode == 0 and '"as_of": "2023-09-30"' in done.stdout
    imported = run("import", "--help")
    assert imported.returncode == 0 and "FORM" in imported.stdout


def test_version_help_and_a_mistyped_command_still_see_every_command():
    assert run("--version").stdout.startswith("gdtrack ")
    listed = run("--help").stdout
    assert all(name in listed for name in ("status", "escalations", "remind", "notice", "draft", "init"))
    typo = run("stauts")
    assert typo.returncode == 2 and "stauts" in typo.stderr
