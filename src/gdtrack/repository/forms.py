"""The spreadsheet form (报送表) a department fills instead of editing YAML, and reading it back (its import, one batch
of forms written together, is gdtrack.repository.importing).

A form is one sheet: the unit and the report date at the top, then one row per indicator the unit owns or
co-leads, with the cells to fill (本期数值, 说明, 佐证/数据来源). It comes back as the .xlsx it was sent as, or
saved as CSV (UTF-8 with or without a BOM, or GBK as Excel on Chinese Windows saves "CSV (逗号分隔)").

Reading a form gives the same data a YAML progress file gives, plus a map from YAML locations
(("reports", 0, "entries", 3, "value")) to the cells they came from. The same validation and checks as
`gdtrack check` then judge it (:func:`gdtrack.files.loading.validate`,
:func:`gdtrack.checks.rules.check_progress`); only
each Diagnostic's position is moved to its cell (`FILE.xlsx:报送表!H7`, `FILE.csv:7:8`) and its words are
put in Chinese for the clerk, the English kept after them. The figures are written through the same path as
`gdtrack record` (:func:`gdtrack.repository.recording.record_many`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from gdtrack.diagnostics import Diagnostic, LoadError, Loc, error, warning
from gdtrack.models import MILESTONE_STATES, Catalogue, Indicator, ProgressFile, Task, step_names
from gdtrack.models import STATE_WORDS as MILESTONE_WORDS
from gdtrack.values import Frozen, Value, frozen, record
from gdtrack.words import Lang, Message, words_of
from gdtrack.words import text as worded
from gdtrack.words.foreign import csv_problem, workbook_problem

WORDS = words_of("forms")  # this module's words, kept in gdtrack/words with every other

COLUMNS = ("id", "role", "name", "goal", "unit", "quote", "last_value", "last_date", "value", "note", "evidence",
           "measures", "by", "files", "extend_to", "extend_reason")
"""The form's columns, in order; from 本期数值 on, the clerk's (整改措施 and 整改时限 only on rows at 督办 or above;
佐证材料文件, then 申请延期至 and 延期理由, last, so forms made before them still read)."""
FIGURES = ("value", "note", "evidence")
REPLY = ("measures", "by")
FILES = ("files",)
"""佐证材料文件: the names of evidence files beside the form (relative to its folder), separated by 、 or ;."""
REQUEST = ("extend_to", "extend_reason")
"""延期申请 on a goal's row: the new date asked for and why (gdtrack.checks.decisions.check_requests)."""
INPUTS = (*FIGURES, *REPLY, *FILES, *REQUEST)
FILE_SEPARATORS = re.compile(r"[、;；\n]+")
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
UNIT_CELL = (2, 2)  # B2, right of 报送单位
DATE_CELL = (2, 4)  # D2, right of 截至日期
MAX_ROWS = 5000
"""A form has one row per indicator of one unit; rows beyond this are not read."""

_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")

def zh(key: str, **kw: Any) -> str:
    return WORDS["zh"][key].format(**kw)


def msg(key: str, **kw: Any) -> Message:
    """The message `forms.<key>` of gdtrack/words."""
    return Message(f"forms.{key}", kw)


# ── writing: what goes on a unit's form ────────────────────────────────────────────────────────


@frozen
class FormRow(Frozen):
    task: Task
    indicator: Indicator
    last_value: float | int | str | None
    last_date: dt.date | None
    owner: str | None = None  # the unit that reports the goal; another than the form's: a co-led (协办) row
    level: str | None = None  # its 督办 level at the form's date, when 督办 or above: the row takes a reply
    own: bool = True


def _latest(files: Iterable[ProgressFile], as_of: dt.date) -> dict[tuple[str, str], tuple[dt.date, Any]]:
    """(unit, goal) → the unit's latest figure for the goal on or before `as_of`, with its date."""
    last: dict[tuple[str, str], tuple[dt.date, Any]] = {}
    for pf in files:
        for report in sorted(pf.reports, key=lambda r: r.as_of):
            if report.as_of <= as_of:
                last.update(((pf.unit, e.indicator), (report.as_of, e.value))
                            for e in report.entries if e.value is not None)
    return last


