"""The 督办 loop, pure: each goal's colour at every period end, escalation levels, replies, and 催报 reminders.

Interface (stable; the Word output and the CLI build on it):

- `history(cat, files, query) -> History`: every goal's status at each period end of the plan up to `query`
  (month ends, or quarter ends when `plan.policy.reporting` is quarter), as `engine.evaluate` on that day gives it;
  `History.of(id)` lists them as `PeriodStatus(period_end, status)`. `history_of(ev)` does the same from an
  evaluation already made (cheaper; only its goals).
- `escalations(cat, files, query, unit=None) -> list[Escalation]`: the goals lagging at the latest period end,
  each with its level (提醒 / 督办 / 通报, from `plan.policy.escalation`), how many consecutive period ends it has
  been so (`periods`), its unit's latest reply (`reply`: a `models.Response` with `measures`, `by` and the reply's
  date `replied`, also readable as `on`) and whether the reply's 整改时限 has passed with the goal still lagging
  (`overdue`). What is still needed per month is `Escalation.result.per_month`, the latest note `Escalation.note`.
- `reminders(ev) -> list[Reminder]`: for each unit, the goals with no figure this period (`Result.current`
  false), and the date figures are due by (`deadline`).
- `forecast(result) -> Forecast | None`: re-exported from :mod:`gdtrack.engine.forecast`.

Rules:

- Only period ends count: a query date inside a period looks back to the last period end on or before it
  (figures for the running period are not due yet). Before the first period end there is no history.
- "Lagging" for escalation is status lagging (滞后) or missed (未完成). 略滞后 (behind) is within the tolerance
  and does not count: it neither adds to a run nor is shown; it breaks a run, as on_track does.
- A goal never reported at a period end (status no_report) is its own kind, `kind="no_report"`: it escalates by
  its own run of unreported period ends, and `remind` is where the office chases it. A goal whose latest figure is
  from an earlier period is judged on that figure, as the engine does (a total not updated falls behind the pace).
- Any other status at a period end (done, on_track, behind, no_baseline) ends the run: a goal that recovers
  starts again from 1 the next time it lags.
- Between the period end and the query date, a goal that is done, or (unreported at the period end) that has
  been reported, is left out: there is nothing to press for any more.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from gdtrack.engine.evaluation import (
    LAGGING,
    Evaluation,
    Result,
    completion,
    decide,
    evaluate,
    expected_progress,
    id_key,
    judge,
    score_gap,
)
from gdtrack.engine.forecast import Forecast, forecast
from gdtrack.engine.periods import chased_period, deadline, period_ends, period_start, supervision_start
from gdtrack.models import Catalogue, ProgressFile, Response
from gdtrack.values import Frozen, Value, frozen, record

if TYPE_CHECKING:
    from gdtrack.engine.decisions import ReportReview

__all__ = ["Escalation", "Forecast", "History", "PeriodStatus", "Reminder", "by_shortfall", "deadline", "escalations",
           "forecast", "history", "history_of", "latest_replies", "period_ends", "reminders"]

Kind = Literal["lagging", "no_report"]
KIND_OF: dict[str, Kind] = {"lagging": "lagging", "missed": "lagging", "no_report": "no_report"}
"""The statuses that make a run at a period end, and the kind of run each makes."""


@frozen(slots=True)
class PeriodStatus(Frozen):
    """A goal's status at one period end."""

    period_end: dt.date
    status: str


@record
class History(Value):
    """Every goal's status at each period end up to the query date."""

    ends: list[dt.date]
    statuses: dict[str, list[str]]  # indicator id → its status at each of `ends`

    def of(self, indicator_id: str) -> list[PeriodStatus]:
        return [PeriodStatus(end, s) for end, s in zip(self.ends, self.statuses.get(indicator_id, ()), strict=True)]


def history(cat: Catalogue, files: Iterable[ProgressFile], query: dt.date) -> History:
    """Each goal's status at every period end up to `query`: what `engine.evaluate` on that day gives it."""
    return history_of(evaluate(cat, files, query))


