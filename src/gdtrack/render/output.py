"""Where rendered things go: rich in a terminal (colour unless NO_COLOR), plain text when piped.

A terminal table is laid out for the window's width (rich's, which honours COLUMNS), one line per row; the
columns it leaves out are named under it. GDTRACK_FORCE_TERMINAL=1 takes the terminal path whatever stdout is
(tests, or `gdtrack status | less -R`).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any

from .grid import Grid, dropped_line, fit, to_csv, to_markdown, to_plain, to_rich
from .safe import json_value, terminal

FORMATS = ("table", "markdown", "csv", "json")
FORCE_TERMINAL = "GDTRACK_FORCE_TERMINAL"


def is_terminal() -> bool:
    """Output goes to a terminal: stdout is one, or GDTRACK_FORCE_TERMINAL=1 says to behave as if it were."""
    return os.environ.get(FORCE_TERMINAL) == "1" or sys.stdout.isatty()


def emit_lines(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    sys.stdout.write(terminal(text) if is_terminal() else text)  # a note must not drive the terminal


def emit_grid(grid: Grid, fmt: str = "table") -> None:
    if fmt == "markdown":
        sys.stdout.write(to_markdown(grid) + "\n")
    elif fmt == "csv":
        # redirected to a file, csv starts with a BOM, as `export` writes it: Excel reads Chinese UTF-8 only with one
        sys.stdout.write(("" if is_terminal() else "\ufeff") + to_csv(grid))
    elif is_terminal():
        from rich.console import Console

        console = Console(force_terminal=True)  # rich itself honours NO_COLOR, and COLUMNS for the width
        layout = fit(grid, console.width)
        console.print(to_rich(grid, layout))
        note = dropped_line(layout, grid.lang, console.width)
        if note:
            console.print(note, markup=False, highlight=False, style="dim")
    else:
        sys.stdout.write(to_plain(grid) + "\n")


def _lines(value: Any, indent: str, dumps: Callable[[Any], str]) -> list[str]:
    """A list one item per line; a mapping one key per line: readable, yet each line is encoded by the C
    encoder (an indented json.dumps falls back to the slow pure-Python one)."""
    inner = indent + "  "
    if isinstance(value, list) and value:
        body = [inner + dumps(item) for item in value]
        return ["[", *(line + "," for line in body[:-1]), body[-1], indent + "]"]
    if isinstance(value, dict) and value:
        parts = []
        for key, item in value.items():
            nested = _lines(item, inner, dumps) if isinstance(item, list | dict) and item and indent == "" else None
            if nested:
                parts.append([f"{inner}{dumps(key)}: {nested[0]}", *nested[1:]])
            else:
                parts.append([f"{inner}{dumps(key)}: {dumps(item)}"])
        out = ["{"]
        for i, part in enumerate(parts):
            out += part[:-1] + [part[-1] + ("," if i < len(parts) - 1 else "")]
        return [*out, indent + "}"]
    return [dumps(value)]


def emit_json(data: Any) -> None:
    import json  # here, not at the top: only the json format needs it

    dumps = functools.partial(json.dumps, ensure_ascii=False, allow_nan=False)
    try:
        lines = _lines(data, "", dumps)
    except ValueError:  # an infinite or NaN figure: JSON has no such number, so it is null
        lines = _lines(json_value(data), "", dumps)
    sys.stdout.write("\n".join(lines) + "\n")
