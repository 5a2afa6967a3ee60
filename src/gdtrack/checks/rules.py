"""Rules over valid models → Diagnostics. Pure: no files, no printing.

Each rule reports every offence it finds, with a YAML `loc` that the loading layer turns into a line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from gdtrack.checks.targets import check_targets
from gdtrack.checks.text import catalogue_texts, progress_text_problems, text_problems
from gdtrack.diagnostics import Diagnostic, did_you_mean, said
from gdtrack.files.loading import number_hint_key
from gdtrack.files.unitnames import check_unit_names
from gdtrack.models import (
    DELTA_COMPARATORS,
    MILESTONE_STATES,
    STATE_WORDS,
    Catalogue,
    Indicator,
    ProgressFile,
    Report,
    Task,
    milestone_state,
    step_names,
)

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
    out += _unique(path, [t.id for t in cat.tasks], ("tasks",), "id", "task")

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
            out.append(said(path, "unknown-chapter", "task", (*tloc, "chapter"), task=task.id, chapter=task.chapter,
                            chapters=sorted(chapters)))
        for ui, name in enumerate(task.lead_units):
            if name not in units:
                out.append(_unknown_unit(path, name, units, (*tloc, "lead_units", ui)))
        if task.lead_units and not task.indicators:
            out.append(said(path, "no-indicator", "task", (*tloc, "id"), task=task.id))
        for ii, ind in enumerate(task.indicators):
            iloc = (*tloc, "indicators", ii)
            if ind_ids[ind.id] > 1 and ind.id not in seen_dupes:
                seen_dupes.add(ind.id)
            elif ind_ids[ind.id] > 1:
                out.append(said(path, "duplicate-id", "indicator", (*iloc, "id"), id=ind.id))
            if ind.id.split(".")[0] != str(task.id):
                out.append(said(path, "id-mismatch", "indicator", (*iloc, "id"), id=ind.id, task=task.id))
            if ind.owner is not None:
                if ind.owner not in units:
                    out.append(_unknown_unit(path, ind.owner, units, (*iloc, "owner")))
                elif ind.owner not in task.lead_units:
                    out.append(said(path, "owner-not-lead", "indicator", (*iloc, "owner"), id=ind.id, owner=ind.owner,
                                    task=task.id))
            elif not task.lead_units:
                out.append(said(path, "no-owner", "indicator", (*iloc, "id"), id=ind.id, task=task.id))
            if ind.quote not in task.text:
                at = _divergence(ind.quote, task.text)
                out.append(said(path, "quote-not-in-text", "indicator_at" if at else "indicator", (*iloc, "quote"),
                                hint="indicator", id=ind.id, task=task.id, **(at or {})))
            if ind.due is not None and not (start <= ind.due <= latest_due):
                out.append(said(path, "due-out-of-range", "indicator", (*iloc, "due"), id=ind.id, due=ind.due,
                                start=start, latest=latest_due, years=DUE_YEARS_AFTER_PLAN))
            if ind.review:
                out.append(said(path, "review", "indicator_note" if ind.note else "indicator", (*iloc, "review"),
                                hint="indicator", id=ind.id, note=ind.note))
            for key in ("target", "baseline"):
                if abs(getattr(ind, key) or 0) >= MAX_VALUE:
                    out.append(said(path, "number-range", "field", (*iloc, key), id=ind.id, key=key,
                                    value=f"{getattr(ind, key):g}"))
    if cat.tasks and not ind_ids:  # a plan of tasks and no goal tracks nothing: a draft that found none, most often
        out.append(said(path, "no-goals", "plan", ("tasks",), tasks=len(cat.tasks)))
    out += check_targets(cat, path)  # each target, comparator and 力争 as its sentence says (checks/targets.py)
    out += text_problems(path, catalogue_texts(cat))
    return out


def check_source(cat: Catalogue, path: str, source: str, source_name: str) -> list[Diagnostic]:
    """Every task's `text` (and the document number) must appear verbatim in the source document."""
    out = []
    if cat.plan.document_number not in source:
        out.append(said(path, "not-in-source", "document", ("plan", "document_number"),
                        number=cat.plan.document_number, source=source_name))
    for ti, task in enumerate(cat.tasks):
        if task.text not in source:
            at = _divergence(task.text, source)
            out.append(said(path, "not-in-source", "task_at" if at else "task", ("tasks", ti, "text"), hint="task",
                            task=task.id, source=source_name, **(at or {})))
            continue
        out += _attributed(path, ti, task, source, source_name)
    return out


