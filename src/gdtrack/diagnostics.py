"""The Diagnostic value made by loading and checks, and its output formats.

Checks never print: they return Diagnostics, which carry a YAML path (`loc`) into the file. Line and
column are filled in afterwards, and only when there is something to report (see
:func:`gdtrack.files.parsing.locate`), so the happy path never pays for line numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Literal

from gdtrack.values import Frozen, frozen
from gdtrack.words import Message, Said, literal

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


@frozen
class Diagnostic(Said, Frozen):
    """A problem found: what is said (`said`) and what to do (`advice`) are Messages, worded only when printed, in
    the language of the run; `message`/`hint` (English) and `message_zh`/`hint_zh` are read-only properties."""

    path: str
    severity: Severity
    code: str  # stable, for filtering and for tools: "schema", "duplicate-id", …
    said: Message
    advice: Message | None = None
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


def errors_in(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that are errors (a warning never fails a gate or refuses a write)."""
    return [d for d in diagnostics if d.severity == "error"]


class LoadError(Exception):
    """A file that could not be read or parsed at all; carries the one Diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.said, self.advice = diagnostic.said, diagnostic.advice


def _said(message: Message | str) -> Message:
    """A Message as it is; text (from a caller outside gdtrack, or a test) as the same text in every language."""
    return message if isinstance(message, Message) else literal(message)


def error(path: str, code: str, message: Message | str, hint: Message | str | None = None,
          loc: Loc = ()) -> Diagnostic:
    return Diagnostic(path, "error", code, _said(message), None if hint is None else _said(hint), loc)


def warning(path: str, code: str, message: Message | str, hint: Message | str | None = None,
            loc: Loc = ()) -> Diagnostic:
    return Diagnostic(path, "warning", code, _said(message), None if hint is None else _said(hint), loc)


def worded(prefix: str, key: str, /, hint: str | None = "", **values: object) -> tuple[Message, Message | None]:
    """The message `<prefix>.<key>` and its hint `<prefix>.<key>.hint` (or `<prefix>.<hint>.hint` when `hint`
    names another, or `hint` itself when it is a whole key `diag.….hint`; None: no hint), each filled from
    `values`, as Messages. A value that differs by language is a function of it."""
    from gdtrack.words import TABLES

    base = f"{prefix}.{key}"
    hint_key = (hint if hint.startswith("diag.") else f"{prefix}.{hint}.hint") if hint else f"{base}.hint"
    has_hint = hint is not None and hint_key in TABLES["zh"]  # every table has every key
    return Message(base, values), Message(hint_key, values) if has_hint else None


def said(path: str, code: str, key: str, /, loc: Loc = (), hint: str | None = "", **values: object) -> Diagnostic:
    """A Diagnostic from `diag.<code>.<key>` in gdtrack/words (see `worded`). The severity is the code's, from
    CODES."""
    message, advice = worded(f"diag.{code}", key, hint, **values)
    return Diagnostic(path, CODES[code], code, message, advice, loc=loc)


DID_YOU_MEAN_CUTOFF = 0.5
"""How alike a name must be to one of the known names to be suggested (difflib's ratio)."""


def did_you_mean(name: str, choices: list[str]) -> str | None:
    """The known name closest to `name`, if any is close enough: for "did you mean …?" hints everywhere."""
    import difflib

    close = difflib.get_close_matches(name, choices, n=1, cutoff=DID_YOU_MEAN_CUTOFF)
    return close[0] if close else None


def sort_key(d: Diagnostic) -> tuple:
    return (d.path, d.line or 0, d.col or 0, d.severity != "error", d.code)


# ── the registry: every code gdtrack reports, with its severity (its meaning is `code.<name>` in gdtrack/words) ──

CODES: dict[str, Severity] = {
    # reading and parsing a file
    "not-found": "error", "not-a-file": "error", "not-a-folder": "error", "unreadable": "error",
    "too-large": "error", "encoding": "error", "empty": "error", "symlink-outside": "error",
    "yaml-syntax": "error", "tab-indent": "error", "duplicate-key": "error", "yaml-tag": "error",
    "yaml-alias": "error", "yaml-bool": "error", "yaml-number": "error", "bad-date": "error",
    # the shape of a file
    "not-a-mapping": "error", "schema": "error",
    # the catalogue
    "duplicate-id": "error", "id-mismatch": "error", "unknown-chapter": "error", "unknown-unit": "error",
    "no-indicator": "error", "no-owner": "error", "owner-not-lead": "warning", "quote-not-in-text": "error",
    "due-out-of-range": "error", "no-baseline": "warning", "not-in-source": "error",
    "target-mismatch": "error", "comparator-mismatch": "error", "stretch-mismatch": "error",
    "number-unaccounted": "error", "other-number-not-in-text": "error", "lead-units-differ": "error",
    "no-goals": "error",
    # progress files
    "unknown-indicator": "error", "not-owned": "error", "duplicate-entry": "error", "duplicate-report": "error",
    "duplicate-unit": "error", "value-kind": "error", "negative": "error", "date-out-of-range": "error",
    "date-in-future": "error", "no-evidence": "warning", "falling-total": "warning", "stale": "warning",
    "not-reported": "error",
    "unit-name": "error",
    "unit-mismatch": "error",
    "not-progress-file": "warning",
    "not-a-regular-file": "error",
    "symlink-loop": "error",
    "baseline-unused": "warning",
    "baseline-differs": "warning",
    "co-lead-conflict": "warning",
    "duplicate-alias": "error",
    "form-layout": "error",
    "note-without-value": "warning",
    "conflict": "error",
    "broken-file": "error",
    "unwritable": "error",
    "review": "warning",
    "control-char": "error",
    "text-too-long": "error",
    "number-range": "error",
    "revised-figure": "error",
    "removed-report": "error",
    "baseline-from": "error",
    "reply-dates": "error",
    # the spreadsheet form (issue 23)
    "stale-form": "error", "not-counted": "warning", "blank-form": "warning",
    # the nodes file (checks/nodes.py)
    "nodes-plan": "error", "nodes-duplicate": "error", "nodes-goal": "error", "nodes-in-plan": "error",
    "nodes-kind": "error", "nodes-range": "error", "nodes-proposer": "error", "nodes-unapproved": "warning",
    "node-not-stated": "error",
    # check --against (repository/against.py)
    "removed-file": "error", "progress-moved": "error", "plan-removed": "error", "history-symlink": "error",
    "backdated-report": "error", "revised-entry": "error", "revised-baseline": "error", "revised-reply": "error",
    "catalogue-changed": "error",
    "unsafe-workbook": "error",  # files/workbook.py
    "unreadable-document": "error",  # files/documents.py
    # the office's decisions file and the units' extension requests (checks/decisions.py)
    "decisions-plan": "error", "decisions-order": "error", "decisions-future": "error", "decisions-unit": "error",
    "decisions-goal": "error", "decisions-report": "error", "decisions-request": "error",
    "decisions-closed-twice": "error", "accepted-changed": "warning", "extension-dates": "error",
    "decisions-rewritten": "error", "revised-request": "error",
    # evidence files (checks/evidence.py, repository/evidence.py)
    "evidence-missing": "error", "evidence-changed": "error", "evidence-orphan": "warning", "evidence-refused": "error",
}
