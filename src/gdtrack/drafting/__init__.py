"""`gdtrack draft`: a catalogue draft from the text of a published plan (a .docx or .xlsx read as text by
:mod:`gdtrack.files.documents`).

Pure text → data → YAML text: :mod:`.text` finds the layout (metadata, chapters, tasks as spans of the source),
:mod:`.attribution` the units (before the text, after it, or in a table's columns), :mod:`.goals` the
quantitative goals, :mod:`.emit` writes the YAML with comments and :mod:`.review` the per-task report. Every
drafted indicator carries `review: true` and a note on how it was read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field

from gdtrack.drafting.aliases import draft_aliases
from gdtrack.drafting.attribution import Attribution, first_as_lead, from_cells, parse, split_leading, split_trailing
from gdtrack.drafting.goals import Goal, Skipped, due_in, find_goals, milestone
from gdtrack.drafting.remits import owner_of
from gdtrack.drafting.text import PROGRESS_RE, Layout, RawChapter, RawTask, segment, squash, title_of
from gdtrack.values import Value, record
from gdtrack.words import Message, Said, text, words_of

WORDS = words_of("draft")  # this module's words, kept in gdtrack/words with every other
FIRST_LEAD_RE = re.compile(r"(?:排在?第一位|排名第一|排在首位|列第一位|列首位|第一个|首位)的?(?:单位|部门)?(?:为|是)"
                           r"牵头(?:单位|部门)")
"""The plan's own rule that the first-listed unit leads (the others then help)."""


class DraftError(Said, Exception):
    """The text cannot be drafted (no task found, no year): why (`said`) and what to do (`advice`), as Messages
    (`draft.error.<key>` in gdtrack/words)."""

    def __init__(self, key: str):
        self.said, self.advice = Message(f"draft.error.{key}"), Message(f"draft.error.{key}_hint")
        super().__init__(text(self.said, "en"))


@record
class DraftTask(Value):
    raw: RawTask
    text: str
    title: str
    attribution: Attribution
    goals: list[Goal] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    left_out: list[Goal] = field(default_factory=list)  # goals of a task without a lead unit

    @property
    def id(self) -> int:
        return self.raw.id


@record
class Plan(Value):
    title: str | None
    document_number: str | None
    issuer: str | None
    issued: dt.date | None
    period_start: dt.date
    period_end: dt.date


@record
class Draft(Value):
    plan: Plan
    units: list[str]
    co_units: list[str]
    chapters: list[RawChapter]
    tasks: list[DraftTask]
    layout: Layout
    lang: str
    aliases: dict[str, list[str]] = field(default_factory=dict)  # short names drafted from each lead unit's name

    @property
    def indicators(self) -> int:
        return sum(len(t.goals) for t in self.tasks)

    @property
    def to_review(self) -> int:
        return self.indicators  # every drafted indicator awaits review


def _year(layout: Layout, year: int | None) -> tuple[int, int]:
    if year is not None:
        return year, year
    title = layout.meta.title or ""
    m = re.search(r"(\d{4})\s*[—–\-~～至到]\s*(\d{4})\s*年", title)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"(\d{4})\s*年", title)
    if m:
        return int(m.group(1)), int(m.group(1))
    if layout.meta.issued is not None:
        return layout.meta.issued.year, layout.meta.issued.year
    m = re.search(r"〔(\d{4})〕", layout.meta.document_number or "")
    if m:
        return int(m.group(1)), int(m.group(1))
    raise DraftError("no_year")


def draft(source: str, year: int | None = None, lang: str = "zh") -> Draft:
    """Draft a catalogue from a plan's text. Raises DraftError when no task can be found."""
    layout = segment(source)
    if not layout.tasks:
        raise DraftError("no_tasks")
    first, last = _year(layout, year)
    period = Plan(layout.meta.title, layout.meta.document_number, layout.meta.issuer, layout.meta.issued,
                  dt.date(first, 1, 1), dt.date(last, 12, 31))
    tasks: list[DraftTask] = []
    first_leads = bool(FIRST_LEAD_RE.search(source))
    for raw in layout.tasks:
        paragraph = source[raw.start:raw.end]
        if raw.cells:
            end, att = len(paragraph), from_cells(raw.cells)
        else:
            begin, before = split_leading(paragraph)
            if begin:
                raw.start, paragraph = raw.start + begin, paragraph[begin:]
            end, att = split_trailing(paragraph)
            att = att or Attribution()
            if before is not None:
                att = before.merge(att)
            if raw.attr_lines:
                att = att.merge(parse("；".join(raw.attr_lines)) or Attribution())
        if (report := PROGRESS_RE.search(paragraph, 0, end)) and report.start() > 0:
            end = len(paragraph[:report.start()].rstrip(" \t\u3000\r\n"))  # a progress report's own words
        if first_leads:
            att = first_as_lead(att)
        text = paragraph[:end]
        raw.end = raw.start + end
        if not re.search(r"\w", text):
            continue  # a number and an attribution with no task: nothing to track
        task = DraftTask(raw, text, squash(raw.name) if raw.name else title_of(text), att)
        goals, skipped = find_goals(text, first, period.period_end, lang)
        if not goals:
            goals = [milestone(text, task.title, lang)]
        _apply_deadline(goals, att, first, period.period_end, lang)
        for g in goals:  # a date outside what `check` accepts is the reviewer's to set
            if g.due is not None and not period.period_start <= g.due <= period.period_end.replace(
                    year=period.period_end.year + 3):
                g.due = None
        if att.lead:
            task.goals = goals
            _owners(text, goals, att.lead, lang)
        else:
            task.left_out = [g for g in goals if g.comparator != "milestone"]
        task.skipped = skipped
        tasks.append(task)
    if not tasks:
        raise DraftError("no_text")
    used = {t.raw.chapter for t in tasks}
    layout.chapters = [c for c in layout.chapters if c.number in used]
    units = list(dict.fromkeys(u for t in tasks for u in t.attribution.lead))
    co = [u for u in dict.fromkeys(u for t in tasks for u in t.attribution.co) if u not in units]
    return Draft(period, units, co, layout.chapters, tasks, layout, lang, draft_aliases(units))


def _owners(text: str, goals: list[Goal], lead: list[str], lang: str) -> None:
    """Each goal of a co-led task given to the lead unit whose remit its words name, or marked as unsure."""
    for g in goals:
        start = max((text.rfind(ch, 0, g.start) for ch in "。；;！？"), default=-1) + 1
        stop = g.start + len(g.quote)
        end = min([i for i in (text.find(ch, stop) for ch in "。；;！？") if i >= 0], default=len(text))
        reading = owner_of(g.quote, text[start:g.start], text[stop:end], lead)
        if reading.unsure and reading.candidates:
            g.notes.append(WORDS[lang]["owner_between"].format(w=reading.words, us="、".join(reading.candidates),
                                                                u=lead[0]))
        elif reading.unsure:
            g.notes.append(WORDS[lang]["owner_unsure"].format(u=lead[0]))
        elif len(lead) > 1:
            g.owner = reading.owner
            g.notes.append(WORDS[lang]["owner"].format(w=reading.words, u=reading.owner or lead[0]))


def _apply_deadline(goals: list[Goal], att: Attribution, year: int, period_end: dt.date, lang: str) -> None:
    if not att.deadline:
        return
    text = squash(att.deadline)
    due, words = due_in(text, len(text), year, period_end, 0)
    if due is None:
        return
    for g in goals:
        if g.due is None:
            g.due = due
            g.notes.append(WORDS[lang]["deadline"].format(w=words, d=due.isoformat()))
