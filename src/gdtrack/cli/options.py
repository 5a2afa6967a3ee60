"""The app and every option, declared once and shared by the commands that take it (as sqlite-utils shares its
output options): `--catalogue`, `--progress`, `--plan`, `--as-of`, `--lang`, `--format`, `-o`, `--unit` and
`--chapter` mean the same everywhere. Help texts come from gdtrack.words (`help.<command>`, `opt.<name>`)."""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from gdtrack.cli import helptext
from gdtrack.cli.completion import complete_indicator, complete_unit
from gdtrack.cli.printing import chosen_format, set_lang
from gdtrack.cli.printing import lang as current_lang
from gdtrack.values import Frozen, frozen
from gdtrack.words import Lang as LangCode
from gdtrack.words import word


def help_lang(environ: Mapping[str, str] = os.environ) -> LangCode:
    """The language of --help: English when GDTRACK_LANG says en, else Chinese (unset, zh or anything unknown)."""
    return "en" if environ.get("GDTRACK_LANG", "").strip() == "en" else "zh"


HELP_LANG = help_lang()  # chosen once, at import: typer takes help= when the commands are declared


def command_help(command: str) -> dict[str, Any]:
    """A command's help=, short_help= (its first paragraph, for the list of commands) and cls=, from words."""
    return helptext.command_help(word(f"help.{command}", HELP_LANG))


def opt(name: str, **values: Any) -> str:
    """An option's or argument's help=, from words."""
    return word(f"opt.{name}", HELP_LANG, **values)


app = typer.Typer(
    name="gdtrack",
    help=command_help("gdtrack")["help"],
    cls=helptext.Group,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def choices(name: str, *values: str) -> type[Enum]:
    """A set of choices for an option (typer takes a `str` Enum): each value is its own name."""
    return Enum(name, {v: v for v in values}, type=str, module=__name__)  # type: ignore[return-value]


Lang = choices("Lang", "zh", "en")
Format = choices("Format", "table", "text", "markdown", "csv", "json", "github", "html", "xlsx", "yaml", "docx")
"""Every output format any command prints; each command says which of them it takes (`formats=`)."""
By = choices("By", "indicator", "task", "chapter", "unit")
SortBy = choices("SortBy", "gap", "shortfall")
SchemaKind = choices("SchemaKind", "catalogue", "progress", "nodes", "decisions")


def _set_lang(value: Lang | None) -> Lang | None:
    if value is not None:
        set_lang(value.value)  # type: ignore[arg-type]
    return value


def as_of_option(help_key: str = "as_of") -> Any:
    return Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD", help=opt(help_key))]


def output_option(help_key: str = "output", metavar: str = "FILE") -> Any:
    return Annotated[Path | None, typer.Option("--output", "-o", metavar=metavar, help=opt(help_key))]


CatalogueOpt = Annotated[Path | None, typer.Option("--catalogue", "-c", envvar="GDTRACK_CATALOGUE", show_envvar=True,
                                                   help=opt("catalogue"))]
ProgressOpt = Annotated[Path | None, typer.Option("--progress", "-p", envvar="GDTRACK_PROGRESS", show_envvar=True,
                                                  help=opt("progress"))]
PlanOpt = Annotated[str | None, typer.Option("--plan", metavar="NAME", envvar="GDTRACK_PLAN", show_envvar=True,
                                             help=opt("plan"))]
AsOfOpt = as_of_option()
LangOpt = Annotated[Lang, typer.Option("--lang", envvar="GDTRACK_LANG", show_envvar=True, callback=_set_lang,
                                       help=opt("lang"))]
OutputOpt = output_option()
def unit_option(help_key: str = "unit") -> Any:
    return Annotated[str | None, typer.Option("--unit", "-u", help=opt(help_key), autocompletion=complete_unit)]


UnitOpt = unit_option()
ChapterOpt = Annotated[int | None, typer.Option("--chapter", help=opt("chapter"))]
AllowPartialOpt = Annotated[bool, typer.Option("--allow-partial", help=opt("allow_partial"))]
UnitArg = Annotated[str, typer.Argument(help=opt("unit_name"), autocompletion=complete_unit)]


def indicator_arg(example: str) -> Any:
    return Annotated[str, typer.Argument(metavar="ID", help=opt("indicator_id", example=example),
                                         autocompletion=complete_indicator)]


def FormatOpt(*allowed: str) -> Any:  # noqa: N802 - used like the option types above
    """The one --format option, listing the formats the command takes."""
    return Annotated[Format | None, typer.Option("--format", "-f", show_choices=False,
                                                 help=opt("format", choices=", ".join(allowed), default=allowed[0]))]


VIEW_FORMATS = ("table", "markdown", "csv", "json")
"""What the read commands print: a table for the terminal, Markdown, CSV or JSON."""


# ── the options a command shares, as one value ─────────────────────────────────────────────────


@frozen
class Run(Frozen):
    """The shared options of one run of a command: where the data is, the date and filters, the format chosen
    (checked against what the command prints), the language and where the output goes."""

    format: str | None = None
    format_given: bool = False
    as_of: str | None = None
    unit: str | None = None
    chapter: int | None = None
    lang: LangCode = "zh"
    output: Path | None = None
    catalogue: Path | None = None
    plan: str | None = None
    progress: Path | None = None
    allow_partial: bool = False


SHARED: dict[str, tuple[Any, Any]] = {  # every shared option, in the order --help lists them, with its default
    "as_of": (AsOfOpt, None), "unit": (UnitOpt, None), "chapter": (ChapterOpt, None), "fmt": (None, None),
    "lang": (LangOpt, Lang.zh), "output": (OutputOpt, None), "catalogue": (CatalogueOpt, None),
    "plan": (PlanOpt, None), "progress": (ProgressOpt, None), "allow_partial": (AllowPartialOpt, False),
}
DATA = ("catalogue", "plan", "progress")
READ = ("as_of", "unit", "chapter", "fmt", "lang", "output", *DATA)
"""The options of the commands that read the plan at a date."""
DOCUMENT = ("allow_partial",)
"""What the commands that make documents add: they refuse partial data unless told."""


def command(name: str, *, takes: tuple[str, ...], formats: tuple[str, ...] = (), **options: Any) -> Callable:
    """Register a command whose function takes `run: Run` and its own parameters: the shared options in `takes`
    are added to its signature (declared once, in SHARED; `options` may give one its own help, as
    `as_of=as_of_option("check.as_of")`), and arrive as one Run, the format already checked."""

    def register(func: Callable) -> Callable:
        signature = inspect.signature(func, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != "run"]
        shared = [inspect.Parameter(key, inspect.Parameter.KEYWORD_ONLY, default=SHARED[key][1],
                                    annotation=options.get(key) or (FormatOpt(*formats) if key == "fmt"
                                                                    else SHARED[key][0]))
                  for key in SHARED if key in takes]

        @functools.wraps(func)
        def wrapper(**given: Any) -> Any:
            values = {p.name: given.pop(p.name) for p in shared}
            fmt = values.pop("fmt", None)
            lang = values.pop("lang", None)  # typer 0.28 passes None here: its callback's return is not the value
            run = Run(format=chosen_format(fmt, name, *formats) if formats else None, format_given=fmt is not None,
                      lang=lang.value if lang is not None else current_lang(), **values)
            return func(run, **given)

        params = own + shared
        wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        app.command(name, **command_help(name))(wrapper)
        return func

    return register
