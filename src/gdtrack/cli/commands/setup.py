"""Starting out: `draft` (a catalogue from a plan's text) and `init` (a data repository, or its next plan)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdtrack.cli.options import Run, command, opt
from gdtrack.cli.printing import echo, fail, fail_said, out, problems, write_output
from gdtrack.words import Lang as LangCode
from gdtrack.words import word
from gdtrack.words.foreign import os_reason

Year = Annotated[int | None, typer.Option("--year", min=1900, max=2200, help=opt("draft.year"))]


def _drafted(source: Path, year: int | None, lang: LangCode, shown: str):
    """The draft of the plan in `source`: (the draft, its YAML, the diagnostics of checking it as `shown`)."""
    from gdtrack.diagnostics import LoadError
    from gdtrack.drafting import DraftError
    from gdtrack.drafting import draft as make_draft
    from gdtrack.drafting.emit import catalogue_yaml
    from gdtrack.drafting.review import verify
    from gdtrack.files.documents import plan_text

    if not source.is_file():
        fail("cli.source_missing", "cli.draft_source_hint", path=source)
    try:
        text = plan_text(source)
    except LoadError as exc:
        problems([exc.diagnostic])
        raise typer.Exit(1) from None
    try:
        result = make_draft(text, year, lang)
    except DraftError as exc:
        from gdtrack.words import Message

        fail_said(Message("cli.draft_failed", path=source, why=exc.said), exc.advice)
    yaml_text = catalogue_yaml(result, source.name)
    valid, diags = verify(yaml_text, shown, text, str(source))
    if not valid:  # a bug of the drafter, never the user's: say so, write nothing
        problems(diags)
        fail("cli.draft_invalid", "cli.draft_invalid_hint", code=1)
    return result, yaml_text, diags


@command("draft", takes=("lang",))
def draft(
    run: Run,
    source: Annotated[Path, typer.Argument(metavar="SOURCE", help=opt("draft.source"))],
    output: Annotated[Path | None, typer.Option("--output", "-o", help=opt("draft.output"))] = None,
    year: Year = None,
    report: Annotated[bool, typer.Option("--report", help=opt("draft.report"))] = False,
    force: Annotated[bool, typer.Option("--force", help=opt("draft.force"))] = False,
) -> None:
    """Draft a catalogue from a published plan (.txt, .docx or .xlsx)."""
    from gdtrack.drafting.review import missing, report_lines, summary

    if output is not None and output.exists() and not force and source.is_file():
        fail("cli.exists", "cli.draft_exists_hint", path=output)
    result, yaml_text, diags = _drafted(source, year, run.lang, str(output) if output is not None else "<draft>")
    if report:
        echo("\n".join(report_lines(result)))
    if output is not None:
        write_output(output, yaml_text, replaces_data=force)
    elif not report:
        out(yaml_text)
    for line in missing(result):
        typer.echo(word("cli.warning", "en", message=line), err=True)
    shown = [d for d in diags if d.code not in ("review", "no-baseline")  # reported above, or expected
             and not (d.loc == ("plan", "document_number") and result.plan.document_number is None)]
    if shown:
        problems(shown)
    typer.echo(summary(result), err=True)


@command("init", takes=("lang",))
def init(
    run: Run,
    folder: Annotated[Path, typer.Argument(metavar="DIR", help=opt("init.folder"))] = Path("."),
    source: Annotated[Path | None, typer.Option("--from", metavar="SOURCE.txt", help=opt("init.from"))] = None,
    year: Annotated[int | None, typer.Option("--year", min=1900, max=2200, help=opt("init.year"))] = None,
) -> None:
    """Start a data repository, or add the next plan to one."""
    import datetime as dt

    from gdtrack.views.files import init_lines

    drafted = _drafted(source, year, run.lang, "<draft>") if source is not None else None
    name = str(year or (drafted[0].plan.period_start.year if drafted else dt.date.today().year))
    made = _scaffold(folder, name, drafted[1] if drafted else None)
    echo("\n".join(init_lines(made, name, run.lang)))
    if drafted is not None and made.catalogue.is_file():
        from gdtrack.drafting.review import summary

        typer.echo(summary(drafted[0]), err=True)
        echo(word("init.next_review", run.lang, catalogue=_shown(made.catalogue), source=source))


def _shown(path: Path) -> str:
    import os

    return os.path.relpath(path)


def _scaffold(folder: Path, name: str, catalogue_text: str | None):
    """The data repository's files made (or the plan added to its gdtrack.toml), with its CODEOWNERS."""
    from gdtrack.checks.workspace import open_workspace
    from gdtrack.files.project import ProjectError
    from gdtrack.repository.scaffold import CODEOWNERS, add_files, new, start
    from gdtrack.views.files import codeowners as codeowners_text

    try:
        made = start(folder, name)
        add_files(made, catalogue_text)
        owners = made.root / CODEOWNERS
        ws = open_workspace(made.catalogue) if made.catalogue.is_file() and not owners.exists() else None
        if ws is not None and ws.catalogue is not None:
            new(made, owners, codeowners_text(ws.catalogue, {}, made.progress.relative_to(made.root).as_posix()))
    except ProjectError as exc:
        fail(exc.key, exc.hint, hint_values=exc.values, **exc.values)
    except OSError as exc:
        fail("cli.cannot_write", "cli.write_hint", code=1, path=folder, why=os_reason(exc))
    return made
