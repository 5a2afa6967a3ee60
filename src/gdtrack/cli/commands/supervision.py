"""督办: `escalations` (the 督办清单) and `remind` (催报)."""

from __future__ import annotations

from gdtrack.cli import opening
from gdtrack.cli.options import DOCUMENT, READ, VIEW_FORMATS, Run, command
from gdtrack.cli.printing import printing

BY_UNIT = (*(k for k in READ if k != "chapter"), *DOCUMENT)


@command("escalations", takes=BY_UNIT, formats=VIEW_FORMATS)
def escalations(run: Run) -> None:
    """督办清单: goals lagging at consecutive period ends, by level."""
    from gdtrack.views.screens import escalations_screen

    _, snap = opening.read(run, document=True)
    with printing(run.output):
        escalations_screen(snap, run.format, run.lang)


@command("scores", takes=BY_UNIT, formats=VIEW_FORMATS)
def scores(run: Run) -> None:
    """考核 scores: the units ranked, each deduction with its goal, period and rule."""
    from gdtrack.views.screens import scores_screen

    _, snap = opening.read(run, document=True, git_days=True)
    with printing(run.output):
        scores_screen(snap, run.format, run.lang)


@command("remind", takes=BY_UNIT, formats=("text", "markdown", "json"))
def remind(run: Run) -> None:
    """催报: a message per unit with goals not reported this period."""
    from gdtrack.views.screens import reminders_screen

    _, snap = opening.read(run, document=True)
    with printing(run.output):
        reminders_screen(snap, run.format, run.lang)
