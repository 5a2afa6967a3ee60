"""Each git revision of a goal's figures (gdtrack.repository.revisions): a table and JSON."""

from __future__ import annotations

from typing import Any

from gdtrack.repository.revisions import Revision
from gdtrack.views.grid import Column, Grid
from gdtrack.views.numbers import json_number, number
from gdtrack.words import Lang, words_of

WORDS = words_of("revisions")  # this module's words, kept in gdtrack/words with every other


def _value(value: float | str | None, lang: Lang) -> str:
    if value is None:
        return WORDS[lang]["removed"]
    return value if isinstance(value, str) else number(value)


def revisions_grid(changes: list[Revision], lang: Lang) -> Grid:
    w = WORDS[lang]
    grid = Grid([Column(w["as_of"]), Column(w["change"]), Column(w["commit"]), Column(w["author"]),
                 Column(w["date"]), Column(w["reason"], max_width=40)])
    for c in changes:
        change = _value(c.new, lang) if c.old is None else f"{_value(c.old, lang)} → {_value(c.new, lang)}"
        grid.add(c.as_of.isoformat(), change, c.commit[:10] or w["uncommitted"], c.author, c.date[:10],
                 c.reason or "")
    if not changes:
        grid.add(w["none"], "", "", "", "", "")
    return grid


def revisions_json(changes: list[Revision]) -> list[dict[str, Any]]:
    return [{"as_of": c.as_of.isoformat(), "old": json_number(c.old), "new": json_number(c.new),
             "commit": c.commit or None, "author": c.author or None, "date": c.date or None, "reason": c.reason}
            for c in changes]
