"""The `gdtrack` command line: options → workspace → engine → render. Nothing else lives here.

Every option is declared once below and shared by the commands that take it (as sqlite-utils shares its output
options): `--catalogue`, `--progress`, `--as-of`, `--lang`, `--format` and `-o` mean the same everywhere.
Imports beyond typer happen inside the commands, so `gdtrack --version` starts as fast as typer does.
"""

import functools
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from gdtrack import __version__
from gdtrack.cli import helptext, startup
from gdtrack.cli.completion import complete_indicator, complete_unit
from gdtrack.words import Lang as LangCode
from gdtrack.words import state_label, word


def help_lang(environ: Mapping[str, str] = os.environ) -> LangCode:
    """The language of --help: English when GDTRACK_LANG says en, else Chinese (unset, zh or anything unknown)."""
    return "en" if environ.get("GDTRACK_LANG", "").strip() == "en" else "zh"


HELP_LANG = help_lang()  # chosen once, at import: typer takes help= when the commands are declared


def _help(command: str) -> dict[str, Any]:
    """A command's help=, short_help= (its first paragraph, for the list of commands) and cls=, from words.py."""
    return helptext.command_help(word(f"help.{command}", HELP_LANG))


def _opt(name: str, **values: Any) -> str:
    """An option's or argument's help=, from words.py."""
    return word(f"opt.{name}", HELP_LANG, **values)


app = typer.Typer(
    name="gdtrack",
    help=_help("gdtrack")["help"],
    cls=helptext.Group,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DEFAULT_CATALOGUE = Path("data/tasks_2023.yaml")
DEFAULT_PROGRESS = Path("data/progress")


# ── the options, declared once ─────────────────────────────────────────────────────────────────


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class Format(str, Enum):
    """Every output format any command prints; each command says which of them it takes."""

    table = "table"
    text = "text"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    github = "github"
    html = "html"
    xlsx = "xlsx"
    yaml = "yaml"
    docx = "docx"


class By(str, Enum):
    indicator = "indicator"
    task = "task"
    chapter = "chapter"
    unit = "unit"


class SortBy(str, Enum):
    gap = "gap"
    shortfall = "shortfall"


class SchemaKind(str, Enum):
    catalogue = "catalogue"
    progress = "progress"


class _State:
    lang: LangCode = "zh"


def _set_lang(value: Lang | None) -> Lang | None:
    if value is not None:
        _State.lang = value.value  # type: ignore[assignment]
    return value


CatalogueOpt = Annotated[Path | None, typer.Option("--catalogue", "-c", envvar="GDTRACK_CATALOGUE", show_envvar=True,
                                                   help=_opt("catalogue"))]
ProgressOpt = Annotated[Path | None, typer.Option("--progress", "-p", envvar="GDTRACK_PROGRESS", show_envvar=True,
                                                  help=_opt("progress"))]
PlanOpt = Annotated[str | None, typer.Option("--plan", metavar="NAME", envvar="GDTRACK_PLAN", show_envvar=True,
                                             help=_opt("plan"))]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD",
                                             help=_opt("as_of"))]
LangOpt = Annotated[Lang, typer.Option("--lang", envvar="GDTRACK_LANG", show_envvar=True, callback=_set_lang,
                                       help=_opt("lang"))]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help=_opt("output"))]
UnitOpt = Annotated[str | None, typer.Option("--unit", "-u", help=_opt("unit"),
                                             autocompletion=complete_unit)]
ChapterOpt = Annotated[int | None, typer.Option("--chapter", help=_opt("chapter"))]


def FormatOpt(*allowed: str) -> Any:  # noqa: N802 - used like the option types above
    """The one --format option, listing the formats the command takes."""
    return Annotated[Format | None, typer.Option("--format", "-f", show_choices=False,
                                                 help=_opt("format", choices=", ".join(allowed), default=allowed[0]))]


# ── small helpers ──────────────────────────────────────────────────────────────────────────────


def _said(kind: str, key: str, **values: Any) -> list[str]:
    """A line in the chosen language; in Chinese, the English follows so that everyone can read it."""
    langs: tuple[LangCode, ...] = ("zh", "en") if _State.lang == "zh" else ("en",)
    return [word(kind, lang, **{("message" if kind != "cli.help" else "hint"): word(key, lang, **values)})
            for lang in langs]


def _fail(key: str, hint: str | None = None, code: int = 2, hint_values: dict[str, Any] | None = None,
          **values: Any) -> NoReturn:
    """Stop with an error (and what to do), in Chinese and English; exit 2 for usage, 1 for problems found."""
    lines = _said("cli.error", key, **values)
    if hint:
        lines += _said("cli.help", hint, **(hint_values or {}))
    typer.echo(terminal("\n".join(lines)), err=True)
    raise typer.Exit(code)


def terminal(text: str) -> str:
    """Text for the terminal, stripped of control and escape sequences (views/safe.py, imported only to print)."""
    from gdtrack.views.safe import terminal as safe

    return safe(text)


def _fail_text(message: str, hint: str | None = None, code: int = 1, message_zh: str | None = None,
               hint_zh: str | None = None) -> NoReturn:
    """Stop with a message already worded (a refusal from the core, in its own words); with its Chinese, in
    Chinese then English as `_fail` does (--lang en: English only)."""
    lines = [word("cli.error", "en", message=message)] + ([word("cli.help", "en", hint=hint)] if hint else [])
    if message_zh is not None and _State.lang == "zh":
        lines = [word("cli.error", "zh", message=message_zh), lines[0]] + (
            [word("cli.help", "zh", hint=hint_zh or hint), *lines[1:]] if hint else [])
    typer.echo(terminal("\n".join(lines)), err=True)
    raise typer.Exit(code)


def _warn(key: str, **values: Any) -> None:
    typer.echo(terminal("\n".join(_said("cli.warning", key, **values))), err=True)


def _format(fmt: Format | None, command: str, *allowed: str) -> str:
    """The format asked for, or the command's default; a format the command does not print is a usage error."""
    if fmt is None:
        return allowed[0]
    if fmt.value not in allowed:
        _fail("cli.format_not_for", "cli.format_choices", command=command, fmt=fmt.value,
              hint_values={"choices": ", ".join(allowed)})
    return fmt.value