def form_rows(cat: Catalogue, unit: str, reports: ProgressFile | Iterable[ProgressFile] | None, as_of: dt.date, *,
              co_led: bool = True, levels: dict[str, str] | None = None) -> list[FormRow]:
    """One row per indicator `unit` owns, in catalogue order, then (with `co_led`) one per indicator it co-leads
    (协办), each with its latest figure on or before `as_of`: the unit's own for its goals, the owner's (the one
    that counts) for a co-led goal, else the unit's own. `reports` are the progress files (or the unit's one);
    `levels` the 督办 levels (督办 or above) of the unit's goals, by id."""
    files = [reports] if isinstance(reports, ProgressFile) else list(reports or [])
    last = _latest(files, as_of)
    levels = levels or {}
    own, other = [], []
    for task, ind in cat.indicators():
        owner = cat.owner(task, ind)
        if unit == owner:
            day, value = last.get((unit, ind.id), (None, None))
            own.append(FormRow(task, ind, value, day, owner, levels.get(ind.id)))
        elif unit in task.lead_units and co_led:
            day, value = last.get((owner, ind.id)) or last.get((unit, ind.id), (None, None))
            other.append(FormRow(task, ind, value, day, owner, None, own=False))
    return own + other


def choices(ind: Indicator) -> list[str]:
    """What a milestone's cell takes: the four states, then its steps (from the nodes file or the plan)."""
    return [*MILESTONE_WORDS, *step_names(ind)]


def measure_key(ind: Indicator) -> str:
    """What a numeric goal's figure is, for the clerk: `cumulative` (年初至今累计), `remaining` (尚余数量: a ≤ 0 goal
    to clear, the figure what is left) or `level` (当前水平: rates, shares, stocks)."""
    if ind.comparator == "<=" and ind.target == 0:
        return "remaining"
    return "cumulative" if ind.measure == "cumulative" else "level"


def write_what(ind: Indicator) -> Message:
    """What to write in a numeric goal's 本期数值 cell, and in what unit."""
    unit = msg("in_unit", unit=ind.unit) if ind.unit else ""
    return msg(f"write_{measure_key(ind)}", unit=unit)


# ── reading ────────────────────────────────────────────────────────────────────────────────────


@record
class Form(Value):
    """A filled form, read: the progress-file data it stands for, and where each part of it came from."""

    path: Path
    shown: str
    sheet: str | None = None  # xlsx: the sheet's name; csv: None
    data: dict[str, Any] = field(default_factory=dict)
    cells: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # YAML location → (row, column), 1-based
    raw: dict[Loc, Any] = field(default_factory=dict)  # YAML location → what the cell held
    lines: dict[int, int] = field(default_factory=dict)  # csv: row → the file's line where it starts
    diagnostics: list[Diagnostic] = field(default_factory=list)
    last_dates: list[tuple[str, dt.date, tuple[int, int]]] = field(default_factory=list)  # (goal, 上次报送日期, cell)
    files: dict[int, list[str]] = field(default_factory=dict)  # entry index → its 佐证材料文件, as written

    @property
    def blank(self) -> bool:
        """Read, and not one figure or reply filled in: a form sent back as it was sent."""
        return bool(self.data) and not self.entries and not self.data.get("responses") \
            and not self.data.get("extensions")

    @property
    def replies(self) -> list[dict[str, Any]]:
        return self.data.get("responses", [])

    @property
    def unit(self) -> str | None:
        unit = self.data.get("unit")
        return unit if isinstance(unit, str) else None

    @property
    def as_of(self) -> dt.date | None:
        reports = self.data.get("reports") or [{}]
        day = reports[0].get("as_of")
        return day if isinstance(day, dt.date) else None

    @property
    def entries(self) -> list[dict[str, Any]]:
        reports = self.data.get("reports") or [{}]
        return reports[0].get("entries", [])

    def cell(self, loc: Loc) -> tuple[int, int] | None:
        """The cell a location came from: the location itself, else its nearest parent that has one."""
        for n in range(len(loc), 0, -1):
            if loc[:n] in self.cells:
                return self.cells[loc[:n]]
        return None

    def at(self, d: Diagnostic, cell: tuple[int, int] | None = None) -> Diagnostic:
        """`d` positioned at its cell: `FILE.xlsx:Sheet!H7`, or `FILE.csv:LINE:COL`."""
        cell = cell or self.cell(d.loc)
        if cell is None:
            return replace(d, path=self.shown, line=None, col=None)
        row, col = cell
        if self.sheet is not None:
            from openpyxl.utils import get_column_letter

            return replace(d, path=f"{self.shown}:{self.sheet}!{get_column_letter(col)}{row}", line=None, col=None)
        return replace(d, path=self.shown, line=self.lines.get(row, row), col=col)


