"""The `gdtrack` command line: options → workspace → engine → render. Nothing else lives here.

Imports beyond typer happen inside the commands, so `gdtrack --version` starts as fast as typer does.
"""

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__, startup

app = typer.Typer(
    name="gdtrack",
    help="重点工作任务跟踪 — track a key-task plan: catalogue, department progress, pace-aware status.\n\n"
    "Files that load cleanly are cached between runs (by their exact bytes); GDTRACK_CACHE=off turns this off, "
    "GDTRACK_CACHE=DIR moves it. `check` always reads afresh.\n\n"
    "Example:  gdtrack status --as-of 2023-09-30",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CatalogueOpt = Annotated[
    Path,
    typer.Option("--catalogue", "-c", envvar="GDTRACK_CATALOGUE", show_envvar=True,
                 help="The plan catalogue (YAML)."),
]
ProgressOpt = Annotated[
    Path,
    typer.Option("--progress", "-p", envvar="GDTRACK_PROGRESS", show_envvar=True,
                 help="The folder of progress files, one per lead unit."),
]
DEFAULT_CATALOGUE = Path("data/tasks_2023.yaml")
DEFAULT_PROGRESS = Path("data/progress")


class TableFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gdtrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    pass


def _fail(message: str, hint: str | None = None, code: int = 2) -> NoReturn:
    typer.echo(f"gdtrack: error: {message}", err=True)
    if hint:
        typer.echo(f"  help: {hint}", err=True)
    raise typer.Exit(code)


def _parse_date(text: str, option: str = "--as-of"):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        _fail(f"{option} {text!r} is not a date", f"write it as YYYY-MM-DD, e.g. {option} 2023-09-30")


def _query_date(cat, as_of: str | None):
    """--as-of, or today clamped to the plan period."""
    import datetime as dt

    from .engine import default_query_date

    return default_query_date(cat, dt.date.today()) if as_of is None else _parse_date(as_of)


def _require_catalogue(catalogue: Path) -> None:
    hint = "run gdtrack from the data repository's root, or pass --catalogue FILE / set GDTRACK_CATALOGUE"
    if catalogue.is_dir():
        _fail(f"the catalogue {catalogue} is a folder; --catalogue takes the plan's YAML file", hint)
    if not catalogue.is_file():
        _fail(f"catalogue not found: {catalogue}", hint)


def _open(catalogue: Path, progress: Path | None = None):
    """Load the workspace for a read command; a broken catalogue stops it with its diagnostics.

    Read commands use the cache of cleanly loaded files (gdtrack.cache); `check` always reads afresh.
    """
    from .cache import default_cache
    from .diagnostics import format_text
    from .render.safe import terminal
    from .workspace import open_workspace

    _require_catalogue(catalogue)
    ws = open_workspace(catalogue, progress, cache=default_cache())
    if ws.catalogue is None or any(d.path == ws.catalogue_path for d in ws.errors):
        cat_errors = [d for d in ws.diagnostics if d.path == ws.catalogue_path and d.severity == "error"]
        typer.echo(format_text(cat_errors, ws.source_lines()), err=True)
        _fail(f"the catalogue {catalogue} has {len(cat_errors)} error(s)", "run `gdtrack check` for the full list",
              code=1)
    for path, why in ws.skipped.items():
        typer.echo(terminal(f"gdtrack: warning: left out {path}: {why} (run `gdtrack check`)"), err=True)
    if progress is not None and not progress.exists():
        typer.echo(f"gdtrack: warning: no progress folder at {progress}; every goal counts as not reported "
                   "(pass --progress DIR or set GDTRACK_PROGRESS)", err=True)
    return ws


# ── check ──────────────────────────────────────────────────────────────────────────────────────


@app.command()
def check(
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
    source: Annotated[Path | None, typer.Option("--source", "-s", help="Also check that every task's text is "
                                                "verbatim in this source document (UTF-8 text).")] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="text, json or github (Actions annotations).")]
    = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD",
                                              help="The office's query date: reports older than the month-end "
                                                   "before it are flagged as stale.")] = None,
    require_reports: Annotated[bool, typer.Option("--require-reports",
                                                  help="Every unit that owns goals must have a report dated in "
                                                       "the month of --as-of (报送 check).")] = False,
    against: Annotated[str | None, typer.Option("--against", metavar="REF",
                                                help="Also compare with the progress files at this git ref "
                                                     "(e.g. origin/main): a changed or removed figure of an "
                                                     "earlier report is an error unless marked revised.")] = None,
) -> None:
    """Validate the catalogue and the progress files; print every problem at once.

    Exit status: 0 clean (warnings allowed unless --strict), 1 problems found, 2 usage error.

    Example:  gdtrack check --source ../shared/seed/jining-etdz-2023-key-tasks.txt
    Example:  gdtrack check --require-reports --as-of 2023-09-30
    Example:  gdtrack check --against origin/main
    """
    from .diagnostics import format_github, format_json, format_text, summary_line
    from .workspace import open_workspace

    _require_catalogue(catalogue)
    if source is not None and not source.is_file():
        _fail(f"source document not found: {source}", "pass the plan's text file to --source")
    query = _parse_date(as_of) if as_of else None
    ws = open_workspace(catalogue, progress, source=source, as_of=query, require_reports=require_reports)
    if against is not None:
        from .revisions import GitError
        from .revisions import against as against_ref

        try:
            ws.found += against_ref(ws, progress, against)
        except GitError as exc:
            _fail(str(exc), exc.hint)
    diags = ws.diagnostics
    if fmt is CheckFormat.json:
        typer.echo(format_json(diags))
    elif fmt is CheckFormat.github:
        if diags:
            typer.echo(format_github(diags))
    else:
        if diags:
            typer.echo(format_text(diags, ws.source_lines()))
        cat = ws.catalogue
        what = (f"{len(cat.tasks)} tasks, {len(cat.indicators())} indicators, {len(ws.progress)} progress file(s)"
                if cat else "catalogue not loaded")
        if ws.not_reported:
            typer.echo(f"未报送 not reported ({len(ws.not_reported)}): {'、'.join(ws.not_reported)}")
        mark = "✗" if ws.errors or (strict and diags) else "✓"
        typer.echo(f"{mark} {catalogue}: {what}; {summary_line(diags)}")
    if ws.errors or (strict and diags):
        raise typer.Exit(1)


