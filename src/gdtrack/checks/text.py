"""Free text in the catalogue and progress files is plain text of a sane length. Pure: models in, Diagnostics out.

A note pasted from Word can carry its manual line break (U+000B), a note copied from a terminal its colour codes
(ESC [ …); in YAML they arrive through double-quoted escapes ("\\v", "\\e"). Downstream they break an Excel export or
drive a colleague's terminal, so `check` (and `record`, which runs the same checks) refuses them in every free-text
field, with the field's line. Refused: C0 controls but newline (tab too), DEL, C1 controls, and the bidirectional
overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) that make text read
differently from what it holds, and zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF) that hide in it.

Lengths: a task's `text` (a paragraph of the plan) up to 10,000 characters; every other text up to 2,000 (a note
is a sentence or two; the longest task text of the Jining plan has 333 characters).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from gdtrack.diagnostics import Diagnostic, Loc, error
from gdtrack.models import Catalogue, ProgressFile
from gdtrack.words import Message

MAX_TEXT = 2_000
"""Characters allowed in a note, evidence, reason, name, title, quote …"""
MAX_TASK_TEXT = 10_000
"""Characters allowed in a task's `text`."""

CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060-\u2064\ufeff"
                     r"\u061c\u180e]|\r(?!\n)")
"""Control characters, text-direction overrides, and a carriage return not ending a line: a line break (LF, or the
CRLF of a text copied verbatim from a Windows document) is text."""


INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u180e")
"""Zero-width characters: they hide inside a name or a note, so that two texts that read the same differ."""


def _kind(ch: str) -> str:
    if ch in INVISIBLE:
        return "other"
    return {"\x0b": "vt", "\x1b": "esc", "\t": "tab", "\r": "cr"}.get(
        ch, "bidi" if unicodedata.category(ch) == "Cf" else "other")


def _said(key: str, **fields: object) -> Message:
    """The message `textrules.<key>` of gdtrack/words."""
    return Message(f"textrules.{key}", fields)


def _control(path: str, loc: Loc, field: str, m: re.Match[str]) -> Diagnostic:
    kind = _kind(m.group())
    extra = f"{kind}_hint" if kind in ("vt", "esc") else "other_hint"
    message = _said("control", field=field, pos=m.start() + 1, code=f"U+{ord(m.group()):04X}", name=_said(kind))
    return error(path, "control-char", message, _said("control_hint", extra=_said(extra)), loc)


def text_problems(path: str, texts: Iterator[tuple[Loc, str, str]]) -> list[Diagnostic]:
    """A `control-char` or `text-too-long` error for each (loc, field, text) that has one."""
    out = []
    for loc, field, text in texts:
        m = CONTROL.search(text)
        if m:
            out.append(_control(path, loc, field, m))
        limit = MAX_TASK_TEXT if field == "text" else MAX_TEXT
        if len(text) > limit:
            out.append(error(path, "text-too-long", _said("too_long", field=field, n=len(text), limit=limit),
                             _said("too_long_hint"), loc))
    return out


def progress_text_problems(path: str, pf: ProgressFile) -> list[Diagnostic]:
    """text_problems of every free text of a progress file. The texts are first searched as one (joined by a
    space, which CONTROL never matches and which leaves a lone CR at a text's end a lone CR): a clean file, nearly
    every file, costs one search rather than one per note; a file with a problem is then gone through text by
    text, each problem with its place."""
    texts = [t for _, _, t in progress_texts(pf)]
    if max(map(len, texts)) <= MAX_TEXT and not CONTROL.search(" ".join(texts)):
        return []
    return text_problems(path, progress_texts(pf))


def progress_texts(pf: ProgressFile) -> Iterator[tuple[Loc, str, str]]:
    """Every free text of a progress file: the unit, and each entry's note, evidence and revision reason."""
    yield ("unit",), "unit", pf.unit
    for ri, report in enumerate(pf.reports):
        for ei, e in enumerate(report.entries):
            eloc = ("reports", ri, "entries", ei)
            if e.note is not None:
                yield (*eloc, "note"), "note", e.note
            if e.evidence is not None:
                yield (*eloc, "evidence"), "evidence", e.evidence
            if e.revised is not None:
                yield (*eloc, "revised", "reason"), "reason", e.revised.reason


def catalogue_texts(cat: Catalogue) -> Iterator[tuple[Loc, str, str]]:
    """Every free text of the catalogue: the plan's words, unit and chapter names, tasks and indicators."""
    plan = cat.plan
    for key in ("title", "document_number", "issuer"):
        yield ("plan", key), key, getattr(plan, key)
    for ui, unit in enumerate(cat.units):
        yield ("units", ui, "name"), "name", unit.name
        for ri, reviewer in enumerate(unit.reviewers):
            yield ("units", ui, "reviewers", ri), "reviewers", reviewer
    for ci, chapter in enumerate(cat.chapters):
        yield ("chapters", ci, "title"), "title", chapter.title
    for ti, task in enumerate(cat.tasks):
        yield ("tasks", ti, "title"), "title", task.title
        yield ("tasks", ti, "text"), "text", task.text
        for li, lead in enumerate(task.lead_units):
            yield ("tasks", ti, "lead_units", li), "lead_units", lead
        for ii, ind in enumerate(task.indicators):
            for key in ("name", "quote", "unit", "owner", "note"):
                value = getattr(ind, key)
                if value is not None:
                    yield ("tasks", ti, "indicators", ii, key), key, value