def read_form(path: Path, cat: Catalogue, shown: str | None = None) -> Form:
    """Read a filled form (.xlsx or .csv). Never raises for bad content: problems are in `.diagnostics`."""
    from gdtrack.files.loading import read_bytes

    form = Form(path, shown or str(path))
    try:
        raw = read_bytes(path, form.shown)
        suffix = path.suffix.lower()
        if suffix in (".xls", ".et", ".ods", ".wps"):
            raise LoadError(error(form.shown, "form-layout", msg("old-format"), msg("old-format_hint")))
        grid = _csv_grid(raw, form) if suffix == ".csv" else _xlsx_grid(raw, form)
    except LoadError as exc:
        form.diagnostics.append(exc.diagnostic)
        return form
    _parse_grid(grid, form, cat)
    return form


def _xlsx_grid(raw: bytes, form: Form) -> list[list[Any]]:
    import warnings

    from openpyxl import load_workbook

    from gdtrack.files.sheets import worksheets
    from gdtrack.files.workbook import MAX_COLUMNS, check_workbook

    check_workbook(raw, form.shown)  # bounded before any parser sees it: parts, sizes, dimensions, no DTD
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's English asides ("Cell M5 is marked as a date…"), read or load
        try:
            wb = None
            try:
                sheets = worksheets(raw)  # openpyxl's sheets without the rest of load_workbook (files.sheets)
            except Exception:  # noqa: BLE001 - what it does not read, load_workbook reads, with its own errors
                sheets = None
            if sheets is None:
                wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
                sheets = wb.worksheets
            try:
                for ws in sheets:
                    rows = [list(r) for _, r in zip(range(MAX_ROWS), ws.iter_rows(values_only=True,
                                                                                   max_col=MAX_COLUMNS), strict=False)]
                    _bounded(rows, form, ws.title)
                    if _header_row(rows) is not None:
                        form.sheet = ws.title
                        return rows
                form.sheet = sheets[0].title if sheets else None
                return []
            finally:
                if wb is not None:
                    wb.close()
        except LoadError:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged or foreign file: zip, XML and openpyxl errors alike, at
            # the load or as the rows are read (lazily: truncated or mistyped sheet XML fails there)
            raise LoadError(error(form.shown, "unreadable", msg("unreadable_why", why=workbook_problem(exc)),
                                  msg("unreadable_hint"))) from None


MAX_CELL_TEXT = 10_000
"""A cell holds a figure, a date or a sentence or two; longer text is refused at its cell, never echoed."""


def _bounded(rows: list[list[Any]], form: Form, sheet: str | None) -> None:
    from openpyxl.utils import get_column_letter

    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
                where = f"{sheet}!{get_column_letter(c)}{r}" if sheet is not None else f"{form.lines.get(r, r)}:{c}"
                said = msg("cell_too_long", cell=where, n=f"{len(value):,}", max=f"{MAX_CELL_TEXT:,}")
                raise LoadError(error(form.shown, "too-large", said, msg("cell_too_long_hint")))


def _csv_grid(raw: bytes, form: Form) -> list[list[Any]]:
    import csv

    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = raw.decode("gb18030")  # Excel on Chinese Windows: "CSV (逗号分隔)" is GBK
            except UnicodeDecodeError:
                raise LoadError(error(form.shown, "encoding", msg("csv-encoding"),
                                      msg("csv-encoding_hint"))) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[Any]] = []
    start = 1
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                break
            rows.append(row)
            form.lines[len(rows)] = start
            start = reader.line_num + 1
    except csv.Error as exc:
        raise LoadError(error(form.shown, "unreadable", msg("unreadable_why", why=csv_problem(str(exc))),
                              msg("unreadable_hint")).at(start, 1)) from None
    _bounded(rows, form, None)
    return rows


