"""A table of cells, rendered one way for every format: rich in a terminal, aligned plain text when
piped, Markdown and CSV. CJK characters count two columns (tabulate measures with wcwidth)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

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
            text = str(value)
            cells.append(f"[{style}]{_escape(text)}[/]" if style else _escape(text))
        table.add_row(*cells)
    return table


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def clip(text: str, width: int | None) -> str:
    """Cut `text` to `width` display columns (CJK = 2), ending in … when cut."""
    from wcwidth import wcswidth, wcwidth

    if width is None or wcswidth(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = max(wcwidth(ch), 0)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def to_plain(grid: Grid) -> str:
    """Aligned plain text for pipes and files; long cells are clipped to the column's width (csv has them whole)."""
    from tabulate import tabulate

    body = tabulate(
        [[clip(str(c), col.max_width) for c, col in zip(row, grid.columns, strict=True)] for row in grid.rows],
        headers=[c.header for c in grid.columns],
        tablefmt="simple",
        colalign=[c.align for c in grid.columns],
        disable_numparse=True,
    )
    return f"{grid.title}\n\n{body}" if grid.title else body


def to_markdown(grid: Grid) -> str:
    from tabulate import tabulate

    def cell(value: Any) -> str:
        return str(value).replace("|", "\\|").replace("\n", "<br>")

    body = tabulate(
        [[cell(c) for c in row] for row in grid.rows],
        headers=[cell(c.header) for c in grid.columns],
        tablefmt="github",
        colalign=[c.align for c in grid.columns],
        disable_numparse=True,
    )
    return f"### {grid.title}\n\n{body}" if grid.title else body


def to_csv(grid: Grid) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.header for c in grid.columns])
    writer.writerows([[str(c) for c in row] for row in grid.rows])
    return buf.getvalue()
