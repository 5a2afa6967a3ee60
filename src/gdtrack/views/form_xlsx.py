"""A unit's report form (报送表) as an xlsx workbook that opens in Excel, WPS and LibreOffice.

Plain features only: one sheet, sheet protection without a password (the given columns locked, the three
input columns unlocked and shaded), data validation on the input cells (a number ≥ 0, or the milestone
drop-down), widths that fit Chinese text, wrapped 原文. The layout is the one
:mod:`gdtrack.repository.forms` reads back.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from gdtrack.models import STATE_WORDS as MILESTONE_WORDS
from gdtrack.models import Catalogue, ProgressFile
from gdtrack.repository.forms import (
    COLUMNS,
    DATE_CELL,
    FIRST_ROW,
    HEADER_ROW,
    INPUTS,
    UNIT_CELL,
    WORDS,
    FormRow,
    form_rows,
)
from gdtrack.views.catalogue import goal_text
from gdtrack.views.grid import display_width
from gdtrack.words import word

INPUT_FILL = "FFF2CC"
HEADER_FILL = "DDEBF7"
WIDTHS = {"quote": 44, "name": 24}  # wrapped columns; the others fit their longest text
MILESTONE_LIST = '"' + ",".join(MILESTONE_WORDS) + '"'  # the drop-down: 已完成, 推进中, 未启动, 受阻
IN_CHINESE = {state: word for word, state in MILESTONE_WORDS.items()}


def _whole(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _row(r: FormRow) -> list[Any]:
    ind = r.indicator
    last = r.last_value
    if isinstance(last, str):
        last = IN_CHINESE.get(last, last)
    goal = goal_text(ind) + (word("goal.stretch", "zh") if ind.stretch else "")
    return [ind.id, ind.name, goal, ind.unit or "", ind.quote, _whole(last), r.last_date, None, None, None]


def form_xlsx(cat: Catalogue, unit: str, as_of: dt.date, reports: ProgressFile | None = None) -> bytes:
    """The form for `unit` to report figures as of `as_of`, showing its latest figures from `reports`."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    words = WORDS["zh"]
    rows = form_rows(cat, unit, reports, as_of)
    wb = Workbook()
    ws = wb.active
    ws.title = words["sheet"]
    last_col = get_column_letter(len(COLUMNS))
    wrap_top = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin", color="BFBFBF")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    ws["A1"] = words["title"].format(unit=unit)
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last_col}1")
    ws.cell(UNIT_CELL[0], UNIT_CELL[1] - 1, words["unit_label"]).font = Font(bold=True)
    ws.cell(*UNIT_CELL, unit)
    ws.cell(DATE_CELL[0], DATE_CELL[1] - 1, words["date_label"]).font = Font(bold=True)
    date_cell = ws.cell(*DATE_CELL, as_of)
    date_cell.number_format = "yyyy-mm-dd"
    date_cell.alignment = Alignment(horizontal="left")
    ws["A3"] = words["instructions"]
    ws["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(f"A3:{last_col}3")
    ws.row_dimensions[3].height = 64

    for c, key in enumerate(COLUMNS, 1):
        cell = ws.cell(HEADER_ROW, c, words[key])
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=INPUT_FILL if key in INPUTS else HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = box

    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                             showErrorMessage=True, errorTitle=words["error_title"], error=words["number_error"],
                             showInputMessage=True, prompt=words["number_prompt"])
    milestones = DataValidation(type="list", formula1=MILESTONE_LIST, allow_blank=True, showDropDown=False,
                                showErrorMessage=True, errorTitle=words["error_title"],
                                error=words["milestone_error"], showInputMessage=True,
                                prompt=words["milestone_prompt"])
    value_col = COLUMNS.index("value") + 1
    shade = PatternFill("solid", fgColor=INPUT_FILL)
    for i, r in enumerate(rows):
        n = FIRST_ROW + i
        for c, value in enumerate(_row(r), 1):
            cell = ws.cell(n, c, value)
            cell.alignment = wrap_top
            cell.border = box
            if COLUMNS[c - 1] in INPUTS:
                cell.protection = Protection(locked=False)
                cell.fill = shade
            if COLUMNS[c - 1] == "last_date" and value is not None:
                cell.number_format = "yyyy-mm-dd"
        (milestones if r.indicator.is_milestone else numbers).add(ws.cell(n, value_col).coordinate)
    for dv in (numbers, milestones):
        if dv.sqref:
            ws.add_data_validation(dv)

    for c, key in enumerate(COLUMNS, 1):
        letter = get_column_letter(c)
        if key in WIDTHS:
            width = WIDTHS[key]
        else:
            texts = [words[key]] + [_text(v) for v in (_row(r)[c - 1] for r in rows) if v is not None]
            width = min(max(max(display_width(t) for t in texts) + 2, 8), 30)
        if key in ("note", "evidence"):
            width = 28
        ws.column_dimensions[letter].width = width
    ws.column_dimensions[get_column_letter(DATE_CELL[1])].width = max(ws.column_dimensions[
        get_column_letter(DATE_CELL[1])].width or 0, 12)

    ws.freeze_panes = ws.cell(FIRST_ROW, 1).coordinate
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True  # no password: the lock guards against slips, not against the clerk
    ws.protection.formatColumns = False  # widths and heights may still be changed
    ws.protection.formatRows = False
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)
