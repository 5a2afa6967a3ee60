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


def test_a_fault_of_gdtracks_own_is_one_message_and_a_details_file_never_a_traceback(monkeypatch, capsys, tmp_path):
    """No Python traceback reaches a user: a bug (here one planted in explain's forecast lines) is said once, in
    Chinese, with the file its details went to, and exit 70."""
    import sys

    import pytest

    import gdtrack.cli
    from gdtrack.views import supervision

    from .conftest import CATALOGUE, PROGRESS

    def broken(*args, **kwargs):
        raise RuntimeError("planted")

    monkeypatch.setattr(supervision, "forecast_lines", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setattr(sys, "argv", ["gdtrack", "explain", "1.1", "--as-of", "2023-09-30", "-c", str(CATALOGUE),
                                      "-p", str(PROGRESS)])
    commands = gdtrack.cli.app.registered_commands[:]  # main() keeps only the command run: give them back
    try:
        with pytest.raises(SystemExit) as stopped:
            gdtrack.cli.main()
    finally:
        gdtrack.cli.app.registered_commands[:] = commands
    err = capsys.readouterr().err
    assert stopped.value.code == 70
    assert "gdtrack 内部错误（RuntimeError）：这是 gdtrack 的缺陷，不是数据的问题" in err, err
    assert "Traceback" not in err and "planted" not in err
    details = list(tmp_path.glob("gdtrack-error-*.txt"))
    assert len(details) == 1 and f"详细信息已写入 {details[0]}" in err
    assert "RuntimeError: planted" in details[0].read_text(encoding="utf-8")