# ── the catalogue ──────────────────────────────────────────────────────────────────────────────


@app.command()
def tasks(
    chapter: Annotated[int | None, typer.Option("--chapter", help="Only this chapter (1–11).")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only tasks this unit leads.")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
) -> None:
    """List the plan's tasks with their lead units (牵头单位) and number of indicators.

    Example:  gdtrack tasks --unit 区经济发展局
    """
    from .render.catalogue import tasks_grid, tasks_json
    from .render.output import emit_grid, emit_json

    cat = _open(catalogue).catalogue
    if chapter is not None and chapter not in {c.number for c in cat.chapters}:
        _fail(f"no chapter {chapter}", f"chapters run from 1 to {max(c.number for c in cat.chapters)}")
    if unit is not None:
        _require_unit(cat, unit)
    chosen = [t for t in cat.tasks
              if (chapter is None or t.chapter == chapter) and (unit is None or unit in t.lead_units)]
    if fmt is ListFormat.json:
        emit_json(tasks_json(chosen))
    else:
        emit_grid(tasks_grid(chosen))


@app.command()
def show(
    task_id: Annotated[int, typer.Argument(metavar="ID", help="The task's number, 1–68.")],
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
) -> None:
    """Show one task: its full text, lead units, and indicators with their quotes and targets.

    Example:  gdtrack show 44
    """
    from .render.catalogue import indicators_grid, task_header, task_json
    from .render.output import emit_grid, emit_json, emit_lines

    cat = _open(catalogue).catalogue
    task = next((t for t in cat.tasks if t.id == task_id), None)
    if task is None:
        _fail(f"no task {task_id}", f"tasks are numbered {cat.tasks[0].id}–{cat.tasks[-1].id}; see `gdtrack tasks`")
    if fmt is ListFormat.json:
        emit_json(task_json(cat, task))
        return
    emit_lines([*task_header(cat, task), ""])
    if task.indicators:
        emit_grid(indicators_grid(cat, task))
    else:
        emit_lines(["（本任务无量化指标）"])


# ── status and friends ─────────────────────────────────────────────────────────────────────────

AsOfOpt = Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD",
                                             help="Query date; reports dated after it are ignored. "
                                                  "Default: today, clamped to the plan period.")]