def _parse_date(text: str, option: str = "--as-of"):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        _fail("cli.bad_date", "cli.date_hint", option=option, text=text, hint_values={"option": option})


def _query_date(cat, as_of: str | None):
    """--as-of, or today clamped to the plan period."""
    import datetime as dt

    from gdtrack.engine.evaluation import default_query_date

    return default_query_date(cat, dt.date.today()) if as_of is None else _parse_date(as_of)


def _write_output(output: Path, content: str | bytes) -> None:
    from gdtrack.files.safeio import UnsafeTarget
    from gdtrack.files.writing import atomic_write

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, content)  # never replaces a symlink, a device or a folder
    except UnsafeTarget as exc:
        _fail_text(exc.strerror, exc.hint)
    except OSError as exc:
        _fail("cli.cannot_write", "cli.write_hint", code=1, path=output, why=exc.strerror or exc)
    typer.echo(word("cli.wrote", _State.lang, path=output), err=True)


@contextmanager
def _printing(output: Path | None) -> Iterator[None]:
    """Where a command prints: stdout, or with -o the file (written whole, atomically, once the command is done).
    What is printed is the same either way: a CSV table starts with a BOM when it does not go to a terminal."""
    if output is None:
        yield
        return
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        yield
    _write_output(output, buf.getvalue())


def _echo(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


class _Plan:
    """The data repository and the plan the paths of this run came from (None without a gdtrack.toml)."""

    project: Any = None
    plan: Any = None


def _paths(plan: str | None, catalogue: Path | None, progress: Path | None) -> tuple[Path, Path]:
    """The one place a command's catalogue and progress folder are decided: an explicit --catalogue/--progress
    (or its env var) wins; else the plan's, from the gdtrack.toml found from here up (--plan, else the latest);
    else data/tasks_2023.yaml and data/progress in the current folder."""
    import os

    from gdtrack.files.project import ProjectError, find_project

    _Plan.project = _Plan.plan = None
    try:
        project = find_project()
        if project is None:
            if plan is not None:
                _fail("plan.no_toml", "plan.no_toml_hint", plan=plan, cwd=Path.cwd())
            return catalogue or DEFAULT_CATALOGUE, progress or DEFAULT_PROGRESS
        chosen = project.plan(plan)
    except ProjectError as exc:
        if plan is None and catalogue is not None and progress is not None:  # the toml is not needed: say, go on
            _warn(exc.key, **exc.values)
            return catalogue, progress
        _fail(exc.key, exc.hint, hint_values=exc.values, **exc.values)
    _Plan.project, _Plan.plan = project, chosen

    def shown(path: Path) -> Path:  # as the user would type it from here
        try:
            return Path(os.path.relpath(path))
        except ValueError:  # another drive on Windows
            return path

    if catalogue is None and not chosen.catalogue.is_file():
        _fail("plan.missing_catalogue", "plan.missing_catalogue_hint", where=chosen.lines["catalogue"],
              plan=chosen.name, path=shown(chosen.catalogue), hint_values={"path": shown(chosen.catalogue)})
    return catalogue or shown(chosen.catalogue), progress or shown(chosen.progress)


def _from_root(path: Path) -> str:
    """A path as written from the data repository's root (for CODEOWNERS), else as given."""
    if _Plan.project is not None:
        try:
            return path.resolve().relative_to(_Plan.project.root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


@functools.cache
def _cache():
    """The user's cache of loaded files, found (and any warning about it said) once per run."""
    from gdtrack.files.cache import default_cache

    return default_cache()


def _require_catalogue(catalogue: Path) -> None:
    if catalogue.is_dir():
        _fail("cli.catalogue_is_folder", "cli.catalogue_hint", path=catalogue)
    if not catalogue.is_file():
        _fail("cli.catalogue_missing", "cli.catalogue_hint", path=catalogue)


def _open(catalogue: Path, progress: Path | None = None):
    """Load the workspace for a read command; a broken catalogue stops it with its diagnostics.

    Read commands use the cache of cleanly loaded files (gdtrack.files.cache); `check` always reads afresh.
    """
    from gdtrack.checks.workspace import open_workspace
    from gdtrack.views.problems import format_text

    _require_catalogue(catalogue)
    ws = open_workspace(catalogue, progress, cache=_cache())
    if ws.catalogue is None or any(d.path == ws.catalogue_path for d in ws.errors):
        cat_errors = [d for d in ws.diagnostics if d.path == ws.catalogue_path and d.severity == "error"]
        typer.echo(format_text(cat_errors, ws.source_lines(), _State.lang), err=True)
        _fail("cli.catalogue_errors", "cli.run_check", code=1, path=catalogue, n=len(cat_errors))
    for path, why in ws.skipped.items():
        _warn("cli.left_out", path=path, why=why)
    if progress is not None and _carry(ws, _cache()):  # start values, for the commands that evaluate
        shown = [d for d in ws.diagnostics if d.loc[-1:] == ("baseline_from",)]
        typer.echo(format_text(shown, ws.source_lines(), _State.lang), err=True)
    if progress is not None and not progress.exists():
        _warn("cli.no_progress", path=progress)
    return ws


def _earlier(cache=None):
    """The repository's plans, as gdtrack.repository.earlier sees them from the plan in use."""
    from gdtrack.repository.earlier import Earlier

    return Earlier(_Plan.project.plans if _Plan.project else {}, _Plan.plan.name if _Plan.plan else None, cache)


def _carry(ws, cache=None) -> list:
    """Resolve the catalogue's `baseline_from` to start values (ws.carried); the problems join ws's diagnostics."""
    if ws.catalogue is None or not any(ind.baseline_from for _, ind in ws.catalogue.indicators()):
        return []
    from gdtrack.repository.earlier import carried_starts

    ws.carried, problems = carried_starts(ws.catalogue, ws.catalogue_path, _earlier(cache))
    ws.found += problems
    return problems


def _open_goals(ev, unit: str | None) -> list:
    """The earlier plans' goals still open in this plan's period (a 2023—2024 goal, seen from the 2024 plan)."""
    if _Plan.plan is None:
        return []
    from gdtrack.repository.earlier import open_goals

    return open_goals(ev.catalogue, ev.query, _earlier(_cache()), unit)


def _require_chapter(cat, chapter: int | None) -> None:
    if chapter is not None and chapter not in {c.number for c in cat.chapters}:
        last = max(c.number for c in cat.chapters)
        _fail("cli.no_chapter", "cli.chapter_hint", n=chapter, hint_values={"last": last})


def _require_unit(cat, unit: str) -> str:
    """The unit's full name, given its full name or one of its aliases; any other name stops with a hint."""
    from gdtrack.diagnostics import did_you_mean

    name = cat.resolve_unit(unit)
    if name is None:
        close = did_you_mean(unit, list(cat.unit_lookup))
        if close:
            _fail("cli.no_unit", "cli.did_you_mean", name=unit, hint_values={"name": cat.unit_lookup[close]})
        _fail("cli.no_unit", "cli.unit_hint", name=unit)
    return name


def _evaluate(catalogue: Path, progress: Path, as_of: str | None, unit: str | None = None,
              chapter: int | None = None):
    """Load, evaluate on the query date, and narrow to the indicators the filters ask for (Evaluation.only)."""
    from gdtrack.engine.evaluation import evaluate

    ws = _open(catalogue, progress)
    cat = ws.catalogue
    query = _query_date(cat, as_of)
    if unit is not None:
        unit = _require_unit(cat, unit)
    _require_chapter(cat, chapter)
    return ws, evaluate(cat, ws.progress, query, ws.carried).only(unit=unit, chapter=chapter)


def _result(ev, indicator_id: str, example: str):
    result = ev.by_id.get(indicator_id)
    if result is None:
        _fail("cli.no_indicator", "cli.indicator_hint", id=indicator_id, hint_values={"example": example})
    return result


def _emit_view(grid, fmt: str, head: list[str]) -> None:
    from gdtrack.views.output import emit_grid, emit_lines

    if fmt == "table":
        emit_lines([*head, ""])
    emit_grid(grid, fmt)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gdtrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help=_opt("version"))] = False,
) -> None:
    del version  # handled by its callback
    _cache.cache_clear()  # one cache per run (and per test that runs the app in the same process)


