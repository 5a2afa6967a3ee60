"""The office's decisions: `review` (审核 a report, or decide a request for more time), `extend` (a unit asks for
more time) and `close` (销号)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdtrack.cli import opening
from gdtrack.cli.completion import complete_indicator, complete_unit
from gdtrack.cli.options import DATA, Run, command, opt
from gdtrack.cli.printing import echo, fail, parse_date, printing


def _when(day: str | None):
    return None if day is None else parse_date(day, "--date")


@command("review", takes=("fmt", "lang", *DATA), formats=("table", "markdown", "csv", "json"))
def review(
    run: Run,
    unit: Annotated[str | None, typer.Argument(help=opt("review.unit"), autocompletion=complete_unit)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD", help=opt("review.as_of"))] = None,
    accept: Annotated[bool, typer.Option("--accept", help=opt("review.accept"))] = False,
    send_back: Annotated[str | None, typer.Option("--return", metavar="REASON", help=opt("review.return"))] = None,
    extension: Annotated[str | None, typer.Option("--extension", metavar="ID", help=opt("review.extension"),
                                                  autocompletion=complete_indicator)] = None,
    by: Annotated[str | None, typer.Option("--by", help=opt("review.by"))] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help=opt("review.date"))] = None,
) -> None:
    """审核: accept a unit's report or send it back; decide a request for more time; without a decision, list
    what awaits review."""
    from gdtrack.repository.decisions import decide_extension, review_report
    from gdtrack.views.decisions import decided_line

    deciding = accept or send_back is not None
    if accept and send_back is not None:
        fail("review.both", "review.both_hint")
    repo = opening.repository(run.plan, run.catalogue, run.progress)
    if not deciding:
        import datetime as dt

        from gdtrack.views.screens import awaiting_screen

        name = None if unit is None else opening.guarded(lambda: repo.unit(unit))
        day = parse_date(date, "--date") if date else dt.date.today()
        reports, asks = repo.office(day).awaiting(repo.progress, name)
        with printing(run.output):
            awaiting_screen(repo.catalogue, day, reports, asks, run.format, run.lang)
        return
    if unit is None:
        fail("review.no_unit", "review.no_unit_hint")
    if extension is not None:
        if as_of is not None:
            fail("review.as_of_and_extension", "review.no_unit_hint")
        done, ext = opening.guarded(lambda: decide_extension(repo, unit, extension, accept, send_back, by,
                                                             _when(date)))
        echo(decided_line(done, run.lang, ext))
        return
    if as_of is None:
        fail("review.no_as_of", "review.no_unit_hint")
    done = opening.guarded(lambda: review_report(repo, unit, parse_date(as_of), accept, send_back, by, _when(date)))
    echo(decided_line(done, run.lang))


@command("extend", takes=("lang", *DATA))
def extend(
    run: Run,
    unit: Annotated[str, typer.Argument(help=opt("extend.unit"), autocompletion=complete_unit)],
    indicator: Annotated[str, typer.Argument(metavar="ID", help=opt("extend.id"), autocompletion=complete_indicator)],
    to: Annotated[str, typer.Option("--to", metavar="YYYY-MM-DD", help=opt("extend.to"))],
    reason: Annotated[str, typer.Option("--reason", help=opt("extend.reason"))],
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help=opt("extend.date"))] = None,
) -> None:
    """延期申请: a unit asks for more time on one of its goals, with a reason and the new date."""
    import datetime as dt

    from gdtrack.cli.commands.workflow import _unit_path, write_refused
    from gdtrack.repository.recording import RecordError, Request, record_many
    from gdtrack.words import word

    repo = opening.repository(run.plan, run.catalogue, run.progress)
    name = opening.guarded(lambda: repo.unit(unit))
    if indicator not in repo.catalogue.by_id:
        fail("cli.no_indicator", "cli.indicator_hint", id=indicator, hint_values={"example": "7.1"})
    if not reason.strip():
        fail("decide.need_reason", "decide.need_reason_hint")
    day = _when(date) or dt.date.today()
    new = parse_date(to, "--to")
    path = _unit_path(repo, name)
    try:
        done = record_many(repo.catalogue, path, name, day, [], requests=[Request(indicator, new, reason.strip(), day)],
                           today=max(day, dt.date.today()))
    except (RecordError, OSError) as exc:
        write_refused(exc, path)
    key = "extend.done" if done.requests else "extend.same"
    due = repo.catalogue.due(repo.catalogue.by_id[indicator][1])
    echo(word(key, run.lang, unit=name, id=indicator, to=new, due=due, path=path))


@command("close", takes=("lang", *DATA))
def close(
    run: Run,
    indicator: Annotated[str, typer.Argument(metavar="ID", help=opt("close.id"), autocompletion=complete_indicator)],
    reason: Annotated[str, typer.Option("--reason", help=opt("close.reason"))],
    evidence: Annotated[str | None, typer.Option("--evidence", help=opt("close.evidence"))] = None,
    attach: Annotated[list[Path] | None, typer.Option("--attach", metavar="FILE", help=opt("close.attach"))] = None,
    by: Annotated[str | None, typer.Option("--by", help=opt("review.by"))] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help=opt("close.date"))] = None,
) -> None:
    """销号: the office closes a goal; it keeps its status of that day and leaves the lagging and 督办 lists."""
    from gdtrack.repository.decisions import close_goal
    from gdtrack.views.decisions import decided_line

    repo = opening.repository(run.plan, run.catalogue, run.progress)
    done = opening.guarded(lambda: close_goal(repo, indicator, reason, by, evidence, _when(date),
                                              attach=attach or ()))
    echo(decided_line(done, run.lang, status=repo.snapshot(done.entry.decided).result(indicator)))