def _header_row(rows: list[list[Any]]) -> int | None:
    """The 0-based index of the header row: the one with 编号 and 本期数值."""
    for i, row in enumerate(rows[:30]):
        texts = [_text(c) for c in row]
        if WORDS["zh"]["id"] in texts and WORDS["zh"]["value"] in texts:
            return i
    return None


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip().strip("\u3000")


def _labelled(rows: list[list[Any]], label: str, upto: int) -> tuple[Any, tuple[int, int]] | None:
    """The cell right of `label` in the rows above the header."""
    for r, row in enumerate(rows[:upto]):
        for c, cell in enumerate(row):
            if _text(cell).rstrip(":：") == label:
                value = row[c + 1] if c + 1 < len(row) else None
                return value, (r + 1, c + 2)
    return None


def _parse_grid(rows: list[list[Any]], form: Form, cat: Catalogue) -> None:
    head = _header_row(rows)
    if head is None:
        form.diagnostics.append(error(form.shown, "form-layout", msg("not-a-form"), msg("not-a-form_hint")))
        return
    unit = _labelled(rows, WORDS["zh"]["unit_label"], head)
    day = _labelled(rows, WORDS["zh"]["date_label"], head)
    if unit is None or day is None:
        form.diagnostics.append(form.at(error(form.shown, "form-layout", msg("no-unit"), msg("not-a-form_hint")),
                                        (head + 1, 1)))
        return
    unit_text = _text(unit[0])
    form.data = {"unit": cat.resolve_unit(unit_text) or unit_text or None,
                 "reports": [{"as_of": _date(day[0]), "entries": []}]}
    form.cells[("unit",)], form.raw[("unit",)] = unit[1], unit[0]
    form.cells[("reports", 0, "as_of")], form.raw[("reports", 0, "as_of")] = day[1], day[0]
    form.cells[("reports", 0)] = day[1]
    labels = [_text(c) for c in rows[head]]
    where = {key: labels.index(WORDS["zh"][key]) for key in ("id", "last_date", *INPUTS) if WORDS["zh"][key] in labels}
    if not all(key in where for key in ("id", *FIGURES)):
        form.diagnostics.append(form.at(error(form.shown, "form-layout", msg("not-a-form"), msg("not-a-form_hint")),
                                        (head + 1, 1)))
        return
    entries = form.data["reports"][0]["entries"]
    for r in range(head + 1, len(rows)):
        row = rows[r]

        def cell(key: str, row: list[Any] = row) -> Any:
            c = where.get(key)
            value = row[c] if c is not None and c < len(row) else None
            return None if isinstance(value, str) and not _text(value) else value

        ident = _id(cell("id"))
        if isinstance(last := _date(cell("last_date")), dt.date) and ident is not None:
            form.last_dates.append((str(ident), last, (r + 1, where["last_date"] + 1)))
        _read_reply(form, r, ident, cell("measures"), cell("by"), where)
        _read_request(form, r, ident, cell("extend_to"), cell("extend_reason"), where)
        value, note, evidence, files = cell("value"), cell("note"), cell("evidence"), cell("files")
        if value is None:
            if note is not None or evidence is not None or files is not None:
                form.diagnostics.append(form.at(warning(form.shown, "note-without-value", msg("note_only"),
                                                        msg("note_only_hint")), (r + 1, where["value"] + 1)))
            continue  # a blank row: not reported this time
        loc = ("reports", 0, "entries", len(entries))
        entry: dict[str, Any] = {"indicator": ident, "value": _value(value)}
        for key, text in (("note", note), ("evidence", evidence)):
            if text is not None:
                entry[key] = _free_text(text)
        entries.append(entry)
        form.cells[loc] = (r + 1, where["id"] + 1)
        for key in ("indicator", *FIGURES):  # blank ones too: a missing `evidence` is pointed at its cell
            form.cells[(*loc, key)] = (r + 1, where[{"indicator": "id"}.get(key, key)] + 1)
            form.raw[(*loc, key)] = cell({"indicator": "id"}.get(key, key))
        if files is not None:
            form.files[len(entries) - 1] = [n.strip() for n in FILE_SEPARATORS.split(_free_text(files)) if n.strip()]
            form.cells[(*loc, "files")] = (r + 1, where["files"] + 1)