def history_of(ev: Evaluation) -> History:
    """The same, for the goals of an evaluation already made (as filtered): a goal's figures up to a period end
    are those of its figures up to the query date (`Result.used`, owner first) dated on or before it, so each
    period end is judged as `evaluate` would judge it, without evaluating the plan again per period end."""
    cat = ev.catalogue
    ends = period_ends(cat, ev.query)
    start_day = cat.plan.period_start
    paces: dict[tuple[dt.date, dt.date], float] = {}  # 序时进度 at (period end, due date): the same for most goals
    out: dict[str, list[str]] = {}
    for r in ev.results:
        ind, taken, tolerance = r.indicator, r.used, r.tolerance
        dates = [o.as_of for o in taken]  # oldest first
        base = None if r.start is None else r.start.value
        closed = None if r.closed is None else r.closed.decided
        straight = not (ind.steps or ind.schedule)
        row: list[str] = []
        done: dict[int, float | None] = {}  # completion of the n-th figure: the same at every period end
        for end in ends:
            n = bisect_right(dates, end)
            if closed is not None and end > closed:
                row.append("closed")  # 销号: out of every run from the period after it
                continue
            if n == 0:
                row.append("no_report")
                continue
            due = r.due if r.extension is None else r.extension.due_on(end)  # the date approved by then
            if not straight:
                earlier = [o.value for o in taken[:n - 1]]
                row.append(judge(ind, taken[n - 1].value, end, start_day, due, tolerance, base, earlier).status)
                continue
            # judge's own steps for a straight pace, with the completion computed once per figure
            if n not in done:
                done[n] = completion(ind, taken[n - 1].value, base).value
            pace = paces.get((end, due))
            if pace is None:
                pace = paces[end, due] = expected_progress(start_day, end, due)
            row.append(decide(ind, taken[n - 1].value, done[n], pace, tolerance, final=end >= due)[0])
        out[r.id] = row
    return History(ends, out)


def run(points: list[PeriodStatus]) -> tuple[Kind | None, int]:
    """The kind of run the goal is in at the latest period end, and how many consecutive period ends it lasts."""
    if not points or points[-1].status not in KIND_OF:
        return None, 0
    kind = KIND_OF[points[-1].status]
    n = 0
    for p in reversed(points):
        if KIND_OF.get(p.status) != kind:
            break
        n += 1
    return kind, n


def level_name(cat: Catalogue, periods: int) -> str | None:
    """The escalation level reached after `periods` consecutive period ends (None below the first)."""
    reached = [e.name for e in cat.plan.policy.escalation if e.after <= periods]
    return reached[-1] if reached else None


def latest_replies(cat: Catalogue, files: Iterable[ProgressFile], query: dt.date) -> dict[str, Response]:
    """Each goal's latest reply from its owner, given on or before `query` (a reply without its date, `replied`,
    counts as given; among replies, the latest date wins, then the later one in the file)."""
    out: dict[str, tuple[dt.date, Response]] = {}
    for pf in files:
        for resp in pf.responses:
            found = cat.by_id.get(resp.indicator)
            if found is None or cat.owner(*found) != pf.unit:
                continue
            given = resp.on or dt.date.min
            if given > query:
                continue
            if resp.indicator not in out or given >= out[resp.indicator][0]:
                out[resp.indicator] = (given, resp)
    return {k: v for k, (_, v) in out.items()}


@frozen(slots=True)
class Escalation(Frozen):
    """A goal lagging (or unreported) at the latest period end, and how far the office has escalated it.

    `result` is the goal at the query date (its gap, what is still needed: `result.per_month`, its latest note);
    `periods` the consecutive period ends it has been lagging, ending at `period_end`; `level` the policy's name
    for that many; `reply` the unit's latest reply; `overdue` whether the reply's 整改时限 has passed (before the
    query date) with the goal still lagging (逾期未整改)."""

    result: Result
    level: str
    periods: int
    kind: Kind
    period_end: dt.date
    reply: Response | None
    overdue: bool
    statuses: tuple[PeriodStatus, ...]  # the goal's status at every period end, oldest first

    @property
    def id(self) -> str:
        return self.result.id

    @property
    def owner(self) -> str | None:
        return self.result.owner

    @property
    def note(self) -> str | None:
        latest = self.result.latest
        return latest.note if latest else None


