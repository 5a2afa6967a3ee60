"""Diagnostics printed: compiler-style text with the offending line and a caret, JSON, GitHub annotations, and the
summary line."""

from __future__ import annotations

from collections import Counter

from gdtrack.diagnostics import Diagnostic
from gdtrack.views.grid import display_width
from gdtrack.views.safe import github_data, github_property, terminal, visible
from gdtrack.words import Lang, plain, word

WARNINGS_SHOWN = 3
"""With `condense`, how many warnings of one code are printed in full when there are more than CONDENSE_FROM; the
rest are counted in one line."""
CONDENSE_FROM = 10


def format_text(diags: list[Diagnostic], source_lines: dict[str, list[str]] | None = None,
                lang: Lang = "zh", condense: bool = False) -> str:
    """`path:line:col: error: message [code]`, the offending line with a caret under the column, then `help: …`.

    Messages quote data, so what reaches a terminal is stripped of control and escape sequences (views/safe.py);
    a long line is quoted around the column only, so a file of one long line is not printed once per problem.
    Each message and hint is in `lang`, and only in it. With `condense`, every error is printed, but only the first
    few warnings of each code, then one line per code saying how many more there are (a drafted plan's hundreds of
    `review` warnings must not bury its one error)."""
    out: list[str] = []
    many = {c for c, n in Counter(d.code for d in diags if d.severity == "warning").items() if n > CONDENSE_FROM}
    seen: dict[str, int] = {}
    for d in diags:
        if condense and d.code in many and d.severity == "warning":
            seen[d.code] = seen.get(d.code, 0) + 1
            if seen[d.code] > WARNINGS_SHOWN:
                continue
        message, hint = d.text(lang)
        out.append(terminal(f"{d.position}: {word(f'diag.{d.severity}', lang)}: {message} [{d.code}]"))
        lines = (source_lines or {}).get(d.path)
        if lines and d.line and 0 < d.line <= len(lines):
            text, col = _around(lines[d.line - 1].rstrip(), d.col or 1)
            shown = visible(text)
            out.append(f"  {d.line:>4} | {shown}")
            if d.col and col <= len(text) + 1:
                out.append(f"       | {' ' * display_width(visible(text[:col - 1]))}^")
        if hint:
            out.append(terminal(word("cli.help", lang, hint=hint)))
    out += [word("cli.more_warnings", lang, n=n - WARNINGS_SHOWN, code=code)
            for code, n in seen.items() if n > WARNINGS_SHOWN]
    return "\n".join(out)


def _around(line: str, col: int, width: int = 120) -> tuple[str, int]:
    """The part of a long line around `col`, and the column within it."""
    if len(line) <= width:
        return line, col
    start = max(0, min(col - 1 - width // 2, len(line) - width))
    lead = "…" if start else ""
    part = lead + line[start:start + width] + ("…" if start + width < len(line) else "")
    return part, col - start + len(lead)


def format_json(diags: list[Diagnostic]) -> str:
    """One row per Diagnostic: where, what (`code`; the words `key` and its `values`, JSON-safe) and its text in
    English (`message`, `hint`) and in Chinese (`message_zh`, `hint_zh`)."""
    import json  # here, not at the top: the read commands' start-up does not need it

    rows = [
        {"path": d.path, "line": d.line, "col": d.col, "severity": d.severity, "code": d.code,
         "key": d.said.key, "values": {k: plain(v) for k, v in d.said.values},
         "message": d.message, "hint": d.hint, "message_zh": d.message_zh, "hint_zh": d.hint_zh}
        for d in diags
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def format_github(diags: list[Diagnostic], lang: Lang = "zh") -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…::message — hint`, in `lang` only."""
    out = []
    for d in diags:
        props = [f"file={github_property(d.path)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.col or 1}"]
        props.append(f"title={github_property(f'gdtrack {d.code}')}")
        message, hint = d.text(lang)
        msg = message + (f" — {hint}" if hint else "")
        out.append(f"::{d.severity} {','.join(props)}::{github_data(msg)}")
    return "\n".join(out)


def summary_line(diags: list[Diagnostic], lang: Lang = "en", files: int | None = None) -> str:
    """"0 error(s), 2 warning(s)", or with `files`: how many files were read, then the counts."""
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    if files is None:
        return word("diag.summary", lang, errors=errors, warnings=warnings)
    return word("diag.summary_files", lang, files=files, errors=errors, warnings=warnings)