OTHER_ROLE_RE = re.compile(r"[、，,；;\s]*(?:配合|参与|协办|协同|责任|主办|牵头领导|责任领导)(?:单位|领导)?\s*[：:]")
ATTRIBUTION_RE = re.compile(r"\s*[（(]\s*牵头单位\s*[：:]\s*(?P<units>[^）)]*)[）)]")
ATTRIBUTION_BEFORE_RE = re.compile(r"[【（(]\s*牵头单位\s*[：:]\s*(?P<units>[^】）)]*)[】）)]\s*$")
"""The same, right before the text: 1.【牵头单位：A；配合单位：B】实施…"""


def _attributed(path: str, ti: int, task: Task, source: str, source_name: str) -> list[Diagnostic]:
    """The lead units are those the plan names right after the task's text (（牵头单位：A、B）) or right before it
    (【牵头单位：A、B】), where it names them there: none left out, none added."""
    at = source.index(task.text)
    found = (ATTRIBUTION_RE.match(source, at + len(task.text))
             or ATTRIBUTION_BEFORE_RE.search(source[max(0, at - 300):at]))
    if found is None:
        return []
    units = OTHER_ROLE_RE.split(found.group("units"), maxsplit=1)[0]  # 牵头单位：A、配合单位：B — A only
    named = [n for u in re.split(r"[、，,；;]", units) if (n := re.sub(r"\s+", "", u))]  # a name wrapped: one name
    missing = [u for u in named if u not in task.lead_units]
    added = [u for u in task.lead_units if u not in named]
    if not missing and not added:
        return []
    return [said(path, "lead-units-differ", "task", ("tasks", ti, "lead_units"), task=task.id, source=source_name,
                 named="、".join(named), missing="、".join(missing) or "—", added="、".join(added) or "—")]


def _divergence(needle: str, haystack: str) -> dict[str, str] | None:
    """Where `needle` stops matching: the end of the longest prefix of it found in `haystack` (`shown`) and what
    follows it (`differs`)."""
    lo, hi = 0, len(needle)
    while lo < hi:  # longest prefix that is a substring (prefix-substring-ness is monotone)
        mid = (lo + hi + 1) // 2
        if needle[:mid] in haystack:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return None
    return {"shown": needle[max(0, lo - 12):lo], "differs": needle[lo:lo + 8]}


def _unique(path: str, values: list, loc: tuple, key: str, what: str) -> list[Diagnostic]:
    counts = Counter(values)
    out, seen = [], set()
    for i, v in enumerate(values):
        if counts[v] > 1:
            if v in seen:
                out.append(said(path, "duplicate-id", what, (*loc, i, key), value=v))
            seen.add(v)
    return out


def _aliases(path: str, cat: Catalogue) -> list[Diagnostic]:
    """A unit's alias names one unit: it is no other unit's full name and no other unit's alias."""
    out, taken = [], {u.name: u.name for u in cat.units}
    for ui, unit in enumerate(cat.units):
        for ai, alias in enumerate(unit.aliases):
            other = taken.get(alias)
            if other is not None and other != unit.name or alias in unit.aliases[:ai]:
                out.append(said(path, "duplicate-alias", "alias", ("units", ui, "aliases", ai), alias=alias,
                                unit=unit.name, other=other or unit.name))
            taken.setdefault(alias, unit.name)
    return out


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _unknown_unit(path: str, name: str, units: set[str], loc: tuple) -> Diagnostic:
    close = did_you_mean(name, sorted(units))
    return said(path, "unknown-unit", "name", loc, hint="close" if close else "name", name=name, close=close)


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
    by_id, owner_of = cat.by_id, cat.owner_of
    start, last = cat.plan.period_start, cat.last_due
    seen_dates: dict[dt.date, int] = {}
    for ri, report in enumerate(pf.reports):
        rloc = ("reports", ri)
        if report.as_of in seen_dates:
            out.append(said(path, "duplicate-report", "date", (*rloc, "as_of"), date=report.as_of,
                            n=seen_dates[report.as_of] + 1))
        seen_dates.setdefault(report.as_of, ri)
        if not start <= report.as_of <= last:
            out.append(said(path, "date-out-of-range", "report", (*rloc, "as_of"), date=report.as_of, start=start,
                            last=last))
        elif report.as_of > today:
            out.append(said(path, "date-in-future", "report", (*rloc, "as_of"), date=report.as_of))
        seen_ids: set[str] = set()
        for ei, entry in enumerate(report.entries):
            eloc = (*rloc, "entries", ei)
            found = by_id.get(entry.indicator)
            if found is None:
                out.append(said(path, "unknown-indicator", "entry", (*eloc, "indicator"), id=entry.indicator))
                continue
            task, ind = found
            owner = owner_of[entry.indicator]
            if pf.unit in units and pf.unit != owner and pf.unit not in task.lead_units:
                out.append(said(path, "not-owned", "entry", (*eloc, "indicator"), id=ind.id, owner=owner,
                                unit=pf.unit, task=task.id))
            if entry.indicator in seen_ids:
                out.append(said(path, "duplicate-entry", "entry", (*eloc, "indicator"), id=ind.id,
                                date=report.as_of))
            seen_ids.add(entry.indicator)
            if entry.value is None:  # left blank: not reported yet; its id was checked above
                continue
            if ind.is_milestone and milestone_state(entry.value) not in (*MILESTONE_STATES, *step_names(ind)):
                words = "、".join([*STATE_WORDS, *step_names(ind)])
                number = not isinstance(entry.value, str)
                out.append(said(path, "value-kind", "milestone_number" if number else "milestone_text",
                                (*eloc, "value"), hint="milestone", id=ind.id, words=words,
                                value=f"{entry.value:g}" if number else entry.value))
            elif not ind.is_milestone and isinstance(entry.value, str):
                hint, values = number_hint_key(entry.value)
                out.append(said(path, "value-kind", "number" if ind.unit else "number_no_unit", (*eloc, "value"),
                                hint=hint, id=ind.id, unit=ind.unit, value=entry.value, **values))
            elif not ind.is_milestone and abs(entry.value) >= MAX_VALUE:
                out.append(said(path, "number-range", "value", (*eloc, "value"), hint="field", id=ind.id,
                                value=f"{entry.value:g}"))
            elif not ind.is_milestone and entry.value < 0:
                out.append(said(path, "negative", "value", (*eloc, "value"), id=ind.id, value=entry.value))
            if entry.evidence is None:
                out.append(said(path, "no-evidence", "entry", (*eloc, "indicator"), id=ind.id, date=report.as_of))
    out += _baselines(cat, pf, path)
    out += _responses(cat, pf, path, today)
    out += _falling_totals(pf, path, by_id)
    out += progress_text_problems(path, pf)
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
                out.append(said(path, "falling-total", "value", ("reports", ri, "entries", ei, "value"),
                                id=entry.indicator, value=f"{entry.value:g}", date=report.as_of, prev=f"{prev[1]:g}",
                                prev_date=prev[0]))
            last[entry.indicator] = (report.as_of, entry.value)
    return out


