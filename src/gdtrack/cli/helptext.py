"""--help laid out for Chinese: lines wrapped by the columns a terminal gives each character, not by characters.

click wraps help by counting characters, so a line of Chinese (two columns a character) ran to twice the width
of the terminal. Here the help formatter wraps by display width (wcwidth), may break between any two Chinese
characters but never puts a closing mark (，。）…) at the start of a line or an opening one (（「…) at the end,
and keeps English words whole (wcwidth.wrap measures columns too, but starts a line with 。 and treats a run of
Chinese as one long word). The commands and the app take it through `Command` and `Group` (their context's
formatter); the words themselves come from gdtrack/words (`help.<command>`, `opt.<name>`).

The last paragraph (the 示例： / Example: lines) and any paragraph of several lines keep their lines, as click's
``\\b`` marks them: an example is copied whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from typer.core import TyperCommand, TyperGroup

NO_REWRAP = "\b"  # click's mark: the paragraph that follows keeps its lines
_CLOSING = set("，。、；：？！）」』》〉】〕”’…,.;:!?)]%")
_OPENING = set("（「『《〈【〔“‘([")
_CHUNK = re.compile(r"\s+|[^\s]")


def command_help(text: str) -> dict[str, Any]:
    """typer's help= (the last paragraph, the examples, and any paragraph of several lines marked to keep their
    lines), short_help= (the first paragraph, shown in the list of commands) and cls= (a command whose help is
    wrapped by display width)."""
    paragraphs = text.split("\n\n")
    last = len(paragraphs) - 1
    shown = "\n\n".join(f"{NO_REWRAP}\n{p}" if "\n" in p or i == last else p for i, p in enumerate(paragraphs))
    return {"help": shown, "short_help": paragraphs[0], "cls": Command}


def width(text: str) -> int:
    """Columns `text` takes in a terminal (a Chinese character: two)."""
    from wcwidth import wcswidth  # only when help is shown: importing it costs a command 30 ms

    columns = wcswidth(text)
    return columns if columns >= 0 else len(text)


def _chunks(text: str) -> list[str]:
    """Text cut where a line may break: at spaces and around wide characters, with English words whole, a closing
    mark kept with what it closes and an opening mark with what it opens."""
    out: list[str] = []
    glue = False
    for piece in _CHUNK.findall(text):
        if piece.isspace():
            out.append(piece)
            glue = False
            continue
        after = out[-1] if out and not out[-1].isspace() else None
        if after is not None and (glue or piece in _CLOSING or (width(piece) == 1 and width(after[-1]) == 1)):
            out[-1] += piece
        else:
            out.append(piece)
        glue = piece in _OPENING
    return out


def wrap(text: str, columns: int) -> list[str]:
    """One paragraph as lines of at most `columns` display columns (a word longer than that is cut)."""
    lines: list[str] = []
    line, used, space = "", 0, ""
    for chunk in _chunks(" ".join(text.split("\n"))):
        if chunk.isspace():
            space = chunk if line else ""
            continue
        size = width(chunk)
        if line and used + len(space) + size > columns:
            lines.append(line)
            line, used, space = "", 0, ""
        while size > columns:  # a path or a URL longer than the line
            cut = _fit(chunk, columns - used - len(space))
            lines.append(line + space + cut)
            line, used, space = "", 0, ""
            chunk = chunk[len(cut):]
            size = width(chunk)
        line += space + chunk
        used += len(space) + size
        space = ""
    if line:
        lines.append(line)
    return lines


def _fit(text: str, columns: int) -> str:
    """The longest start of `text` within `columns` (at least one character)."""
    end = 1
    while end < len(text) and width(text[: end + 1]) <= columns:
        end += 1
    return text[:end]


def wrap_text(text: str, columns: int, indent: str = "") -> str:
    """Paragraphs (blank-line separated) wrapped and indented; a paragraph that starts with NO_REWRAP keeps its
    lines."""
    columns = max(columns - len(indent), 10)
    out = []
    for paragraph in text.split("\n\n"):
        lines = paragraph.split("\n")
        kept = lines[1:] if lines[0].strip() == NO_REWRAP else wrap(paragraph.strip(), columns)
        out.append("\n".join(indent + line for line in kept))
    return "\n\n".join(out)


_Context: Any = TyperCommand.context_class
_Formatter: Any = _Context.formatter_class


class Formatter(_Formatter):
    """click's help formatter, wrapping by display width (the help text, and the second column of the lists of
    options and commands)."""

    def write_text(self, text: str) -> None:
        self.write(wrap_text(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((width(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_text(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class Context(_Context):
    formatter_class = Formatter


class Command(TyperCommand):
    context_class = Context


class Group(TyperGroup):
    context_class = Context
