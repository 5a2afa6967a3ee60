"""Evidence files (佐证材料) in the views: the line of each unit's count in the bulletins, the files of a goal in
`explain`, the cell of the ledger. A file's name is the department's text: each output escapes it as it escapes
every other text (the terminal, Markdown, HTML, CSV and xlsx writers do), nothing here marks it up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from gdtrack.engine.evidence import Filed, counts
from gdtrack.words import Lang, word


def counts_line(order: Sequence[str], found: Sequence[Filed], lang: Lang) -> str:
    """佐证材料: each unit's number of evidence files (佐证材料 N 份), in `order` (the league's) then the others."""
    per = counts(found)
    units = [u for u in order if per.get(u)] + sorted(u for u in per if u not in order)
    if not units:
        return word("evidence.line_none", lang)
    sep = word("list.sep", lang)
    return word("evidence.line", lang, units=sep.join(word("evidence.unit_n", lang, unit=u, n=per[u]) for u in units),
                n=sum(per.values()))


def new_files_line(order: Sequence[str], found: Sequence[Filed], since: dt.date, lang: Lang) -> str | None:
    """The files that came with reports dated after `since` (this period), by unit in `order` then the others: their
    own names, which are the departments' text (the caller escapes the line for its output); None when none came."""
    fresh: dict[str, list[str]] = {}
    for f in found:
        if f.as_of > since and f.name not in fresh.setdefault(f.unit, []):
            fresh[f.unit].append(f.name)
    units = [u for u in order if fresh.get(u)] + sorted(u for u in fresh if u not in order and fresh[u])
    if not units:
        return None
    sep = word("list.sep", lang)
    return word("evidence.new", lang, since=since, units=word("evidence.units_sep", lang).join(
        word("evidence.unit_files", lang, unit=u, files=sep.join(fresh[u])) for u in units))


def bulletin_lines(order: Sequence[str], found: Sequence[Filed], since: dt.date, lang: Lang) -> list[str]:
    """The bulletin's lines under the units' table: the count per unit, then this period's new files, if any."""
    fresh = new_files_line(order, found, since, lang)
    return [counts_line(order, found, lang), *([fresh] if fresh else [])]


def explain_lines(found: Sequence[Filed], lang: Lang) -> list[str]:
    """`explain`: the goal's evidence files, one a line with the report's date, the unit and the size."""
    if not found:
        return []
    return ["", word("evidence.explain", lang, n=len(found))] + [
        word("evidence.explain_file", lang, d=f.as_of, unit=f.unit, file=f.attachment.file,
             size=f"{f.attachment.bytes:,}") for f in found]


def files_cell(found: Iterable[Filed] | None) -> str | None:
    """The ledger's cell: the goal's evidence files' stored paths, one a line (None: none)."""
    names = [f.attachment.file for f in found or ()]
    return "\n".join(names) or None
