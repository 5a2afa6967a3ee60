"""The monthly bulletin as a document, in the format asked for: Markdown, HTML (one page, charts inline) or a Word
公文 (bytes). From one Bulletin, built on the run's snapshot, so it says what every other view says."""

from __future__ import annotations

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
