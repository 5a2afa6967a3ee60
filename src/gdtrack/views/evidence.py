"""Evidence files (佐证材料) in the views: the line of each unit's count in the bulletins, the files of a goal in
`explain`, the cell of the ledger. A file's name is the department's text: each output escapes it as it escapes
every other text (the terminal, Markdown, HTML, CSV and xlsx writers do), nothing here marks it up."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from gdtrack.engine.evidence import Filed
from gdtrack.words import Lang, word


def counts_line(order: Sequence[str], counts: Mapping[str, int], lang: Lang) -> str:
    """佐证材料: each unit's number of evidence files (佐证材料 N 份), in `order` (the league's) then the others."""
    units = [u for u in order if counts.get(u)] + sorted(u for u in counts if u not in order and counts[u])
    if not units:
        return word("evidence.line_none", lang)
    sep = word("list.sep", lang)
    return word("evidence.line", lang, units=sep.join(word("evidence.unit_n", lang, unit=u, n=counts[u])
                                                     for u in units), n=sum(counts[u] for u in units))


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
