"""What was reported, gathered for the engine, pure: every figure by goal (:class:`Observation`), each goal's start
value (:class:`Start`) and the owner's figures against the co-leads'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from gdtrack.models import Catalogue, ProgressFile, milestone_state
from gdtrack.values import Frozen, frozen


class Observation(NamedTuple):
    """One reported value (a named tuple: a province's plan makes hundreds of thousands at every run)."""

    as_of: dt.date
    value: float | str
    unit: str  # who reported it
    note: str | None = None
    evidence: str | None = None


@frozen(slots=True)
class Start(Frozen):
    """The start-of-period value a goal is measured from, and where it comes from."""

    value: float
    source: str  # "catalogue", or the unit whose progress file gave it (or, with `plan`, reported it)
    evidence: str | None = None
    plan: str | None = None  # "2023:59.1": the earlier plan's final figure named by `baseline_from`


def observations(files: Iterable[ProgressFile]) -> dict[str, list[Observation]]:
    """Every reported value by indicator id, in file order. A milestone's Chinese state words read as English."""
    out: dict[str, list[Observation]] = {}
    for pf in files:
        unit = pf.unit
        for report in pf.reports:
            day = report.as_of
            for e in report.entries:
                out.setdefault(e.indicator, []).append(
                    Observation(day, milestone_state(e.value), unit, e.note, e.evidence))  # type: ignore[arg-type]
    return out


def starts(cat: Catalogue, files: Iterable[ProgressFile], carried: Mapping[str, Start] | None = None
           ) -> dict[str, Start]:
    """Each goal's start-of-period value, ranked: the catalogue's `baseline`; else the earlier plan's final figure
    its `baseline_from` names (`carried`, resolved to numbers before the engine: gdtrack.repository.earlier); else the
    owner's `baselines` entry."""
    out: dict[str, Start] = {}
    for pf in files:
        for b in pf.baselines:
            found = cat.by_id.get(b.indicator)
            if found is not None and cat.owner(*found) == pf.unit:
                out[b.indicator] = Start(b.value, pf.unit, b.evidence)
    out.update(carried or {})
    for _, ind in cat.indicators():
        if ind.baseline is not None:
            out[ind.id] = Start(ind.baseline, "catalogue")
    return out


def split_by_owner(obs: Iterable[Observation], owner: str | None) -> tuple[list[Observation], list[Observation]]:
    """The owner's figures, oldest first, and the co-leads' that count: only where the owner has none."""
    ordered = sorted(obs, key=lambda o: o.as_of)
    own = [o for o in ordered if o.unit == owner]
    return (own, [o for o in ordered if o.unit != owner]) if own else (ordered, [])