# ── check ──────────────────────────────────────────────────────────────────────────────────────


@app.command(**_help("check"))
def check(
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
    source: Annotated[Path | None, typer.Option("--source", "-s", help=_opt("check.source"))] = None,
    fmt: FormatOpt("text", "json", "github") = None,
    strict: Annotated[bool, typer.Option("--strict", help=_opt("check.strict"))] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD",
                                              help=_opt("check.as_of"))] = None,
    require_reports: Annotated[bool, typer.Option("--require-reports",
                                                  help=_opt("check.require_reports"))] = False,
    select: Annotated[list[str] | None, typer.Option("--select", metavar="CODE",
                                                     help=_opt("check.select"))] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", metavar="CODE",
                                                     help=_opt("check.ignore"))]
    = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    against: Annotated[str | None, typer.Option("--against", metavar="REF",
                                                help=_opt("check.against"))] = None,
) -> None:
    """Validate the catalogue and the progress files."""
    catalogue, progress = _paths(plan, catalogue, progress)
    from gdtrack.checks.workspace import open_workspace
    from gdtrack.diagnostics import CODES, did_you_mean
    from gdtrack.views.problems import format_github, format_json, format_text, summary_line

    kind = _format(fmt, "check", "text", "json", "github")
    for code in [*(select or ()), *(ignore or ())]:
        if code not in CODES:
            close = did_you_mean(code, list(CODES))
            _fail("cli.unknown_code", "cli.codes_hint", code=code, hint_values={"example": close or "no-evidence"})
    _require_catalogue(catalogue)
    if source is not None and not source.is_file():
        _fail("cli.source_missing", "cli.source_hint", path=source)
    query = _parse_date(as_of) if as_of else None
    ws = open_workspace(catalogue, progress, source=source, as_of=query, require_reports=require_reports)
    _carry(ws)
    if against is not None:
        from gdtrack.repository.revisions import GitError
        from gdtrack.repository.revisions import against as against_ref

        try:
            ws.found += against_ref(ws, progress, against)
        except GitError as exc:
            _fail_text(str(exc), exc.hint, code=2)
    diags = [d for d in ws.diagnostics
             if (not select or d.code in select) and (not ignore or d.code not in ignore)]
    errors = [d for d in diags if d.severity == "error"]
    frame: LangCode = lang.value  # type: ignore[assignment]
    with _printing(output):
        if kind == "json":
            _echo(format_json(diags))
        elif kind == "github":
            if diags:
                _echo(format_github(diags))
        else:
            if diags:
                _echo(format_text(diags, ws.source_lines(), frame))
            cat = ws.catalogue
            what = (word("cli.check_what", frame, tasks=len(cat.tasks), indicators=len(cat.indicators()),
                         files=len(ws.read)) if cat else word("cli.check_no_catalogue", frame))
            if ws.not_reported:
                _echo(word("cli.check_not_reported", frame, n=len(ws.not_reported),
                           units=word("list.sep", "zh").join(ws.not_reported)))
            if reviews := sum(d.code == "review" for d in diags):
                _echo(word("cli.check_reviews", frame, n=reviews))
            mark = "✗" if errors or (strict and diags) else "✓"
            _echo(word("cli.check_footer", frame, mark=mark, path=catalogue, what=what,
                       summary=summary_line(diags, frame)))
    if errors or (strict and diags):
        raise typer.Exit(1)


# ── the catalogue ──────────────────────────────────────────────────────────────────────────────


@app.command(**_help("tasks"))
def tasks(
    chapter: Annotated[int | None, typer.Option("--chapter", help=_opt("tasks.chapter"))] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help=_opt("tasks.unit"),
                                             autocompletion=complete_unit)] = None,
    fmt: FormatOpt("table", "markdown", "csv", "json") = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
) -> None:
    """List the plan's tasks."""
    catalogue, _ = _paths(plan, catalogue, None)
    from gdtrack.views.catalogue import tasks_grid, tasks_json
    from gdtrack.views.output import emit_grid, emit_json

    kind = _format(fmt, "tasks", "table", "markdown", "csv", "json")
    cat = _open(catalogue).catalogue
    _require_chapter(cat, chapter)
    if unit is not None:
        unit = _require_unit(cat, unit)
    chosen = [t for t in cat.tasks
              if (chapter is None or t.chapter == chapter) and (unit is None or unit in t.lead_units)]
    with _printing(output):
        if kind == "json":
            emit_json(tasks_json(chosen))
        else:
            emit_grid(tasks_grid(chosen, lang.value), kind)


