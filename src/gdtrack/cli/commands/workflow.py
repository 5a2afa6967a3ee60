"""The departments' workflow: `template` (a progress file or spreadsheet form), `record`, `import`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdtrack.cli import opening
from gdtrack.cli.completion import complete_indicator, complete_unit
from gdtrack.cli.options import DATA, Run, UnitArg, as_of_option, command, opt, output_option
from gdtrack.cli.printing import (
    echo,
    fail,
    fail_said,
    out,
    parse_date,
    problems,
    refused,
    terminal,
    warn,
    write_output,
)
from gdtrack.cli.printing import (
    lang as run_lang,
)
from gdtrack.words import Message, word
from gdtrack.words.foreign import os_reason


@command("template", takes=("fmt", "lang", *DATA), formats=("yaml", "xlsx"))
def template(
    run: Run,
    unit: UnitArg,
    output: output_option("template.output") = None,
    as_of: as_of_option("template.as_of") = None,
    add_date: Annotated[bool, typer.Option("--add-date", help=opt("template.add_date"))] = False,
    co_led: Annotated[bool, typer.Option("--co-led/--no-co-led", help=opt("template.co_led"))] = True,
    schema_ref: Annotated[str, typer.Option("--schema", help=opt("template.schema"))]
    = "../../schema/progress.schema.json",
) -> None:
    """A unit's progress-file skeleton or its spreadsheet form."""
    from gdtrack.views.files import progress_template

    xlsx = output is not None and output.suffix.lower() == ".xlsx"
    kind = run.format if run.format_given else "xlsx" if xlsx else "yaml"
    repo = opening.repository(run.plan, run.catalogue, run.progress, with_progress=kind == "xlsx" or add_date)
    name, day = opening.guarded(lambda: repo.unit(unit)), repo.query_date(parse_date(as_of) if as_of else None)
    if kind == "xlsx":
        return _form(repo, name, day, output, co_led)
    if add_date:
        return _add_date(repo.catalogue, output, name, day)
    text = progress_template(repo.catalogue, name, day, schema_ref, run.lang)
    if output is None:
        return out(text)
    if output.exists():
        fail("cli.exists", "cli.exists_add_date", path=output, hint_values={"unit": name, "day": day, "path": output})
    write_output(output, text)


def _form(repo, unit: str, day, output: Path | None, co_led: bool) -> None:
    from gdtrack.views.form_xlsx import form_xlsx

    if output is None:
        fail("cli.form_needs_o", "cli.form_o_hint", hint_values={"name": f"{unit}-{day}.xlsx"})
    if output.exists():
        fail("cli.exists", "cli.choose_another", path=output)
    import datetime as dt

    from gdtrack.views.decisions import returned_lines

    levels = {e.id: e.level for e in repo.snapshot(day).supervised if e.owner == unit}
    returned = returned_lines(repo.office(dt.date.today()), unit, "zh")  # the form is in Chinese, as its words
    write_output(output, form_xlsx(repo.catalogue, unit, day, repo.progress, co_led=co_led, levels=levels,
                                   returned=returned))


def _add_date(cat, path: Path | None, unit: str, day) -> None:
    from gdtrack.repository.recording import RecordError, add_blanks
    from gdtrack.views.files import blank_comments
    from gdtrack.views.recorded import blanks_line

    if path is None or not path.is_file():
        fail("cli.add_date_needs_file", "cli.add_date_hint")
    try:
        done = add_blanks(cat, path, unit, day, blank_comments(cat, unit, run_lang()))
    except RecordError as exc:
        _refused(exc, [])
    except OSError as exc:
        fail("cli.not_written", "cli.not_written_hint", code=1, path=path, why=os_reason(exc))
    echo(blanks_line(done.count("recorded"), day, path, run_lang()))


def _refused(exc, pairs: list[tuple[str, str]]) -> None:
    """A RecordError said: its diagnostics, then the refusal (of the one figure, or of each figure, then why)."""
    from gdtrack.words import text

    if exc.diagnostics:
        problems(exc.diagnostics)
    if len(exc.refusals) == 1 and len(pairs) == 1:
        refused(exc.refusals[0])
    la = run_lang()
    for refusal in exc.refusals:  # each names its figure once: "指标 1.1 须填数字（家）", "3.1：'12亩' 既不是…"
        said = refusal.said
        if "id" not in said.fields and pairs:
            said = Message("diag.record.of", id=pairs[refusal.index][0], why=said)
        key = "cli.refusal_hinted" if refusal.advice is not None else "cli.refusal"
        typer.echo(terminal(word(key, la, said=text(said, la),
                                 hint=text(refusal.advice, la) if refusal.advice is not None else "")), err=True)
    refused(exc)


