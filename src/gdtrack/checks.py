"""Rules over valid models → Diagnostics. Pure: no files, no printing.

Each rule reports every offence it finds, with a YAML `loc` that the loading layer turns into a line.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter

from .diagnostics import Diagnostic, error, warning
from .models import DELTA_COMPARATORS, Catalogue, ProgressFile

DUE_YEARS_AFTER_PLAN = 3
"""A multi-year goal may be due up to this many years after the plan period ends."""


def check_catalogue(cat: Catalogue, path: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    out += _unique(path, [u.name for u in cat.units], ("units",), "name", "unit")
    out += _unique(path, [c.number for c in cat.chapters], ("chapters",), "number", "chapter")
    out += _unique(path, [t.id for t in cat.tasks], ("tasks",), "id", "task id")

    units = {u.name for u in cat.units}
    chapters = {c.number for c in cat.chapters}
    ind_ids: Counter[str] = Counter(ind.id for _, ind in cat.indicators())
    seen_dupes: set[str] = set()
    start, end = cat.plan.period_start, cat.plan.period_end
    latest_due = _years_after(end, DUE_YEARS_AFTER_PLAN)

    for ti, task in enumerate(cat.tasks):
        tloc = ("tasks", ti)
        if task.chapter not in chapters:
            out.append(error(path, "unknown-chapter", f"task {task.id}: chapter {task.chapter} is not in `chapters`",
                             f"use one of {sorted(chapters)}", (*tloc, "chapter")))
        for ui, name in enumerate(task.lead_units):
            if name not in units:
                out.append(_unknown_unit(path, name, units, (*tloc, "lead_units", ui)))
        if task.lead_units and not task.indicators:
            out.append(error(path, "no-indicator", f"task {task.id} has lead units but no indicator to track",
                             "add at least one indicator; a task with no number gets a `milestone`",
                             (*tloc, "id")))
        for ii, ind in enumerate(task.indicators):
            iloc = (*tloc, "indicators", ii)
            if ind_ids[ind.id] > 1 and ind.id not in seen_dupes:
                seen_dupes.add(ind.id)
            elif ind_ids[ind.id] > 1:
                out.append(error(path, "duplicate-id", f"indicator id {ind.id!r} is used more than once",
                                 "give each indicator its own id", (*iloc, "id")))
            if ind.id.split(".")[0] != str(task.id):
                out.append(error(path, "id-mismatch", f"indicator {ind.id!r} is under task {task.id}",
                                 f'number it "{task.id}.<n>"', (*iloc, "id")))
            if ind.owner is not None:
                if ind.owner not in units:
                    out.append(_unknown_unit(path, ind.owner, units, (*iloc, "owner")))
                elif ind.owner not in task.lead_units:
                    out.append(warning(path, "owner-not-lead",
                                       f"indicator {ind.id}: owner {ind.owner} is not a lead unit of task {task.id}",
                                       "make sure this is intended", (*iloc, "owner")))
            elif not task.lead_units:
                out.append(error(path, "no-owner", f"indicator {ind.id} has no owner and task {task.id} no lead unit",
                                 "add `owner:` with a unit from `units`", (*iloc, "id")))
            if ind.quote not in task.text:
                out.append(error(path, "quote-not-in-text",
                                 f"indicator {ind.id}: quote is not in the text of task {task.id}"
                                 f"{_divergence(ind.quote, task.text)}",
                                 "copy the phrase character for character from the task's `text` "
                                 "(watch full-width punctuation such as ，“”（）)", (*iloc, "quote")))
            if ind.due is not None and not (start <= ind.due <= latest_due):
                out.append(error(path, "due-out-of-range",
                                 f"indicator {ind.id}: due {ind.due} is outside {start} … {latest_due}",
                                 f"due dates run from the plan start to {DUE_YEARS_AFTER_PLAN} years after its end",
                                 (*iloc, "due")))
            if ind.comparator in DELTA_COMPARATORS and ind.baseline is None:
                out.append(warning(path, "no-baseline",
                                   f"indicator {ind.id} ({ind.comparator}) has no baseline yet; "
                                   "its completion cannot be computed",
                                   "fill in `baseline:` once the base-period figure is known", (*iloc, "baseline")))
    return out


def check_source(cat: Catalogue, path: str, source: str, source_name: str) -> list[Diagnostic]:
    """Every task's `text` (and the document number) must appear verbatim in the source document."""
    out = []
    if cat.plan.document_number not in source:
        out.append(error(path, "not-in-source", f"document number {cat.plan.document_number} is not in {source_name}",
                         loc=("plan", "document_number")))
    for ti, task in enumerate(cat.tasks):
        if task.text not in source:
            out.append(error(path, "not-in-source",
                             f"task {task.id}: text is not found verbatim in {source_name}"
                             f"{_divergence(task.text, source)}",
                             "copy the task's text from the source document exactly", ("tasks", ti, "text")))
    return out


