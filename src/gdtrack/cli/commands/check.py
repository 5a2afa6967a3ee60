"""`gdtrack check`: the data repository's CI gate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdtrack.cli.opening import stop, where
from gdtrack.cli.options import DATA, Run, as_of_option, command, opt
from gdtrack.cli.printing import echo, parse_date, printing, refused

Codes = list[str] | None


@command("check", takes=("as_of", "fmt", "lang", "output", *DATA), formats=("text", "json", "github"),
         as_of=as_of_option("check.as_of"))
def check(
    run: Run,
    source: Annotated[Path | None, typer.Option("--source", "-s", help=opt("check.source"))] = None,
    strict: Annotated[bool, typer.Option("--strict", help=opt("check.strict"))] = False,
    require_reports: Annotated[bool, typer.Option("--require-reports", help=opt("check.require_reports"))] = False,
    select: Annotated[Codes, typer.Option("--select", metavar="CODE", help=opt("check.select"))] = None,
    ignore: Annotated[Codes, typer.Option("--ignore", metavar="CODE", help=opt("check.ignore"))] = None,
    against: Annotated[str | None, typer.Option("--against", metavar="REF", help=opt("check.against"))] = None,
    fail_on: Annotated[Codes, typer.Option("--fail-on", metavar="CODE", help=opt("check.fail_on"))] = None,
) -> None:
    """Validate the catalogue and the progress files."""
    from gdtrack.repository.gate import run_gate
    from gdtrack.repository.opened import RepositoryError
    from gdtrack.repository.revisions import GitError
    from gdtrack.views.gate import gate_footer
    from gdtrack.views.problems import format_github, format_json, format_text

    query = parse_date(run.as_of) if run.as_of else None
    try:
        gate = run_gate(where(run.plan, run.catalogue, run.progress), source=source, as_of=query, strict=strict,
                        require_reports=require_reports, against=against, select=select, ignore=ignore,
                        fail_on=fail_on)
    except RepositoryError as exc:
        stop(exc)
    except GitError as exc:
        refused(exc, code=2)
    diags = gate.diagnostics
    with printing(run.output):
        if run.format == "json":
            echo(format_json(diags))
        elif diags and run.format == "github":
            echo(format_github(diags, run.lang))
        elif run.format == "text":
            if diags:
                echo(format_text(diags, gate.workspace.source_lines(), run.lang, condense=not select))
            echo("\n".join(gate_footer(gate, gate.workspace.catalogue_path, run.lang)))
    if gate.failed:
        raise typer.Exit(1)
