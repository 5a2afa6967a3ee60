"""Typer's and Click's own words ("Usage:", "Options", "Show this message and exit.", "Error: No such option …") in
gdtrack's language: `install(lang)` once, before the app runs.

Click (and Typer) call gettext through `_` (and `ngettext`) bound in each of their modules: those are replaced by
a function that looks the English msgid up in gdtrack/words (keys `click.<msgid>`) and falls back to the msgid.
The Click that Typer vendors (typer._click) writes its words as plain f-strings instead: for it, the usage prefix,
the help option's help, the `Error:`/`Try … for help.` lines and the usage errors' messages are worded where they
are printed (HelpFormatter.write_usage / write_dl, ClickException.show, UsageError.show).
"""

from __future__ import annotations

import functools
import importlib
import re
import sys
from collections.abc import Callable
from typing import Any

from gdtrack.words import TABLES, Lang

MODULES = ("click.core", "click.exceptions", "click.formatting", "click.parser", "click.types", "click.decorators",
           "click.termui", "click.utils", "typer.core", "typer.main", "typer.rich_utils",
           "typer._click.core", "typer._click.exceptions", "typer._click.formatting", "typer._click.parser",
           "typer._click.decorators", "typer._click.termui", "typer._click.utils")
"""Where click and typer bind `_` / `ngettext` (those that do not are left alone)."""

ERRORS: tuple[tuple[str, int, str], ...] = (
    (r"No such option: (?P<name>.+?)(?: \(Possible options: (?P<choices>.+)\)| Did you mean (?P<close>.+)\?)?", 0,
     "click.no_such_option"),
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", 0, "click.extra_args"),
    (r"Missing argument '(?P<name>.+)'\.?", 0, "click.missing_argument"),
    (r"Missing option '(?P<name>.+)'\.?", 0, "click.missing_option"),
    (r"Invalid value for (?P<name>'[^']*'(?: / '[^']*')*(?: \(env var: '[^']*'\))?): (?P<why>.*)", re.S,
     "click.invalid_value_for"),
    (r"Invalid value for (?P<name>.+?): (?P<why>.*)", re.S, "click.invalid_value_for"),
    (r"Invalid value: (?P<why>.*)", re.S, "click.invalid_value"),
    (r"Option '(?P<name>.+)' requires an argument\.?", 0, "click.needs_argument"),
    (r"No such command '(?P<name>.+)'\.?", 0, "click.no_such_command"),
)
"""The usage errors click words in f-strings: their English (a pattern and its flags), and the key that words them."""
WHY: tuple[tuple[str, str], ...] = (
    (r"Value error, (?P<value>.+) is not one of (?P<choices>.+)\.", "click.not_one_of"),
    (r"Input should be a valid integer(?:, unable to parse string as an integer)?\.?", "click.not_integer"),
)
"""Why typer (through pydantic) refused an option's value, in its English: reworded inside an invalid-value
message."""
SUGGESTED = r"(?P<head>.+?)\.? Did you mean (?P<close>.+)\?"
"""What typer adds to a mistyped command's message, after gettext has already worded that message."""


@functools.cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:  # compiled on the first usage error, not at every start
    return [(re.compile(pattern, flags), key) for pattern, flags, key in ERRORS]


@functools.cache
def _why_patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern, re.S), key) for pattern, key in WHY]


def _why(why: str, lang: Lang) -> str:
    for pattern, key in _why_patterns():
        m = pattern.fullmatch(why)
        if m:
            return _table(lang)[key].format(**m.groupdict())
    return why


_installed: dict[tuple[Any, str], Any] = {}  # (owner, attribute) → what it was, so install can be undone


def _table(lang: Lang) -> dict[str, str]:
    return TABLES[lang]


def translate(msgid: str, lang: Lang) -> str:
    """Click's English `msgid` in `lang`: `click.<msgid>` of gdtrack/words, else the msgid itself."""
    return _table(lang).get(f"click.{msgid}", msgid)