def _own_goal(cat: Catalogue, pf: ProgressFile, path: str, indicator: str, what: str,
              loc: tuple) -> tuple[Indicator | None, Diagnostic | None]:
    """The goal a `baselines` or `responses` entry names, and why the unit may not give it one: the id is not in the
    catalogue (then no goal), or the goal is another unit's."""
    found = cat.by_id.get(indicator)
    if found is None:
        return None, said(path, "unknown-indicator", what, (*loc, "indicator"), id=indicator)
    owner = cat.owner(*found)
    if pf.unit != owner:
        return found[1], said(path, "not-owned", what, (*loc, "indicator"), id=indicator, owner=owner, unit=pf.unit)
    return found[1], None


def _baselines(cat: Catalogue, pf: ProgressFile, path: str) -> list[Diagnostic]:
    """A unit's `baselines`: for goals it owns that count from a start value; the catalogue's, where it has one,
    wins, and a different figure here is said."""
    out = []
    seen: set[str] = set()
    for i, b in enumerate(pf.baselines):
        loc = ("baselines", i)
        ind, problem = _own_goal(cat, pf, path, b.indicator, "baseline", loc)
        if problem is not None:
            out.append(problem)
        if ind is None or problem is not None:
            continue
        if b.indicator in seen:
            out.append(said(path, "duplicate-entry", "baseline", (*loc, "indicator"), id=ind.id))
        elif not ind.needs_start:
            out.append(said(path, "baseline-unused", "indicator", (*loc, "indicator"), id=ind.id,
                            kind=ind.measure or ind.comparator))
        elif ind.baseline is not None and ind.baseline != b.value:
            out.append(said(path, "baseline-differs", "value", (*loc, "value"), id=ind.id,
                            catalogue=f"{ind.baseline:g}", given=f"{b.value:g}"))
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
        ind, problem = _own_goal(cat, pf, path, resp.indicator, "reply", loc)
        if problem is not None:
            out.append(problem)
        if ind is None:
            continue
        if (resp.indicator, resp.on) in seen:
            out.append(said(path, "duplicate-entry", "reply", (*loc, "indicator"), id=resp.indicator, date=resp.on))
        seen.add((resp.indicator, resp.on))
        if not start <= resp.by <= last:
            out.append(said(path, "date-out-of-range", "reply", (*loc, "by"), by=resp.by, start=start, last=last))
        if resp.on is not None and resp.on > today:
            out.append(said(path, "date-in-future", "reply", (*loc, "replied"), date=resp.on))
        elif resp.on is not None and resp.by < resp.on:
            out.append(said(path, "reply-dates", "reply", (*loc, "by"), id=resp.indicator, by=resp.by, on=resp.on))
    return out


