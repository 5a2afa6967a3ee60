"""The README's promises: the CI runs its test command, and every command it lists exists with an example."""

from __future__ import annotations

import re

from .conftest import ROOT


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.+?)\n```", readme)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in ci.splitlines()
    assert any("gdtrack status" in b for b in blocks)  # the main job


def test_every_command_has_help_with_an_example(cli):
    from gdtrack.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"check", "tasks", "show", "status", "lagging", "units", "explain"} <= set(names)
    for name in names:
        result = cli(name, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.output, name
        assert f"`{name}" in readme, name