UnitOpt = Annotated[str | None, typer.Option("--unit", "-u", help="Only indicators this unit reports.")]
ChapterOpt = Annotated[int | None, typer.Option("--chapter", help="Only this chapter's indicators.")]


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class By(str, Enum):
    indicator = "indicator"
    task = "task"
    chapter = "chapter"
    unit = "unit"


LangOpt = Annotated[Lang, typer.Option("--lang", help="Labels in Chinese (zh) or English (en).")]
FormatOpt = Annotated[TableFormat, typer.Option("--format", "-f", help="table, markdown, csv or json.")]


def _evaluate(catalogue: Path, progress: Path, as_of: str | None, unit: str | None = None,
              chapter: int | None = None):
    """Load, evaluate on the query date, and pick the indicators the filters ask for."""
    from .engine import evaluate

    ws = _open(catalogue, progress)
    cat = ws.catalogue
    query = _query_date(cat, as_of)
    if unit is not None:
        _require_unit(cat, unit)
    if chapter is not None and chapter not in {c.number for c in cat.chapters}:
        _fail(f"no chapter {chapter}", f"chapters run from 1 to {max(c.number for c in cat.chapters)}")
    ev = evaluate(cat, ws.progress, query)
    chosen = [r for r in ev.results
              if (unit is None or r.owner == unit) and (chapter is None or r.task.chapter == chapter)]
    return ws, ev, chosen


def _emit_view(grid, fmt: TableFormat, head: list[str]) -> None:
    from .render.output import emit_grid, emit_lines

    if fmt is TableFormat.table:
        emit_lines([*head, ""])
    emit_grid(grid, fmt.value)


@app.command()
def status(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    chapter: ChapterOpt = None,
    by: Annotated[By, typer.Option("--by", help="Rows: indicator, task, chapter or unit.")] = By.indicator,
    fmt: FormatOpt = TableFormat.table,
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
) -> None:
    """Completion against 序时进度 for every goal, or rolled up by task, chapter or unit.

    Prints a headline (as-of date, 序时进度, overall completion, count per status), then the table.

    Example:  gdtrack status --as-of 2023-09-30 --by chapter
    """
    from .engine import Evaluation
    from .render.output import emit_json
    from .render.status import headline, indicators_grid, rollup_grid, status_json

    ws, ev, chosen = _evaluate(catalogue, progress, as_of, unit, chapter)
    if fmt is TableFormat.json:
        emit_json(status_json(ev, chosen, ws.skipped))
        return
    sub = Evaluation(ev.query, ev.expected, chosen, ev.catalogue)
    if by is By.indicator:
        grid = indicators_grid(chosen, lang.value)
    else:
        groups = {By.task: sub.tasks, By.chapter: sub.chapters, By.unit: sub.units}[by]()
        grid = rollup_grid(groups, lang.value, by.value)
    _emit_view(grid, fmt, headline(sub, lang.value, ws.skipped))


@app.command()
def lagging(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    chapter: ChapterOpt = None,
    fmt: FormatOpt = TableFormat.table,
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
) -> None:
    """滞后事项: lagging, behind and unreported goals, worst gap first, with what is still needed.

    Example:  gdtrack lagging --as-of 2023-09-30 --format markdown > 滞后事项.md
    """
    from .engine import Evaluation
    from .engine import lagging as lagging_list
    from .render.output import emit_json
    from .render.status import headline, lagging_grid, status_json

    ws, ev, chosen = _evaluate(catalogue, progress, as_of, unit, chapter)
    items = lagging_list(chosen)
    if fmt is TableFormat.json:
        data = status_json(ev, items, ws.skipped)
        for row, r in zip(data["indicators"], items, strict=True):
            row |= {"gap": None if r.gap is None else round(r.gap, 4), "still_needed": r.remaining,
                    "per_month": None if r.per_month is None else round(r.per_month, 4),
                    "note": r.latest.note if r.latest else None}
        emit_json(data)
        return
    _emit_view(lagging_grid(items, lang.value), fmt,
               headline(Evaluation(ev.query, ev.expected, chosen, ev.catalogue), lang.value, ws.skipped))


