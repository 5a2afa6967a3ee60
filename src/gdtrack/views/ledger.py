"""The ledger (台账) for Excel: every indicator with its figures, one sheet per department, a summary.

xlsx through openpyxl (the maintained library for the format); csv in UTF-8 with a BOM, which is what
Excel on Windows needs to open Chinese text correctly.

Every sheet prints as it comes (README, "The ledger on paper"): A4 landscape, scaled to one page width (the
summary to one page), the title and header rows repeated on each page, long texts wrapped in columns of a set
width rather than cut or stretched over several pages, and the sheet's name and page number in the footer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from copy import copy
from functools import cache, partial
from typing import Any

from gdtrack.engine.evaluation import STATUSES, Result
from gdtrack.engine.evidence import Filed, by_goal, filed
from gdtrack.engine.snapshot import Snapshot
from gdtrack.views.evidence import files_cell
from gdtrack.views.grid import display_width
from gdtrack.views.numbers import goal_text, json_fraction, json_number, percent
from gdtrack.views.safe import as_text, csv_cell, formula_like, xlsx_cell
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
    """A sheet's name for `name`: without the characters Excel refuses, at most 31 long, and not one of `taken`
    (the names given so far, in lower case: Excel does not tell 'A' from 'a'), which it joins."""
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in xlsx_cell(name))[:31] or "_"
    if clean[0] == "'":  # Excel refuses a name that starts or ends with an apostrophe
        clean = "_" + clean[1:]
    if clean[-1] == "'":
        clean = clean[:-1] + "_"
    base, n = clean, 2
    while clean.lower() in taken:
        suffix = f"~{n}"
        clean, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(clean.lower())
    return clean


def _new_sheet(wb: Any, name: str) -> Any:
    """A write-only sheet named `name` (from _sheet_name: valid and unique) added to `wb`. openpyxl's create_sheet
    looks through every sheet's name for one like it, which for a sheet per unit is quadratic in the units
    (2,100 sheets: 2.2 million names looked at)."""
    ws = _sheet_type()(wb, name)
    wb._add_sheet(ws)
    return ws


@cache
def _sheet_type() -> type:
    """openpyxl's write-only sheet whose title is taken as given (openpyxl is imported only to write a ledger)."""
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    class Sheet(WriteOnlyWorksheet):
        title = property(lambda self: self._named, lambda self, value: setattr(self, "_named", value))

    return Sheet


class _Styles:
    """The ledger's cell styles, each made once and given to every cell that has it: a write-only sheet takes its
    cells styled, and building a Font, a fill or an Alignment per cell costs more than the cell itself."""

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell import Cell
        from openpyxl.styles import Alignment, Font, PatternFill

        self.ws, self.cell_type = ws, Cell
        ws._values_to_row = partial(_cells_to_row, ws)  # the cells as they are
        self.bold, self.title = Font(bold=True), Font(bold=True, size=TITLE_POINTS)
        self.head_fill = PatternFill("solid", fgColor="DDEBF7")
        self.head = Alignment(vertical="center", wrap_text=True)
        self.wrap, self.top = Alignment(vertical="top", wrap_text=True), Alignment(vertical="top")
        self.fills = {status: PatternFill("solid", fgColor=colour) for status, colour in FILLS.items()}
        self._made: dict[tuple[int, bool], Any] = {}
        self._ids: dict[int, tuple[Any, int, bool]] = {}
        self.written = _written_type()
        self._kept: list[tuple] = []

    def style(self, **style: Any) -> tuple:
        """A style to give cells (font, fill, alignment, number_format: this object's), made once for many."""
        made = tuple(style.items())
        self._kept.append(made)  # alive as long as this object: its id keys the cells' styles (cell)
        return made

    def cell(self, value: Any, style: tuple = ()) -> Any:
        """A write-only cell holding `value` (text from data stays text: as_text), styled by `style` (from
        style()): the style of the first such cell is kept and shared, not built again."""
        value = xlsx_cell(value)
        kind = _PLAIN.get(type(value))
        if kind is None or kind == "s" and formula_like(value):  # a date, an empty cell, a formula-like text
            return self._cell(value, style)
        made = self._ids.get(id(style))
        if made is None:
            first = self._cell(value, style)
            made = self._ids[id(style)] = (first._style, first.style_id, first.has_style)
        return self.written(self.ws, value[:_LONGEST] if kind == "s" else value, kind, *made)

    def _cell(self, value: Any, style: tuple) -> Any:
        """cell() through openpyxl's own Cell: its value's type inferred, its style looked up when written."""
        cell = self.cell_type(self.ws, 1, 1, value)
        if style:  # a date takes a date's number format unless `style` gives one: part of the key
            key = (id(style), isinstance(value, dt.date))
            made = self._made.get(key)
            if made is None:
                for k, v in style:
                    setattr(cell, k, v)
                self._made[key] = copy(cell._style)  # openpyxl's StyleArray: indexes into the workbook's styles
            else:  # shared, not copied: only written out, never changed, but by as_text on its own copy
                cell._style = made
        if formula_like(cell._value):
            cell._style = copy(cell._style)
            as_text(cell)
        return cell


