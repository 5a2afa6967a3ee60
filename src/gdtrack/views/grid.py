"""A table of cells, rendered one way for every format: rich in a terminal, aligned plain text when
piped, Markdown and CSV. CJK characters count two columns everywhere.

Plain text is the daily run's hot path (piped into files and mail), so it is laid out here with the
standard library's East Asian widths; Markdown goes through tabulate (with wcwidth).

In a terminal every row stays one line: `fit` lays the table out for the window's width. Text columns (those
with a `max_width`) are clipped with … down to a floor; when even that is too wide, the columns of lowest
`priority` are left out (notes and quotes first; id, name and status last) and the table says which.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import field
from typing import Any, Literal
from unicodedata import category, combining, east_asian_width

from gdtrack.values import Frozen, Value, frozen, record
from gdtrack.views.safe import csv_cell, markdown_cell, terminal
from gdtrack.words import Lang, word

Align = Literal["left", "right"]
Clip = Literal["end", "middle"]

GAP = 2
"""Columns between two cells, in a terminal as in plain text."""
TEXT_FLOOR = 12
"""A text column is clipped no narrower than this (6 CJK characters) before columns are left out."""


@frozen
class Column(Frozen):
    """A column of a terminal table: its header, alignment, colour, widths, and which columns a narrow terminal
    drops first."""

    header: str
    align: Align = "left"
    style: Callable[[Any], str | None] | None = None  # colour for a cell's value, terminal only
    max_width: int | None = None  # clip beyond this many columns (… marks the cut); a terminal may clip further
    priority: int = 5  # in a narrow terminal the lowest go first: 1 quotes and notes … 9 id, name and status
    min_width: int | None = None  # a narrow terminal clips a text column no narrower (default TEXT_FLOOR)
    clip: Clip = "end"  # where … goes; "middle" keeps a unit name's distinguishing end


@record
class Grid(Value):
    """A terminal table: its columns and rows, lined up by display width (a Chinese character takes two columns)."""

    columns: Sequence[Column]
    rows: list[list[Any]] = field(default_factory=list)
    title: str | None = None
    lang: Lang = "zh"  # the language of the line naming the columns a narrow terminal leaves out

    def add(self, *cells: Any) -> None:
        self.rows.append(["" if c is None else c for c in cells])


@frozen
class Layout(Frozen):
    """The columns a terminal shows (indexes into the grid's columns, in order), each one's width, and the
    headers of those left out."""

    shown: tuple[int, ...]
    widths: tuple[int, ...]
    dropped: tuple[str, ...]


def fit(grid: Grid, width: int) -> Layout:
    """Lay `grid` out in `width` terminal columns, one line per row.

    Each column takes its natural width (text columns clipped at their max_width). While the table is too wide,
    the widest text column is clipped by one more column, down to its floor (its min_width, else TEXT_FLOOR, and
    never narrower than its header); when the floors alone are too wide, the column of lowest priority is left
    out (of equals, the one furthest right) and the rest laid out again. Headers are never cut; one column, the
    most needed, always stays.
    """
    cols = grid.columns
    cells = [[_one_line(v) for v in row] for row in grid.rows]
    natural = [max([display_width(col.header)] + [display_width(clip_cell(col, row[i], col.max_width))
                                                   for row in cells])
               for i, col in enumerate(cols)]
    floor = [min(n, max(display_width(col.header), col.min_width or TEXT_FLOOR)) if col.max_width is not None else n
             for col, n in zip(cols, natural, strict=True)]

    def need(chosen: list[int], widths: list[int]) -> int:
        return sum(widths[i] for i in chosen) + GAP * (len(chosen) - 1)

    shown = list(range(len(cols)))
    by_priority = sorted(shown, key=lambda i: (cols[i].priority, -i))
    for victim in by_priority:
        if len(shown) <= 1 or need(shown, floor) <= width:
            break
        shown.remove(victim)
    widths = list(natural)
    excess = need(shown, widths) - width
    while excess > 0:
        flexible = [i for i in shown if widths[i] > floor[i]]
        if not flexible:
            break  # even the floors do not fit: rich cuts the rest
        widest = max(flexible, key=lambda i: (widths[i], i))
        widths[widest] -= 1
        excess -= 1
    dropped = tuple(col.header for i, col in enumerate(cols) if i not in shown)
    return Layout(tuple(shown), tuple(widths[i] for i in shown), dropped)


def dropped_line(layout: Layout, lang: Lang, width: int) -> str | None:
    """The one line under a table that left columns out, naming them, and what to do if it fits in `width`;
    None when every column is shown."""
    if not layout.dropped:
        return None
    line = word("grid.dropped", lang, columns=word("list.sep", lang).join(layout.dropped))
    hint = word("grid.dropped_hint", lang)
    return line + hint if display_width(line + hint) <= width else clip(line, width)


def to_rich(grid: Grid, layout: Layout | None = None) -> Any:
    """A rich table of the columns `layout` shows, each cell clipped to its width so that no row wraps;
    without a layout every column at its natural width."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    layout = layout or fit(grid, 1 << 20)
    table = Table(title=grid.title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False, padding=(0, GAP - 1, 0, 0))
    chosen = [(grid.columns[i], i, w) for i, w in zip(layout.shown, layout.widths, strict=True)]
    for col, _, w in chosen:
        table.add_column(Text(col.header), justify=col.align, width=w, no_wrap=True, overflow="ellipsis")
    for row in grid.rows:
        cells = []
        for col, i, w in chosen:
            value = row[i]
            style = col.style(value) if col.style else None
            cells.append(Text(clip_cell(col, _one_line(terminal(str(value))), w), style=style or ""))
        table.add_row(*cells)
    return table


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


def clip_middle(text: str, width: int | None) -> str:
    """Cut `text` to `width` display columns keeping its start and its end, … between: unit names that share a
    long start (市商贸物流园区管理服务中心…) stay apart by their ends (商务服务部, 规划发展部)."""
    if width is None or display_width(text) <= width:
        return text
    room = max(width - 1, 0)
    tail, used = [], 0
    for ch in reversed(text):
        w = display_width(ch)
        if used + w > (room + 1) // 2:
            break
        tail.append(ch)
        used += w
    return clip(text[: len(text) - len(tail)], width - used) + "".join(reversed(tail))


def clip_cell(col: Column, text: str, width: int | None) -> str:
    """A cell's text cut to `width` where its column says."""
    return clip_middle(text, width) if col.clip == "middle" else clip(text, width)


def _one_line(value: Any) -> str:
    """A cell's text on one line: a line break or a control character in a department's note becomes a space."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(" " if category(ch) == "Cc" else ch for ch in text)


def _pad(text: str, used: int, width: int, align: Align) -> str:
    gap = " " * (width - used)
    return gap + text if align == "right" else text + gap


def to_plain(grid: Grid) -> str:
    """Aligned plain text for pipes and files; long cells are clipped to the column's width (csv has them whole)."""
    cols = grid.columns
    header = [(col.header, display_width(col.header)) for col in cols]
    rows = [[(t, display_width(t)) for t in (clip_cell(col, _one_line(terminal(str(c))), col.max_width)
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