@app.command(**_help("show"))
def show(
    task_id: Annotated[int, typer.Argument(metavar="ID", help=_opt("show.task_id"))],
    fmt: FormatOpt("table", "json") = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
) -> None:
    """Show one task and its indicators."""
    catalogue, _ = _paths(plan, catalogue, None)
    from gdtrack.views.catalogue import indicators_grid, task_header, task_json
    from gdtrack.views.output import emit_grid, emit_json, emit_lines

    kind = _format(fmt, "show", "table", "json")
    cat = _open(catalogue).catalogue
    task = next((t for t in cat.tasks if t.id == task_id), None)
    if task is None:
        _fail("cli.no_task", "cli.task_hint", n=task_id, hint_values={"first": cat.tasks[0].id,
                                                                    "last": cat.tasks[-1].id})
    with _printing(output):
        if kind == "json":
            emit_json(task_json(cat, task))
            return
        emit_lines([*task_header(cat, task, lang.value), ""])
        if task.indicators:
            emit_grid(indicators_grid(cat, task, lang.value))
        else:
            emit_lines([word("show.no_indicators", lang.value)])


# ── status and friends ─────────────────────────────────────────────────────────────────────────

VIEW_FORMATS = ("table", "markdown", "csv", "json")


@app.command(**_help("status"))
def status(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    chapter: ChapterOpt = None,
    by: Annotated[By, typer.Option("--by", help=_opt("status.by"))] = By.indicator,
    fmt: FormatOpt(*VIEW_FORMATS) = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Completion against 序时进度, per goal or rolled up."""
    catalogue, progress = _paths(plan, catalogue, progress)
    from gdtrack.engine.supervision import forecast, history_of
    from gdtrack.views.output import Lazy, emit_json
    from gdtrack.views.status import headline, indicators_grid, rollup_grid, status_json
    from gdtrack.views.supervision import forecast_json, history_json, with_forecast

    kind = _format(fmt, "status", *VIEW_FORMATS)
    ws, ev = _evaluate(catalogue, progress, as_of, unit, chapter)
    carried = _open_goals(ev, unit) if chapter is None else []
    forecasts = {r.id: forecast(r) for r in ev.results}
    with _printing(output):
        if kind == "json":
            from gdtrack.views.carried import carried_json

            data, hist = status_json(ev, skipped=ws.skipped), history_of(ev)
            rows = data["indicators"]
            data["indicators"] = Lazy(len(rows), lambda i: rows[i] | {  # each row's history made as it is written
                "history": history_json(hist.of(rows[i]["id"])), "forecast": forecast_json(forecasts[rows[i]["id"]])})
            emit_json(data | ({"carried": carried_json(carried)} if carried else {}))
            return
        if by is By.indicator:
            grid = with_forecast(indicators_grid(ev.results, lang.value), ev.results, forecasts, lang.value)
        else:
            groups = {By.task: ev.tasks, By.chapter: ev.chapters, By.unit: ev.units}[by]()
            grid = rollup_grid(groups, lang.value, by.value)
        _emit_view(grid, kind, headline(ev, lang.value, ws.skipped))
        if carried and kind != "csv":
            from gdtrack.views.carried import emit_carried

            emit_carried(carried, kind, lang.value)


@app.command(**_help("lagging"))
def lagging(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    chapter: ChapterOpt = None,
    fmt: FormatOpt(*VIEW_FORMATS) = None,
    sort: Annotated[SortBy, typer.Option("--sort", help=_opt("lagging.sort"))] = SortBy.gap,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """滞后事项: lagging, behind and unreported goals."""
    catalogue, progress = _paths(plan, catalogue, progress)
    from gdtrack.engine.evaluation import lagging as lagging_list
    from gdtrack.engine.supervision import by_shortfall, forecast
    from gdtrack.views.output import emit_json
    from gdtrack.views.status import headline, lagging_grid, lagging_json
    from gdtrack.views.supervision import forecast_json, with_forecast

    kind = _format(fmt, "lagging", *VIEW_FORMATS)
    ws, ev = _evaluate(catalogue, progress, as_of, unit, chapter)
    items = lagging_list(ev.results)
    forecasts = {r.id: forecast(r) for r in items}
    if sort is SortBy.shortfall:
        items = by_shortfall(items, forecasts)
    with _printing(output):
        if kind == "json":
            data = lagging_json(ev, items, ws.skipped)
            for row in data["indicators"]:
                row["forecast"] = forecast_json(forecasts[row["id"]])
            emit_json(data)
            return
        grid = with_forecast(lagging_grid(items, lang.value), items, forecasts, lang.value)
        _emit_view(grid, kind, headline(ev, lang.value, ws.skipped))


@app.command(**_help("units"))
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
    catalogue, progress = _paths(plan, catalogue, progress)
    from gdtrack.views.output import emit_json
    from gdtrack.views.status import headline, status_json, units_grid

    kind = _format(fmt, "units", *VIEW_FORMATS)
    ws, ev = _evaluate(catalogue, progress, as_of)
    with _printing(output):
        if kind == "json":
            emit_json(status_json(ev, skipped=ws.skipped)["units"])
            return
        _emit_view(units_grid(ev.units(), lang.value), kind, headline(ev, lang.value, ws.skipped))


@app.command(**_help("explain"))
def explain(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help=_opt("indicator_id", example="44.4"),
                                                autocompletion=complete_indicator)],
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """How one indicator's status was reached."""
    catalogue, progress = _paths(plan, catalogue, progress)
    from gdtrack.engine.supervision import forecast
    from gdtrack.views.output import emit_lines
    from gdtrack.views.status import explain_lines
    from gdtrack.views.supervision import forecast_lines

    _, ev = _evaluate(catalogue, progress, as_of)
    result = _result(ev, indicator_id, "44.4")
    with _printing(output):
        emit_lines(explain_lines(result, lang.value))
        if result.indicator.comparator in (">=", "<=", "=="):
            emit_lines(["", *forecast_lines(forecast(result), result.indicator, lang.value)])


# ── the bulletin, the ledger, history ──────────────────────────────────────────────────────────


@app.command(**_help("report"))
def report(
    as_of: AsOfOpt = None,
    since: Annotated[str | None, typer.Option("--since", metavar="YYYY-MM-DD",
                                              help=_opt("report.since"))] = None,
    fmt: FormatOpt("markdown", "html", "docx") = None,
    issue: Annotated[int | None, typer.Option("--issue", min=1, metavar="N",
                                              help=_opt("report.issue"))] = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """The monthly bulletin (月度通报): Markdown, HTML or Word."""
    catalogue, progress = _paths(plan, catalogue, progress)
    from gdtrack.engine.bulletin import build

    docx_file = fmt is None and output is not None and output.suffix.lower() == ".docx"
    kind = "docx" if docx_file else _format(fmt, "report", "markdown", "html", "docx")
    if kind == "docx" and output is None:
        _fail("cli.docx_needs_o", "cli.form_o_hint", hint_values={"name": word("cli.report_docx_name", _State.lang)})
    if issue is not None and kind != "docx":
        _fail("cli.issue_only_docx", "cli.issue_hint")
    ws = _open(catalogue, progress)
    cat = ws.catalogue
    query = _query_date(cat, as_of)
    start = _parse_date(since, "--since") if since else None
    if start is not None and start >= query:
        _fail("cli.since_not_before", "cli.since_hint", since=start, query=query)
    b = build(cat, ws.progress, query, start, ws.carried)
    sample = any(pf.sample for pf in ws.progress)
    note = word("cli.sample_note", lang.value) if sample else None
    if kind == "docx":
        from gdtrack.engine.escalated import escalations
        from gdtrack.views.docx import bulletin_docx

        _write_output(output, bulletin_docx(b, lang.value, issue=issue, sample=sample, skipped=ws.skipped,
                                            escalations=escalations(cat, ws.progress, query)))
        return
    if kind == "html":
        from gdtrack.views.html import bulletin_html

        text = bulletin_html(b, lang.value, note=note, sample=sample, skipped=ws.skipped)
    else:
        from gdtrack.views.bulletin_md import bulletin_markdown

        text = bulletin_markdown(b, lang.value, note=note, skipped=ws.skipped)
    with _printing(output):
        sys.stdout.write(text)


@app.command(**_help("notice"))
def notice(
    unit: Annotated[str, typer.Argument(help=_opt("unit_name"))],
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.zh,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE.docx",
                                                help=_opt("notice.output"))] = None,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
) -> None:
    """督办单: a Word supervision notice to one unit."""
    from gdtrack.engine.escalated import at_least, escalations, level_names
    from gdtrack.views.docx import date_text, notice_docx

    ws = _open(catalogue, progress)
    cat = ws.catalogue
    unit = _require_unit(cat, unit)
    query = _query_date(cat, as_of)
    if output is None:
        name = word("cli.notice_docx_name", _State.lang, unit=unit)
        _fail("cli.docx_needs_o", "cli.form_o_hint", hint_values={"name": name})
    names = level_names(cat)
    items = at_least(escalations(cat, ws.progress, query, unit=unit), names[min(1, len(names) - 1)], names)
    if not items:
        _echo(word("notice.none", lang.value, unit=unit, date=date_text(query, lang.value)))
        return
    _write_output(output, notice_docx(cat, unit, query, items, lang.value))