@app.command()
def units(
    as_of: AsOfOpt = None,
    fmt: FormatOpt = TableFormat.table,
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
) -> None:
    """Each lead unit: its indicators, reporting rate (报送率), completion and status counts.

    Example:  gdtrack units --as-of 2023-09-30
    """
    from .render.output import emit_json
    from .render.status import headline, status_json, units_grid

    ws, ev, _ = _evaluate(catalogue, progress, as_of)
    if fmt is TableFormat.json:
        emit_json(status_json(ev, ev.results, ws.skipped)["units"])
        return
    _emit_view(units_grid(ev.units(), lang.value), fmt, headline(ev, lang.value, ws.skipped))


@app.command()
def explain(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help='Indicator id, e.g. 44.4.')],
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
) -> None:
    """Show how one indicator's status was reached: every report, day count, formula and rule.

    Example:  gdtrack explain 44.4 --as-of 2023-09-30
    """
    from .render.output import emit_lines
    from .render.status import explain_lines

    _, ev, _ = _evaluate(catalogue, progress, as_of)
    result = ev.by_id.get(indicator_id)
    if result is None:
        _fail(f"no indicator {indicator_id}", "ids look like 44.4; see `gdtrack show TASK` for a task's indicators")
    emit_lines(explain_lines(result, lang.value))


# ── the bulletin, the ledger, history ──────────────────────────────────────────────────────────


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"


def _write_output(output: Path, content: str | bytes) -> None:
    from .writing import atomic_write

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, content)
    except OSError as exc:
        _fail(f"could not write {output}: {exc.strerror or exc}", "check the path and the folder's permissions",
              code=1)
    typer.echo(f"wrote {output}", err=True)


SAMPLE_NOTE = {"zh": "本通报使用 data/progress 中的示例数据（虚构），非官方统计。",
               "en": "This bulletin uses the illustrative sample data in data/progress, not official statistics."}


@app.command()
def report(
    as_of: AsOfOpt = None,
    since: Annotated[str | None, typer.Option("--since", metavar="YYYY-MM-DD",
                                              help="Compare with this date (default: the previous report date "
                                                   "found in the data).")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="markdown or html.")] = ReportFormat.markdown,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of "
                                                "printing.")] = None,
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
) -> None:
    """The monthly bulletin (月度通报): headline, changes since last time, league tables, 滞后事项, silent units.

    Example:  gdtrack report --as-of 2023-09-30 --format html -o 月度通报-2023-09.html
    """
    from .bulletin import build

    ws = _open(catalogue, progress)
    cat = ws.catalogue
    query = _query_date(cat, as_of)
    start = _parse_date(since, "--since") if since else None
    if start is not None and start >= query:
        _fail(f"--since {start} is not before the query date {query}", "compare with an earlier date")
    b = build(cat, ws.progress, query, start)
    sample = _is_sample(progress)
    note = SAMPLE_NOTE[lang.value] if sample else None
    if fmt is ReportFormat.html:
        from .render.html import bulletin_html

        text = bulletin_html(b, lang.value, note=note, sample=sample, skipped=ws.skipped)
    else:
        from .render.bulletin_md import bulletin_markdown

        text = bulletin_markdown(b, lang.value, note=note, skipped=ws.skipped)
    if output is None:
        typer.echo(text, nl=False)
    else:
        _write_output(output, text)


