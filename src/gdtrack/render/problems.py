"""Diagnostics printed: compiler-style text with the offending line and a caret, JSON, GitHub annotations, and the
summary line."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from .grid import display_width
from .words import Lang, word


def format_text(diags: list[Diagnostic], source_lines: dict[str, list[str]] | None = None,
                lang: Lang = "en") -> str:
    """`path:line:col: error: message [code]`, the offending line with a caret under the column, then `help: …`."""
    out: list[str] = []
    for d in diags:
        out.append(f"{d.position}: {word(f'diag.{d.severity}', lang)}: {d.message} [{d.code}]")
        lines = (source_lines or {}).get(d.path)
        if lines and d.line and 0 < d.line <= len(lines):
            text = lines[d.line - 1].rstrip()
            out.append(f"  {d.line:>4} | {text}")
            if d.col and d.col <= len(text) + 1:
                out.append(f"       | {' ' * display_width(text[:d.col - 1].replace(chr(9), ' '))}^")
        if d.hint:
            out.append(word("cli.help", lang, hint=d.hint))
    return "\n".join(out)


def format_json(diags: list[Diagnostic]) -> str:
    import json  # here, not at the top: the read commands' start-up does not need it

    rows = [
        {"path": d.path, "line": d.line, "col": d.col, "severity": d.severity, "code": d.code,
         "message": d.message, "hint": d.hint}
        for d in diags
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_github(diags: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`."""
    out = []
    for d in diags:
        props = [f"file={d.path}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.col or 1}"]
        props.append(f"title=gdtrack {d.code}")
        msg = d.message + (f" — {d.hint}" if d.hint else "")
        out.append(f"::{d.severity} {','.join(props)}::{_gh_escape(msg)}")
    return "\n".join(out)


def summary_line(diags: list[Diagnostic], lang: Lang = "en", files: int | None = None) -> str:
    """"0 error(s), 2 warning(s)", or with `files`: how many files were read, then the counts."""
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    if files is None:
        return word("diag.summary", lang, errors=errors, warnings=warnings)
    return word("diag.summary_files", lang, files=files, errors=errors, warnings=warnings)
