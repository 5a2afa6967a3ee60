"""Reading the plan at a date: `status`, `lagging`, `units`, `explain`, `history`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdtrack.cli import opening
from gdtrack.cli.options import READ, VIEW_FORMATS, By, Run, SortBy, command, indicator_arg, opt
from gdtrack.cli.printing import printing, refused

ONE_GOAL = ("as_of", "lang", "output", "catalogue", "plan", "progress")


@command("status", takes=READ, formats=VIEW_FORMATS)
def status(run: Run, by: Annotated[By, typer.Option("--by", help=opt("status.by"))] = By.indicator) -> None:
    """Completion against 序时进度, per goal or rolled up."""
    from gdtrack.views.screens import status_screen

    repo, snap = opening.read(run)
    carried = repo.open_goals(snap, opening.cache()) if run.chapter is None else []
    with printing(run.output):
        status_screen(snap, run.format, by.value, run.lang, repo.skipped, carried)


@command("lagging", takes=READ, formats=VIEW_FORMATS)
def lagging(run: Run, sort: Annotated[SortBy, typer.Option("--sort", help=opt("lagging.sort"))] = SortBy.gap) -> None:
    """滞后事项: lagging, behind and unreported goals."""
    from gdtrack.views.screens import lagging_screen

    repo, snap = opening.read(run)
    with printing(run.output):
        lagging_screen(snap, run.format, sort is SortBy.shortfall, run.lang, repo.skipped)


@command("units", takes=tuple(k for k in READ if k not in ("unit", "chapter")), formats=VIEW_FORMATS)
def units(run: Run) -> None:
    """Each lead unit's reporting and completion."""
    from gdtrack.views.screens import units_screen

    repo, snap = opening.read(run, git_days=True)
    with printing(run.output):
        units_screen(snap, run.format, run.lang, repo.skipped)


@command("explain", takes=ONE_GOAL)
def explain(run: Run, indicator_id: indicator_arg("44.4")) -> None:
    """How one indicator's status was reached."""
    from gdtrack.views.screens import explain_screen

    _, snap = opening.read(run)
    opening.result(snap, indicator_id, "44.4")
    with printing(run.output):
        explain_screen(snap, indicator_id, run.lang)


@command("history", takes=(*ONE_GOAL, "fmt"), formats=("table", "json"))
def history(
    run: Run,
    indicator_id: indicator_arg("7.1"),
    revisions: Annotated[bool, typer.Option("--revisions", help=opt("history.revisions"))] = False,
) -> None:
    """One goal's reported values against the pace line."""
    from gdtrack.views.screens import history_screen

    repo, snap = opening.read(run)
    result = opening.result(snap, indicator_id, "7.1")
    changes = _revisions(repo.workspace.unit_files.get(result.owner), indicator_id) if revisions else None
    with printing(run.output):
        history_screen(snap, indicator_id, run.format, run.lang, changes)


def _revisions(shown: str | None, indicator_id: str) -> list:
    """Each git revision of the figures of `indicator_id` in its owner's progress file."""
    from gdtrack.repository.revisions import GitError, figure_revisions

    if shown is None:
        return []
    try:
        return figure_revisions(Path(shown), indicator_id)
    except GitError as exc:
        refused(exc, code=2)