def _is_sample(progress: Path) -> bool:
    """Shipped sample files say so in their first line; a bulletin made from them says so too."""
    first = next(iter(sorted(progress.glob("*.yaml"))), None) if progress.is_dir() else None
    try:
        return first is not None and "示例数据" in first.read_text(encoding="utf-8-sig").split("\n", 1)[0]
    except (OSError, UnicodeDecodeError):
        return False


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    fmt: Annotated[ExportFormat | None, typer.Option("--format", "-f", help="xlsx or csv (default: from the "
                                                     "file's extension).")] = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
) -> None:
    """The ledger (台账) as an Excel workbook or a CSV file that Excel on Windows opens in Chinese.

    Example:  gdtrack export --as-of 2023-09-30 -o 台账-2023-09.xlsx
    """
    kind = fmt or (ExportFormat.csv if output.suffix.lower() == ".csv" else
                   ExportFormat.xlsx if output.suffix.lower() == ".xlsx" else None)
    if kind is None:
        _fail(f"cannot tell the format of {output.name}", "name the file .xlsx or .csv, or pass --format")
    _, ev, _ = _evaluate(catalogue, progress, as_of)
    from .render.ledger import ledger_csv, ledger_xlsx

    _write_output(output, ledger_xlsx(ev, lang.value) if kind is ExportFormat.xlsx else ledger_csv(ev, lang.value))


@app.command()
def history(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="Indicator id, e.g. 7.1.")],
    as_of: AsOfOpt = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
    revisions: Annotated[bool, typer.Option("--revisions", help="Also list each change of its figures in git: "
                                                                "commit, author, date, reason.")] = False,
) -> None:
    """One goal's reported values over its report dates, against the pace line (序时进度).

    Example:  gdtrack history 7.1
    Example:  gdtrack history 7.1 --revisions
    """
    from .bulletin import trajectory
    from .render.history import history_chart, history_grid, history_header, history_json
    from .render.output import emit_grid, emit_json, emit_lines

    ws, ev, _ = _evaluate(catalogue, progress, as_of)
    result = ev.by_id.get(indicator_id)
    if result is None:
        _fail(f"no indicator {indicator_id}", "ids look like 7.1; see `gdtrack show TASK` for a task's indicators")
    points = trajectory(ev.catalogue, result)
    changes = _revisions(ws, progress, result.owner, indicator_id) if revisions else None
    if fmt is ListFormat.json:
        from .render.revisions import revisions_json

        emit_json(history_json(points, result) | ({} if changes is None else {"revisions": revisions_json(changes)}))
        return
    emit_lines(history_header(result, lang.value))
    if not points:
        emit_lines(["（尚无报送）" if lang is Lang.zh else "(no reports yet)"])
    else:
        emit_grid(history_grid(points, result, lang.value))
        emit_lines(["", *history_chart(points),
                    "█ 完成度  │ 序时进度" if lang is Lang.zh else "█ completion  │ expected (pace)"])
    if changes is not None:
        from .render.revisions import revisions_grid

        emit_lines(["", "修订记录（git）" if lang is Lang.zh else "Revisions (git)"])
        emit_grid(revisions_grid(changes, lang.value))


def _revisions(ws, progress: Path, owner: str | None, indicator_id: str):
    """Each git revision of the figures of `indicator_id` in its owner's progress file."""
    from .revisions import GitError, figure_revisions

    shown = ws.unit_files.get(owner)
    if shown is None:
        return []
    try:
        return figure_revisions(Path(shown), indicator_id)
    except GitError as exc:
        _fail(str(exc), exc.hint)


# ── the departments' workflow ──────────────────────────────────────────────────────────────────


class SchemaKind(str, Enum):
    catalogue = "catalogue"
    progress = "progress"


@app.command()
def template(
    unit: Annotated[str, typer.Argument(help="The lead unit, by its full name.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of printing; "
                                                "an existing file is never overwritten.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD",
                                              help="The first report's date (default: today, within the plan).")]
    = None,
    schema_ref: Annotated[str, typer.Option("--schema", help="The $schema reference for editors.")]
    = "../../schema/progress.schema.json",
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
) -> None:
    """A progress-file skeleton for one unit: each indicator it owns, with its goal and quote as comments.

    Example:  gdtrack template 区经济发展局 -o data/progress/区经济发展局.yaml
    """
    from .render.files import progress_template

    cat = _open(catalogue).catalogue
    _require_unit(cat, unit)
    day = _query_date(cat, as_of)
    text = progress_template(cat, unit, day, schema_ref)
    if output is None:
        typer.echo(text, nl=False)
        return
    if output.exists():
        _fail(f"{output} already exists; not overwriting it", "choose another path, or use `gdtrack record`")
    _write_output(output, text)


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="catalogue or progress.")],
) -> None:
    """Print the JSON Schema of catalogue or progress files, for editors' completion and checks.

    Example:  gdtrack schema progress > schema/progress.schema.json
    """
    from .render.files import json_schema

    typer.echo(json_schema(kind.value), nl=False)


