"""Process set-up for a fast command, done once before typer runs: the cyclic garbage collector runs less often,
pydantic's plugins are off, and their search is skipped.

A gdtrack command is a short process that builds many small objects (a province's plan: millions) and almost no
reference cycles. With CPython's default thresholds the cyclic collector walks them over and over: at ×100 in
the benchmark that was half of `check`'s time. Collecting young objects every 200,000 allocations instead of
every 700 (the setting mypy uses for the same reason) halves it, with the same peak memory.

pydantic looks for plugins (``pydantic`` entry points of every installed distribution) the first time it builds a
validator. gdtrack uses none, and typer switches them off for its own validators the same way, with
``PYDANTIC_DISABLE_PLUGINS``. Switched off, pydantic's loader answers "no plugins" without looking; but the
module that holds it imports ``importlib.metadata`` first (email, zipfile, csv …: about 12 ms, a twentieth of
a `status` run). So when plugins are off, gdtrack gives pydantic a loader module that gives the same answer
without that import. Any other name asked of it is served by pydantic's real loader, imported then.

Someone who sets ``PYDANTIC_DISABLE_PLUGINS`` to anything else (to keep a plugin) gets pydantic's own loader.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import MutableMapping
from types import ModuleType
from typing import Any

LOADER = "pydantic.plugin._loader"
_OFF = ("__all__", "1", "true")  # the values for which pydantic's get_plugins returns () without looking
GC_THRESHOLD = (200_000, 30, 30)


def prepare(environ: MutableMapping[str, str] = os.environ) -> None:
    gc.set_threshold(*GC_THRESHOLD)
    environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if environ["PYDANTIC_DISABLE_PLUGINS"] in _OFF and LOADER not in sys.modules:
        sys.modules[LOADER] = _NoPlugins(LOADER)


class _NoPlugins(ModuleType):
    @staticmethod
    def get_plugins(*_args: Any, **_kwargs: Any) -> tuple[()]:
        return ()

    def __getattr__(self, name: str) -> Any:  # anything else: pydantic's real loader, from now on
        import importlib

        if name.startswith("__"):  # the import system probing (__path__, …): a plain module has none of these
            raise AttributeError(name)
        if sys.modules.get(LOADER) is self:
            del sys.modules[LOADER]
        return getattr(importlib.import_module(LOADER), name)
