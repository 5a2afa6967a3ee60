"""A unit's report form (报送表) as an xlsx workbook that opens in Excel, WPS and LibreOffice.

Plain features only: one sheet, sheet protection without a password (the given columns locked, the three
input columns unlocked and shaded), data validation on the input cells (a number ≥ 0, or the milestone
drop-down), widths that fit Chinese text, wrapped 原文. The layout is the one
:mod:`gdtrack.repository.forms` reads back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from gdtrack.models import STATE_WORDS as MILESTONE_WORDS
from gdtrack.models import Catalogue, ProgressFile
from gdtrack.repository.forms import (
    COLUMNS,
    DATE_CELL,
    FIGURES,
    FILES,
    FIRST_ROW,
    HEADER_ROW,
    REPLY,
    REQUEST,
    UNIT_CELL,
    WORDS,
    FormRow,
    choices,
    form_rows,
    write_what,
)
from gdtrack.views.catalogue import goal_text
from gdtrack.views.grid import display_width
from gdtrack.views.safe import as_text, xlsx_cell
from gdtrack.words import text, word

INPUT_FILL = "FFF2CC"
HEADER_FILL = "DDEBF7"
WIDTHS = {"quote": 44, "name": 24, "role": 18, "measures": 28}  # wrapped columns; the others fit their text
IN_CHINESE = {state: word for word, state in MILESTONE_WORDS.items()}
LIST_LIMIT = 255
"""Excel's limit on a drop-down's list written in the rule itself; a longer one is kept on a hidden sheet."""


def _whole(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _role(r: FormRow) -> str:
    if not r.own:
        return word("forms.role_co_led", "zh", owner=r.owner)
    return word("forms.role_level", "zh", level=r.level) if r.level else word("forms.role_own", "zh")


def _row(r: FormRow) -> list[Any]:
    ind = r.indicator
    last = r.last_value
    if isinstance(last, str):
        last = IN_CHINESE.get(last, last)
    goal = goal_text(ind) + (word("goal.stretch", "zh") if ind.stretch else "")
    return [ind.id, _role(r), ind.name, goal, ind.unit or "", ind.quote, _whole(last), r.last_date,
            *([None] * (len(FIGURES) + len(REPLY) + len(FILES) + len(REQUEST)))]


def _cut(words: str, limit: int = 250) -> str:
    return words if len(words) <= limit else words[:limit - 1] + "…"


def form_xlsx(cat: Catalogue, unit: str, as_of: dt.date, reports: ProgressFile | list[ProgressFile] | None = None,
              *, co_led: bool = True, levels: dict[str, str] | None = None, returned: Sequence[str] = ()) -> bytes:
    """The form for `unit` to report figures as of `as_of`: its own goals, then (with `co_led`) the goals it
    co-leads (协办), each with the latest figure in `reports` (the progress files; a co-led goal's owner's);
    `levels` are the unit's goals at 督办 or above, whose rows take a reply (整改措施, 整改时限); `returned` says
    which of its reports the office sent back, and why (under the instructions)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    words = WORDS["zh"]
    rows = form_rows(cat, unit, reports, as_of, co_led=co_led, levels=levels)
    wb = Workbook()
    ws = wb.active
    ws.title = words["sheet"]
    last_col = get_column_letter(len(COLUMNS))
    wrap_top = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin", color="BFBFBF")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    ws["A1"] = xlsx_cell(words["title"].format(unit=unit))
    as_text(ws["A1"])  # the plan's words are data: a name like =cmd|' /C calc'!A0 stays text
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last_col}1")
    ws.cell(UNIT_CELL[0], UNIT_CELL[1] - 1, words["unit_label"]).font = Font(bold=True)
    as_text(ws.cell(*UNIT_CELL, xlsx_cell(unit)))
    ws.cell(DATE_CELL[0], DATE_CELL[1] - 1, words["date_label"]).font = Font(bold=True)
    date_cell = ws.cell(*DATE_CELL, as_of)
    date_cell.number_format = "yyyy-mm-dd"
    date_cell.alignment = Alignment(horizontal="left")
    ws["A3"] = xlsx_cell("\n".join([words["instructions"], *returned]))
    as_text(ws["A3"])
    ws["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(f"A3:{last_col}3")
    ws.row_dimensions[3].height = 125 + 15 * len(returned)  # the instructions, ⑥ ⑦ included, then the returns

    for c, key in enumerate(COLUMNS, 1):
        cell = ws.cell(HEADER_ROW, c, words[key])
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=INPUT_FILL if key in (*FIGURES, *REPLY, *FILES, *REQUEST)
                                else HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = box

    def rule(kind: str, prompt: str, error: str, **kw: Any) -> DataValidation:
        return DataValidation(type=kind, allow_blank=True, showErrorMessage=True, errorTitle=words["error_title"],
                              error=_cut(error), showInputMessage=True, prompt=_cut(prompt), **kw)

    rules: dict[tuple[str, str], DataValidation] = {}  # one rule per distinct prompt: the sheet stays small
    choices_ws = None
    value_col = COLUMNS.index("value") + 1
    shade = PatternFill("solid", fgColor=INPUT_FILL)
    for i, r in enumerate(rows):
        n = FIRST_ROW + i
        reply_row = r.level is not None
        for c, value in enumerate(_row(r), 1):
            key = COLUMNS[c - 1]
            cell = ws.cell(n, c, xlsx_cell(value))
            as_text(cell)
            cell.alignment = wrap_top
            cell.border = box
            if key in FIGURES or key in FILES or key in REQUEST or (key in REPLY and reply_row):
                cell.protection = Protection(locked=False)
                cell.fill = shade
            if key in ("last_date", "by", "extend_to"):
                cell.number_format = "yyyy-mm-dd"
        ind = r.indicator
        if ind.is_milestone:
            options = choices(ind)
            listed = '"' + ",".join(options) + '"'
            if len(listed) > LIST_LIMIT or any(ch in o for o in options for ch in ',"'):
                # a long list of steps, or one whose names hold , or ": kept on a hidden sheet, named by its range
                choices_ws = choices_ws or _choices_sheet(wb, words['choices_sheet'])
                column = get_column_letter(choices_ws.max_column + (choices_ws["A1"].value is not None))
                for k, option in enumerate(options, 1):
                    choices_ws[f"{column}{k}"] = xlsx_cell(option)
                    as_text(choices_ws[f"{column}{k}"])
                listed = f"'{words['choices_sheet']}'!${column}$1:${column}${len(options)}"
            prompt = (words["milestone_steps_prompt"].format(words="、".join(options)) if ind.steps
                      else words["milestone_prompt"])
            error = prompt if ind.steps else words["milestone_error"]
            dv = rules.get(("list", listed)) or rules.setdefault(("list", listed), rule(
                "list", prompt, error, formula1=listed, showDropDown=False))
        else:
            prompt = words["number_prompt"].format(what=text(write_what(ind), "zh"))
            dv = rules.get(("decimal", prompt)) or rules.setdefault(("decimal", prompt), rule(
                "decimal", prompt, words["number_error"], operator="greaterThanOrEqual", formula1="0"))
        dv.add(ws.cell(n, value_col).coordinate)
        if reply_row:
            start = cat.plan.period_start
            key = ("date", r.level)
            dv = rules.get(key) or rules.setdefault(key, rule(
                "date", words["reply_prompt"].format(level=r.level), words["by_error"],
                operator="greaterThanOrEqual", formula1=f"DATE({start.year},{start.month},{start.day})",
                promptTitle=words["reply_prompt_title"]))
            dv.add(ws.cell(n, COLUMNS.index("by") + 1).coordinate)
    for dv in rules.values():
        ws.add_data_validation(dv)

    for c, key in enumerate(COLUMNS, 1):
        letter = get_column_letter(c)
        if key in WIDTHS:
            width = WIDTHS[key]
        else:
            texts = [words[key]] + [_text(v) for v in (_row(r)[c - 1] for r in rows) if v is not None]
            width = min(max(max(display_width(t) for t in texts) + 2, 8), 30)
        if key in ("note", "evidence", *FILES, "extend_reason"):
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


def _choices_sheet(wb: Any, title: str) -> Any:
    """The hidden sheet holding drop-down lists too long to write in their rule."""
    sheet = wb.create_sheet(title)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
    return sheet


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)