def escalations(cat: Catalogue, files: Iterable[ProgressFile], query: dt.date, unit: str | None = None,
                hist: History | None = None, now: Evaluation | None = None) -> list[Escalation]:
    """The goals at an escalation level at the last period end on or before `query`: lagging goals before
    unreported ones, each longest run (highest level) first, then by id. `unit` keeps one unit's goals; `hist`
    reuses a history already computed; `now` the evaluation already made (with its start values: the views pass
    the run's one evaluation, engine.snapshot), else the plan is evaluated here without any carried start."""
    files = list(files)
    now = now if now is not None else evaluate(cat, files, query)
    hist = hist or history_of(now)
    if not hist.ends:
        return []
    replies = latest_replies(cat, files, query)
    out = []
    for r in now.results:
        if unit is not None and r.owner != unit:
            continue
        points = hist.of(r.id)
        kind, n = run(points)
        level = level_name(cat, n) if kind else None
        if kind is None or level is None or settled(r, kind) or r.closed is not None:
            continue
        reply = replies.get(r.id)
        overdue = reply is not None and kind == "lagging" and reply.by < query
        out.append(Escalation(r, level, n, kind, hist.ends[-1], reply, overdue, tuple(points)))
    return sorted(out, key=lambda e: (e.kind != "lagging", -e.periods, id_key(e.id)))


def settled(r: Result, kind: Kind) -> bool:
    """A goal that needs no 督办 any more though it lagged at the period end: done since, or (unreported then)
    reported since."""
    return r.status == "done" or (kind == "no_report" and r.actual is not None)


def by_shortfall(results: Iterable[Result], forecasts: dict[str, Forecast | None]) -> list[Result]:
    """Largest projected shortfall first (the better projection's distance to the goal, as a share of it); goals
    without a forecast follow in the order `engine.lagging` gives them."""
    def key(r: Result) -> tuple:
        f = forecasts.get(r.id)
        if f is not None:
            return (0, -f.shortfall, score_gap(r), id_key(r.id))
        return (1, LAGGING.index(r.status) if r.status in LAGGING else 0, score_gap(r), id_key(r.id))

    return sorted(results, key=key)


# ── 催报 ───────────────────────────────────────────────────────────────────────────────────────


@frozen(slots=True)
class Reminder(Frozen):
    """催报: a unit, its goals with no figure for the period asked for (`period_end`), and the day it is due."""

    unit: str
    missing: list[Result]
    deadline: dt.date
    period_end: dt.date
    returned: tuple[ReportReview, ...] = ()  # its reports the office sent back and it has not corrected yet


def reminders(ev: Evaluation) -> list[Reminder]:
    """For each unit (catalogue order) the goals it owns with no figure dated in the period 催报 asks for on the
    query date (periods.chased_period: the period just closed until its deadline, then the running one).

    Goals already done or closed (销号), and goals due before the period starts (their status is final), are not
    asked for;
    nothing is asked for in a period before supervision starts (periods.supervision_start). A unit whose report
    the office sent back is reminded of it, with why, until it corrects it."""
    cat = ev.catalogue
    start, end, due_by = chased_period(cat, ev.query)
    if start < period_start(supervision_start(cat), cat.plan.policy.reporting):
        return []
    out = []
    for g in ev.units():
        missing = [r for r in g.results if r.status != "done" and r.closed is None and start <= r.due
                   and not any(start <= o.as_of <= end for o in r.used)]
        returned = () if ev.office is None else tuple(ev.office.returned(str(g.key)))
        if missing or returned:
            out.append(Reminder(str(g.key), missing, due_by, end, returned))
    return out