def _free_text(text: Any) -> str:
    return text.isoformat() if isinstance(text, dt.date) else _text(text) or str(text)


def _read_reply(form: Form, r: int, ident: Any, measures: Any, by: Any, where: dict[str, int]) -> None:
    """A reply to 督办 on row `r` (整改措施, 整改时限), as a `responses:` entry dated the form's 截至日期."""
    if measures is None and by is None:
        return
    replies = form.data.setdefault("responses", [])
    loc = ("responses", len(replies))
    reply: dict[str, Any] = {"indicator": ident, "replied": form.data["reports"][0]["as_of"]}
    if measures is not None:
        reply["measures"] = _free_text(measures)
    if by is not None:
        reply["by"] = _date(by)
    replies.append(reply)
    form.cells[loc] = form.cells[(*loc, "indicator")] = (r + 1, where["id"] + 1)
    for key, raw in (("measures", measures), ("by", by)):
        column = where.get(key, where["id"])
        form.cells[(*loc, key)] = (r + 1, column + 1)
        form.raw[(*loc, key)] = raw
    form.cells[(*loc, "replied")] = form.cells[("reports", 0, "as_of")]


def _read_request(form: Form, r: int, ident: Any, to: Any, reason: Any, where: dict[str, int]) -> None:
    """A request for more time on row `r` (申请延期至, 延期理由), as an `extensions:` entry; its day (`requested`)
    is the day of the import (check_form)."""
    if to is None and reason is None:
        return
    asks = form.data.setdefault("extensions", [])
    loc = ("extensions", len(asks))
    ask: dict[str, Any] = {"indicator": ident}
    if to is not None:
        ask["to"] = _date(to)
    if reason is not None:
        ask["reason"] = _free_text(reason)
    asks.append(ask)
    form.cells[loc] = form.cells[(*loc, "indicator")] = (r + 1, where["id"] + 1)
    for key, column, raw in (("to", "extend_to", to), ("reason", "extend_reason", reason)):
        form.cells[(*loc, key)] = (r + 1, where.get(column, where["id"]) + 1)
        form.raw[(*loc, key)] = raw
    form.cells[(*loc, "requested")] = form.cells[(*loc, "to")]


def _id(cell: Any) -> Any:
    return cell.strip() if isinstance(cell, str) else cell


def _value(cell: Any) -> Any:
    """A figure as the clerk typed it: a number, a milestone state; anything else is left for validation."""
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
        return int(cell)  # a spreadsheet keeps every number as a float: 18.0 is the 18 the clerk typed
    if isinstance(cell, bool) or not isinstance(cell, str):
        return cell
    text = _text(cell)
    if text in MILESTONE_WORDS:
        return MILESTONE_WORDS[text]
    if text in MILESTONE_STATES:
        return text
    if _NUMBER.fullmatch(text):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    return text


def _date(cell: Any) -> Any:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date) or not isinstance(cell, str):
        return cell
    m = _DATE.fullmatch(_text(cell))
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    return _text(cell)


# ── checking: the YAML checks, positioned at cells and put in Chinese ──────────────────────────


