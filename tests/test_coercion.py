"""gdtrack.cli.coercion: the options are read without pydantic, exactly as typer reads them, and the daily run on
cached files imports neither pydantic nor YAML, openpyxl or python-docx. Runs of the CLI are fresh interpreters,
as a user's are."""

from __future__ import annotations

import enum
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

RUN = """
import sys
import gdtrack.cli
if sys.argv[1] == "typer":  # typer reads every option itself
    import gdtrack.cli.coercion
    gdtrack.cli.coercion.install = lambda: False
sys.argv = ["gdtrack", *sys.argv[2:]]
try:
    gdtrack.cli.main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
loaded = sorted(m for m in ("pydantic", "yaml", "openpyxl", "docx") if m in sys.modules)
print("exit", code, "loaded", loaded, file=sys.stderr)
"""


def run(how: str, *args: str, cache: Path | str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDTRACK_")} | {"GDTRACK_CACHE": str(cache)}
    return subprocess.run([sys.executable, "-c", RUN, how, *args], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT, env=env)


def test_the_daily_run_imports_no_pydantic_yaml_openpyxl_or_docx_cached_or_not(tmp_path):
    first = run("here", "status", "--as-of", "2023-09-30", cache=tmp_path / "cache")  # reads and validates
    again = run("here", "status", "--as-of", "2023-09-30", cache=tmp_path / "cache")  # every file from the cache
    cold = run("here", "status", "--as-of", "2023-09-30", cache="off")  # reads and validates, keeps nothing
    gate = run("here", "check", "--ignore", "no-evidence", "--ignore", "no-baseline", cache="off")  # the CI gate
    # its two warnings (no-baseline) say their lines: PyYAML composes the catalogue for them, pydantic is not needed
    assert gate.stderr.splitlines()[-1] == "exit 0 loaded ['yaml']", gate.stdout + gate.stderr
    for one in (first, again, cold):
        assert one.stderr.splitlines()[-1] == "exit 0 loaded []", one.stderr
    assert again.stdout == first.stdout == cold.stdout and "区经济发展局" in again.stdout


def test_a_file_with_a_problem_is_worded_by_pydantic(tmp_path):
    folder = tmp_path / "progress"
    folder.mkdir()
    for path in (ROOT / "data" / "progress").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    broken = folder / "区财政局.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("unit: 区财政局", "unit: 区财政局\nunits: 1", 1),
                      encoding="utf-8")
    out = run("here", "check", "-p", str(folder), cache="off")
    assert out.stderr.splitlines()[-1] == "exit 1 loaded ['pydantic', 'yaml']", out.stderr  # YAML: for its line
    assert "区财政局.yaml:4:1" in out.stdout + out.stderr and "units" in out.stdout + out.stderr


@pytest.mark.parametrize("args", [
    ["status", "--chapter", "三"], ["status", "--chapter", "-1"], ["status", "--chapter", "3.0"],
    ["status", "--lang", "fr"], ["status", "--format", "pdf"], ["status", "--catalogue", ""],
    ["lagging", "--chapter", "x"], ["explain", "--lang", "EN", "7.1", "--as-of", "2023-09-30"],
])
def test_a_value_typer_would_refuse_gets_typers_own_message(args, tmp_path):
    ours = run("here", *args, cache=tmp_path / "a")
    typers = run("typer", *args, cache=tmp_path / "b")
    assert ours.returncode == typers.returncode
    assert ours.stderr.splitlines()[:-1] == typers.stderr.splitlines()[:-1]
    assert ours.stderr.splitlines()[-1].startswith(f"exit {typers.stderr.splitlines()[-1].split()[1]} ")
    assert ours.stdout == typers.stdout


def _params():
    import typer

    from gdtrack.cli import app

    group = typer.main.get_command(app)
    for name, command in sorted(group.commands.items()):
        for param in command.params:
            yield name, command, param


SAMPLES = {"text": ["区经济发展局", "", " 7.1 ", "2023-09-30"], "flag": [True, False],
           "number": ["3", "0", "12", 7, "2023", "1899", "1900"],
           "texts": [["E101"], ["E101", "W201"], [""], ("a", "b"), []],
           "paths": [["a.pdf"], ["证明/批复.pdf", "z"], [], (Path("q"),)],
           "path": ["data/tasks_2023.yaml", "进度/区经济发展局.yaml", Path("x")]}


def test_every_option_gdtrack_reads_is_read_as_typer_reads_it():
    from typer._click import Context
    from typer._click.exceptions import BadParameter
    from typer._coercion import TypeDescriptor, build_runtime_param

    from gdtrack.cli.coercion import kind_of, read

    seen: dict[str, int] = {}
    for name, command, param in _params():
        desc = param.type_descriptor
        kind = kind_of(desc.annotation, desc.parameter_info) if desc.file_annotation is None else None
        if kind is None:
            continue
        seen[kind] = seen.get(kind, 0) + 1
        ctx = Context(command, info_name=name)
        typers = build_runtime_param(TypeDescriptor(desc.annotation, desc.parameter_info, None))
        values = [*desc.annotation, *(m.value for m in desc.annotation), "zz"] if kind == "choice" \
            else SAMPLES[kind]
        for value in values:
            try:
                expected = typers._coerce_value(value, param=param, ctx=ctx)
            except BadParameter:  # refused: left to typer, which says so
                with pytest.raises(LookupError):
                    read(kind, desc.annotation, desc.parameter_info, value, ctx, param)
                continue
            got = read(kind, desc.annotation, desc.parameter_info, value, ctx, param)
            assert (type(got), got) == (type(expected), expected), (name, param.name, value)
    assert set(seen) == {"text", "flag", "number", "path", "choice", "texts", "paths"}  # each met by some option
    assert sum(seen.values()) > 100


def test_values_read_otherwise_are_left_to_typer():
    from typer.models import OptionInfo

    from gdtrack.cli.coercion import kind_of, read

    info = OptionInfo()
    for kind, annotation, value in [("number", int, "-1"), ("number", int, " 3"), ("number", int, "٣"),
                                    ("number", int, True), ("path", Path, ""), ("text", str, b"x"),
                                    ("flag", bool, "yes"), ("texts", list[str], ["x", 1]),
                                    ("texts", list[str], "x"), ("paths", list[Path], [""]),
                                    ("paths", list[Path], "a.pdf")]:
        with pytest.raises(LookupError):
            read(kind, annotation, info, value, None, None)
    assert kind_of(int, OptionInfo(min=1)) == "number"  # read here within its bounds, by typer outside them
    with pytest.raises(LookupError):
        read("number", int, OptionInfo(min=1900), "1899", None, None)
    assert kind_of(Path, OptionInfo(path_type=str)) is None
    assert kind_of(list[str], info) == "texts"
    assert kind_of(list[int], info) is None
    assert kind_of(list[Path], info) == "paths"
    assert kind_of(enum.Enum("E", {"a": "a"}, type=str), info) == "choice"
