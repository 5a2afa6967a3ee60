"""What the office's decisions look like: the line `review`, `extend` and `close` print, the list of what awaits
review, and the words every view uses beside a goal that is closed, extended or whose report was sent back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gdtrack.views.grid import Column, Grid
from gdtrack.views.numbers import NONE
from gdtrack.words import Lang, word


def decided_line(done: Any, lang: Lang, ext: Any = None, status: Any = None) -> str:
    """What a decision wrote, in one line (repository.decisions.Written)."""
    e, path = done.entry, done.path
    kind = type(e).__name__
    if kind == "ReviewDecision":
        key = "decide.accepted" if e.decision == "accept" else "decide.returned"
        return word(key, lang, unit=e.unit, date=e.as_of, by=e.by, day=e.decided, reason=e.reason or "", path=path)
    if kind == "ExtensionDecision":
        key = "decide.approved" if e.decision == "approve" else "decide.refused"
        return word(key, lang, unit=e.unit, id=e.goal, to=e.to, due=ext.plan_due if ext else NONE, by=e.by,
                    day=e.decided, reason=e.reason or "", path=path)
    shown = NONE if status is None else word(f"status.{status.status}", lang)
    return word("decide.closed_done", lang, id=e.goal, by=e.by, day=e.decided, status=shown, path=path)


def goal_marks(r: Any, lang: Lang) -> list[str]:
    """Words beside a goal in every view: 已销号, its extension (asked, approved with both dates, refused)."""
    out = []
    if r.closed is not None:
        out.append(word("decide.mark.closed", lang, day=r.closed.decided))
    ext = r.extension
    if ext is not None and ext.state == "approved" and r.plan_due is not None:
        out.append(word("decide.mark.extended", lang, to=ext.request.to, due=ext.plan_due, day=ext.approved))
    elif ext is not None and ext.state == "requested":
        out.append(word("decide.mark.requested", lang, to=ext.request.to, day=ext.request.requested))
    elif ext is not None and ext.state == "refused":
        out.append(word("decide.mark.refused", lang, to=ext.request.to))
    return out


def returned_lines(office: Any, unit: str, lang: Lang) -> list[str]:
    """The unit's reports sent back and not corrected yet, each with why: for its form and its 催报."""
    if office is None:
        return []
    return [word("decide.returned_note", lang, date=rv.as_of, day=rv.returned.decided, by=rv.returned.by,
                 reason=rv.returned.reason) for rv in office.returned(unit)]


def office_notes(ev: Any, lang: Lang) -> list[str]:
    """What a bulletin says of the office's decisions beside its figures: reports sent back and not counted, goals
    closed (销号) and extensions approved, as of its date."""
    out = office_lines(ev, lang)
    sep = word("list.sep", lang)
    closed = [r for r in ev.results if r.closed is not None]
    if closed:
        out.append(word("decide.note.closed", lang, n=len(closed), goals=sep.join(
            word("decide.note.closed_one", lang, id=r.id, name=r.indicator.name, day=r.closed.decided)
            for r in closed)))
    moved = [r for r in ev.results if r.plan_due is not None and r.extension is not None]
    if moved:
        out.append(word("decide.note.extended", lang, n=len(moved), goals=sep.join(
            word("decide.note.extended_one", lang, id=r.id, name=r.indicator.name, to=r.due, due=r.plan_due)
            for r in moved)))
    return out


def office_lines(ev: Any, lang: Lang) -> list[str]:
    """The headline's word on reports the office's reviews leave out: those sent back (and not corrected), and
    those not reviewed yet where the plan counts only reviewed ones."""
    office = ev.office
    if office is None:
        return []
    out = []
    back = sorted((rv for rv in office.reviews.values() if rv.state == "returned"), key=lambda rv: (rv.as_of, rv.unit))
    if back and not office.count_returned:
        sep = word("list.sep", lang)
        out.append(word("head.returned", lang, reports=sep.join(
            word("head.returned_one", lang, unit=rv.unit, date=rv.as_of, reason=rv.returned.reason) for rv in back)))
    if not office.count_unreviewed:
        out.append(word("head.unreviewed_out", lang))
    return out


def awaiting_json(cat: Any, query: dt.date, reports: list, asks: list) -> dict[str, Any]:
    """What awaits review, as data (`review -f json`)."""
    return {"plan": {"title": cat.plan.title, "document_number": cat.plan.document_number},
            "as_of": query.isoformat(),
            "reports": [{"unit": rv.unit, "as_of": r.as_of.isoformat(), "state": rv.state,
                         "submitted": r.submitted and r.submitted.isoformat(),
                         "returned": rv.returned and rv.returned.reason} for r, rv in reports],
            "extensions": [{"unit": e.unit, "goal": e.goal, "due": e.plan_due.isoformat(),
                            "to": e.request.to.isoformat(), "reason": e.request.reason,
                            "requested": e.request.requested.isoformat()} for e in asks]}


def awaiting_grids(cat: Any, query: dt.date, reports: list, asks: list, lang: Lang) -> list[tuple[Grid, list[str]]]:
    """What awaits review, as tables under their heads: the reports, then (if any) the requests for more time."""
    c = lambda k, a="left", w=None: Column(word(f"decide.col.{k}", lang), a, max_width=w)  # noqa: E731
    head = [cat.plan.title, word("decide.awaiting_head", lang, d=query, n=len(reports), m=len(asks))]
    grid = Grid([c("unit", w=24), c("as_of"), c("state"), c("submitted")], lang=lang)
    for r, rv in reports:
        grid.add(rv.unit, r.as_of, word(f"decide.state.{rv.state}", lang), r.submitted or NONE)
    out = [(grid, head)]
    if asks:
        more = Grid([c("unit", w=24), c("goal"), c("due"), c("to"), c("reason", w=40), c("requested")], lang=lang)
        for e in asks:
            more.add(e.unit, e.goal, e.plan_due, e.request.to, e.request.reason, e.request.requested)
        out.append((more, [word("decide.asks_head", lang, n=len(asks))]))
    return out
