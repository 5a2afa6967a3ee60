"""A plan as it arrives — `.txt` (UTF-8 or GBK), `.docx` (paragraphs and tables), `.xlsx` (a 分解表) — as one text.

`gdtrack draft` and `gdtrack check --source` both read a plan through :func:`plan_text`, so "the source" a
catalogue's `text` must be a verbatim part of is the same for both, whatever the container:

- a `.txt` is decoded as UTF-8, else as GB18030 (GBK); UTF-16 and other bytes are refused as for any text file;
- a `.docx` gives its paragraphs and tables in document order, a paragraph per line and a table row per line,
  its cells joined by a tab (a cell merged across columns once; a cell's own paragraphs joined without a break);
- an `.xlsx` gives each sheet's rows, a row per line, its cells joined by a tab (empty cells kept between filled
  ones, trailing ones dropped); numbers as written (1, not 1.0) and dates as 2024年6月30日;
- in every case page markers (`— 3 —`, `- 3 -`, `第 3 页`, `第3页 共10页`) on lines of their own are dropped.

A damaged or foreign file is one LoadError (`unreadable-document`) naming it and what to do; a .docx or .xlsx is
bounded as a form is (parts, inflated sizes, no DTD: files/workbook.py) before python-docx or openpyxl opens it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

from gdtrack.diagnostics import LoadError, said
from gdtrack.files.loading import decode, read_bytes
from gdtrack.files.workbook import check_workbook

PAGE_MARK_RE = re.compile(r"^[ \t\u3000]*(?:[—–\-－─]{1,2}[ \t\u3000]*\d{1,4}[ \t\u3000]*[—–\-－─]{1,2}|"
                          r"第[ \t\u3000]*\d{1,4}[ \t\u3000]*页(?:[ \t\u3000]*[，,/／]?[ \t\u3000]*"
                          r"共[ \t\u3000]*\d{1,4}[ \t\u3000]*页)?)[ \t\u3000]*$")
_CELL_BREAK = re.compile(r"[ \t\u3000]*[\r\n\t]+[ \t\u3000]*")
DOCUMENT_SUFFIXES = (".txt", ".docx", ".xlsx")


def plan_text(path: str | os.PathLike[str], display: str | None = None) -> str:
    """The plan's text, read from a .txt, .docx or .xlsx file (see the module's text). Raises LoadError."""
    shown = display or str(path)
    raw = read_bytes(path, shown)
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        text = docx_text(raw, shown)
    elif suffix in (".xlsx", ".xlsm"):
        text = xlsx_text(raw, shown)
    elif raw[:4] == b"PK\x03\x04":
        raise LoadError(said(shown, "unreadable-document", "zip"))
    elif raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise LoadError(said(shown, "unreadable-document", "legacy"))
    else:
        text = _plain(raw, shown)
    text = drop_page_marks(text)
    if not text.strip():
        raise LoadError(said(shown, "empty", "file"))
    return text


def _plain(raw: bytes, shown: str) -> str:
    try:
        return decode(raw, shown)
    except LoadError as exc:
        if exc.diagnostic.said.key != "diag.encoding.gbk":
            raise
        return raw.decode("gb18030")


def drop_page_marks(text: str) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(ln for ln in lines if not PAGE_MARK_RE.match(ln.rstrip("\r\n")) or not ln.strip())


def _cell(text: str) -> str:
    """A cell's text on one line: its own line breaks and tabs removed (Chinese wraps anywhere)."""
    return _CELL_BREAK.sub("", text).strip(" \u3000")


def _row(cells: list[str]) -> str:
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def _bounded(raw: bytes, shown: str) -> None:
    """The zip's parts bounded as a form's are (files/workbook.py) before a parser sees them; a refusal is said as
    the plan file's, with the reason."""
    try:
        check_workbook(raw, shown)
    except LoadError as exc:
        raise LoadError(said(shown, "unreadable-document", "bounds", why=exc.diagnostic.said)) from None


def docx_text(raw: bytes, shown: str) -> str:
    """A Word document's paragraphs and tables, in order (see the module's text)."""
    _bounded(raw, shown)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(raw))
        out: list[str] = []
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                out.append(Paragraph(child, document).text)
            elif tag == "tbl":
                out += _table_rows(Table(child, document))
    except LoadError:
        raise
    except Exception:  # noqa: BLE001 - python-docx raises KeyError, BadZipFile, lxml errors … on a damaged file
        raise LoadError(said(shown, "unreadable-document", "docx")) from None
    return "\n".join(out) + "\n"


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a cell merged across columns is listed once per column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(_cell("".join(p.text for p in cell.paragraphs)))
            for inner in cell.tables:
                cells[-1] += _cell("".join(_table_rows(inner)))
        rows.append(_row(cells))
    return rows


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _cell(str(value))


def xlsx_text(raw: bytes, shown: str) -> str:
    """A workbook's sheets, a row per line (see the module's text)."""
    _bounded(raw, shown)
    try:
        import warnings

        import openpyxl

        with warnings.catch_warnings():  # openpyxl's English asides, at the load and as the rows are read
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            out: list[str] = []
            try:
                for sheet in book.worksheets:
                    out += [_row([_value(v) for v in row]) for row in sheet.iter_rows(values_only=True)]
            finally:
                book.close()
    except LoadError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a damaged or foreign file
        raise LoadError(said(shown, "unreadable-document", "xlsx")) from None
    return "\n".join(out) + "\n"