@app.command(**_help("export"))
def export(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help=_opt("export.output"))],
    fmt: FormatOpt("xlsx", "csv") = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """The ledger (台账) as .xlsx or .csv."""
    catalogue, progress = _paths(plan, catalogue, progress)
    suffix = output.suffix.lower().lstrip(".")
    kind = _format(fmt, "export", "xlsx", "csv") if fmt is not None else suffix if suffix in ("xlsx", "csv") \
        else None
    if kind is None:
        _fail("cli.unknown_format", "cli.format_hint", name=output.name)
    _, ev = _evaluate(catalogue, progress, as_of)
    from gdtrack.views.ledger import ledger_csv, ledger_xlsx

    _write_output(output, ledger_xlsx(ev, lang.value) if kind == "xlsx" else ledger_csv(ev, lang.value))


@app.command(**_help("history"))
def history(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help=_opt("indicator_id", example="7.1"),
                                                autocompletion=complete_indicator)],
    as_of: AsOfOpt = None,
    revisions: Annotated[bool, typer.Option("--revisions", help=_opt("history.revisions"))] = False,
    fmt: FormatOpt("table", "json") = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """One goal's reported values against the pace line."""
    catalogue, progress = _paths(plan, catalogue, progress)
    from gdtrack.engine.bulletin import trajectory
    from gdtrack.engine.supervision import escalations, history_of
    from gdtrack.views.history import history_json, history_lines
    from gdtrack.views.output import emit_grid, emit_json, emit_lines
    from gdtrack.views.supervision import emit_period_row, escalation_line
    from gdtrack.views.supervision import history_json as periods_json

    kind = _format(fmt, "history", "table", "json")
    ws, ev = _evaluate(catalogue, progress, as_of)
    result = _result(ev, indicator_id, "7.1")
    points = trajectory(ev.catalogue, result)
    changes = _revisions(ws, result.owner, indicator_id) if revisions else None
    hist = history_of(ev)
    periods = hist.of(result.id)
    with _printing(output):
        if kind == "json":
            from gdtrack.views.revisions import revisions_json

            extra = {} if changes is None else {"revisions": revisions_json(changes)}
            emit_json(history_json(points, result) | {"periods": periods_json(periods)} | extra)
            return
        head, grid, tail = history_lines(points, result, lang.value)
        blank = head.index("")  # the header, then the status at each period end and the level, then the rest
        emit_lines(head[:blank])
        emit_period_row(periods, ev.catalogue.plan.policy.reporting, lang.value)
        found = [e for e in escalations(ev.catalogue, ws.progress, ev.query, hist=hist) if e.id == result.id]
        emit_lines([*escalation_line(found[0] if found else None, lang.value), *head[blank:]])
        if grid is not None:
            emit_grid(grid)
            emit_lines(tail)
        if changes is not None:
            from gdtrack.views.revisions import revisions_grid

            emit_lines(["", word("history.revisions", lang.value)])
            emit_grid(revisions_grid(changes, lang.value))