@command("record", takes=("lang", *DATA))
def record(
    run: Run,
    unit: Annotated[str, typer.Argument(help=opt("record.unit"), autocompletion=complete_unit)],
    figures: Annotated[list[str], typer.Argument(metavar="ID=VALUE... | ID VALUE", help=opt("record.figures"),
                                                 autocompletion=complete_indicator)],
    as_of: Annotated[str, typer.Option("--as-of", metavar="YYYY-MM-DD", help=opt("record.as_of"))],
    note: Annotated[str | None, typer.Option("--note", help=opt("record.note"))] = None,
    evidence: Annotated[str | None, typer.Option("--evidence", help=opt("record.evidence"))] = None,
    force: Annotated[bool, typer.Option("--force", help=opt("record.force"))] = False,
    reason: Annotated[str | None, typer.Option("--reason", help=opt("record.reason"))] = None,
    response: Annotated[str | None, typer.Option("--response", help=opt("record.response"))] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="YYYY-MM-DD", help=opt("record.by"))] = None,
    attach: Annotated[list[Path] | None, typer.Option("--attach", metavar="FILE", help=opt("record.attach"))] = None,
) -> None:
    """Add figures to a unit's progress file in one write."""
    from gdtrack.repository.recording import Reply
    from gdtrack.views.recorded import record_lines

    _need_reason(force, reason)
    if (response is None) != (by is None):
        fail("cli.response_needs_by", "cli.response_needs_by_hint")
    repo = opening.repository(run.plan, run.catalogue, run.progress)
    name, day = opening.guarded(lambda: repo.unit(unit)), parse_date(as_of)
    path = _unit_path(repo, name)
    reply = (response, parse_date(by)) if response is not None else None
    done, stored = _record(repo, path, name, day, figures, note, evidence, force, reason, reply, attach or [])
    replied = [] if reply is None else [Reply(done.outcomes[0].item.indicator, *reply)]
    echo("\n".join(record_lines(done, day, path, name, run.lang, replied)))
    for attachment, new in stored:
        echo(terminal(word("cli.attached" if new else "cli.attached_same", run.lang, file=attachment.file,
                           size=f"{attachment.bytes:,}")))
    _warn_odd_figures(repo, name, day, done)


def _unit_path(repo, unit: str) -> Path:
    """The unit's progress file (UNIT.yaml or UNIT.yml, directly inside the folder), which must be clean first,
    as must any other file that says it is the unit's."""
    from gdtrack.files.unitnames import unit_file

    try:
        path = unit_file(repo.located.progress, unit)
    except ValueError as exc:  # UnitNameError: a name that cannot be a file name
        refused(exc)
    ws = repo.workspace
    for shown in dict.fromkeys(p for p in (str(path), ws.unit_files.get(unit)) if p in ws.skipped):
        problems([d for d in ws.diagnostics if d.path == shown and d.severity == "error"], ws.source_lines())
        fail("cli.file_has_errors", "cli.run_check", code=1, path=shown)
    return path


def _need_reason(force: bool, reason: str | None) -> None:
    """--force changes figures already reported, and says why: --reason."""
    if force and not (reason or "").strip():
        fail("cli.force_needs_reason", "cli.force_needs_reason_hint")


