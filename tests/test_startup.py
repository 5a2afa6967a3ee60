"""gdtrack.startup: pydantic's plugins are off unless the user says otherwise, and then their search is skipped;
validation is unchanged. Each case runs in a fresh interpreter, as the CLI does."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import CATALOGUE

PROBE = """
import sys
from gdtrack import startup
startup.prepare()
from gdtrack.loading import load
from gdtrack.models import Catalogue
assert load(sys.argv[1], Catalogue).ok  # a validator was built and used
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
