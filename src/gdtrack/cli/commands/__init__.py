"""The commands, grouped by what they serve; importing this package registers them all on the app, listed in
`gdtrack --help` in the order a user meets them (ORDER)."""

from gdtrack.cli.commands import catalogue, check, decisions, documents, setup, status, supervision, workflow
from gdtrack.cli.options import app

__all__ = ["ORDER", "catalogue", "check", "decisions", "documents", "setup", "status", "supervision", "workflow"]

ORDER = ("check", "tasks", "show", "status", "lagging", "units", "explain", "report", "notice", "export", "history",
         "scores", "escalations", "remind", "review", "close", "template", "schema", "record", "extend", "import",
         "codeowners", "draft", "init")

app.registered_commands.sort(key=lambda c: ORDER.index(c.name or c.callback.__name__))