def check_form(cat: Catalogue, form: Form, today: dt.date | None = None, *,
               files: Iterable[ProgressFile] = (), force: bool = False,
               reported: dict[str, tuple[dt.date, Any]] | None = None) -> list[Diagnostic]:
    """Every problem of a read form, as `gdtrack check` would find it in the YAML it stands for, and the form's
    own: a 截至日期 not later than the form's own 上次报送日期 (unless `force`: a correction), and figures that
    will not count (a co-led goal whose owner has reported, in `files`, or as `reported` gives it: owner_figures,
    found once for many forms). `no-evidence` is said once per form."""
    from gdtrack.checks.decisions import check_requests
    from gdtrack.checks.rules import check_progress
    from gdtrack.files.loading import validate

    if any(d.severity == "error" for d in form.diagnostics) or not form.data:
        return list(form.diagnostics)
    for ask in form.data.get("extensions", []):
        ask["requested"] = today or dt.date.today()  # asked on the day the form comes in
    model, found = validate(form.data, ProgressFile, form.shown)
    keep = list(range(len(form.entries)))
    rows = ("reports", 0, "entries")
    if model is None and all(d.loc[:3] == rows and len(d.loc) > 3 for d in found):
        # only some rows are malformed: check the others too, so that one run names every bad row
        bad = {d.loc[3] for d in found}
        keep = [i for i in keep if i not in bad]
        report = {**form.data["reports"][0], "entries": [form.entries[i] for i in keep]}
        model, _ = validate({**form.data, "reports": [report]}, ProgressFile, form.shown)
    if model is not None:
        found += [replace(d, loc=(*rows, keep[d.loc[3]], *d.loc[4:])) if d.loc[:3] == rows and len(d.loc) > 3
                  else d for d in check_progress(cat, model, form.shown, today=today)]
        found += check_requests(cat, model, form.shown)
        if not force:
            found += _stale_date(cat, form)
        found += _not_counted(cat, form, owner_figures(cat, files) if reported is None else reported)
    missing = [d for d in found if d.code == "no-evidence"]
    found = [d for d in found if d.code != "no-evidence"]
    found.sort(key=lambda d: form.cell(d.loc) or (0, 0))
    out = [*form.diagnostics, *(form.at(_in_chinese(cat, form, d)) for d in found)]
    return out + _no_evidence(form, missing)


def _cell_name(form: Form, cell: tuple[int, int]) -> Any:
    """A cell as the clerk finds it: H7 in a workbook; in a CSV file 第7行第8列 (a function of the language)."""
    from openpyxl.utils import get_column_letter

    row, col = cell
    if form.sheet is not None:
        return f"{get_column_letter(col)}{row}"
    return lambda lang: worded(msg("csv_cell", row=form.lines.get(row, row), col=col), lang)


def _stale_date(cat: Catalogue, form: Form) -> list[Diagnostic]:
    """The form's 截至日期 is not later than its own 上次报送日期 (of a goal the unit reports): its figures would
    overwrite a period already reported. Said at the date cell, naming the 上次报送日期 cell."""
    day = form.as_of
    own = [(last, cell) for ident, last, cell in form.last_dates
           if ident in cat.by_id and cat.owner(*cat.by_id[ident]) == form.unit]
    if day is None or not own or day > max(last for last, _ in own):
        return []
    last, cell = max(own, key=lambda x: (x[0], -x[1][0]))
    date_cell = _cell_name(form, form.cells[("reports", 0, "as_of")])
    return [error(form.shown, "stale-form", msg("stale-form", date=day, last=last, cell=_cell_name(form, cell)),
                  msg("stale-form_hint", date_cell=date_cell, last=last), ("reports", 0, "as_of"))]


def owner_figures(cat: Catalogue, files: Iterable[ProgressFile]) -> dict[str, tuple[dt.date, Any]]:
    """Goal → its owner's latest figure (date, value) in `files`: what a co-led (协办) row's figure yields to.
    Found once for a batch of forms (check_form's `reported`)."""
    reported: dict[str, tuple[dt.date, Any]] = {}
    owners = {ind.id: cat.owner(task, ind) for task, ind in cat.indicators()}
    for pf in files:
        for report in pf.reports:
            for e in report.entries:
                later = e.indicator not in reported or report.as_of >= reported[e.indicator][0]
                if e.value is not None and owners.get(e.indicator) == pf.unit and later:
                    reported[e.indicator] = (report.as_of, e.value)
    return reported


