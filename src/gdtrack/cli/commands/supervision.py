"""督办: `escalations` (the 督办清单) and `remind` (催报)."""

from __future__ import annotations

from gdtrack.cli import opening
from gdtrack.cli.options import (
    VIEW_FORMATS,
    AsOfOpt,
    CatalogueOpt,
    FormatOpt,
    Lang,
    LangOpt,
    OutputOpt,
    PlanOpt,
    ProgressOpt,
    UnitOpt,
    app,
    command_help,
)
from gdtrack.cli.printing import chosen_format, printing


@app.command(**command_help("escalations"))
def escalations(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    fmt: FormatOpt(*VIEW_FORMATS) = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """督办清单: goals lagging at consecutive period ends, by level."""
    from gdtrack.views.screens import escalations_screen

    kind = chosen_format(fmt, "escalations", *VIEW_FORMATS)
    snap = opening.snapshot(opening.repository(plan, catalogue, progress), as_of, unit)
    with printing(output):
        escalations_screen(snap, kind, lang.value)


@app.command(**command_help("remind"))
def remind(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    fmt: FormatOpt("text", "markdown", "json") = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """催报: a message per unit with goals not reported this period."""
    from gdtrack.views.screens import reminders_screen

    kind = chosen_format(fmt, "remind", "text", "markdown", "json")
    snap = opening.snapshot(opening.repository(plan, catalogue, progress), as_of, unit)
    with printing(output):
        reminders_screen(snap, kind, lang.value)