def _divergence(needle: str, haystack: str) -> str:
    """Where `needle` stops matching: the longest prefix of it found in `haystack`."""
    lo, hi = 0, len(needle)
    while lo < hi:  # longest prefix that is a substring (prefix-substring-ness is monotone)
        mid = (lo + hi + 1) // 2
        if needle[:mid] in haystack:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return ""
    shown = needle[max(0, lo - 12):lo]
    return f" (matches up to “…{shown}”, then differs at “{needle[lo:lo + 8]}…”)"


def _unique(path: str, values: list, loc: tuple, key: str, what: str) -> list[Diagnostic]:
    counts = Counter(values)
    out, seen = [], set()
    for i, v in enumerate(values):
        if counts[v] > 1:
            if v in seen:
                out.append(error(path, "duplicate-id", f"{what} {v!r} is listed more than once",
                                 f"each {what} appears once", (*loc, i, key)))
            seen.add(v)
    return out


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _unknown_unit(path: str, name: str, units: set[str], loc: tuple) -> Diagnostic:
    close = difflib.get_close_matches(name, sorted(units), n=1, cutoff=0.5)
    hint = f"did you mean {close[0]}?" if close else "add it to `units`, or use a name listed there"
    return error(path, "unknown-unit", f"unit {name} is not in `units`", hint, loc)


def check_progress(cat: Catalogue, pf: ProgressFile, path: str, today: dt.date | None = None) -> list[Diagnostic]:
    """One department's file against the catalogue: its unit, its indicators, its dates and values."""
    today = today or dt.date.today()
    out: list[Diagnostic] = []
    units = {u.name for u in cat.units}
    if pf.unit not in units:
        out.append(_unknown_unit(path, pf.unit, units, ("unit",)))
    by_id = {ind.id: (task, ind) for task, ind in cat.indicators()}
    start = cat.plan.period_start
    last = max([cat.plan.period_end, *(cat.due(i) for _, i in cat.indicators())])
    seen_dates: dict[dt.date, int] = {}
    for ri, report in enumerate(pf.reports):
        rloc = ("reports", ri)
        if report.as_of in seen_dates:
            out.append(error(path, "duplicate-report", f"report date {report.as_of} appears twice",
                             f"merge its entries into the report at #{seen_dates[report.as_of] + 1}",
                             (*rloc, "as_of")))
        seen_dates.setdefault(report.as_of, ri)
        if not start <= report.as_of <= last:
            out.append(error(path, "date-out-of-range", f"report date {report.as_of} is outside {start} … {last}",
                             "reports are dated within the plan period (or up to the latest due date)",
                             (*rloc, "as_of")))
        elif report.as_of > today:
            out.append(error(path, "date-in-future", f"report date {report.as_of} is in the future",
                             "date a report on the day its figures were true, at the latest today", (*rloc, "as_of")))
        seen_ids: set[str] = set()
        for ei, entry in enumerate(report.entries):
            eloc = (*rloc, "entries", ei)
            found = by_id.get(entry.indicator)
            if found is None:
                out.append(error(path, "unknown-indicator", f"indicator {entry.indicator!r} is not in the catalogue",
                                 "run `gdtrack template UNIT` or `gdtrack units` to see this unit's indicators",
                                 (*eloc, "indicator")))
                continue
            task, ind = found
            owner = cat.owner(task, ind)
            if pf.unit in units and pf.unit != owner and pf.unit not in task.lead_units:
                out.append(error(path, "not-owned",
                                 f"indicator {ind.id} belongs to {owner}; {pf.unit} does not lead task {task.id}",
                                 f"only {owner} (or a co-lead of task {task.id}) reports it", (*eloc, "indicator")))
            if entry.indicator in seen_ids:
                out.append(error(path, "duplicate-entry",
                                 f"indicator {ind.id} is reported twice on {report.as_of}",
                                 "keep one entry per indicator and date", (*eloc, "indicator")))
            seen_ids.add(entry.indicator)
            if ind.is_milestone and not isinstance(entry.value, str):
                out.append(error(path, "value-kind", f"indicator {ind.id} is a milestone; its value is a word, "
                                 f"not the number {entry.value}",
                                 "write one of: done, in_progress, not_started, blocked", (*eloc, "value")))
            elif not ind.is_milestone and isinstance(entry.value, str):
                out.append(error(path, "value-kind", f"indicator {ind.id} needs a number ({ind.unit or 'no unit'}), "
                                 f"not {entry.value!r}", "write the cumulative figure as a bare number",
                                 (*eloc, "value")))
            elif not ind.is_milestone and entry.value < 0 and ind.comparator not in DELTA_COMPARATORS:
                out.append(error(path, "negative", f"indicator {ind.id}: value {entry.value} is negative",
                                 "counts and amounts are zero or more", (*eloc, "value")))
    return out
