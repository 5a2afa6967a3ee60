"""The monthly bulletin as a document, in the format asked for: Markdown, HTML (one page, charts inline) or a Word
公文 (bytes). From one Bulletin, built on the run's snapshot, so it says what every other view says."""

from __future__ import annotations

from typing import Any

from gdtrack.engine.bulletin import Bulletin
from gdtrack.words import Lang, word


def bulletin_document(b: Bulletin, kind: str, lang: Lang, *, issue: int | None, sample: bool,
                      skipped: dict[str, str]) -> str | bytes:
    pending = b.now.catalogue.pending  # drafted goals not yet confirmed: the document says its statuses are provisional
    notes = [*([word("cli.sample_note", lang)] if sample else []),
             *([word("head.pending", lang, n=len(pending))] if pending else [])]
    note = " ".join(notes) if notes else None
    if kind == "docx":
        from gdtrack.views.docx import bulletin_docx

        return bulletin_docx(b, lang, issue=issue, sample=sample, skipped=skipped, escalations=b.escalations)
    if kind == "html":
        from gdtrack.views.html import bulletin_html

        return bulletin_html(b, lang, note=note, sample=sample, skipped=skipped)
    from gdtrack.views.bulletin_md import bulletin_markdown

    return bulletin_markdown(b, lang, note=note, skipped=skipped, sample=sample)


def bulletin_json(b: Bulletin, *, sample: bool, skipped: dict[str, str]) -> dict[str, Any]:
    """`report -f json`: the bulletin's figures: the headline, what changed (goal ids per kind of change), the
    lagging goals and silent units, the escalations, then 报送率 / 及时率 per unit and period (as `units -f json`'s
    `timeliness`) and the 考核 scores (as `scores -f json`: `periods`, `unread`, `scores` with every deduction)."""
    from gdtrack.views.numbers import json_fraction
    from gdtrack.views.scores import scores_json
    from gdtrack.views.status import plan_json, timeliness_json

    now = b.now
    overall = now.overall
    data: dict[str, Any] = plan_json(now, sample) | {
        "as_of": now.query.isoformat(), "since": b.changes.since.isoformat(), "expected": json_fraction(now.expected),
        "completion": json_fraction(overall.completion), "on_pace": overall.on_pace, "summary": dict(overall.summary),
        "changes": {key: [r.id for r in results] for key, results in b.changes.sections()},
        "lagging": [r.id for r in b.lagging], "silent_units": list(b.silent_units),
        "escalations": [{"id": e.id, "owner": e.owner, "level": e.level, "periods": e.periods}
                        for e in b.escalations],
        "left_out": dict(skipped)}
    if b.arrivals is not None:
        data |= timeliness_json(b.arrivals)
    if b.scores is not None:
        data |= scores_json(b.scores)
    return data
