"""The commands, grouped by what they serve, each declared in the module named for its group (WHERE). A run
imports only the module of the command it runs (`load`): `gdtrack status` needs neither the form import's nor the
documents' declarations. `gdtrack --help`, a mistyped name and shell completion load them all, listed in the order
a user meets them (WHERE's order)."""

from __future__ import annotations

import importlib

from gdtrack.cli.options import app

WHERE = {
    "check": "check", "tasks": "catalogue", "show": "catalogue", "status": "status", "lagging": "status",
    "units": "status", "explain": "status", "report": "documents", "notice": "documents", "export": "documents",
    "history": "status", "scores": "supervision", "escalations": "supervision", "remind": "supervision",
    "review": "decisions", "close": "decisions", "template": "workflow", "schema": "catalogue", "record": "workflow",
    "extend": "decisions", "import": "workflow", "codeowners": "catalogue", "draft": "setup", "init": "setup",
}
"""Each command's module (gdtrack.cli.commands.<module>), in the order `gdtrack --help` lists the commands."""
ORDER = tuple(WHERE)


def load(name: str | None = None) -> None:
    """Register the command `name` (with the others of its module) on the app; every command when `name` is None
    or not a command's name."""
    modules = [WHERE[name]] if name in WHERE else list(dict.fromkeys(WHERE.values()))
    for module in modules:
        importlib.import_module(f"{__name__}.{module}")
    app.registered_commands.sort(key=lambda c: ORDER.index(c.name or c.callback.__name__))