_PLAIN = {str: "s", int: "n", float: "n", bool: "b"}
"""The values a cell holds as they are, by type, and the cell's data type in the file. Text is text, whatever it
says: openpyxl would make "#N/A" an error value, and a formula of "=…" (formula_like: as_text)."""
_LONGEST = 32767  # characters in a cell, in Excel and in openpyxl (which cuts a longer text there)


@cache
def _written_type() -> type:
    """openpyxl's Cell made with its data type and its style's index in the workbook already known: each of a
    ledger's cells (1.3 million at ×100) would otherwise infer the one and look up the other (a hash of its
    style) when made and when written."""
    from openpyxl.cell import Cell

    class Written(Cell):
        __slots__ = ("style_id", "has_style")

        def __init__(self, ws: Any, value: Any, kind: str, style: Any, style_id: int, styled: bool) -> None:
            self.parent, self._style, self.row, self.column = ws, style, 1, 1
            self._value, self.data_type, self._hyperlink, self._comment = value, kind, None, None
            self.style_id, self.has_style = style_id, styled

    return Written


def _cells_to_row(ws: Any, values: list[Any], row: int) -> Any:
    """What openpyxl's write-only sheet `ws` writes for a row appended to it: each cell as it is, at its column
    (a plain value in a cell of its own, unstyled).

    openpyxl's own (``_values_to_row``) first tries each value as a plain value, which fails for a cell (a
    ValueError caught) before it takes it, and then makes a fresh cell for the next: three cells' work for one
    (measured: a third of the ledger's writing). The ledger's rows are of cells made by _Styles.cell."""
    from openpyxl.cell import Cell, WriteOnlyCell

    for column, cell in enumerate(values, 1):
        if cell is not None:
            if not isinstance(cell, Cell):
                cell = WriteOnlyCell(ws, value=xlsx_cell(cell))
                as_text(cell)
            cell.column, cell.row = column, row
            yield cell


def _write_table(ws: Any, headers: list[str], rows: list[list[Any]], statuses: list[str] | None,
                 wrapped: dict[int, int] | None = None, title: str | None = None,
                 formats: dict[int, str] | None = None) -> None:
    """A table streamed into the write-only sheet `ws`: with a `title`, its two rows first (_titled), then headers,
    a row per item; each column as wide as its longest text, or, for the `wrapped` columns (0-based index →
    width), at most that wide, the text wrapping onto more lines of a row that grows to hold it. `formats`:
    number formats by column (0-based); `statuses`: each row's status, the colour of its status cell."""
    from openpyxl.utils import get_column_letter

    wrapped, formats = wrapped or {}, formats or {}
    st = _Styles(ws)
    widths = []
    for col in range(1, len(headers) + 1):
        head = display_width(headers[col - 1])
        width = max([head, *(display_width(_shown(v)) for v in (r[col - 1] for r in rows) if v is not None)])
        widths.append(max(min(width + 1, wrapped.get(col - 1, 60)), head + 1, 4))
        ws.column_dimensions[get_column_letter(col)].width = widths[-1]
    top = 1 if title is None else 3
    ws.freeze_panes = f"A{top + 1}"  # a write-only sheet writes its views, widths and properties with its first row
    if rows:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{top + len(rows)}"
    if title is not None:
        _titled(ws, st, title, len(headers), sum(widths))
    head = st.style(font=st.bold, fill=st.head_fill, alignment=st.head)
    ws.append([st.cell(h, head) for h in headers])
    columns = [{"alignment": st.wrap if c in wrapped else st.top} | (
        {"number_format": formats[c]} if c in formats else {}) for c in range(len(headers))]
    styles = [st.style(**c) for c in columns]
    status_style = [st.style(**columns[STATUS_COLUMN], fill=fill) for fill in st.fills.values()]
    status_of = {status: i for i, status in enumerate(st.fills)}
    for i, values in enumerate(rows):
        if statuses is not None:
            styles[STATUS_COLUMN] = status_style[status_of[statuses[i]]]
        ws.append([st.cell(v, styles[c]) for c, v in enumerate(values)])


def _shown(value: Any) -> str:
    """About what a cell shows: a fraction as 74.8%, a figure to two places."""
    return f"{round(value, 2):g}" if isinstance(value, float) else str(value)


