"""Reading the plan at a date: `status`, `lagging`, `units`, `explain`, `history`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdtrack.cli import opening
from gdtrack.cli.options import (
    VIEW_FORMATS,
    AsOfOpt,
    By,
    CatalogueOpt,
    ChapterOpt,
    FormatOpt,
    Lang,
    LangOpt,
    OutputOpt,
    PlanOpt,
    ProgressOpt,
    SortBy,
    UnitOpt,
    app,
    command_help,
    indicator_arg,
    opt,
)
from gdtrack.cli.printing import chosen_format, fail_text, printing


@app.command(**command_help("status"))
def status(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    chapter: ChapterOpt = None,
    by: Annotated[By, typer.Option("--by", help=opt("status.by"))] = By.indicator,
    fmt: FormatOpt(*VIEW_FORMATS) = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Completion against 序时进度, per goal or rolled up."""
    from gdtrack.views.screens import status_screen

    kind = chosen_format(fmt, "status", *VIEW_FORMATS)
    repo = opening.repository(plan, catalogue, progress)
    snap = opening.snapshot(repo, as_of, unit, chapter)
    carried = repo.open_goals(snap, opening.cache()) if chapter is None else []
    with printing(output):
        status_screen(snap, kind, by.value, lang.value, repo.skipped, carried)


@app.command(**command_help("lagging"))
def lagging(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    chapter: ChapterOpt = None,
    fmt: FormatOpt(*VIEW_FORMATS) = None,
    sort: Annotated[SortBy, typer.Option("--sort", help=opt("lagging.sort"))] = SortBy.gap,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """滞后事项: lagging, behind and unreported goals."""
    from gdtrack.views.screens import lagging_screen

    kind = chosen_format(fmt, "lagging", *VIEW_FORMATS)
    repo = opening.repository(plan, catalogue, progress)
    snap = opening.snapshot(repo, as_of, unit, chapter)
    with printing(output):
        lagging_screen(snap, kind, sort is SortBy.shortfall, lang.value, repo.skipped)


@app.command(**command_help("units"))
def units(
    as_of: AsOfOpt = None,
    fmt: FormatOpt(*VIEW_FORMATS) = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Each lead unit's reporting and completion."""
    from gdtrack.views.screens import units_screen

    kind = chosen_format(fmt, "units", *VIEW_FORMATS)
    repo = opening.repository(plan, catalogue, progress)
    snap = opening.snapshot(repo, as_of)
    with printing(output):
        units_screen(snap, kind, lang.value, repo.skipped)


@app.command(**command_help("explain"))
def explain(
    indicator_id: indicator_arg("44.4"),
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """How one indicator's status was reached."""
    from gdtrack.views.screens import explain_screen

    snap = opening.snapshot(opening.repository(plan, catalogue, progress), as_of)
    opening.result(snap, indicator_id, "44.4")
    with printing(output):
        explain_screen(snap, indicator_id, lang.value)


@app.command(**command_help("history"))
def history(
    indicator_id: indicator_arg("7.1"),
    as_of: AsOfOpt = None,
    revisions: Annotated[bool, typer.Option("--revisions", help=opt("history.revisions"))] = False,
    fmt: FormatOpt("table", "json") = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """One goal's reported values against the pace line."""
    from gdtrack.views.screens import history_screen

    kind = chosen_format(fmt, "history", "table", "json")
    repo = opening.repository(plan, catalogue, progress)
    snap = opening.snapshot(repo, as_of)
    result = opening.result(snap, indicator_id, "7.1")
    changes = _revisions(repo.workspace.unit_files.get(result.owner), indicator_id) if revisions else None
    with printing(output):
        history_screen(snap, indicator_id, kind, lang.value, changes)


def _revisions(shown: str | None, indicator_id: str) -> list:
    """Each git revision of the figures of `indicator_id` in its owner's progress file."""
    from gdtrack.repository.revisions import GitError, figure_revisions

    if shown is None:
        return []
    try:
        return figure_revisions(Path(shown), indicator_id)
    except GitError as exc:
        fail_text(str(exc), exc.hint, code=2)
