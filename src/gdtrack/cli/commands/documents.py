"""The office's documents: `report` (the 月度通报: Markdown, HTML, Word), `notice` (督办单), `export` (台账)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdtrack.cli import opening
from gdtrack.cli.options import (
    AsOfOpt,
    CatalogueOpt,
    FormatOpt,
    Lang,
    LangOpt,
    OutputOpt,
    PlanOpt,
    ProgressOpt,
    UnitArg,
    app,
    command_help,
    opt,
    output_option,
)
from gdtrack.cli.printing import chosen_format, echo, fail, out, parse_date, printing, write_output
from gdtrack.cli.printing import lang as run_lang
from gdtrack.words import word


@app.command(**command_help("report"))
def report(
    as_of: AsOfOpt = None,
    since: Annotated[str | None, typer.Option("--since", metavar="YYYY-MM-DD", help=opt("report.since"))] = None,
    fmt: FormatOpt("markdown", "html", "docx") = None,
    issue: Annotated[int | None, typer.Option("--issue", min=1, metavar="N", help=opt("report.issue"))] = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """The monthly bulletin (月度通报): Markdown, HTML or Word."""
    from gdtrack.views.documents import bulletin_document

    docx_file = fmt is None and output is not None and output.suffix.lower() == ".docx"
    kind = "docx" if docx_file else chosen_format(fmt, "report", "markdown", "html", "docx")
    if kind == "docx" and output is None:
        fail("cli.docx_needs_o", "cli.form_o_hint", hint_values={"name": word("cli.report_docx_name", run_lang())})
    if issue is not None and kind != "docx":
        fail("cli.issue_only_docx", "cli.issue_hint")
    repo = opening.repository(plan, catalogue, progress)
    snap = opening.snapshot(repo, as_of)
    start = parse_date(since, "--since") if since else None
    if start is not None and start >= snap.query:
        fail("cli.since_not_before", "cli.since_hint", since=start, query=snap.query)
    document = bulletin_document(repo.bulletin(snap, start), kind, lang.value, issue=issue, sample=repo.sample,
                                 skipped=repo.skipped)
    if kind == "docx":
        write_output(output, document)
        return
    with printing(output):
        out(document)


@app.command(**command_help("notice"))
def notice(
    unit: UnitArg,
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.zh,
    output: output_option("notice.output", "FILE.docx") = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """督办单: a Word supervision notice to one unit."""
    from gdtrack.views.docx import date_text, notice_docx

    repo = opening.repository(plan, catalogue, progress)
    snap = opening.snapshot(repo, as_of, unit)
    if output is None:
        name = word("cli.notice_docx_name", run_lang(), unit=snap.unit)
        fail("cli.docx_needs_o", "cli.form_o_hint", hint_values={"name": name})
    if not snap.supervised:
        echo(word("notice.none", lang.value, unit=snap.unit, date=date_text(snap.query, lang.value)))
        return
    write_output(output, notice_docx(repo.catalogue, snap.unit, snap.query, snap.supervised, lang.value))


@app.command(**command_help("export"))
def export(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help=opt("export.output"))],
    fmt: FormatOpt("xlsx", "csv") = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """The ledger (台账) as .xlsx or .csv."""
    from gdtrack.views.ledger import ledger_csv, ledger_xlsx

    suffix = output.suffix.lower().lstrip(".")
    kind = chosen_format(fmt, "export", "xlsx", "csv") if fmt is not None else \
        suffix if suffix in ("xlsx", "csv") else None
    if kind is None:
        fail("cli.unknown_format", "cli.format_hint", name=output.name)
    ev = opening.snapshot(opening.repository(plan, catalogue, progress), as_of).evaluation
    write_output(output, ledger_xlsx(ev, lang.value) if kind == "xlsx" else ledger_csv(ev, lang.value))
