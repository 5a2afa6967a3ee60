"""Text from data made harmless for each place it goes: one function per output. Pure.

A department's note, a unit's name, a task's text are data. `gdtrack check` refuses control characters in them
(:mod:`gdtrack.checks.text`), but every writer is safe on its own anyway, so that a file that was never checked
(or a bug in a check) cannot turn data into code in someone else's tool:

- a terminal: escape sequences (CSI, OSC, DCS …) and C0/C1 controls would clear the screen, recolour it, set
  the window title or the clipboard;
- a CSV file or an Excel cell: a cell that begins with ``= + - @``, a tab or CR is a formula to Excel and WPS
  (OWASP "CSV injection"); openpyxl stores a string that begins with ``=`` as a live formula, and refuses
  (raises on) the control characters that XML 1.0 cannot hold;
- Markdown: ``<script>``, ``<img onerror=…>`` and a ``|`` that ends a table cell early;
- GitHub Actions workflow commands: a newline in a file name starts a new command in the CI log;
- JSON: ``Infinity`` and ``NaN`` are not JSON.
"""

from __future__ import annotations

import math
import re
from typing import Any

# ── terminal ───────────────────────────────────────────────────────────────────────────────────

# ESC-introduced sequences, whole: OSC (ESC ] … BEL or ST), DCS/SOS/PM/APC (ESC P|X|^|_ … ST), CSI (ESC [ …
# final byte, or the one-byte C1 CSI 0x9b), and two-byte escapes (ESC + one character). An unterminated string
# sequence runs to the end of the text, as a terminal would swallow it.
_SEQUENCE = re.compile(
    r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0 and C1 controls but newline (tab is made a space), DEL, and the bidirectional overrides and isolates that
# reorder what a reader sees ("Trojan Source").
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff]")
_BAD = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff]")


def terminal(text: str) -> str:
    """`text` with escape sequences and control characters removed (newline kept, a tab made a space)."""
    if not _BAD.search(text):
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text)).replace("\t", " ")


def visible(text: str) -> str:
    """`text` with each control character shown as its Unicode control picture (ESC → ␛, vertical tab → ␋):
    for quoting a line that holds one, so the reader sees where it is and the terminal does not obey it."""
    if not _BAD.search(text):
        return text
    return _BAD.sub(_picture, text)


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "␡" if code == 0x7F else f"<U+{code:04X}>"


# ── CSV and Excel ──────────────────────────────────────────────────────────────────────────────

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?%?")
# openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE: what XML 1.0 cannot hold; openpyxl raises on it.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def formula_like(value: Any) -> bool:
    """True for text a spreadsheet would read as a formula. A plain signed number ("-3.5", "+12.0%") is not
    one: it can hold no function call, and it is how gdtrack writes a gap."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value)


def csv_cell(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would run as a formula gets a leading `'` (OWASP); other values as
    they are."""
    return "'" + value if formula_like(value) else value


def xlsx_cell(value: Any) -> Any:
    """An Excel cell's value: text without the characters openpyxl refuses. Text that looks like a formula
    must still be written as text: see :func:`as_text`."""
    if isinstance(value, str) and _XLSX_ILLEGAL.search(value):
        return _XLSX_ILLEGAL.sub("", value)
    return value


def as_text(cell: Any) -> None:
    """Make an openpyxl cell that holds formula-like text a text cell, as Excel does for a value typed after an
    apostrophe: it shows ``=1+1`` and never computes it, even after the cell is edited."""
    if formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


# ── Markdown ───────────────────────────────────────────────────────────────────────────────────


_MD_SYNTAX = re.compile(r"[\\`\[\]!]")  # escapes, code spans, links and images ([text](url), ![](url))
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp)(?=://)|\b(www)(?=\.)")  # GFM's bare-URL links


def markdown(text: str) -> str:
    """Text from data for Markdown, inert: controls removed, one line (a name cannot start a heading, a list or
    a quote), HTML special characters escaped (no <script>, no <img onerror>), and no link, image or code span:
    `[`, `]`, `!`, backticks and backslashes are escaped, and a bare URL is not made a link."""
    return " ".join(_inert(text))


def _inert(text: str) -> list[str]:
    """The lines of `text`, each escaped for Markdown (see markdown)."""
    text = _AUTOLINK.sub(lambda m: m.group() + "\u2060", _MD_SYNTAX.sub(lambda m: "\\" + m.group(), terminal(text)))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").splitlines()


def one_line(text: str) -> str:
    """Text from data for a plain-text line (a 催报 message, a terminal line): controls removed, its line breaks
    made spaces, so that it cannot start a line of its own (a CI log's ::warning::, a fake heading)."""
    return " ".join(terminal(text).splitlines())


def markdown_cell(text: str) -> str:
    """Text from data for a Markdown table cell: as :func:`markdown`, its lines kept apart by <br> inside the cell,
    and a `|` cannot end the cell."""
    return "<br>".join(_inert(text)).replace("|", "\\|")


# ── GitHub Actions workflow commands ───────────────────────────────────────────────────────────


def github_data(text: str) -> str:
    """The message of `::error …::message` (GitHub's escaping of command data: %, CR, LF); every other control
    character (an escape sequence the log would render) shown as its picture, never obeyed."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """The value of a property (`file=…`, `title=…`): as data, and `:` and `,`, which end a property."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# ── JSON ───────────────────────────────────────────────────────────────────────────────────────


def json_value(value: Any) -> Any:
    """`value` with every non-finite float (inf, -inf, nan) replaced by None, which JSON writes as null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value
