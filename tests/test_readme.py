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
    from gdtrack.cli import HELP_LANG, app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"check", "tasks", "show", "status", "lagging", "units", "explain"} <= set(names)
    for name in names:
        result = cli(name, "--help")
        assert result.exit_code == 0
        assert {"zh": "示例：", "en": "Example:"}[HELP_LANG] in result.output, name  # tests/test_help.py: both
        assert f"`{name}" in readme, name


def _blocks(lang: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.+?)\n```", readme)


def test_the_windows_set_up_lines_are_the_posix_ones_in_each_shell():
    posix = _blocks("sh")[:2]  # install + status, install + tests
    assert "gdtrack status" in posix[0] and "pytest" in posix[1]

    def windows(line: str, then: str) -> str:
        return (line.replace("python3 ", "py ").replace(".venv/bin/", ".venv\\Scripts\\").replace("'", '"')
                .replace(" && ", then))

    # PowerShell 5.1 has no &&; cmd.exe keeps single quotes as part of the argument
    assert _blocks("powershell")[:2] == [windows(line, "; ") for line in posix]
    assert _blocks("bat")[:2] == [windows(line, " && ") for line in posix]
    assert all("'" not in block for block in _blocks("powershell") + _blocks("bat"))


def test_the_wheel_a_clerk_installs_is_the_one_the_example_workflow_builds():
    import tomllib

    import yaml

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    wheel = f"gdtrack-{version}-py3-none-any.whl"
    assert f"py -m pip install {wheel}" in _blocks("bat")
    workflow_text = (ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8")
    assert f"py -m pip install {wheel}" in workflow_text
    steps = yaml.safe_load(workflow_text)["jobs"]["wheel"]["steps"]
    assert any("python -m build" in s.get("run", "") for s in steps)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"artifact `{upload['with']['name']}`" in readme


def test_the_system_packages_are_the_same_in_ci_and_in_the_readme():
    """.ci/run installs every Debian package the README's Development section lists, and no other."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    installed = re.search(r"^packages=\((.+)\)$", ci, re.M).group(1).split()
    section = readme.split("### System packages the full suite uses", 1)[1].split("\n### ", 1)[0]
    listed = re.findall(r"^\| `([a-z0-9-]+)`", section, re.M)
    assert sorted(listed) == sorted(installed)
    assert f"apt-get install --no-install-recommends {' '.join(installed)}" in section
    for package in installed:  # each has its comment in .ci/run saying which tests need it
        assert re.search(rf"^#\s+{package}\s+tests/", ci, re.M), package


def test_the_python_example_runs_on_the_shipped_data(monkeypatch):
    """The README's Python API example, run as written from the repository root: the library works without Typer."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Using gdtrack from Python", 1)[1]
    example = re.search(r"```python\n(.+?)\n```", section, re.S).group(1)
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GDTRACK_PLAN", raising=False)
    scope: dict = {}
    exec(compile(example, "README.md", "exec"), scope)  # noqa: S102 - the README's own example
    snap = scope["snap"]
    assert snap.unit == "区经济发展局" and snap.shown.results
    assert all(r.owner == "区经济发展局" for r in snap.shown.results)
    assert all(e.level in ("督办", "通报") for e in snap.supervised)
