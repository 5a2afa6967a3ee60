"""The 督办单 (`gdtrack notice UNIT`): a Word notice to one unit listing its goals at 督办 or above, each with
where it stands and the blanks the unit fills in, on the page of views/gongwen.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from gdtrack.engine.escalated import Escalation
from gdtrack.engine.forecast import Forecast
from gdtrack.models import Catalogue
from gdtrack.views.docx import reply_text, run_text
from gdtrack.views.gongwen import Gongwen, date_text, document_date, numeral, signed_by
from gdtrack.views.numbers import NONE, amount, gap_points, goal_prose, percent, value_text
from gdtrack.views.supervision import forecast_cell
from gdtrack.words import Lang, word


def notice_docx(cat: Catalogue, unit: str, day: dt.date, items: Sequence[Escalation], lang: Lang = "zh",
                forecasts: Mapping[str, Forecast | None] | None = None) -> bytes:
    """The supervision notice (督办单) to `unit` for its goals in `items` (at 督办 or above): for each goal what it
    is, where it stands and what it still needs, and the blanks the unit fills (整改措施, 整改时限, who)."""
    plan = cat.plan
    doc = Gongwen(word("notice.title", lang, unit=unit), plan.issuer, day, lang)
    dated = document_date(plan, day, lang)
    doc.masthead(word("notice.masthead", lang), None, plan.issuer, dated)
    doc.title(word("notice.title", lang, unit=unit))
    doc.addressee(word("notice.to", lang, unit=unit))
    levels = word("docx.sep", lang).join(dict.fromkeys(e.level for e in items))
    doc.para(word("notice.lead", lang, date=date_text(day, lang), n=len(items), levels=levels, issuer=plan.issuer))
    for i, e in enumerate(items, 1):
        r = e.result
        doc.heading(word("notice.goal", lang, no=numeral(i, lang), id=r.id, name=r.indicator.name, level=e.level,
                         run=run_text(e, lang)), 2)
        doc.form(notice_rows(e, lang, (forecasts or {}).get(r.id)))
    doc.signature(signed_by(plan), dated, plan.policy.document.seal)
    doc.note(word("notice.contact", lang))
    return doc.to_bytes()


def notice_rows(e: Escalation, lang: Lang, forecast: Forecast | None = None) -> list[tuple[str, str, float | None]]:
    """One goal's form: (label, value, height of a row left blank to fill in mm, or None)."""
    r, ind = e.result, e.result.indicator
    label = lambda k: word(f"notice.row.{k}", lang)  # noqa: E731
    goal = word("notice.goal_due", lang, goal=goal_prose(ind, lang), due=date_text(r.due, lang))
    actual = (word("notice.actual", lang, value=value_text(ind, r.actual, lang), date=date_text(r.reported_on, lang))
              if r.reported_on is not None else word("notice.no_actual", lang))
    left = amount(r.remaining, ind.unit, 2)
    needed = (word("notice.needed", lang, left=left, per=amount(r.per_month, ind.unit, 2) or NONE) if left else NONE)
    note = r.latest.note if r.latest and r.latest.note else word("notice.no_note", lang)
    rows: list[tuple[str, str, float | None]] = [
        (label("task"), word("notice.task", lang, id=r.task.id, title=r.task.title), None),
        (label("quote"), f"“{ind.quote}”", None),
        (label("goal"), goal, None),
        (label("actual"), actual, None),
        (label("pace"), word("notice.pace", lang, c=percent(r.completion), e=percent(r.expected),
                             g=gap_points(r.gap, lang, tight=True)), None),
        (label("needed"), needed, None),
        (label("forecast"), forecast_cell(forecast, ind, lang)
         or word("notice.no_forecast_milestone" if ind.is_milestone else "notice.no_forecast", lang), None),
        (label("note"), note, None),
    ]
    if e.reply is not None:
        rows.append((label("reply"), reply_text(e, lang), None))
    rows += [(label("measures"), "", 40.0), (label("deadline"), word("notice.deadline_blank", lang), 10.0),
             (label("contact"), "", 10.0)]
    return rows