def _titled(ws: Any, st: _Styles, text: str, columns: int, width: float) -> None:
    """Two rows above the table: what plan, what day (A1, across the table's `width`, on as many lines as it
    needs); the header is then row 3, frozen with them (the caller's freeze_panes)."""
    from openpyxl.utils import get_column_letter

    ws.merged_cells.add(f"A1:{get_column_letter(columns)}1")
    ws.row_dimensions[1].height = title_height(text, width)  # a row's height is written with the row: first
    ws.row_dimensions[2].height = 6
    ws.append([st.cell(text, st.style(font=st.title, alignment=st.head))])
    ws.append([])


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
    from openpyxl.worksheet.worksheet import Worksheet

    setup = ws.page_setup
    setup.orientation, setup.paperSize = "landscape", Worksheet.PAPERSIZE_A4
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
    """The ledger as an xlsx workbook, written in openpyxl's write-only mode: each sheet streamed row by row as it
    is made (a plan of thousands of goals and units is written at the pace of its cells, not held whole)."""
    from openpyxl import Workbook

    ev = snap.evaluation
    wb = Workbook(write_only=True)
    wb.properties.title = ev.catalogue.plan.title
    taken: set[str] = set()
    heads = headers(lang)
    title = title_line(snap, lang)
    footer = word("ledger.footer", lang)
    wrapped = {COLUMNS.index(c): w for c, w in WRAPPED.items()}
    formats = {**dict.fromkeys(PERCENT_COLUMNS, "0.0%"), GAP_COLUMN: "+0.0;-0.0;0.0", DATE_COLUMN: "yyyy-mm-dd"}
    files = by_goal(filed(snap.files, snap.query))

    def indicator_sheet(name: str, results: list[Result]) -> None:
        ws = _new_sheet(wb, _sheet_name(name, taken))
        _for_print(ws, footer, one_page=False)  # before the rows: a write-only sheet writes its properties first
        _write_table(ws, heads, [row(r, snap, lang, files) for r in results], [r.status for r in results], wrapped,
                     title=title, formats=formats)

    summary = _new_sheet(wb, _sheet_name(word("ledger.summary", lang), taken))
    overall = ev.overall
    unit_rows = [[u.key, len(u.results), u.reported, u.current, u.reporting_rate, u.completion,
                  *[u.summary[s] for s in STATUSES]] for u in ev.units() if u.results]
    unit_rows.append([word("ledger.total", lang), len(overall.results), overall.reported, overall.current,
                      overall.reporting_rate, overall.completion, *[overall.summary[s] for s in STATUSES]])
    cols = [word(f"col.{k}", lang) for k in ("unit", "indicators", "reported", "current", "rate", "completion")]
    _for_print(summary, footer, one_page=True)
    _write_table(summary, [*cols, *[status_label(s, lang) for s in STATUSES]], unit_rows, None, title=title,
                 formats={4: "0.0%", 5: "0.0%"})

    indicator_sheet(word("ledger.all", lang), ev.results)
    for u in ev.units():
        if u.results:
            indicator_sheet(str(u.key), list(u.results))
    scores_sheet(_new_sheet(wb, _sheet_name(word("ledger.scores", lang), taken)), snap, lang, title, footer)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def scores_sheet(ws: Any, snap: Snapshot, lang: Lang, title: str, footer: str) -> None:
    """考核: under the title rows of every sheet, the ranking (rank, unit, this period, the year, points lost by
    rule), the rules with their points (and the periods scored), then every deduction (unit, period end, goal id
    and name, the rule in words, the level, the points), printed as the other sheets are. `ws` is write-only:
    its rows are made first, for the columns' widths, then streamed."""
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
    label = rules_label(sc, lang) + ("　" + word("scores.unread", lang, units=word("list.sep", lang).join(sc.unread))
                                     if sc.unread else "")
    rules, deductions = rules_rows(snap.catalogue, lang), deduction_rows(sc, names, lang)
    d_heads = deduction_headers(lang)
    # as wide as the longest text of the tables (not their lines: the rules' and the deductions'), at most 40
    cells = [heads, *ranking, *rules, d_heads, *deductions]
    widths = [max(min(max((display_width(_shown(r[c])) for r in cells if c < len(r) and r[c] is not None),
                          default=4) + 1, 40), 4) for c in range(len(heads))]
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    st = _Styles(ws)
    ws.freeze_panes = "A4"
    if ranking:
        ws.auto_filter.ref = f"A3:{get_column_letter(len(heads))}{3 + len(ranking)}"
    _for_print(ws, footer, one_page=False)
    _titled(ws, st, title, len(heads), sum(widths))
    head, top = st.style(font=st.bold, fill=st.head_fill, alignment=st.head), st.style(alignment=st.top)
    bold, wrap = st.style(font=st.bold), st.style(alignment=st.wrap)
    dates = st.style(alignment=st.wrap, number_format="yyyy-mm-dd")
    ws.append([st.cell(h, head) for h in heads])
    for values in ranking:
        ws.append([st.cell(v, top) for v in values])
    ws.append([])

    def block(label: str, header: list[str] | None, rows: list[list[Any]], dated: bool = False) -> None:
        """A bold line, a bold header (if any) and the rows (wrapping: a long rule or goal name; `dated`: the
        second column a date)."""
        ws.append([st.cell(label, bold)])
        if header:
            ws.append([st.cell(h, bold) for h in header])
        for values in rows:
            ws.append([st.cell(v, dates if dated and c == 1 else wrap) for c, v in enumerate(values)])

    block(label, None, rules)
    ws.append([])
    block(word("ledger.deductions", lang), d_heads, deductions, dated=True)
