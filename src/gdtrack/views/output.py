"""Where rendered things go: rich in a terminal (colour unless NO_COLOR), plain text when piped.

A terminal table is laid out for the window's width (rich's, which honours COLUMNS), one line per row; the
columns it leaves out are named under it. GDTRACK_FORCE_TERMINAL=1 takes the terminal path whatever stdout is
(tests, or `gdtrack status | less -R`).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from gdtrack.views.grid import Grid, dropped_line, fit, to_csv, to_markdown, to_plain, to_rich
from gdtrack.views.safe import csv_cell, json_value, markdown, terminal

FORMATS = ("table", "markdown", "csv", "json")
FORCE_TERMINAL = "GDTRACK_FORCE_TERMINAL"


def is_terminal() -> bool:
    """Output goes to a terminal: stdout is one, or GDTRACK_FORCE_TERMINAL=1 says to behave as if it were."""
    return os.environ.get(FORCE_TERMINAL) == "1" or sys.stdout.isatty()


def emit_lines(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    sys.stdout.write(terminal(text) if is_terminal() else text)  # a note must not drive the terminal


def emit_grid(grid: Grid, fmt: str = "table", head: Sequence[str] = ()) -> None:
    """The table in `fmt`. `head` (the plan's title, then the headline's lines) goes above it in Markdown (a title and
    lines) and in CSV (a row each, then an empty row), so a file says what plan and what day it shows."""
    if fmt == "markdown":
        lines = "".join(f"{markdown(line)}  \n" for line in head[1:])
        sys.stdout.write((f"# {markdown(head[0])}\n\n{lines}\n" if head else "") + to_markdown(grid) + "\n")
    elif fmt == "csv":
        # redirected to a file, csv starts with a BOM, as `export` writes it: Excel reads Chinese UTF-8 only with one
        sys.stdout.write(("" if is_terminal() else "\ufeff") + csv_head(head) + to_csv(grid))
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


def csv_head(head: Sequence[str]) -> str:
    """Lines above a CSV table, one cell a row, then an empty row ("" without lines)."""
    import csv
    import io

    if not head:
        return ""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows([[csv_cell(line)] for line in head])
    writer.writerow([])
    return buf.getvalue()


class Lazy(Sequence):
    """A list whose items are made as they are written, one at a time: a province's 100,000 status rows, each with
    its history, need not all be held in memory at once."""

    def __init__(self, count: int, make: Callable[[int], Any]):
        self._count, self._make = count, make

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, i: Any) -> Any:  # an int: the item; a slice (as Sequence's defaults use it) is not needed
        if not isinstance(i, int) or not -self._count <= i < self._count:
            raise IndexError(i)
        return self._make(i % self._count)


def _lines(value: Any, indent: str, dumps: Callable[[Any], str]) -> Iterator[str]:
    """A list one item per line; a mapping one key per line: readable, yet each line is encoded by the C
    encoder (an indented json.dumps falls back to the slow pure-Python one). Lines are made as they are written,
    so a province's status (100,000 rows) is never held whole as text."""
    inner = indent + "  "
    if isinstance(value, list | Lazy) and len(value):
        yield "["
        last = len(value) - 1
        for i in range(last + 1):
            yield inner + dumps(value[i]) + ("," if i < last else "")
        yield indent + "]"
        return
    if isinstance(value, dict) and value:
        yield "{"
        last = len(value) - 1
        for i, (key, item) in enumerate(value.items()):
            comma = "," if i < last else ""
            if isinstance(item, list | dict | Lazy) and len(item) and indent == "":
                nested = _lines(item, inner, dumps)
                first = next(nested)
                pending = f"{inner}{dumps(key)}: {first}"
                for line in nested:
                    yield pending
                    pending = line
                yield pending + comma
            else:
                yield f"{inner}{dumps(key)}: {dumps(item)}{comma}"
        yield indent + "}"
        return
    yield dumps(value)


def emit_json(data: Any) -> None:
    import json  # here, not at the top: only the json format needs it

    strict = functools.partial(json.dumps, ensure_ascii=False, allow_nan=False)

    def dumps(value: Any) -> str:
        try:
            return strict(value)
        except ValueError:  # an infinite or NaN figure: JSON has no such number, so it is null
            return strict(json_value(value))

    write = sys.stdout.write
    for line in _lines(data, "", dumps):
        write(line + "\n")
