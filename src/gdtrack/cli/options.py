"""The app and every option, declared once and shared by the commands that take it (as sqlite-utils shares its
output options): `--catalogue`, `--progress`, `--plan`, `--as-of`, `--lang`, `--format`, `-o`, `--unit` and
`--chapter` mean the same everywhere. Help texts come from gdtrack.words (`help.<command>`, `opt.<name>`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from gdtrack.cli import helptext
from gdtrack.cli.completion import complete_indicator, complete_unit
from gdtrack.cli.printing import set_lang
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
UnitOpt = Annotated[str | None, typer.Option("--unit", "-u", help=opt("unit"), autocompletion=complete_unit)]
ChapterOpt = Annotated[int | None, typer.Option("--chapter", help=opt("chapter"))]
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