def reword(message: str, lang: Lang) -> str:
    """A usage error's message, as click worded it in English, in `lang` (unknown ones as they are)."""
    for pattern, key in _patterns():
        m = pattern.fullmatch(message)
        if m:
            values = {k: v or "" for k, v in m.groupdict().items()}
            if "close" in values:
                close = values.pop("close")
                values["more"] = _table(lang)["click.did_you_mean"].format(close=close) if close else ""
                values.pop("choices", None)
            if "why" in values:
                values["why"] = _why(values["why"], lang)
            return _table(lang)[key].format(**values)
    suggested = re.fullmatch(SUGGESTED, message, re.S)
    if suggested:  # typer's suggestion after a message gettext has already worded: the hint in `lang` too
        return reword(suggested["head"], lang) + _table(lang)["click.did_you_mean"].format(close=suggested["close"])
    return translate(message, lang)


def _set(owner: Any, name: str, value: Any) -> None:
    _installed.setdefault((owner, name), getattr(owner, name, None))
    setattr(owner, name, value)


def install(lang: Lang) -> None:
    """Make click and typer print their own words in `lang` (zh or en); calling it again switches the language."""
    uninstall()

    def gettext(msgid: str) -> str:
        return translate(msgid, lang)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return translate(singular if n == 1 else plural, lang)

    for name in MODULES:
        module = sys.modules.get(name)  # only what typer has imported: rich (typer.rich_utils) is never loaded here
        if module is None:
            continue
        if hasattr(module, "_"):
            _set(module, "_", gettext)
        if hasattr(module, "ngettext"):
            _set(module, "ngettext", ngettext)
    for package in ("typer._click", "click"):
        try:
            formatting = importlib.import_module(f"{package}.formatting")
            exceptions = importlib.import_module(f"{package}.exceptions")
        except ImportError:
            continue
        _patch_formatter(formatting.HelpFormatter, lang)
        _patch_exceptions(exceptions, lang)


def uninstall() -> None:
    """Put back what install replaced."""
    for (owner, name), value in reversed(list(_installed.items())):
        setattr(owner, name, value)
    _installed.clear()


def _patch_formatter(base: type, lang: Lang) -> None:
    """The formatter and each subclass with its own write_usage / write_dl (gdtrack's, in cli/helptext.py)."""
    importlib.import_module("gdtrack.cli.helptext")
    todo, seen = [base], set()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        _patch_one(cls, lang)
        todo += cls.__subclasses__()


def _patch_one(formatter: type, lang: Lang) -> None:
    write_usage: Callable[..., None] | None = formatter.__dict__.get("write_usage")
    write_dl: Callable[..., None] | None = formatter.__dict__.get("write_dl")

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, translate("Usage: ", lang) if prefix is None else prefix)  # type: ignore[misc]

    def dl(self: Any, rows: Any, *more: Any, **kw: Any) -> None:
        write_dl(self, [(first, translate(second, lang)) for first, second in rows], *more, **kw)  # type: ignore[misc]

    if write_usage is not None:
        _set(formatter, "write_usage", usage)
    if write_dl is not None:
        _set(formatter, "write_dl", dl)


def _patch_exceptions(exceptions: Any, lang: Lang) -> None:
    echo = importlib.import_module(exceptions.__name__.rsplit(".", 1)[0] + ".utils").echo
    stderr = importlib.import_module(exceptions.__name__.rsplit(".", 1)[0] + "._compat").get_text_stderr
    words = _table(lang)

    def click_show(self: Any, file: Any = None) -> None:
        echo(words["click.error"].format(message=reword(self.format_message(), lang)), file=file or stderr(),
             color=self.show_color)

    def usage_show(self: Any, file: Any = None) -> None:
        file = file or stderr()
        color = None
        hint = ""
        if self.ctx is not None and self.ctx.command.get_help_option(self.ctx) is not None:
            hint = words["click.try"].format(command=self.ctx.command_path, option=self.ctx.help_option_names[0])
            hint += "\n"
        if self.ctx is not None:
            color = self.ctx.color
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color)
        echo(words["click.error"].format(message=reword(self.format_message(), lang)), file=file, color=color)

    _set(exceptions.ClickException, "show", click_show)
    _set(exceptions.UsageError, "show", usage_show)
