"""The ledger (台账) for Excel: every indicator with its figures, one sheet per department, a summary.

xlsx through openpyxl (the maintained library for the format); csv in UTF-8 with a BOM, which is what
Excel on Windows needs to open Chinese text correctly.

Every sheet prints as it comes (README, "The ledger on paper"): A4 landscape, scaled to one page width (the
summary to one page), the title and header rows repeated on each page, long texts wrapped in columns of a set
width rather than cut or stretched over several pages, and the sheet's name and page number in the footer.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any

from gdtrack.engine.evaluation import STATUSES, Result
from gdtrack.engine.evidence import Filed, by_goal, filed
from gdtrack.engine.snapshot import Snapshot
from gdtrack.views.evidence import files_cell
from gdtrack.views.grid import display_width
from gdtrack.views.numbers import goal_text, json_fraction, json_number, percent
from gdtrack.views.safe import as_text, csv_cell, xlsx_cell
from gdtrack.views.status import status_cell
from gdtrack.views.supervision import forecast_cell
from gdtrack.words import Lang, level_label, state_label, status_label, word

FILLS = {"done": "C6EFCE", "on_track": "E2F0D9", "behind": "FFEB9C", "lagging": "FFC7CE", "missed": "F4B6B6",
         "no_report": "E4DFEC", "no_baseline": "EDEDED", "unread": "BDD7EE"}

COLUMNS = ("chapter", "task", "id", "indicator", "owner", "goal", "target", "unit", "actual", "completion",
           "expected", "gap", "status", "level", "forecast", "remaining", "reported_on", "note", "evidence", "quote",
           "files")
PERCENT_COLUMNS = (9, 10)  # completion, expected (0-based)
GAP_COLUMN = 11  # in percentage points
STATUS_COLUMN = 12
DATE_COLUMN = 16
WRAPPED = {"indicator": 17, "owner": 11, "goal": 11, "unit": 7, "actual": 9, "forecast": 13, "note": 17, "evidence": 11,
           "files": 14, "quote": 23}
"""The columns of long text and the width (Excel's units, about one Latin letter; a Chinese character takes two)
each wraps at, so that a page holds every column at a readable size."""
TITLE_POINTS = 12


def headers(lang: Lang) -> list[str]:
    return [word(f"ledger.h.{c}", lang) for c in COLUMNS]


def row(r: Result, snap: Snapshot, lang: Lang, files: dict[str, list[Filed]] | None = None) -> list[Any]:
    """One goal as every other view shows it: its colour, its gap (points), its 督办 level and its forecast; `files`
    are the evidence files of each goal (engine.evidence.by_goal), listed in its 佐证材料文件 cell."""
    latest = r.latest
    actual = json_number(r.actual)
    if isinstance(actual, str):
        actual = state_label(actual, lang)
    escalation, forecast = snap.escalation(r.id), snap.forecasts.get(r.id)
    remaining = r.remaining
    return [r.task.chapter, r.task.id, r.id, r.indicator.name, r.owner, goal_text(r.indicator, lang),
            json_number(r.indicator.target),
            r.indicator.unit, actual, json_fraction(r.completion),
            json_fraction(r.expected), None if r.gap is None else round(r.gap * 100, 1), status_cell(r, lang),
            level_label(escalation.level, lang) if escalation else None,
            forecast_cell(forecast, r.indicator, lang) or None,
            None if remaining is None else json_number(round(remaining, 2)),
            latest.as_of if latest else None, latest.note if latest else None, latest.evidence if latest else None,
            r.indicator.quote, files_cell((files or {}).get(r.id))]


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
    files = by_goal(filed(snap.files, snap.query))
    for r in snap.evaluation.results:
        # never a formula from data
        writer.writerow(["" if v is None else csv_cell(v) for v in row(r, snap, lang, files)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _sheet_name(name: str, taken: set[str]) -> str:
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in xlsx_cell(name))[:31]
    base, n = clean, 2
    while clean in taken:
        suffix = f"~{n}"
        clean, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(clean)
    return clean


def _write_table(ws: Any, headers: list[str], rows: list[list[Any]], statuses: list[str] | None,
                 wrapped: dict[int, int] | None = None) -> None:
    """Headers in row 1, a row per item; each column as wide as its longest text, or, for the `wrapped` columns
    (0-based index → width), at most that wide, the text wrapping onto more lines of a row that grows to hold it."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wrapped = wrapped or {}
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    wrap, top = Alignment(vertical="top", wrap_text=True), Alignment(vertical="top")
    for i, values in enumerate(rows):
        ws.append([xlsx_cell(v) for v in values])
        for c, cell in enumerate(ws[i + 2]):
            as_text(cell)  # text from data that looks like a formula stays text
            cell.alignment = wrap if c in wrapped else top
        if statuses is not None:
            fill = PatternFill("solid", fgColor=FILLS[statuses[i]])
            ws.cell(row=i + 2, column=STATUS_COLUMN + 1).fill = fill
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    for col in range(1, len(headers) + 1):
        head = display_width(headers[col - 1])
        width = max([head, *(display_width(_shown(v)) for v in (r[col - 1] for r in rows) if v is not None)])
        ws.column_dimensions[get_column_letter(col)].width = max(min(width + 1, wrapped.get(col - 1, 60)), head + 1, 4)


def _shown(value: Any) -> str:
    """About what a cell shows: a fraction as 74.8%, a figure to two places."""
    return f"{round(value, 2):g}" if isinstance(value, float) else str(value)


def _titled(ws: Any, text: str, columns: int, rows: int) -> None:
    """Two rows above the table: what plan, what day (A1, across the table's width, on as many lines as it needs);
    the header moves to row 3, frozen with it."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.insert_rows(1, 2)
    ws["A1"] = xlsx_cell(text)
    as_text(ws["A1"])
    ws["A1"].font = Font(bold=True, size=TITLE_POINTS)
    ws["A1"].alignment = Alignment(vertical="center", wrap_text=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    ws.row_dimensions[1].height = title_height(text, sum(ws.column_dimensions[get_column_letter(c)].width
                                                         for c in range(1, columns + 1)))
    ws.row_dimensions[2].height = 6
    ws.freeze_panes = "A4"
    if rows:
        ws.auto_filter.ref = f"A3:{ws.cell(row=3 + rows, column=columns).coordinate}"


def title_height(text: str, width: float) -> float:
    """The height (points) of the title row: a merged cell's row does not grow by itself, so it is given room for
    as many lines as the title takes across `width` (Excel's units; at 12 pt a character of width 2 takes
    about 2.4 of them), and a line to spare only where the estimate is close."""
    per_line = max(width - 2, 10)
    lines = math.ceil(display_width(text) * 1.2 / per_line)
    return round(lines * TITLE_POINTS * 1.45 + 4, 1)


def _for_print(ws: Any, footer: str, *, one_page: bool) -> None:
    """A4 landscape, one page wide (and, `one_page`, one page high), rows 1–3 (title and header) on every page,
    centred between margins of about 1 cm, with the sheet's name and the page number at the foot."""
    from openpyxl.worksheet.properties import PageSetupProperties

    setup = ws.page_setup
    setup.orientation, setup.paperSize = "landscape", ws.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 1 if one_page else 0  # 0: as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:3"
    ws.print_options.horizontalCentered = True
    margins = ws.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.25
    ws.oddFooter.center.text = footer
    ws.oddFooter.center.size = 9


def ledger_xlsx(snap: Snapshot, lang: Lang = "zh") -> bytes:
    from openpyxl import Workbook

    ev = snap.evaluation
    wb = Workbook()
    wb.properties.title = ev.catalogue.plan.title
    taken: set[str] = set()
    heads = headers(lang)
    title = title_line(snap, lang)
    footer = word("ledger.footer", lang)
    wrapped = {COLUMNS.index(c): w for c, w in WRAPPED.items()}
    files = by_goal(filed(snap.files, snap.query))

    def indicator_sheet(name: str, results: list[Result]) -> None:
        ws = wb.create_sheet(_sheet_name(name, taken))
        _write_table(ws, heads, [row(r, snap, lang, files) for r in results], [r.status for r in results], wrapped)
        for r_i in range(2, len(results) + 2):
            for c in PERCENT_COLUMNS:
                ws.cell(row=r_i, column=c + 1).number_format = "0.0%"
            ws.cell(row=r_i, column=GAP_COLUMN + 1).number_format = "+0.0;-0.0;0.0"
            ws.cell(row=r_i, column=DATE_COLUMN + 1).number_format = "yyyy-mm-dd"
        _titled(ws, title, len(heads), len(results))
        _for_print(ws, footer, one_page=False)

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
    _for_print(summary, footer, one_page=True)

    indicator_sheet(word("ledger.all", lang), ev.results)
    for u in ev.units():
        if u.results:
            indicator_sheet(str(u.key), list(u.results))
    scores_sheet(wb.create_sheet(_sheet_name(word("ledger.scores", lang), taken)), snap, lang, title, footer)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def scores_sheet(ws: Any, snap: Snapshot, lang: Lang, title: str, footer: str) -> None:
    """考核: under the title rows of every sheet, the ranking (rank, unit, this period, the year, points lost by
    rule), the rules with their points (and the periods scored), then every deduction (unit, period end, goal id
    and name, the rule in words, the level, the points), printed as the other sheets are."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from gdtrack.views.scores import (
        deduction_headers,
        deduction_rows,
        ranking_headers,
        ranking_rows,
        rules_label,
        rules_rows,
    )

    sc = snap.scores
    names = {r.id: r.indicator.name for r in snap.evaluation.results}
    ranking = ranking_rows(sc)
    heads = ranking_headers(lang)
    _write_table(ws, heads, ranking, None)
    _titled(ws, title, len(heads), len(ranking))
    bold, wrap = Font(bold=True), Alignment(vertical="top", wrap_text=True)

    def block(at: int, label: str, header: list[str] | None, rows: list[list[Any]]) -> int:
        """A bold line, a bold header (if any) and the rows from row `at`; the row after them."""
        ws.cell(row=at, column=1, value=xlsx_cell(label)).font = bold
        if header:
            at += 1
            for c, head in enumerate(header, 1):
                ws.cell(row=at, column=c, value=head).font = bold
        for i, values in enumerate(rows, at + 1):
            for c, value in enumerate(values, 1):
                as_text(cell := ws.cell(row=i, column=c, value=xlsx_cell(value)))
                cell.alignment = wrap  # a long rule or goal name wraps in its column
        return at + 1 + len(rows)

    rules_at = 3 + len(ranking) + 2
    label = rules_label(sc, lang) + ("　" + word("scores.unread", lang, units=word("list.sep", lang).join(sc.unread))
                                     if sc.unread else "")
    start = block(rules_at, label, None, rules_rows(snap.catalogue, lang)) + 1
    block(start, word("ledger.deductions", lang), deduction_headers(lang), deduction_rows(sc, names, lang))
    for row in ws.iter_rows(min_row=start + 2, min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd"
    for c in range(1, len(heads) + 1):  # as wide as the longest text of the tables (not their lines), at most 40
        letter = get_column_letter(c)
        widest = max((display_width(_shown(cell.value)) for cell in ws[letter][2:]
                      if cell.value is not None and cell.row not in (rules_at, start)), default=4)
        ws.column_dimensions[letter].width = max(min(widest + 1, 40), 4)
    ws.row_dimensions[1].height = title_height(title, sum(ws.column_dimensions[get_column_letter(c)].width
                                                          for c in range(1, len(heads) + 1)))
    _for_print(ws, footer, one_page=False)
