"""What `record` says of each figure it wrote: recorded (in a new file or report), changed, or already there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gdtrack.words import Lang, state_label, word


def record_lines(done, day: dt.date, path: Path, unit: str, lang: Lang, replies=()) -> list[str]:
    """One line per figure of a `record` batch (gdtrack.repository.recording.Recorded), then one per reply written
    (`replies`, when the batch wrote them)."""
    replies = replies if done.replies else ()
    out = []
    for o in done.outcomes:
        value, key = o.item.value, o.item.indicator
        value = state_label(value, lang) if isinstance(value, str) else value
        if o.action == "unchanged":
            out.append(word("cli.record_same", lang, id=key, d=day, value=value, path=path))
        elif o.action == "changed":
            out.append(word("cli.record_changed", lang, id=key, d=day, path=path, old=o.old, value=value))
        else:
            what = (word("cli.record_new_file", lang) if done.created_file else
                    word("cli.record_new_report", lang) if done.created_report else "")
            out.append(word("cli.record_done", lang, id=key, value=value, d=day, path=path, what=what, unit=unit))
    for reply in replies:
        out.append(word("cli.record_reply", lang, id=reply.indicator, d=day, measures=reply.measures, by=reply.by,
                        path=path))
    return out


def blanks_line(added: int, day: dt.date, path: Path, lang: Lang) -> str:
    """What `template --add-date` says: how many blank lines it added, or that the date was there already."""
    if added:
        return word("cli.added_blanks", lang, n=added, d=day, path=path)
    return word("cli.blanks_there", lang, d=day, path=path)
