"""`gdtrack check`: the data repository's CI gate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdtrack.cli.opening import stop, where
from gdtrack.cli.options import (
    CatalogueOpt,
    FormatOpt,
    Lang,
    LangOpt,
    OutputOpt,
    PlanOpt,
    ProgressOpt,
    app,
    command_help,
    opt,
)
from gdtrack.cli.printing import chosen_format, echo, fail_text, parse_date, printing


@app.command(**command_help("check"))
def check(
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
    source: Annotated[Path | None, typer.Option("--source", "-s", help=opt("check.source"))] = None,
    fmt: FormatOpt("text", "json", "github") = None,
    strict: Annotated[bool, typer.Option("--strict", help=opt("check.strict"))] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD", help=opt("check.as_of"))] = None,
    require_reports: Annotated[bool, typer.Option("--require-reports", help=opt("check.require_reports"))] = False,
    select: Annotated[list[str] | None, typer.Option("--select", metavar="CODE", help=opt("check.select"))] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", metavar="CODE", help=opt("check.ignore"))] = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    against: Annotated[str | None, typer.Option("--against", metavar="REF", help=opt("check.against"))] = None,
) -> None:
    """Validate the catalogue and the progress files."""
    from gdtrack.repository.gate import run_gate
    from gdtrack.repository.opened import RepositoryError
    from gdtrack.repository.revisions import GitError
    from gdtrack.views.gate import gate_footer
    from gdtrack.views.problems import format_github, format_json, format_text

    kind = chosen_format(fmt, "check", "text", "json", "github")
    query = parse_date(as_of) if as_of else None
    try:
        gate = run_gate(where(plan, catalogue, progress), source=source, as_of=query, require_reports=require_reports,
                        against=against, select=select, ignore=ignore, strict=strict)
    except RepositoryError as exc:
        stop(exc)
    except GitError as exc:
        fail_text(str(exc), exc.hint, code=2)
    diags = gate.diagnostics
    with printing(output):
        if kind == "json":
            echo(format_json(diags))
        elif diags and kind == "github":
            echo(format_github(diags))
        elif kind == "text":
            if diags:
                echo(format_text(diags, gate.workspace.source_lines(), lang.value))
            echo("\n".join(gate_footer(gate, gate.workspace.catalogue_path, lang.value)))
    if gate.failed:
        raise typer.Exit(1)
