"""Issue 24, deliver 1: bounded spreadsheets. A form whose parts inflate far beyond its size on disk, that has
hundreds of sheets, declares a dimension of a million rows, declares entities, or whose sheet XML is cut short: each
is one clear refusal naming the file, before any parser spends memory on it, never a traceback, and never an echo of
a huge value."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from .plus import plus_data
from .test_forms import import_, make_form


@pytest.fixture
def form(cli, tmp_path):
    cat, prog = plus_data(tmp_path)
    path = make_form(cli, cat, prog, tmp_path / "经发局.xlsx")
    return cat, prog, path


def rezip(path: Path, change) -> Path:
    """The workbook with its parts passed through `change(name, bytes) -> {name: bytes}`."""
    out = {}
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            out.update(change(info.filename, zf.read(info)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in out.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def with_dtd(xml: bytes) -> bytes:
    dtd = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    return xml.replace(b"?>", b"?>" + dtd, 1) if xml.startswith(b"<?xml") else dtd + xml


def sheet_of(name: str) -> bool:
    return name.startswith("xl/worksheets/sheet") and name.endswith(".xml")


CASES = [
    ("a part inflating to 40 MB", lambda n, b: {n: b, **({"xl/media/pad.xml": b" " * (40 << 20)} if sheet_of(n)
                                                          else {})}, "解压后超过 16 MB"),
    ("30 sheets", lambda n, b: {n: b} if not sheet_of(n) else {f"xl/worksheets/sheet{i}.xml": b for i in range(1, 31)},
     "个工作表，上限 20"),
    ("a dimension of XFD1048576", lambda n, b: {n: b.replace(b'<dimension ref="', b'<dimension ref="A1:XFD1048576" x="')
                                                if sheet_of(n) else b}, "1,048,576 行、16,384 列"),
    ("an entity declaration", lambda n, b: {n: with_dtd(b) if sheet_of(n) else b}, "DTD 或实体声明"),
    ("a sheet cut short", lambda n, b: {n: b[: len(b) // 2] if sheet_of(n) else b}, "无法作为报送表打开"),
]


@pytest.mark.parametrize(("what", "change", "said"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_workbook_is_one_refusal(cli, form, what, change, said):
    cat, prog, path = form
    rezip(path, change)
    assert path.stat().st_size < 2 * 1024 * 1024, what  # under the file-size limit: the bound is not the size
    result = import_(cli, cat, prog, path)
    assert result.exit_code == 1 and said in result.output, (what, result.output)
    assert "Traceback" not in result.output and str(path) in result.output
    assert len(result.output) < 2000, what  # one message, nothing echoed at length


def test_a_huge_cell_is_refused_at_its_cell_and_not_echoed(cli, form):
    cat, prog, path = form
    wb = load_workbook(path)
    wb.active["J5"] = "超" * 20_000
    wb.save(path)
    result = import_(cli, cat, prog, path)
    assert result.exit_code == 1 and "J5 有 20,000 个字符" in result.output, result.output
    assert "超" * 100 not in result.output
