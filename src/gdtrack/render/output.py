"""Where rendered things go: rich in a terminal (colour unless NO_COLOR), plain text when piped."""

from __future__ import annotations

import json
import sys
from typing import Any

from .grid import Grid, to_csv, to_markdown, to_plain, to_rich

FORMATS = ("table", "markdown", "csv", "json")


def is_terminal() -> bool:
    return sys.stdout.isatty()


def emit_lines(lines: list[str]) -> None:
    sys.stdout.write("\n".join(lines) + "\n")


def emit_grid(grid: Grid, fmt: str = "table") -> None:
    if fmt == "markdown":
        sys.stdout.write(to_markdown(grid) + "\n")
    elif fmt == "csv":
        sys.stdout.write(to_csv(grid))
    elif is_terminal():
        from rich.console import Console

        Console(force_terminal=True).print(to_rich(grid))  # rich itself honours NO_COLOR
    else:
        sys.stdout.write(to_plain(grid) + "\n")


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
