"""Rules over valid models → Diagnostics. Pure: no files, no printing.

Each rule reports every offence it finds, with a YAML `loc` that the loading layer turns into a line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from .diagnostics import Diagnostic, did_you_mean, error, warning
from .loading import number_hint
from .models import (
    DELTA_COMPARATORS,
    MILESTONE_STATES,
    STATE_WORDS,
    Catalogue,
    Indicator,
    ProgressFile,
    Report,
    milestone_state,
    step_names,
)
from .textrules import catalogue_texts, progress_texts, text_problems
from .unitnames import check_unit_names

DUE_YEARS_AFTER_PLAN = 3
"""A multi-year goal may be due up to this many years after the plan period ends."""
MAX_VALUE = 1e15
"""Figures, targets and baselines are below this in size (`number-range`): 10^15 of the goal's unit is far beyond
any plan (a province's GDP is ~10^5 亿元), and every whole number below it is exact in a float."""


def check_catalogue(cat: Catalogue, path: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    out += _unique(path, [u.name for u in cat.units], ("units",), "name", "unit")
    out += check_unit_names(cat, path)  # a unit's name is its progress file's name
    out += _unique(path, [c.number for c in cat.chapters], ("chapters",), "number", "chapter")
    out += _unique(path, [t.id for t in cat.tasks], ("tasks",), "id", "task id")

    out += _aliases(path, cat)
    units = cat.unit_names
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
            if ind.review:
                out.append(warning(path, "review",
                                   f"indicator {ind.id} is drafted and awaits review (待复核)"
                                   + (f": {ind.note}" if ind.note else ""),
                                   "compare quote, comparator, target, unit and due with the task's text, "
                                   "then delete `review: true` / 核对无误后删去 review: true", (*iloc, "review")))
            for key in ("target", "baseline"):
                if abs(getattr(ind, key) or 0) >= MAX_VALUE:
                    out.append(_out_of_range(path, f"indicator {ind.id}: {key}", getattr(ind, key), (*iloc, key)))
    out += text_problems(path, catalogue_texts(cat))
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


def _aliases(path: str, cat: Catalogue) -> list[Diagnostic]:
    """A unit's alias names one unit: it is no other unit's full name and no other unit's alias."""
    out, taken = [], {u.name: u.name for u in cat.units}
    for ui, unit in enumerate(cat.units):
        for ai, alias in enumerate(unit.aliases):
            other = taken.get(alias)
            if other is not None and other != unit.name or alias in unit.aliases[:ai]:
                out.append(error(path, "duplicate-alias", f"alias {alias} of {unit.name} already names "
                                 f"{other or unit.name}", "an alias must name one unit only; remove or change it",
                                 ("units", ui, "aliases", ai)))
            taken.setdefault(alias, unit.name)
    return out


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _out_of_range(path: str, what: str, value: float, loc: tuple) -> Diagnostic:
    return error(path, "number-range", f"{what} {value:g} 超出范围（绝对值须小于 10^15） / {what} {value:g} is out of "
                 "range: it must be below 10^15 in size", "write the real figure in the goal's unit (万元, 亿元) / "
                 "以指标单位填写实际数字", loc)


def _unknown_unit(path: str, name: str, units: set[str], loc: tuple) -> Diagnostic:
    close = did_you_mean(name, sorted(units))
    hint = f"did you mean {close}?" if close else "add it to `units`, or use a name listed there"
    return error(path, "unknown-unit", f"unit {name} is not in `units`", hint, loc)


def check_progress(cat: Catalogue, pf: ProgressFile, path: str, today: dt.date | None = None,
                   reference: dt.date | None = None) -> list[Diagnostic]:
    """One department's file against the catalogue: its unit, its indicators, its dates and values.

    `reference` is the date staleness is judged against (the office's --as-of, or today while the plan runs).
    """
    today = today or dt.date.today()
    out: list[Diagnostic] = []
    units = cat.unit_names
    if pf.unit not in units:
        out.append(_unknown_unit(path, pf.unit, units, ("unit",)))
    by_id = cat.by_id
    start, last = cat.plan.period_start, cat.last_due
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
            if entry.value is None:  # left blank: not reported yet; its id was checked above
                continue
            if ind.is_milestone and milestone_state(entry.value) not in (*MILESTONE_STATES, *step_names(ind)):
                words = "、".join([*STATE_WORDS, *step_names(ind)])
                what = f"the number {entry.value:g}" if not isinstance(entry.value, str) else repr(entry.value)
                out.append(error(path, "value-kind", f"indicator {ind.id} is a milestone; its value is a state word "
                                 f"or a step's name, not {what}",
                                 f"write one of: {words} (or done, in_progress, not_started, blocked)",
                                 (*eloc, "value")))
            elif not ind.is_milestone and isinstance(entry.value, str):
                out.append(error(path, "value-kind", f"indicator {ind.id} needs a number ({ind.unit or 'no unit'}), "
                                 f"not {entry.value!r}", number_hint(entry.value), (*eloc, "value")))
            elif not ind.is_milestone and abs(entry.value) >= MAX_VALUE:
                out.append(_out_of_range(path, f"indicator {ind.id}: value", entry.value, (*eloc, "value")))
            elif not ind.is_milestone and entry.value < 0:
                out.append(error(path, "negative", f"indicator {ind.id}: value {entry.value} is negative",
                                 "counts and amounts are zero or more", (*eloc, "value")))
            if entry.evidence is None:
                out.append(warning(path, "no-evidence", f"indicator {ind.id} on {report.as_of} has no `evidence`",
                                   "say where the figure comes from, e.g. evidence: 经发局9月台账",
                                   (*eloc, "indicator")))
    out += _baselines(cat, pf, path)
    out += _responses(cat, pf, path, today)
    out += _falling_totals(pf, path, by_id)
    out += text_problems(path, progress_texts(pf))
    if reference is not None:
        out += _stale(cat, pf, path, reference)
    return out


def _cumulative(ind: Indicator) -> bool:
    """A running total for the year, as the catalogue says (`measure: cumulative`)."""
    return ind.measure == "cumulative"


LEVEL_JUMP = 3.0
"""A level that changes by more than this factor between two reports is worth a second look."""


def odd_figures(cat: Catalogue, pf: ProgressFile | None, indicator: str, value: object,
                day: dt.date) -> list[tuple[str, dict]]:
    """Why a figure just recorded looks wrong against the unit's previous one: ("falling-total" | "level-jump",
    its values). A cumulative total lower than before; a level more than LEVEL_JUMP times, or less than a
    LEVEL_JUMP-th of, the figure before it."""
    found = cat.by_id.get(indicator)
    if found is None or pf is None or not isinstance(value, int | float):
        return []
    ind = found[1]
    earlier = [(r.as_of, e.value) for r in pf.reports if r.as_of < day for e in r.entries
               if e.indicator == indicator and isinstance(e.value, int | float)]
    if not earlier:
        return []
    prev_day, prev = max(earlier)
    values = {"id": indicator, "value": f"{value:g}", "d": day, "prev": f"{prev:g}", "prev_d": prev_day,
              "times": f"{LEVEL_JUMP:g}"}
    if _cumulative(ind) and value < prev:
        return [("falling-total", values)]
    if ind.measure == "level" and prev > 0 and value > 0 and max(value / prev, prev / value) > LEVEL_JUMP:
        return [("level-jump", values)]
    return []


def _falling_totals(pf: ProgressFile, path: str, by_id: dict) -> list[Diagnostic]:
    """Warn when a cumulative figure of a `>=` goal is lower than in an earlier report."""
    out = []
    last: dict[str, tuple[dt.date, float]] = {}
    order = sorted(range(len(pf.reports)), key=lambda i: pf.reports[i].as_of)
    for ri in order:
        report = pf.reports[ri]
        for ei, entry in enumerate(report.entries):
            found = by_id.get(entry.indicator)
            if found is None or not _cumulative(found[1]) or not isinstance(entry.value, int | float):
                continue
            prev = last.get(entry.indicator)
            if prev is not None and entry.value < prev[1]:
                out.append(warning(path, "falling-total",
                                   f"indicator {entry.indicator}: {entry.value:g} on {report.as_of} is lower than "
                                   f"{prev[1]:g} on {prev[0]}, but figures are cumulative for the year",
                                   "report the running total since the start of the year, or correct the earlier one",
                                   ("reports", ri, "entries", ei, "value")))
            last[entry.indicator] = (report.as_of, entry.value)
    return out


def _baselines(cat: Catalogue, pf: ProgressFile, path: str) -> list[Diagnostic]:
    """A unit's `baselines`: for goals it owns that count from a start value; the catalogue's, where it has one,
    wins, and a different figure here is said."""
    out = []
    seen: set[str] = set()
    for i, b in enumerate(pf.baselines):
        loc = ("baselines", i)
        found = cat.by_id.get(b.indicator)
        if found is None:
            out.append(error(path, "unknown-indicator", f"indicator {b.indicator!r} is not in the catalogue",
                             "give baselines only for this unit's indicators", (*loc, "indicator")))
            continue
        task, ind = found
        owner = cat.owner(task, ind)
        if pf.unit != owner:
            out.append(error(path, "not-owned", f"the baseline of {ind.id} is for {owner} to give, not {pf.unit}",
                             f"ask {owner} to add it to its progress file", (*loc, "indicator")))
        elif b.indicator in seen:
            out.append(error(path, "duplicate-entry", f"indicator {ind.id} has two baselines",
                             "keep one baseline per indicator", (*loc, "indicator")))
        elif not (ind.is_level or ind.comparator in DELTA_COMPARATORS):
            out.append(warning(path, "baseline-unused",
                               f"indicator {ind.id} is {ind.measure or ind.comparator}: it counts from 0 and does "
                               "not use a baseline", "remove this baseline", (*loc, "indicator")))
        elif ind.baseline is not None and ind.baseline != b.value:
            out.append(warning(path, "baseline-differs",
                               f"indicator {ind.id}: the catalogue's baseline {ind.baseline:g} is used, not "
                               f"{b.value:g} given here", "agree the start value with the office, then keep one",
                               (*loc, "value")))
        seen.add(b.indicator)
    return out


def _responses(cat: Catalogue, pf: ProgressFile, path: str, today: dt.date) -> list[Diagnostic]:
    """A unit's replies to 督办 (`responses`): for goals it owns, a 整改时限 (`by`) inside the plan period (up to the
    latest due date) and not before the reply's date (`on`), which is not in the future; one reply per goal and date."""
    out = []
    start, last = cat.plan.period_start, cat.last_due
    seen: set[tuple[str, dt.date | None]] = set()
    for i, resp in enumerate(pf.responses):
        loc = ("responses", i)
        found = cat.by_id.get(resp.indicator)
        if found is None:
            out.append(error(path, "unknown-indicator", f"indicator {resp.indicator!r} is not in the catalogue",
                             "reply only on this unit's indicators (gdtrack escalations --unit UNIT lists them)",
                             (*loc, "indicator")))
            continue
        owner = cat.owner(*found)
        if pf.unit != owner:
            out.append(error(path, "not-owned", f"indicator {resp.indicator} is {owner}'s to answer for, not "
                             f"{pf.unit}'s", f"ask {owner} to add the reply to its progress file", (*loc, "indicator")))
        if (resp.indicator, resp.on) in seen:
            out.append(error(path, "duplicate-entry", f"indicator {resp.indicator} has two replies dated {resp.on}",
                             "keep one reply per indicator and date; change the older one's `on`", (*loc, "indicator")))
        seen.add((resp.indicator, resp.on))
        if not start <= resp.by <= last:
            out.append(error(path, "date-out-of-range", f"the reply's deadline {resp.by} is outside {start} … {last}",
                             "整改时限 falls within the plan period (or up to the latest due date)", (*loc, "by")))
        if resp.on is not None and resp.on > today:
            out.append(error(path, "date-in-future", f"the reply's date {resp.on} is in the future",
                             "date a reply on the day it was given, at the latest today", (*loc, "replied")))
        elif resp.on is not None and resp.by < resp.on:
            out.append(error(path, "reply-dates", f"the reply of {resp.indicator} is due by {resp.by}, before it was "
                             f"given on {resp.on}", "整改时限 (by) is on or after the reply's date (replied)",
                             (*loc, "by")))
    return out


def check_baselines(cat: Catalogue, path: str, files: list[ProgressFile]) -> list[Diagnostic]:
    """`no-baseline`: a goal that counts from its start value (a level, a ≤ goal, a relative goal) has none, neither
    in the catalogue nor from its owner; its completion cannot be computed until someone gives it."""
    given = {b.indicator for pf in files for b in pf.baselines
             if b.indicator in cat.by_id and cat.owner(*cat.by_id[b.indicator]) == pf.unit}
    out = []
    for ti, task in enumerate(cat.tasks):
        for ii, ind in enumerate(task.indicators):
            if (ind.is_level or ind.comparator in DELTA_COMPARATORS) and ind.baseline is None \
                    and ind.id not in given and ind.baseline_from is None:  # gdtrack.earlier checks that one
                what = ind.comparator if ind.comparator in DELTA_COMPARATORS else ind.measure
                out.append(warning(path, "no-baseline",
                                   f"indicator {ind.id} ({what}) has no baseline yet; its completion cannot be "
                                   "computed until it has one",
                                   f"fill in `baseline:` here, or let {cat.owner(task, ind)} give it under "
                                   "`baselines:` in its progress file", ("tasks", ti, "indicators", ii, "id")))
    return out


def check_co_leads(cat: Catalogue, files: dict[str, tuple[str, ProgressFile]]) -> list[Diagnostic]:
    """`co-lead-conflict`: a co-lead unit reports a different figure from the owner's for the same goal and date
    (the owner's is the one used)."""
    owner_figures: dict[tuple[str, dt.date], float | str] = {}
    for _unit, (_, pf) in files.items():
        for r in pf.reports:
            for e in r.entries:
                found = cat.by_id.get(e.indicator)
                if found and e.value is not None and cat.owner(*found) == pf.unit:
                    owner_figures[(e.indicator, r.as_of)] = milestone_state(e.value)  # type: ignore[assignment]
    out = []
    for _unit, (path, pf) in files.items():
        for ri, r in enumerate(pf.reports):
            for ei, e in enumerate(r.entries):
                found = cat.by_id.get(e.indicator)
                if not found or e.value is None or cat.owner(*found) == pf.unit:
                    continue
                theirs = owner_figures.get((e.indicator, r.as_of))
                if theirs is not None and theirs != milestone_state(e.value):
                    owner = cat.owner(*found)
                    out.append(warning(path, "co-lead-conflict",
                                       f"indicator {e.indicator} on {r.as_of}: {pf.unit} reports {e.value}, its "
                                       f"owner {owner} reports {theirs}; the owner's figure is used",
                                       f"agree the figure with {owner}, or remove this entry",
                                       ("reports", ri, "entries", ei, "value")))
    return out


def _has_figures(report: Report) -> bool:
    """A report counts as sent when it has no entries yet or at least one figure: not when every line is blank."""
    return not report.entries or any(e.value is not None for e in report.entries)


def _previous_month_end(day: dt.date) -> dt.date:
    return day.replace(day=1) - dt.timedelta(days=1)


def _stale(cat: Catalogue, pf: ProgressFile, path: str, reference: dt.date) -> list[Diagnostic]:
    """Warn when the unit's latest report is older than the previous month-end while it has open goals."""
    from .engine import completion

    dated = [(r.as_of, i) for i, r in enumerate(pf.reports) if r.as_of <= reference and _has_figures(r)]
    cutoff = _previous_month_end(reference)
    latest_day, latest_i = max(dated) if dated else (None, None)
    if latest_day is not None and latest_day >= cutoff:
        return []
    values: dict[str, float | str] = {}
    for r in sorted(pf.reports, key=lambda r: r.as_of):
        if r.as_of <= reference:
            values.update((e.indicator, e.value) for e in r.entries if e.value is not None)
    open_goals = [
        ind.id for _, ind in cat.owned.get(pf.unit, ())
        if ind.id not in values or (completion(ind, values[ind.id]).value or 0) < 1
    ]
    if not open_goals:
        return []
    when = f"the latest report is dated {latest_day}" if latest_day else "there is no report yet"
    loc = ("reports", latest_i, "as_of") if latest_i is not None else ("unit",)
    return [warning(path, "stale", f"{pf.unit}: {when}, before {cutoff}, with {len(open_goals)} goal(s) still open",
                    f"add a report dated {cutoff} or later", loc)]


def missing_reports(cat: Catalogue, files: dict[str, tuple[str, ProgressFile]], month: dt.date) -> list[str]:
    """Units that own indicators but have no report dated in the month of `month`, in registry order."""
    out = []
    for unit in (u.name for u in cat.units if u.name in cat.owned):
        pf = files.get(unit, ("", None))[1]
        if pf is None or not any((r.as_of.year, r.as_of.month) == (month.year, month.month) and _has_figures(r)
                                 for r in pf.reports):
            out.append(unit)
    return out


def check_reporting(cat: Catalogue, files: dict[str, tuple[str, ProgressFile]], month: dt.date,
                    folder: str) -> list[Diagnostic]:
    """报送 check: every unit that owns indicators has a report dated in the month of `month`."""
    out = []
    for unit in missing_reports(cat, files, month):
        path, pf = files.get(unit, (folder, None))
        out.append(error(path, "not-reported", f"{unit} has no report dated in {month:%Y-%m} (未报送)",
                         f"add a report with as_of in {month:%Y-%m} to {unit}'s progress file",
                         ("reports",) if pf is not None else ()))
    return out
