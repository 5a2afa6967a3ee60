"""The plan itself: `tasks`, `show`, `schema`, `codeowners`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdtrack.cli import opening
from gdtrack.cli.options import (
    CatalogueOpt,
    FormatOpt,
    Lang,
    LangOpt,
    OutputOpt,
    PlanOpt,
    ProgressOpt,
    SchemaKind,
    UnitOpt,
    app,
    command_help,
    opt,
)
from gdtrack.cli.printing import chosen_format, fail, out, printing


@app.command(**command_help("tasks"))
def tasks(
    chapter: Annotated[int | None, typer.Option("--chapter", help=opt("tasks.chapter"))] = None,
    unit: UnitOpt = None,
    fmt: FormatOpt("table", "markdown", "csv", "json") = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
) -> None:
    """List the plan's tasks."""
    from gdtrack.views.catalogue import tasks_grid, tasks_json
    from gdtrack.views.output import emit_grid, emit_json

    kind = chosen_format(fmt, "tasks", "table", "markdown", "csv", "json")
    repo = opening.repository(plan, catalogue, None, with_progress=False)
    chosen = opening.tasks(repo, unit, chapter)
    with printing(output):
        if kind == "json":
            emit_json(tasks_json(chosen))
        else:
            emit_grid(tasks_grid(chosen, lang.value), kind)


@app.command(**command_help("show"))
def show(
    task_id: Annotated[int, typer.Argument(metavar="ID", help=opt("show.task_id"))],
    fmt: FormatOpt("table", "json") = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
) -> None:
    """Show one task and its indicators."""
    from gdtrack.views.catalogue import show_task, task_json
    from gdtrack.views.output import emit_json

    kind = chosen_format(fmt, "show", "table", "json")
    cat = opening.repository(plan, catalogue, None, with_progress=False).catalogue
    task = next((t for t in cat.tasks if t.id == task_id), None)
    if task is None:
        fail("cli.no_task", "cli.task_hint", n=task_id,
             hint_values={"first": cat.tasks[0].id, "last": cat.tasks[-1].id})
    with printing(output):
        if kind == "json":
            emit_json(task_json(cat, task))
        else:
            show_task(cat, task, lang.value)


@app.command(**command_help("schema"))
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help=opt("schema.kind"))],
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
) -> None:
    """The JSON Schema of catalogue or progress files."""
    from gdtrack.models import json_schema

    del lang  # it sets the language of messages, through its callback
    with printing(output):
        out(json_schema(kind.value))


@app.command(**command_help("codeowners"))
def codeowners(
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """A CODEOWNERS block for the units' progress files."""
    from gdtrack.views.files import codeowners as codeowners_text

    del lang  # it sets the language of messages, through its callback
    repo = opening.repository(plan, catalogue, progress)
    with printing(output):
        files = {unit: repo.from_root(Path(path)) for unit, path in repo.workspace.unit_files.items()}
        out(codeowners_text(repo.catalogue, files, repo.from_root(repo.located.progress)))
