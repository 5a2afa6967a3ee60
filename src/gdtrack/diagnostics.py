"""The Diagnostic value made by loading and checks, and its output formats.

Checks never print: they return Diagnostics, which carry a YAML path (`loc`) into the file. Line and
column are filled in afterwards, and only when there is something to report (see
:func:`gdtrack.parsing.locate`), so the happy path never pays for line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Diagnostic:
    path: str
    severity: Severity
    code: str  # stable, for filtering and for tools: "schema", "duplicate-id", …
    message: str
    hint: str | None = None
    loc: Loc = ()  # where in the YAML document: ("tasks", 3, "indicators", 0, "quote")
    line: int | None = None  # 1-based
    col: int | None = None  # 1-based

    def at(self, line: int | None, col: int | None) -> Diagnostic:
        return replace(self, line=line, col=col)

    @property
    def position(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.col or 1}"


class LoadError(Exception):
    """A file that could not be read or parsed at all; carries the one Diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def error(path: str, code: str, message: str, hint: str | None = None, loc: Loc = ()) -> Diagnostic:
    return Diagnostic(path, "error", code, message, hint, loc)


def warning(path: str, code: str, message: str, hint: str | None = None, loc: Loc = ()) -> Diagnostic:
    return Diagnostic(path, "warning", code, message, hint, loc)


def sort_key(d: Diagnostic) -> tuple:
    return (d.path, d.line or 0, d.col or 0, d.severity != "error", d.code)


def format_text(diags: list[Diagnostic], source_lines: dict[str, list[str]] | None = None) -> str:
    """Compiler style: `path:line:col: error: message [code]`, the offending line, then `help: …`."""
    from .render.safe import terminal, visible  # messages quote data: a terminal must not obey it

    out: list[str] = []
    for d in diags:
        out.append(terminal(f"{d.position}: {d.severity}: {d.message} [{d.code}]"))
        lines = (source_lines or {}).get(d.path)
        if lines and d.line and 0 < d.line <= len(lines):
            out.append(f"  {d.line:>4} | {visible(_around(lines[d.line - 1].rstrip(), d.col or 1))}")
        if d.hint:
            out.append(terminal(f"  help: {d.hint}"))
    return "\n".join(out)


def _around(line: str, col: int, width: int = 120) -> str:
    """The part of a long line around `col`, so that a file of one long line is not printed once per problem."""
    if len(line) <= width:
        return line
    start = max(0, min(col - 1 - width // 2, len(line) - width))
    return ("…" if start else "") + line[start:start + width] + ("…" if start + width < len(line) else "")


def format_json(diags: list[Diagnostic]) -> str:
    import json  # here, not at the top: the read commands' start-up does not need it

    rows = [
        {
            "path": d.path,
            "line": d.line,
            "col": d.col,
            "severity": d.severity,
            "code": d.code,
            "message": d.message,
            "hint": d.hint,
        }
        for d in diags
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def format_github(diags: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`."""
    from .render.safe import github_data, github_property

    out = []
    for d in diags:
        props = [f"file={github_property(d.path)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.col or 1}"]
        props.append(f"title={github_property(f'gdtrack {d.code}')}")
        msg = d.message + (f" — {d.hint}" if d.hint else "")
        out.append(f"::{d.severity} {','.join(props)}::{github_data(msg)}")
    return "\n".join(out)


def summary_line(diags: list[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    return f"{errors} error(s), {warnings} warning(s)"