@app.command()
def record(
    unit: Annotated[str, typer.Argument(help="The reporting unit, by its full name.")],
    indicator: Annotated[str, typer.Argument(help="The indicator id, e.g. 7.1.")],
    value: Annotated[str, typer.Argument(help="A plain number, or for a milestone: done, in_progress, "
                                              "not_started, blocked.")],
    as_of: Annotated[str, typer.Option("--as-of", metavar="YYYY-MM-DD", help="The report date.")],
    note: Annotated[str | None, typer.Option("--note", help="A short explanation.")] = None,
    evidence: Annotated[str | None, typer.Option("--evidence", help="Where the figure comes from.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a value already recorded for that date.")]
    = False,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
) -> None:
    """Add one figure to a unit's progress file, keeping every comment and line; nothing half-written.

    Example:  gdtrack record 区经济发展局 7.1 18 --as-of 2023-09-30 --note 已建成5G基站18个 --evidence 经发局9月台账
    """
    from .diagnostics import format_text
    from .recording import RecordError, parse_value
    from .recording import record as record_entry

    ws = _open(catalogue, progress)
    cat = ws.catalogue
    _require_unit(cat, unit)
    day = _parse_date(as_of)
    shown = ws.unit_files.get(unit)
    if shown in ws.skipped:
        own = [d for d in ws.diagnostics if d.path == shown and d.severity == "error"]
        typer.echo(format_text(own, ws.source_lines()), err=True)
        _fail(f"{shown} has errors; fix them before recording", "run `gdtrack check`", code=1)
    path = Path(shown) if shown else progress / f"{unit}.yaml"
    if not shown and str(path) in ws.skipped:  # the unit's own file, so broken that its unit could not be read
        _fail(f"{path} has errors; fix them before recording", "run `gdtrack check`", code=1)
    try:
        done = record_entry(cat, path, unit, indicator, parse_value(value), day, note=note, evidence=evidence,
                            force=force)
    except RecordError as exc:
        if exc.diagnostics:
            typer.echo(format_text(exc.diagnostics), err=True)
        _fail(str(exc), exc.hint, code=1)
    except OSError as exc:
        _fail(f"could not write {path}: {exc.strerror or exc}; the file is unchanged",
              "check the folder's permissions and free space, then run the same command again", code=1)
    if done.unchanged:
        typer.echo(f"{indicator} on {day} is already {value} in {path}; nothing to do")
    elif done.old is not None:
        typer.echo(f"changed {indicator} on {day} in {path}: {done.old} → {value}")
    else:
        what = "new file, " if done.created_file else ("new report date, " if done.created_report else "")
        typer.echo(f"recorded {indicator} = {value} on {day} in {path} ({what}{unit})")


@app.command()
def codeowners(
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
) -> None:
    """Print a CODEOWNERS block: each unit's progress file, reviewed by that unit's `reviewers`.

    Example:  gdtrack codeowners >> .github/CODEOWNERS
    """
    from .render.files import codeowners as codeowners_text

    ws = _open(catalogue, progress)
    typer.echo(codeowners_text(ws.catalogue, ws.unit_files, progress.as_posix()), nl=False)


def _require_unit(cat, unit: str) -> None:
    if unit not in cat.unit_names:
        _fail(f"no unit named {unit}", _unit_hint(cat, unit))


def _unit_hint(cat, name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, [u.name for u in cat.units], n=1, cutoff=0.3)
    return f"did you mean {close[0]}?" if close else "see `gdtrack units` for the names"


def main() -> None:
    startup.prepare()  # fewer GC passes; pydantic's plugins off, and their search skipped (not at import: a
    # program or test that imports gdtrack.cli keeps its own settings)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a GBK console must not crash on a symbol
    app()
