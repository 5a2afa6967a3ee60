"""A table of cells, rendered one way for every format: rich in a terminal, aligned plain text when
piped, Markdown and CSV. CJK characters count two columns everywhere.

Plain text is the daily run's hot path (piped into files and mail), so it is laid out here with the
standard library's East Asian widths; Markdown goes through tabulate (with wcwidth), rich does its own.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from unicodedata import combining, east_asian_width

from .safe import csv_cell, markdown_cell, terminal

Align = Literal["left", "right"]


@dataclass(frozen=True)
class Column:
    header: str
    align: Align = "left"
    style: Callable[[Any], str | None] | None = None  # colour for a cell's value, terminal only
    max_width: int | None = None  # wrap in the terminal beyond this many columns


@dataclass
class Grid:
    columns: Sequence[Column]
    rows: list[list[Any]] = field(default_factory=list)
    title: str | None = None

    def add(self, *cells: Any) -> None:
        self.rows.append(["" if c is None else c for c in cells])


def to_rich(grid: Grid) -> Any:
    from rich.table import Table

    table = Table(title=grid.title, show_lines=False, header_style="bold", title_justify="left")
    for col in grid.columns:
        table.add_column(col.header, justify=col.align, overflow="fold", max_width=col.max_width)
    for row in grid.rows:
        cells = []
        for col, value in zip(grid.columns, row, strict=True):
            style = col.style(value) if col.style else None
            text = terminal(str(value))
            cells.append(f"[{style}]{_escape(text)}[/]" if style else _escape(text))
        table.add_row(*cells)
    return table


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@functools.cache
def _char_width(ch: str) -> int:
    return 0 if combining(ch) else 2 if east_asian_width(ch) in "WF" else 1


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: 2 for wide (CJK) characters, 0 for combining marks."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


def clip(text: str, width: int | None) -> str:
    """Cut `text` to `width` display columns (CJK = 2), ending in … when cut."""
    if width is None or display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, used: int, width: int, align: Align) -> str:
    gap = " " * (width - used)
    return gap + text if align == "right" else text + gap


def to_plain(grid: Grid) -> str:
    """Aligned plain text for pipes and files; long cells are clipped to the column's width (csv has them whole)."""
    cols = grid.columns
    header = [(col.header, display_width(col.header)) for col in cols]
    rows = [[(t, display_width(t)) for t in (clip(terminal(str(c)), col.max_width)
                                              for c, col in zip(row, cols, strict=True))]
            for row in grid.rows]
    widths = [max(cell[i][1] for cell in (header, *rows)) for i in range(len(cols))]

    def line(cells: list[tuple[str, int]]) -> str:
        return "  ".join(_pad(t, n, w, col.align) for (t, n), col, w in zip(cells, cols, widths, strict=True)).rstrip()

    lines = [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]
    body = "\n".join(lines)
    return f"{terminal(grid.title)}\n\n{body}" if grid.title else body


def to_markdown(grid: Grid) -> str:
    from tabulate import tabulate

    def cell(value: Any) -> str:
        return markdown_cell(str(value))  # text from data: no HTML, no early end of the cell

    body = tabulate(
        [[cell(c) for c in row] for row in grid.rows],
        headers=[cell(c.header) for c in grid.columns],
        tablefmt="github",
        colalign=[c.align for c in grid.columns],
        disable_numparse=True,
    )
    return f"### {markdown_cell(grid.title)}\n\n{body}" if grid.title else body


def to_csv(grid: Grid) -> str:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([csv_cell(c.header) for c in grid.columns])
    writer.writerows([[csv_cell(str(c)) for c in row] for row in grid.rows])  # never a formula from data
    return buf.getvalue()
