"""gdtrack.cli.startup: pydantic's plugins are off unless the user says otherwise, and then their search is skipped;
validation is unchanged. Each case runs in a fresh interpreter, as the CLI does."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import CATALOGUE

PROBE = """
import sys
from gdtrack.cli import startup
startup.prepare()
from gdtrack.files.loading import adapter, parse
from gdtrack.models import Catalogue
data = parse(open(sys.argv[1], encoding="utf-8").read(), "catalogue", 1_000_000)
assert adapter(Catalogue).validate_python(data)  # pydantic's validator was built and used (a file with a problem)
loader = sys.modules["pydantic.plugin._loader"]
print(type(loader).__name__, "importlib.metadata" in sys.modules, list(loader.get_plugins()))
from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP  # any other name: the real loader
print(PYDANTIC_ENTRY_POINT_GROUP, type(sys.modules["pydantic.plugin._loader"]).__name__)
"""


def probe(**env: str) -> list[str]:
    base = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    r = subprocess.run([sys.executable, "-c", PROBE, str(CATALOGUE)], capture_output=True, text=True,
                       env=base | env)
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


def test_plugins_off_by_default_without_searching_for_them():
    searched, real = probe()
    assert searched == "_NoPlugins False []"  # no entry-point search, so no importlib.metadata
    assert real == "pydantic module"


@pytest.mark.parametrize("setting", ["1", "true", "__all__"])
def test_every_way_of_saying_off_skips_the_search(setting):
    assert probe(PYDANTIC_DISABLE_PLUGINS=setting)[0] == "_NoPlugins False []"


def test_a_user_who_keeps_some_plugins_gets_pydantics_own_loader():
    searched, _ = probe(PYDANTIC_DISABLE_PLUGINS="some_plugin")
    assert searched.startswith("module True")  # pydantic's loader, which searched the entry points


ENTRY = """
import gc, os, sys
before = gc.get_threshold()
import gdtrack.cli
imported = (gc.get_threshold() == before, "PYDANTIC_DISABLE_PLUGINS" in os.environ)
sys.argv = ["gdtrack", "--version"]
try:
    gdtrack.cli.main()
except SystemExit:
    pass
print(imported, (gc.get_threshold(), os.environ.get("PYDANTIC_DISABLE_PLUGINS")))
"""


def test_the_entry_point_prepares_the_process_and_importing_the_cli_does_not():
    base = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    r = subprocess.run([sys.executable, "-c", ENTRY], capture_output=True, text=True, env=base)
    assert r.returncode == 0, r.stderr
    imported, ran = r.stdout.splitlines()[-1].split(") (", 1)
    assert imported == "(True, False"  # CPython's defaults, untouched by `import gdtrack.cli`
    assert ran == "(200000, 30, 30), '__all__')"


LOADED = """
import sys
import gdtrack.cli
sys.argv = ["gdtrack", *sys.argv[1:]]
try:
    gdtrack.cli.main()
except SystemExit:
    pass
print(sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("gdtrack.cli.commands.")), file=sys.stderr)
"""


@pytest.mark.parametrize(("args", "modules"), [
    (["--version"], []),
    (["status", "--help"], ["status"]),
    (["import", "--help"], ["workflow"]),
    (["--help"], ["catalogue", "check", "decisions", "documents", "setup", "status", "supervision", "workflow"]),
    (["statu"], ["catalogue", "check", "decisions", "documents", "setup", "status", "supervision", "workflow"]),
])
def test_a_run_declares_only_the_module_of_the_command_it_runs(args, modules):
    r = subprocess.run([sys.executable, "-c", LOADED, *args], capture_output=True, text=True, encoding="utf-8")
    assert r.stderr.splitlines()[-1] == repr(modules), r.stderr


def test_every_command_is_where_the_table_says_and_help_lists_them_in_its_order():
    from gdtrack.cli import app
    from gdtrack.cli.commands import WHERE

    declared = {c.name: c.callback.__module__.rsplit(".", 1)[1] for c in app.registered_commands}
    assert declared == WHERE
    assert [c.name for c in app.registered_commands] == list(WHERE)
