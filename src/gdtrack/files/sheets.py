"""A workbook's worksheets opened for reading their values, the short way: openpyxl's own sheet parser and row
assembly (`ReadOnlyWorksheet`), without the rest of `load_workbook`.

`load_workbook(read_only=True, data_only=True)` spends most of a one-sheet form's time on what a reader of values
never looks at: a whole default `Workbook` (its fonts, fills and named styles), every style object of the file,
the document's properties and theme (measured on 210 forms: 1.9 s of 3.1 s). Of the styles, a value needs only
which cell formats are dates or durations (to turn a number into a date), and of the workbook part only the sheets'
names, order and files and the date system (1900 or 1904). This module reads just those, with openpyxl's own
functions where they decide anything (the manifest, the shared strings, `is_date_format`, the built-in formats),
and gives openpyxl's `ReadOnlyWorksheet` objects, so rows come out exactly as `load_workbook` gives them.

It steps aside (returns None) on anything it does not read the way `load_workbook` does: no styles part, no cell
formats, a number format without its id or code, a sheet without a relationship. The caller then uses
`load_workbook`, whose errors and messages are the ones users see. Bounds come first, from
gdtrack.files.workbook.check_workbook: nothing here is read before the whole file has been bounded.
"""

from __future__ import annotations

import io
from typing import Any


class _Values:
    """What `ReadOnlyWorksheet` asks of its workbook to read values: the archive, the date system and which cell
    formats are dates and durations (openpyxl's names)."""

    data_only = True

    def __init__(self, archive: Any, epoch: Any, dates: set[int], durations: set[int]) -> None:
        self._archive, self.epoch = archive, epoch
        self._date_formats, self._timedelta_formats = dates, durations


def worksheets(raw: bytes) -> list[Any] | None:
    """The worksheets of the .xlsx `raw` (bounded already), in the workbook's order, as openpyxl's read-only
    worksheets (`iter_rows(values_only=True)`, `.title`); None where `load_workbook` must read it instead."""
    from zipfile import ZipFile

    from openpyxl.packaging.manifest import Manifest
    from openpyxl.packaging.relationship import get_dependents, get_rels_path
    from openpyxl.packaging.workbook import WorkbookPackage
    from openpyxl.reader.excel import _find_workbook_part
    from openpyxl.reader.strings import read_string_table
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_STYLE, SHARED_STRINGS
    from openpyxl.xml.functions import fromstring

    archive = ZipFile(io.BytesIO(raw))
    names = set(archive.namelist())
    if ARC_STYLE not in names:
        return None
    formats = _date_formats(fromstring(archive.read(ARC_STYLE)))
    if formats is None:
        return None
    package = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
    strings: list[str] = []
    if (part := package.find(SHARED_STRINGS)) is not None:
        with archive.open(part.PartName[1:]) as src:
            strings = read_string_table(src)
    book = _find_workbook_part(package).PartName[1:]
    workbook = WorkbookPackage.from_tree(fromstring(archive.read(book)))
    rels = get_dependents(archive, get_rels_path(book)).to_dict()
    values = _Values(archive, CALENDAR_MAC_1904 if workbook.properties.date1904 else CALENDAR_WINDOWS_1900,
                     *formats)
    out = []
    for sheet in workbook.sheets:
        rel = rels.get(sheet.id) if sheet.id else None
        if rel is None:
            return None  # load_workbook warns of it (no id) or fails (no relationship): let it
        if rel.target not in names or "chartsheet" in rel.Type:
            continue  # as load_workbook: a sheet whose part is missing is left out; a chart sheet has no cells
        ws = ReadOnlyWorksheet(values, sheet.name, rel.target, strings)
        ws.sheet_state = sheet.state
        out.append(ws)
    return out


def _date_formats(styles: Any) -> tuple[set[int], set[int]] | None:
    """Which cell formats (`cellXfs`, by index) are dates and which durations, decided as openpyxl's Stylesheet
    decides them (a custom format by its code, else the built-in one of its id); None for what this does not read
    as openpyxl does (no cell formats, a format without its id or code, an id that is not a number)."""
    from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
    from openpyxl.xml.constants import SHEET_MAIN_NS

    ns = f"{{{SHEET_MAIN_NS}}}"
    try:
        custom = {}
        for fmt in styles.iterfind(f"{ns}numFmts/{ns}numFmt"):
            code = fmt.get("formatCode")
            if code is None:
                return None
            custom[int(fmt.get("numFmtId"))] = code
        cells = [int(xf.get("numFmtId", 0)) for xf in styles.iterfind(f"{ns}cellXfs/{ns}xf")]
    except (TypeError, ValueError):
        return None
    if not cells:
        return None  # load_workbook keeps its own default styles then
    dates, durations = set(), set()
    for idx, number in enumerate(cells):
        code = custom[number] if number in custom else builtin_format_code(number)
        if is_date_format(code):
            dates.add(idx)
        if is_timedelta_format(code):
            durations.add(idx)
    return dates, durations