def _revisions(ws, owner: str | None, indicator_id: str):
    """Each git revision of the figures of `indicator_id` in its owner's progress file."""
    from gdtrack.repository.revisions import GitError, figure_revisions

    shown = ws.unit_files.get(owner)
    if shown is None:
        return []
    try:
        return figure_revisions(Path(shown), indicator_id)
    except GitError as exc:
        _fail_text(str(exc), exc.hint, code=2)


# ── 督办: escalations and 催报 ───────────────────────────────────────────────────────────────────


@app.command(**_help("escalations"))
def escalations(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    fmt: FormatOpt(*VIEW_FORMATS) = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
) -> None:
    """督办清单: goals lagging at consecutive period ends, by level."""
    from gdtrack.engine.supervision import escalations as find
    from gdtrack.views.output import emit_json
    from gdtrack.views.supervision import escalation_head, escalations_grid, escalations_json

    kind = _format(fmt, "escalations", *VIEW_FORMATS)
    ws, ev = _evaluate(catalogue, progress, as_of, unit)
    chosen = None if unit is None else _require_unit(ev.catalogue, unit)
    escs = find(ev.catalogue, ws.progress, ev.query, unit=chosen)
    with _printing(output):
        if kind == "json":
            emit_json(escalations_json(escs, ev))
            return
        head = escalation_head(escs, ev, lang.value)
        if not escs:
            from gdtrack.views.output import emit_lines

            emit_lines([*head, "", word("escalation.none", lang.value)])
            return
        _emit_view(escalations_grid(escs, lang.value), kind, head)


@app.command(**_help("remind"))
def remind(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    fmt: FormatOpt("text", "markdown", "json") = None,
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = DEFAULT_CATALOGUE,
    progress: ProgressOpt = DEFAULT_PROGRESS,
) -> None:
    """催报: a message per unit with goals not reported this period."""
    from gdtrack.engine.supervision import reminders
    from gdtrack.views.output import emit_json
    from gdtrack.views.supervision import reminders_json, reminders_markdown, reminders_text

    kind = _format(fmt, "remind", "text", "markdown", "json")
    _, ev = _evaluate(catalogue, progress, as_of, unit)
    rems = reminders(ev)
    with _printing(output):
        if kind == "json":
            emit_json(reminders_json(rems, ev.query, lang.value))
        elif kind == "markdown":
            sys.stdout.write(reminders_markdown(rems, ev.query, lang.value))
        else:
            sys.stdout.write(reminders_text(rems, ev.query, lang.value))


# ── the departments' workflow ──────────────────────────────────────────────────────────────────


@app.command(**_help("template"))
def template(
    unit: Annotated[str, typer.Argument(help=_opt("unit_name"),
                                        autocompletion=complete_unit)],
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help=_opt("template.output"))] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD",
                                              help=_opt("template.as_of"))]
    = None,
    fmt: FormatOpt("yaml", "xlsx") = None,
    add_date: Annotated[bool, typer.Option("--add-date", help=_opt("template.add_date"))]
    = False,
    schema_ref: Annotated[str, typer.Option("--schema", help=_opt("template.schema"))]
    = "../../schema/progress.schema.json",
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """A unit's progress-file skeleton or its spreadsheet form."""
    catalogue, progress = _paths(plan, catalogue, progress)
    from gdtrack.views.files import progress_template

    kind = _format(fmt, "template", "yaml", "xlsx") if fmt is not None else \
        "xlsx" if output is not None and output.suffix.lower() == ".xlsx" else "yaml"
    ws = _open(catalogue, progress if kind == "xlsx" or add_date else None)
    cat = ws.catalogue
    unit = _require_unit(cat, unit)
    day = _query_date(cat, as_of)
    if kind == "xlsx":
        from gdtrack.views.form_xlsx import form_xlsx

        if output is None:
            _fail("cli.form_needs_o", "cli.form_o_hint", hint_values={"name": f"{unit}-{day}.xlsx"})
        if output.exists():
            _fail("cli.exists", "cli.choose_another", path=output)
        _write_output(output, form_xlsx(cat, unit, day, next((f for f in ws.progress if f.unit == unit), None)))
        return
    if add_date:
        if output is None or not output.is_file():
            _fail("cli.add_date_needs_file", "cli.add_date_hint")
        _add_date(cat, output, unit, day)
        return
    text = progress_template(cat, unit, day, schema_ref, lang.value)
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists():
        _fail("cli.exists", "cli.exists_add_date", path=output,
              hint_values={"unit": unit, "day": day, "path": output})
    _write_output(output, text)


def _add_date(cat, path: Path, unit: str, day) -> None:
    from gdtrack.repository.recording import RecordError, add_blanks
    from gdtrack.views.problems import format_text

    try:
        done = add_blanks(cat, path, unit, day)
    except RecordError as exc:
        if exc.diagnostics:
            typer.echo(format_text(exc.diagnostics, lang=_State.lang), err=True)
        for refusal in exc.refusals:
            typer.echo(f"  {refusal.message}", err=True)
        _fail_text(exc.message, exc.hint, message_zh=exc.message_zh, hint_zh=exc.hint_zh)
    except OSError as exc:
        _fail("cli.not_written", "cli.not_written_hint", code=1, path=path, why=exc.strerror or exc)
    added = done.count("recorded")
    if added:
        _echo(word("cli.added_blanks", _State.lang, n=added, d=day, path=path))
    else:
        _echo(word("cli.blanks_there", _State.lang, d=day, path=path))


@app.command(**_help("schema"))
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help=_opt("schema.kind"))],
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
) -> None:
    """The JSON Schema of catalogue or progress files."""
    from gdtrack.models import json_schema

    del lang  # it sets the language of messages, through its callback
    with _printing(output):
        sys.stdout.write(json_schema(kind.value))