def _not_counted(cat: Catalogue, form: Form, reported: dict[str, tuple[dt.date, Any]]) -> list[Diagnostic]:
    """A figure on a co-led (协办) row whose owner has reported the goal (`reported`, from owner_figures): the
    owner's figures win, so this one is recorded but will not count. One warning per such row, at its 本期数值
    cell."""
    out = []
    for i, entry in enumerate(form.entries):
        ident = entry.get("indicator")
        found = cat.by_id.get(ident) if isinstance(ident, str) else None
        owner = cat.owner(*found) if found is not None else None
        if ident in reported and owner != form.unit:
            day, value = reported[ident]
            out.append(warning(form.shown, "not-counted", msg("not-counted", id=ident, owner=owner,
                                                             date=day, old=cell_text(zh_state(value)),
                                                             new=cell_text(zh_state(entry.get("value")))),
                               msg("not-counted_hint", owner=owner), ("reports", 0, "entries", i, "value")))
    return out


def zh_state(value: Any) -> Any:
    return next((w for w, state in MILESTONE_WORDS.items() if state == value), value)


def _no_evidence(form: Form, missing: list[Diagnostic]) -> list[Diagnostic]:
    """`no-evidence` once per form: how many figures lack a source, and their cells."""
    if not missing:
        return []
    cells = [form.cell((*d.loc[:4], "evidence")) for d in missing]
    shown = [_cell_name(form, c) for c in cells[:8] if c]
    more = "…" if len(cells) > 8 else ""

    def names(lang: Lang) -> str:
        return ("、" if lang == "zh" else ", ").join(n(lang) if callable(n) else n for n in shown) + more
    first = replace(missing[0], loc=(*missing[0].loc[:4], "evidence"))
    said = replace(first, said=msg("no-evidence-all", n=len(missing), cells=names), advice=msg("no-evidence_hint"))
    return [form.at(said)]


def cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return "" if value is None else str(value)


def _in_chinese(cat: Catalogue, form: Form, d: Diagnostic) -> Diagnostic:
    """The Diagnostic worded for the clerk: the form's cells and columns, not the YAML's keys, and a hint for the
    form."""
    if d.said.key.startswith("forms."):  # the form's own problems are worded for it already
        return d
    loc = d.loc
    field_name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    raw = cell_text(form.raw.get(loc))
    entry_loc = loc[:4]
    ident = cell_text(form.raw.get((*entry_loc, "indicator"))) if len(loc) >= 4 else ""
    code = d.code
    hint: Message | None = None
    if code == "schema":
        key = (f"bad-{field_name}" if field_name in ("value", "as_of", "indicator", "unit", "measures", "by")
               else "bad-other")
        message = msg(key, raw=raw)
        if key == "bad-value":
            digits = re.sub(r"[^0-9.\-]", "", raw.translate(_FULL_WIDTH_DIGITS))
            hint = msg("bad-value_hint", example=msg("for-example", digits=digits) if digits else "")
        elif key in ("bad-as_of", "bad-indicator", "bad-measures", "bad-by"):
            hint = msg(f"{key}_hint")
    elif code == "value-kind":
        found = cat.by_id.get(ident)
        milestone = bool(found and found[1].is_milestone)
        if not milestone and any(ch.isdigit() for ch in raw.translate(_FULL_WIDTH_DIGITS)):  # 12家, 1,110, ４０
            digits = re.sub(r"[^0-9.\-]", "", raw.translate(_FULL_WIDTH_DIGITS))
            message, hint = msg("bad-value", raw=raw), msg("bad-value_hint", example=msg("for-example", digits=digits))
        else:
            key = "value-kind-milestone" if milestone else "value-kind-number"
            message, hint = msg(key, id=ident, raw=raw), msg(f"{key}_hint", words="、".join(MILESTONE_WORDS))
            if found is not None:
                hint = (msg(f"{key}_hint", words="、".join(choices(found[1]))) if milestone
                        else msg("number_prompt", what=write_what(found[1])))
    elif code == "negative":
        message, hint = msg("negative", id=ident, raw=raw), msg("negative_hint")
    elif f"{code}_hint" in WORDS["zh"] or code in WORDS["zh"]:
        message = msg(code, raw=raw or ident, unit=form.unit or "")
        hint = msg(f"{code}_hint", unit=form.unit or "") if f"{code}_hint" in WORDS["zh"] else None
    else:
        return d
    return replace(d, said=message, advice=hint or d.advice)


# ── importing ──────────────────────────────────────────────────────────────────────────────────
