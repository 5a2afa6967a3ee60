"""The ledger (台账) for Excel: every indicator with its figures, one sheet per department, a summary.

xlsx through openpyxl (the maintained library for the format); csv in UTF-8 with a BOM, which is what
Excel on Windows needs to open Chinese text correctly.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from gdtrack.engine.evaluation import STATUSES, Result
from gdtrack.engine.snapshot import Snapshot
from gdtrack.views.grid import display_width
from gdtrack.views.numbers import goal_text, json_fraction, json_number, percent
from gdtrack.views.safe import as_text, csv_cell, xlsx_cell
from gdtrack.views.supervision import forecast_cell
from gdtrack.words import Lang, state_label, status_label, word

FILLS = {"done": "C6EFCE", "on_track": "E2F0D9", "behind": "FFEB9C", "lagging": "FFC7CE", "missed": "F4B6B6",
         "no_report": "E4DFEC", "no_baseline": "EDEDED", "unread": "BDD7EE"}

COLUMNS = ("chapter", "task", "id", "indicator", "owner", "goal", "target", "unit", "actual", "completion",
           "expected", "gap", "status", "level", "forecast", "reported_on", "note", "evidence")
PERCENT_COLUMNS = (9, 10)  # completion, expected (0-based)
GAP_COLUMN = 11  # in percentage points
STATUS_COLUMN = 12
DATE_COLUMN = 15


def headers(lang: Lang) -> list[str]:
    return [word(f"ledger.h.{c}", lang) for c in COLUMNS]


def row(r: Result, snap: Snapshot, lang: Lang) -> list[Any]:
    """One goal as every other view shows it: its colour, its gap (points), its 督办 level and its forecast."""
    latest = r.latest
    actual = json_number(r.actual)
    if isinstance(actual, str):
        actual = state_label(actual, lang)
    escalation, forecast = snap.escalation(r.id), snap.forecasts.get(r.id)
    return [r.task.chapter, r.task.id, r.id, r.indicator.name, r.owner, goal_text(r.indicator, lang),
            json_number(r.indicator.target),
            r.indicator.unit, actual, json_fraction(r.completion),
            json_fraction(r.expected), None if r.gap is None else round(r.gap * 100, 1), status_label(r.status, lang),
            escalation.level if escalation else None, forecast_cell(forecast, r.indicator, lang) or None,
            latest.as_of if latest else None, latest.note if latest else None, latest.evidence if latest else None]


def title_line(snap: Snapshot, lang: Lang) -> str:
    """What plan, what day, what data: the ledger's first line (its first row in every sheet and in the CSV)."""
    ev = snap.evaluation
    line = word("ledger.title", lang, title=ev.catalogue.plan.title, d=ev.query, e=percent(ev.expected))
    return line + (word("ledger.sample", lang) if snap.sample else "")


def ledger_csv(snap: Snapshot, lang: Lang = "zh") -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_cell(title_line(snap, lang))])
    writer.writerow([])
    writer.writerow(headers(lang))
    for r in snap.evaluation.results:
        writer.writerow(["" if v is None else csv_cell(v) for v in row(r, snap, lang)])  # never a formula from data
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _sheet_name(name: str, taken: set[str]) -> str:
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in xlsx_cell(name))[:31]
    base, n = clean, 2
    while clean in taken:
        suffix = f"~{n}"
        clean, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(clean)
    return clean


def _write_table(ws: Any, headers: list[str], rows: list[list[Any]], statuses: list[str] | None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for i, values in enumerate(rows):
        ws.append([xlsx_cell(v) for v in values])
        for cell in ws[i + 2]:
            as_text(cell)  # text from data that looks like a formula stays text
        if statuses is not None:
            fill = PatternFill("solid", fgColor=FILLS[statuses[i]])
            ws.cell(row=i + 2, column=STATUS_COLUMN + 1).fill = fill
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    for col in range(1, len(headers) + 1):
        texts = [str(headers[col - 1])] + [str(v) for v in (r[col - 1] for r in rows) if v is not None]
        width = max(display_width(t) for t in texts)
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 6), 60)


def _titled(ws: Any, text: str, columns: int, rows: int) -> None:
    """Two rows above the table: what plan, what day (A1); the header moves to row 3, frozen with it."""
    ws.insert_rows(1, 2)
    ws["A1"] = xlsx_cell(text)
    as_text(ws["A1"])
    ws.freeze_panes = "A4"
    if rows:
        ws.auto_filter.ref = f"A3:{ws.cell(row=3 + rows, column=columns).coordinate}"


def ledger_xlsx(snap: Snapshot, lang: Lang = "zh") -> bytes:
    from openpyxl import Workbook

    ev = snap.evaluation
    wb = Workbook()
    wb.properties.title = ev.catalogue.plan.title
    taken: set[str] = set()
    heads = headers(lang)
    title = title_line(snap, lang)

    def indicator_sheet(name: str, results: list[Result]) -> None:
        ws = wb.create_sheet(_sheet_name(name, taken))
        _write_table(ws, heads, [row(r, snap, lang) for r in results], [r.status for r in results])
        for r_i in range(2, len(results) + 2):
            for c in PERCENT_COLUMNS:
                ws.cell(row=r_i, column=c + 1).number_format = "0.0%"
            ws.cell(row=r_i, column=GAP_COLUMN + 1).number_format = "+0.0;-0.0;0.0"
            ws.cell(row=r_i, column=DATE_COLUMN + 1).number_format = "yyyy-mm-dd"
        _titled(ws, title, len(heads), len(results))

    summary = wb.active
    summary.title = _sheet_name(word("ledger.summary", lang), taken)
    overall = ev.overall
    unit_rows = [[u.key, len(u.results), u.reported, u.current, u.reporting_rate, u.completion,
                  *[u.summary[s] for s in STATUSES]] for u in ev.units() if u.results]
    unit_rows.append([word("ledger.total", lang), len(overall.results), overall.reported, overall.current,
                      overall.reporting_rate, overall.completion, *[overall.summary[s] for s in STATUSES]])
    cols = [word(f"col.{k}", lang) for k in ("unit", "indicators", "reported", "current", "rate", "completion")]
    _write_table(summary, [*cols, *[status_label(s, lang) for s in STATUSES]], unit_rows, None)
    for r_i in range(2, len(unit_rows) + 2):
        for c in (5, 6):
            summary.cell(row=r_i, column=c).number_format = "0.0%"
    _titled(summary, title, 6 + len(STATUSES), len(unit_rows))

    indicator_sheet(word("ledger.all", lang), ev.results)
    for u in ev.units():
        if u.results:
            indicator_sheet(str(u.key), list(u.results))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