@app.command(**_help("record"))
def record(
    unit: Annotated[str, typer.Argument(help=_opt("record.unit"),
                                        autocompletion=complete_unit)],
    figures: Annotated[list[str], typer.Argument(
        metavar="ID=VALUE... | ID VALUE",
        help=_opt("record.figures"), autocompletion=complete_indicator)],
    as_of: Annotated[str, typer.Option("--as-of", metavar="YYYY-MM-DD", help=_opt("record.as_of"))],
    note: Annotated[str | None, typer.Option("--note", help=_opt("record.note"))] = None,
    evidence: Annotated[str | None, typer.Option("--evidence", help=_opt("record.evidence"))] = None,
    force: Annotated[bool, typer.Option("--force", help=_opt("record.force"))]
    = False,
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Add figures to a unit's progress file in one write."""
    catalogue, progress = _paths(plan, catalogue, progress)
    from gdtrack.files.unitnames import say, unit_file
    from gdtrack.repository.recording import RecordError, items_from, parse_figures, record_many
    from gdtrack.views.problems import format_text

    ws = _open(catalogue, progress)
    cat = ws.catalogue
    unit = _require_unit(cat, unit)
    day = _parse_date(as_of)
    try:
        path = unit_file(progress, unit)  # UNIT.yaml (or UNIT.yml), directly inside the progress folder
    except ValueError as exc:
        _fail_text(str(exc), say("unit-name-hint"))
    # the unit's file, and any other file that says it is the unit's, must be clean first
    for shown in dict.fromkeys(p for p in (str(path), ws.unit_files.get(unit)) if p in ws.skipped):
        own = [d for d in ws.diagnostics if d.path == shown and d.severity == "error"]
        typer.echo(format_text(own, ws.source_lines(), _State.lang), err=True)
        _fail("cli.file_has_errors", "cli.run_check", code=1, path=shown)
    pairs: list[tuple[str, str]] = []
    try:
        pairs = parse_figures(figures)
        if note is not None and len(pairs) > 1:
            _fail("cli.note_one_figure", "cli.note_one_figure_hint")
        done = record_many(cat, path, unit, day, items_from(pairs, note, evidence, cat, unit), force=force)
    except RecordError as exc:
        if exc.diagnostics:
            typer.echo(format_text(exc.diagnostics, lang=_State.lang), err=True)
        if len(exc.refusals) == 1 and len(pairs) == 1:
            r = exc.refusals[0]
            _fail_text(r.message, r.hint, message_zh=r.message_zh, hint_zh=r.hint_zh)
        for refusal in exc.refusals:
            message, hint = refusal.message, refusal.hint
            if _State.lang == "zh" and refusal.message_zh is not None:  # Chinese, then the English
                message = f"{refusal.message_zh} / {message}"
                hint = f"{refusal.hint_zh} / {hint}" if hint else None
            typer.echo(f"  {pairs[refusal.index][0]}: {message}" + (f" ({hint})" if hint else ""), err=True)
        _fail_text(exc.message, exc.hint, message_zh=exc.message_zh, hint_zh=exc.hint_zh)
    except OSError as exc:  # LockTimeout and UnsafeTarget carry their own hint
        hint = getattr(exc, "hint", None)
        if hint:
            _fail_text(word("cli.not_written", "en", path=path, why=exc.strerror or exc), hint)
        _fail("cli.not_written", "cli.not_written_hint", code=1, path=path, why=exc.strerror or exc)
    w = lang.value
    for o in done.outcomes:
        value, key = o.item.value, o.item.indicator
        value = state_label(value, w) if isinstance(value, str) else value
        if o.action == "unchanged":
            _echo(word("cli.record_same", w, id=key, d=day, value=value, path=path))
        elif o.action == "changed":
            _echo(word("cli.record_changed", w, id=key, d=day, path=path, old=o.old, value=value))
        else:
            what = (word("cli.record_new_file", w) if done.created_file else
                    word("cli.record_new_report", w) if done.created_report else "")
            _echo(word("cli.record_done", w, id=key, value=value, d=day, path=path, what=what, unit=unit))
    _warn_odd_figures(cat, ws.progress, unit, day, done)


def _warn_odd_figures(cat, files, unit: str, day, done) -> None:
    """A figure that looks wrong is said at once: a cumulative total lower than before, a level that jumped."""
    from gdtrack.checks.rules import odd_figures

    before = next((pf for pf in files if pf.unit == unit), None)
    for o in done.outcomes:
        for key, values in odd_figures(cat, before, o.item.indicator, o.item.value, day):
            _warn(f"cli.odd.{key}", **values)


@app.command(name="import", **_help("import"))
def import_forms(
    forms: Annotated[list[Path], typer.Argument(metavar="FORM...", help=_opt("import.forms"))],
    force: Annotated[bool, typer.Option("--force", help=_opt("import.force"))] = False,
    all_or_nothing: Annotated[bool, typer.Option("--all-or-nothing", help=_opt("import.all_or_nothing"))] = False,
    lang: LangOpt = Lang.zh,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Import filled spreadsheet forms into the progress files."""
    catalogue, progress = _paths(plan, catalogue, progress)
    from gdtrack.repository.forms import import_forms as run_import
    from gdtrack.repository.forms import summary_line
    from gdtrack.views.problems import format_text

    del lang  # it sets the language of messages, through its callback
    ws = _open(catalogue, progress)
    results = run_import(ws.catalogue, forms, ws.unit_files, set(ws.skipped), progress, force=force,
                         all_or_nothing=all_or_nothing)
    problems = [d for r in results for d in r.diagnostics]
    if problems:
        _echo(format_text(problems, lang=_State.lang))
    for result in results:
        _echo(summary_line(result))
    if any(r.errors for r in results):
        raise typer.Exit(1)


@app.command(**_help("codeowners"))
def codeowners(
    lang: LangOpt = Lang.zh,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    plan: PlanOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """A CODEOWNERS block for the units' progress files."""
    catalogue, progress = _paths(plan, catalogue, progress)
    from gdtrack.views.files import codeowners as codeowners_text

    del lang  # it sets the language of messages, through its callback
    ws = _open(catalogue, progress)
    with _printing(output):
        files = {unit: _from_root(Path(path)) for unit, path in ws.unit_files.items()}
        sys.stdout.write(codeowners_text(ws.catalogue, files, _from_root(progress)))


# ── drafting a catalogue ───────────────────────────────────────────────────────────────────────


def _drafted(source: Path, year: int | None, lang: LangCode, shown: str):
    """The draft of the plan in `source`: (the draft, its YAML, the diagnostics of checking it as `shown`)."""
    from gdtrack.diagnostics import LoadError
    from gdtrack.drafting import DraftError
    from gdtrack.drafting import draft as make_draft
    from gdtrack.drafting.emit import catalogue_yaml
    from gdtrack.drafting.review import verify
    from gdtrack.files.loading import decode, read_bytes
    from gdtrack.views.problems import format_text

    try:
        text = decode(read_bytes(source), str(source))
    except LoadError as exc:
        typer.echo(format_text([exc.diagnostic], lang=_State.lang), err=True)
        raise typer.Exit(1) from None
    try:
        result = make_draft(text, year, lang)
    except DraftError as exc:
        _fail_text(f"{source}: {exc}", exc.hint)
    yaml_text = catalogue_yaml(result, source.name)
    valid, diags = verify(yaml_text, shown, text, str(source))
    if not valid:  # a bug of the drafter, never the user's: say so, write nothing
        typer.echo(format_text(diags, lang=_State.lang), err=True)
        _fail("cli.draft_invalid", "cli.draft_invalid_hint", code=1)
    return result, yaml_text, diags


@app.command(**_help("draft"))
def draft(
    source: Annotated[Path, typer.Argument(metavar="SOURCE.txt", help=_opt("draft.source"))],
    output: Annotated[Path | None, typer.Option("--output", "-o", help=_opt("draft.output"))] = None,
    year: Annotated[int | None, typer.Option("--year", min=1900, max=2200, help=_opt("draft.year"))] = None,
    report: Annotated[bool, typer.Option("--report", help=_opt("draft.report"))] = False,
    force: Annotated[bool, typer.Option("--force", help=_opt("draft.force"))] = False,
    lang: LangOpt = Lang.zh,
) -> None:
    """Draft a catalogue from the plain text of a published plan."""
    from gdtrack.drafting.review import missing, report_lines, summary
    from gdtrack.views.problems import format_text

    if not source.is_file():
        _fail("cli.source_missing", "cli.draft_source_hint", path=source)
    if output is not None and output.exists() and not force:
        _fail("cli.exists", "cli.draft_exists_hint", path=output)
    result, yaml_text, diags = _drafted(source, year, lang.value, str(output) if output is not None else "<draft>")
    if report:
        _echo("\n".join(report_lines(result)))
    if output is not None:
        _write_output(output, yaml_text)
    elif not report:
        sys.stdout.write(yaml_text)
    for line in missing(result):
        typer.echo(word("cli.warning", "en", message=line), err=True)
    problems = [d for d in diags if d.code not in ("review", "no-baseline")  # reported above, or expected
                and not (d.loc == ("plan", "document_number") and result.plan.document_number is None)]
    if problems:
        typer.echo(format_text(problems, lang=_State.lang), err=True)
    typer.echo(summary(result), err=True)


# ── a data repository ──────────────────────────────────────────────────────────────────────────


@app.command(**_help("init"))
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help=_opt("init.folder"))] = Path("."),
    source: Annotated[Path | None, typer.Option("--from", metavar="SOURCE.txt", help=_opt("init.from"))] = None,
    year: Annotated[int | None, typer.Option("--year", min=1900, max=2200, help=_opt("init.year"))] = None,
    lang: LangOpt = Lang.zh,
) -> None:
    """Start a data repository, or add the next plan to one."""
    import datetime as dt
    import os

    from gdtrack.checks.workspace import open_workspace
    from gdtrack.drafting.review import summary
    from gdtrack.files.project import ProjectError
    from gdtrack.repository.scaffold import CODEOWNERS, add_files, new, start
    from gdtrack.views.files import codeowners as codeowners_text

    w = lang.value
    drafted = None
    if source is not None:
        if not source.is_file():
            _fail("cli.source_missing", "cli.draft_source_hint", path=source)
        drafted = _drafted(source, year, w, "<draft>")
    name = str(year or (drafted[0].plan.period_start.year if drafted else dt.date.today().year))
    try:
        made = start(folder, name)
        add_files(made, drafted[1] if drafted else None)
        owners = made.root / CODEOWNERS
        ws = open_workspace(made.catalogue) if made.catalogue.is_file() and not owners.exists() else None
        if ws is not None and ws.catalogue is not None:
            progress = made.progress.relative_to(made.root).as_posix()
            new(made, owners, codeowners_text(ws.catalogue, {}, progress))
    except ProjectError as exc:
        _fail(exc.key, exc.hint, hint_values=exc.values, **exc.values)
    except OSError as exc:
        _fail("cli.cannot_write", "cli.write_hint", code=1, path=folder, why=exc.strerror or exc)

    def shown(path: Path) -> str:
        return os.path.relpath(path)

    if made.added_plan:
        _echo(word("init.added_plan", w, plan=name, path=shown(made.root / "gdtrack.toml")))
    for path in made.created:
        _echo(word("init.created", w, path=shown(path)))
    for path in made.skipped:
        _echo(word("init.skipped", w, path=shown(path)))
    if not made.catalogue.is_file():
        _echo(word("init.next_draft", w, catalogue=shown(made.catalogue)))
        if not (made.root / CODEOWNERS).exists():
            _echo(word("init.codeowners_later", w, path=shown(made.root / CODEOWNERS)))
    elif drafted is not None:
        typer.echo(summary(drafted[0]), err=True)
        _echo(word("init.next_review", w, catalogue=shown(made.catalogue), source=source))


def main() -> None:
    startup.prepare()  # fewer GC passes; pydantic's plugins off, and their search skipped (not at import: a
    # program or test that imports gdtrack.cli keeps its own settings)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            if stream.isatty():
                stream.reconfigure(errors="replace")  # a GBK console must not crash on a symbol
            else:  # redirected to a file or a pipe: UTF-8 whatever the console's code page (GBK on Chinese Windows)
                stream.reconfigure(encoding="utf-8")
    _only_the_command_run(sys.argv[1:])
    app()


def _only_the_command_run(args: list[str]) -> None:
    """Start-up: typer builds a click command, with every option, for each registered command before it parses
    anything — for 20 commands about 40 ms of each run. When the command run is plain to see (`gdtrack status …`),
    only that one is built; `--help`, `--version`, a mistyped name and shell completion still see them all."""
    import os

    if args == ["--version"]:  # nothing to build at all
        app.registered_commands[:] = app.registered_commands[:1]
    if not args or args[0].startswith("-") or any(k.startswith("_GDTRACK_COMPLETE") for k in os.environ):
        return
    chosen = [c for c in app.registered_commands if (c.name or c.callback.__name__.replace("_", "-")) == args[0]]
    if len(chosen) == 1:
        app.registered_commands[:] = chosen