def check_baselines(cat: Catalogue, path: str, files: list[ProgressFile]) -> list[Diagnostic]:
    """`no-baseline`: a goal that counts from its start value (a level, a ≤ goal, a relative goal) has none, neither
    in the catalogue nor from its owner; its completion cannot be computed until someone gives it."""
    given = {b.indicator for pf in files for b in pf.baselines
             if b.indicator in cat.by_id and cat.owner(*cat.by_id[b.indicator]) == pf.unit}
    out = []
    for ti, task in enumerate(cat.tasks):
        for ii, ind in enumerate(task.indicators):
            if ind.needs_start and ind.baseline is None \
                    and ind.id not in given and ind.baseline_from is None:  # gdtrack.repository.earlier checks that one
                what = ind.comparator if ind.comparator in DELTA_COMPARATORS else ind.measure
                out.append(said(path, "no-baseline", "indicator", ("tasks", ti, "indicators", ii, "id"), id=ind.id,
                                kind=what, owner=cat.owner(task, ind)))
    return out


def check_co_leads(cat: Catalogue, files: dict[str, tuple[str, ProgressFile]]) -> list[Diagnostic]:
    """`co-lead-conflict`: a co-lead unit reports a different figure from the owner's for the same goal and date
    (the owner's is the one used)."""
    owner_of = cat.owner_of
    owner_figures: dict[tuple[str, dt.date], float | str] = {}
    theirs_entries: list[tuple[str, ProgressFile, int, int]] = []  # co-leads' figures: (path, file, report, entry)
    for _unit, (path, pf) in files.items():
        for ri, r in enumerate(pf.reports):
            for ei, e in enumerate(r.entries):
                if e.value is None or e.indicator not in owner_of:
                    continue
                if owner_of[e.indicator] == pf.unit:
                    owner_figures[(e.indicator, r.as_of)] = milestone_state(e.value)  # type: ignore[assignment]
                else:
                    theirs_entries.append((path, pf, ri, ei))
    out = []
    for path, pf, ri, ei in theirs_entries:
        r = pf.reports[ri]
        e = r.entries[ei]
        theirs = owner_figures.get((e.indicator, r.as_of))
        if theirs is not None and theirs != milestone_state(e.value):
            out.append(said(path, "co-lead-conflict", "value", ("reports", ri, "entries", ei, "value"),
                            id=e.indicator, date=r.as_of, unit=pf.unit, value=e.value, owner=owner_of[e.indicator],
                            theirs=theirs))
    return out


def _has_figures(report: Report) -> bool:
    """A report counts as sent when it has no entries yet or at least one figure: not when every line is blank."""
    return not report.entries or any(e.value is not None for e in report.entries)


def _stale(cat: Catalogue, pf: ProgressFile, path: str, reference: dt.date) -> list[Diagnostic]:
    """Warn when the unit's latest report is older than the end of the previous reporting period (a month, or a
    quarter: `plan.policy.reporting`) while it has open goals."""
    from gdtrack.engine.evaluation import completion, previous_period_end

    dated = [(r.as_of, i) for i, r in enumerate(pf.reports) if r.as_of <= reference and _has_figures(r)]
    cutoff = previous_period_end(reference, cat.plan.policy.reporting)
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
    loc = ("reports", latest_i, "as_of") if latest_i is not None else ("unit",)
    return [said(path, "stale", "latest" if latest_day else "none", loc, hint="latest", unit=pf.unit,
                 latest=latest_day, cutoff=cutoff, n=len(open_goals))]


def missing_reports(cat: Catalogue, files: dict[str, tuple[str, ProgressFile]], month: dt.date) -> list[str]:
    """Units that own indicators but have no report dated in the reporting period of `month` (its month, or its
    quarter when the plan reports by quarter), in registry order."""
    from gdtrack.engine.evaluation import same_period

    reporting = cat.plan.policy.reporting
    out = []
    for unit in (u.name for u in cat.units if u.name in cat.owned):
        pf = files.get(unit, ("", None))[1]
        if pf is None or not any(same_period(r.as_of, month, reporting) and _has_figures(r) for r in pf.reports):
            out.append(unit)
    return out


def check_reporting(cat: Catalogue, files: dict[str, tuple[str, ProgressFile]], month: dt.date,
                    folder: str) -> list[Diagnostic]:
    """报送 check: every unit that owns indicators has a report dated in the reporting period of `month`."""
    from gdtrack.engine.evaluation import period_name

    out = []
    for unit in missing_reports(cat, files, month):
        path, pf = files.get(unit, (folder, None))
        out.append(said(path, "not-reported", "unit", ("reports",) if pf is not None else (), unit=unit,
                        month=period_name(month, cat.plan.policy.reporting)))
    return out
