"""The office's documents: `report` (the 月度通报: Markdown, HTML, Word), `notice` (督办单), `export` (台账)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdtrack.cli import opening
from gdtrack.cli.options import DATA, DOCUMENT, Run, UnitArg, command, opt, output_option
from gdtrack.cli.printing import echo, fail, out, parse_date, printing, write_output
from gdtrack.words import word

DATED = ("as_of", "lang", *DATA, *DOCUMENT)


@command("report", takes=(*DATED, "fmt", "output"), formats=("markdown", "html", "docx", "json"))
def report(
    run: Run,
    since: Annotated[str | None, typer.Option("--since", metavar="YYYY-MM-DD", help=opt("report.since"))] = None,
    issue: Annotated[int | None, typer.Option("--issue", min=1, metavar="N", help=opt("report.issue"))] = None,
) -> None:
    """The monthly bulletin (月度通报): Markdown, HTML, Word or its figures as JSON."""
    from gdtrack.views.documents import bulletin_document

    docx_file = not run.format_given and run.output is not None and run.output.suffix.lower() == ".docx"
    kind = "docx" if docx_file else run.format
    if kind == "docx" and run.output is None:
        fail("cli.docx_needs_o", "cli.form_o_hint", hint_values={"name": word("cli.report_docx_name", run.lang)})
    if issue is not None and kind != "docx":
        fail("cli.issue_only_docx", "cli.issue_hint")
    repo, snap = opening.read(run, document=True, git_days=True)
    start = parse_date(since, "--since") if since else None
    if start is not None and start >= snap.query:
        fail("cli.since_not_before", "cli.since_hint", since=start, query=snap.query)
    if kind == "json":
        from gdtrack.views.documents import bulletin_json
        from gdtrack.views.output import emit_json

        with printing(run.output):
            return emit_json(bulletin_json(repo.bulletin(snap, start), sample=repo.sample, skipped=repo.skipped))
    document = bulletin_document(repo.bulletin(snap, start), kind, run.lang, issue=issue, sample=repo.sample,
                                 skipped=repo.skipped)
    if kind == "docx":
        return write_output(run.output, document)
    with printing(run.output):
        out(document)


@command("notice", takes=DATED)
def notice(run: Run, unit: UnitArg, output: output_option("notice.output", "FILE.docx") = None) -> None:
    """督办单: a Word supervision notice to one unit."""
    from gdtrack.views.gongwen import date_text
    from gdtrack.views.notice import notice_docx

    repo = opening.repository(run.plan, run.catalogue, run.progress)
    if not run.allow_partial:
        opening.guarded(repo.require_complete)
    snap = opening.snapshot(repo, run.as_of, unit)
    if output is None:
        fail("cli.docx_needs_o", "cli.form_o_hint",
             hint_values={"name": word("cli.notice_docx_name", run.lang, unit=snap.unit)})
    if snap.unit in snap.unread:  # nothing is known of its goals: neither a notice nor "none at 督办"
        fail("cli.notice_unread", "cli.partial_hint", code=1, unit=snap.unit)
    if not snap.supervised:
        return echo(word("notice.none", run.lang, unit=snap.unit, date=date_text(snap.query, run.lang)))
    write_output(output, notice_docx(repo.catalogue, snap.unit, snap.query, snap.supervised, run.lang,
                                     snap.forecasts))


@command("export", takes=(*DATED, "fmt"), formats=("xlsx", "csv"))
def export(run: Run, output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help=opt("export.output"))]
           ) -> None:
    """The ledger (台账) as .xlsx or .csv."""
    from gdtrack.views.ledger import ledger_csv, ledger_xlsx

    suffix = output.suffix.lower().lstrip(".")
    kind = run.format if run.format_given else suffix if suffix in ("xlsx", "csv") else None
    if kind is None:
        fail("cli.unknown_format", "cli.format_hint", name=output.name)
    snap = opening.read(run, document=True, git_days=True)[1]
    write_output(output, ledger_xlsx(snap, run.lang) if kind == "xlsx" else ledger_csv(snap, run.lang))
