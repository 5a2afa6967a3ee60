"""The `gdtrack` command line: it only wires. Each command maps its options to one library call
(gdtrack.repository.opened, gdtrack.repository.gate …) and one render call (gdtrack.views); nothing else lives here.

    options.py    the app and every option, declared once; each command's formats
    printing.py   the run's language, errors and warnings, stdout or -o FILE
    opening.py    the plan a command works on, opened once, evaluated once (the snapshot)
    commands/     the commands, grouped by what they serve (catalogue, check, status, supervision, documents,
                  workflow, setup)

Imports beyond typer happen inside the commands, so `gdtrack --version` starts as fast as typer does, and a run
declares only the commands of the module it runs (gdtrack.cli.commands.load). `app` here is the whole app, every
command declared (the first time it is asked for).
"""

import sys
from typing import Annotated

import typer

from gdtrack import __version__
from gdtrack.cli import commands, opening, startup
from gdtrack.cli.options import HELP_LANG, help_lang, opt
from gdtrack.cli.options import app as _app

__all__ = ["HELP_LANG", "app", "commands", "help_lang", "main"]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gdtrack {__version__}")
        raise typer.Exit()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the app with every command (a test, a program): declared now, once
        commands.load()
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@_app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=opt("version"))] = False,
) -> None:
    del version  # handled by its callback
    opening.cache.cache_clear()  # one cache per run (and per test that runs the app in the same process)


def main() -> None:
    startup.prepare()  # fewer GC passes; pydantic's plugins off, and their search skipped (not at import: a
    # program or test that imports gdtrack.cli keeps its own settings)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            if stream.isatty():
                stream.reconfigure(errors="replace")  # a GBK console must not crash on a symbol
            else:  # redirected to a file or a pipe: UTF-8 whatever the console's code page (GBK on Chinese Windows)
                stream.reconfigure(encoding="utf-8")
    from gdtrack.cli import coercion
    from gdtrack.cli.clickwords import install

    install(help_lang())  # click's and typer's own words (Usage, Options, No such option …) in the run's language
    coercion.install()  # options read without pydantic, as typer reads them
    _only_the_command_run(sys.argv[1:])
    from gdtrack.cli.printing import OutputFailed, finish_output, guard_stdout, output_failed

    guard_stdout()
    try:
        try:
            _app()
        finally:
            finish_output()  # a full disk or a file-size limit said now, not lost at exit
    except OutputFailed as exc:
        output_failed(exc)
    except Exception as exc:  # noqa: BLE001 - the last guard: a fault of gdtrack's is one message, not a traceback
        from gdtrack.cli.printing import internal_error

        internal_error(exc)


def _only_the_command_run(args: list[str]) -> None:
    """Start-up: typer builds a click command, with every option, for each registered command before it parses
    anything — for 20 commands about 40 ms of each run. When the command run is plain to see (`gdtrack status …`),
    only its module is imported and only that command built; `--version` declares none; `--help`, a mistyped name
    and shell completion see them all."""
    import os

    if args == ["--version"]:  # nothing to declare or build: the root's eager option answers
        return
    if not args or args[0].startswith("-") or any(k.startswith("_GDTRACK_COMPLETE") for k in os.environ):
        commands.load()
        return
    commands.load(args[0])
    chosen = [c for c in _app.registered_commands if (c.name or c.callback.__name__.replace("_", "-")) == args[0]]
    if len(chosen) == 1:
        _app.registered_commands[:] = chosen
