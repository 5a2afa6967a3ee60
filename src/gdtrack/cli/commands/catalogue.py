"""The plan itself: `tasks`, `show`, `schema`, `codeowners`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdtrack.cli import opening
from gdtrack.cli.options import DATA, Run, SchemaKind, command, opt, unit_option
from gdtrack.cli.printing import fail, out, printing

CATALOGUE_ONLY = ("catalogue", "plan")


@command("tasks", takes=("unit", "fmt", "lang", "output", *CATALOGUE_ONLY),
         formats=("table", "markdown", "csv", "json"), unit=unit_option("tasks.unit"))
def tasks(run: Run, chapter: Annotated[int | None, typer.Option("--chapter", help=opt("tasks.chapter"))] = None
          ) -> None:
    """List the plan's tasks."""
    from gdtrack.views.catalogue import tasks_grid, tasks_json
    from gdtrack.views.output import emit_grid, emit_json

    repo = opening.repository(run.plan, run.catalogue, None, with_progress=False)
    chosen = opening.guarded(lambda: repo.tasks(run.unit, chapter))
    with printing(run.output):
        if run.format == "json":
            emit_json(tasks_json(chosen))
        else:
            emit_grid(tasks_grid(chosen, run.lang), run.format)


@command("show", takes=("fmt", "lang", "output", *CATALOGUE_ONLY), formats=("table", "json"))
def show(run: Run, task_id: Annotated[int, typer.Argument(metavar="ID", help=opt("show.task_id"))]) -> None:
    """Show one task and its indicators."""
    from gdtrack.views.catalogue import show_task, task_json
    from gdtrack.views.output import emit_json

    cat = opening.repository(run.plan, run.catalogue, None, with_progress=False).catalogue
    task = next((t for t in cat.tasks if t.id == task_id), None)
    if task is None:
        fail("cli.no_task", "cli.task_hint", n=task_id,
             hint_values={"first": cat.tasks[0].id, "last": cat.tasks[-1].id})
    with printing(run.output):
        if run.format == "json":
            emit_json(task_json(cat, task))
        else:
            show_task(cat, task, run.lang)


@command("schema", takes=("lang", "output"))
def schema(run: Run, kind: Annotated[SchemaKind, typer.Argument(help=opt("schema.kind"))]) -> None:
    """The JSON Schema of catalogue, progress or nodes files."""
    from gdtrack.models import json_schema

    with printing(run.output):
        out(json_schema(kind.value))


@command("codeowners", takes=("lang", "output", *DATA))
def codeowners(run: Run) -> None:
    """A CODEOWNERS block for the units' progress files."""
    from gdtrack.views.files import codeowners as codeowners_text

    repo = opening.repository(run.plan, run.catalogue, run.progress)
    with printing(run.output):
        files = {unit: repo.from_root(Path(path)) for unit, path in repo.workspace.unit_files.items()}
        out(codeowners_text(repo.catalogue, files, repo.from_root(repo.located.progress)))
