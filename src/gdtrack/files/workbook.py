"""A spreadsheet (.xlsx) looked at before any parser sees it: a zip whose every part is bounded. Pure but for reading
the bytes it is given.

The file-size limit counts compressed bytes: a 215 KB form can inflate to 200 MB (8.66 GB of memory in openpyxl),
400 sheets can each declare XFD1048576, and XML may declare entities that expand. So, before openpyxl opens it, the
zip's directory and every part's inflated bytes are read and bounded:

- the number of parts (`MAX_PARTS`) and of sheets (`MAX_SHEETS`);
- each part's and all parts' inflated size (`MAX_PART_BYTES`, `MAX_INFLATED_BYTES`), counted as they inflate, not
  as the directory claims;
- each sheet's declared dimension (`<dimension ref="A1:XFD1048576">`: `MAX_ROWS` rows, `MAX_COLUMNS` columns);
- no DTD (`<!DOCTYPE`, `<!ENTITY`) in any XML part.

Each refusal is a LoadError of its own (`too-large` or `unsafe-workbook`) naming the file; the parts' names are
the file's, so they are shown as data.
"""

from __future__ import annotations

import io
import re
import zipfile

from gdtrack.diagnostics import LoadError, said

MAX_PARTS = 200
"""A form written by gdtrack has 12 parts; Excel and WPS add a few."""
MAX_SHEETS = 20
MAX_PART_BYTES = 16 * 1024 * 1024
"""One sheet of 5,000 rows × 13 columns of short text is under 2 MB of XML."""
MAX_INFLATED_BYTES = 48 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 64
_CHUNK = 1 << 16
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?([0-9]*):?([A-Z]{1,3})?([0-9]*)\"")


def check_workbook(raw: bytes, shown: str) -> None:
    """Raise a LoadError for a workbook that is not a zip of bounded, DTD-free parts (see the module's text)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except Exception:  # noqa: BLE001 - not a zip at all (or its directory is unreadable)
        return  # not a zip at all: openpyxl says so, in its own words (words/foreign.py)
    with zf:
        parts = zf.infolist()
        if len(parts) > MAX_PARTS:
            raise LoadError(said(shown, "too-large", "parts", n=len(parts), max=MAX_PARTS))
        sheets = [p for p in parts if p.filename.startswith("xl/worksheets/") and p.filename.endswith(".xml")]
        if len(sheets) > MAX_SHEETS:
            raise LoadError(said(shown, "too-large", "sheets", n=len(sheets), max=MAX_SHEETS))
        total = 0
        for part in parts:
            if part.is_dir():
                continue
            total += _inflate(zf, part, shown, MAX_INFLATED_BYTES - total, part in sheets)


def _inflate(zf: zipfile.ZipFile, part: zipfile.ZipInfo, shown: str, left: int, sheet: bool) -> int:
    """Inflate one part in chunks, never more than its limits; refuse a DTD and, in a sheet, a dimension too large.
    How many bytes it inflated to."""
    xml = part.filename.endswith((".xml", ".rels", ".vml"))
    size, tail, head = 0, b"", b""
    try:
        with zf.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > MAX_PART_BYTES:
                    raise LoadError(said(shown, "too-large", "part", part=_name(part), max=_mb(MAX_PART_BYTES)))
                if size > left:
                    raise LoadError(said(shown, "too-large", "inflated", max=_mb(MAX_INFLATED_BYTES)))
                if xml:
                    if _DTD.search(tail + chunk):
                        raise LoadError(said(shown, "unsafe-workbook", "dtd", part=_name(part)))
                    tail = chunk[-16:]
                    if sheet and len(head) < 4096:
                        head += chunk[:4096 - len(head)]
    except LoadError:
        raise
    except Exception:  # noqa: BLE001 - zlib.error, BadZipFile (a CRC), EOFError, NotImplementedError …: damaged
        raise LoadError(said(shown, "unsafe-workbook", "damaged", part=_name(part))) from None
    if sheet and (m := _DIMENSION.search(head)):
        rows = max(int(m[2] or 1), int(m[4] or 1))
        columns = max(_column(m[1]), _column(m[3]))
        if rows > MAX_ROWS or columns > MAX_COLUMNS:
            raise LoadError(said(shown, "too-large", "dimension", part=_name(part), rows=f"{rows:,}",
                                 columns=f"{columns:,}", max_rows=f"{MAX_ROWS:,}", max_columns=MAX_COLUMNS))
    return size


def _column(letters: bytes | None) -> int:
    n = 0
    for c in letters or b"A":
        n = n * 26 + c - 64
    return n


def _name(part: zipfile.ZipInfo) -> str:
    name = part.filename
    return name if len(name) <= 60 else name[:57] + "…"


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"