def _record(repo, path: Path, unit: str, day, figures: list[str], note, evidence, force: bool, reason, reply,
            attach: list[Path]):
    """Record the figures (with `attach`, the evidence files, stored first and written into each entry; removed
    again if the write is refused): the batch, and each file's Attachment with whether it was newly stored."""
    from dataclasses import replace

    from gdtrack.repository import evidence as ev
    from gdtrack.repository.recording import RecordError, Reply, items_from, parse_figures, record_many

    pairs: list[tuple[str, str]] = []
    root, stored = ev.evidence_root(repo.located), []
    try:
        pairs = parse_figures(figures)
        if note is not None and len(pairs) > 1:
            fail("cli.note_one_figure", "cli.note_one_figure_hint")
        if reply is not None and len(pairs) > 1:
            fail("cli.response_one_figure", "cli.response_needs_by_hint")
        replies = [Reply(pairs[0][0], reply[0], reply[1])] if reply else []
        items = items_from(pairs, note, evidence, repo.catalogue, unit)
        returned = returned_reports(repo, unit)
        vetted = [ev.vet_evidence(source) for source in attach]  # every file judged before any is stored
        if vetted:  # the figures checked with the files they would get, then the files stored, then the write
            planned = tuple(ev.plan_evidence(root, v, unit, day) for v in vetted)
            record_many(repo.catalogue, path, unit, day, [replace(i, attachments=planned) for i in items],
                        force=force, reason=reason, replies=replies, dry_run=True, returned=returned)
            for v in vetted:
                stored.append(ev.store_vetted(root, v, unit, day))
            items = [replace(i, attachments=tuple(a for a, _ in stored)) for i in items]
        return record_many(repo.catalogue, path, unit, day, items, force=force, reason=reason,
                           replies=replies, returned=returned), stored
    except ev.EvidenceError as exc:
        fail_said(exc.said, exc.advice)
    except (RecordError, OSError) as exc:
        ev.discard(root, [a for a, new in stored if new])
        write_refused(exc, path, pairs)


def returned_reports(repo, unit: str, office=None) -> dict:
    """The unit's reports the office sent back and that are not corrected yet: report date → the reason written
    beside a corrected figure (按退回意见修改…). `office`: the decisions in force today, when found already."""
    import datetime as dt

    office = office if office is not None else repo.office(dt.date.today())
    return {rv.as_of: word("decide.resubmit_reason", "zh", day=rv.returned.decided, reason=rv.returned.reason)
            for rv in office.returned(unit)}


def write_refused(exc: Exception, path: Path, pairs: list[tuple[str, str]] | None = None) -> None:
    """A write of a progress file refused: a RecordError's reasons, or the system's (LockTimeout and UnsafeTarget
    carry their own Messages)."""
    from gdtrack.repository.recording import RecordError

    if isinstance(exc, RecordError):
        _refused(exc, pairs or [])
    if getattr(exc, "said", None) is not None:
        fail_said(Message("cli.not_written", {"path": path, "why": exc.said}), exc.advice)
    fail("cli.not_written", "cli.not_written_hint", code=1, path=path, why=os_reason(exc))


def _warn_odd_figures(repo, unit: str, day, done) -> None:
    """A figure that looks wrong is said at once: a cumulative total lower than before, a level that jumped."""
    from gdtrack.checks.rules import odd_figures

    before = next((pf for pf in repo.progress if pf.unit == unit), None)
    for o in done.outcomes:
        for key, values in odd_figures(repo.catalogue, before, o.item.indicator, o.item.value, day):
            warn(f"cli.odd.{key}", **values)


@command("import", takes=("lang", *DATA))
def import_forms(
    run: Run,
    forms: Annotated[list[Path], typer.Argument(metavar="FORM...", help=opt("import.forms"))],
    force: Annotated[bool, typer.Option("--force", help=opt("import.force"))] = False,
    reason: Annotated[str | None, typer.Option("--reason", help=opt("import.reason"))] = None,
    all_or_nothing: Annotated[bool, typer.Option("--all-or-nothing", help=opt("import.all_or_nothing"))] = False,
) -> None:
    """Import filled spreadsheet forms into the progress files."""
    import datetime as dt

    from gdtrack.cli.progress import bar
    from gdtrack.repository.evidence import evidence_root
    from gdtrack.repository.importing import import_forms as run_import
    from gdtrack.repository.importing import summary_line
    from gdtrack.views.problems import format_text

    _need_reason(force, reason)
    repo = opening.repository(run.plan, run.catalogue, run.progress)
    ws = repo.workspace
    office = repo.office(dt.date.today())  # once, not once a unit
    with bar(2 * len(forms), "progress.import", run.lang) as shown:  # read and checked, then written: two a form
        results = run_import(repo.catalogue, forms, ws.unit_files, set(ws.skipped), repo.located.progress,
                             force=force, reason=reason, all_or_nothing=all_or_nothing, files=repo.progress,
                             root=evidence_root(repo.located), progress=shown.step,
                             returned={u.name: returned_reports(repo, u.name, office) for u in repo.catalogue.units})
    found = [d for r in results for d in r.diagnostics]
    if found:
        echo(terminal(format_text(found, lang=run.lang)))
    for result in results:
        echo(terminal(summary_line(result, run.lang)))  # a form's cells are data: no escape reaches the terminal
    if any(r.errors for r in results):
        raise typer.Exit(1)
