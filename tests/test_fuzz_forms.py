"""Fuzzing the forms and the writer gate: `import` of mutated spreadsheet forms (xlsx mutated at the zip, the XML
and the cell level; CSV at the byte and cell level) and `template --add-date` on mutated progress files never crash.

Each run ends with exit status 0, 1 or 2, no traceback, within bounded time (tests/test_fuzz.py's `run`). CI runs
the same bounded, derandomised number of examples as test_fuzz.py; the long run is the same command:

    GDTRACK_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz.py tests/test_fuzz_forms.py
"""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from .conftest import MINI_PROGRESS
from .plus import plus_data
from .test_fuzz import EDITS, FUZZ, PAYLOAD, TOKENS, mutate, run

_case = itertools.count()
CELL = st.one_of(st.sampled_from(TOKENS), PAYLOAD, st.integers(-(10**20), 10**20), st.floats(), st.none())


@pytest.fixture(scope="module")
def blank_form(tmp_path_factory):
    """One form made by `template`, read once: (its bytes, the catalogue and a pristine progress folder)."""
    from typer.testing import CliRunner

    from gdtrack.cli import app

    root = tmp_path_factory.mktemp("form")
    cat, prog = plus_data(root)
    path = root / "经发局.xlsx"
    result = CliRunner().invoke(app, ["template", "经发局", "--as-of", "2023-10-31", "-o", str(path), "-c", str(cat),
                                      "-p", str(prog)])
    assert result.exit_code == 0, result.output
    return path.read_bytes(), cat


def fresh(tmp_path: Path, cat: Path) -> tuple[Path, Path]:
    """A progress folder of its own for one example (the writes of one never reach the next)."""
    prog = tmp_path / f"case{next(_case)}"
    prog.mkdir()
    for name, text in MINI_PROGRESS.items():
        (prog / name).write_text(text, encoding="utf-8")
    return cat, prog


def import_run(cli, cat, prog, form: Path):
    return run(cli, "import", str(form), "-c", cat, "-p", prog)


@FUZZ
@given(cells=st.dictionaries(st.sampled_from(["B2", "D2", "A5", "I5", "J5", "K5", "A6", "I6", "L5", "M5", "I7",
                                              "A4", "I4", "C5"]), CELL, min_size=1, max_size=6))
def test_import_of_forms_with_any_cells(cli, tmp_path, blank_form, cells):
    raw, cat = blank_form
    form = tmp_path / f"cells{next(_case)}.xlsx"
    form.write_bytes(raw)
    wb = load_workbook(form)
    for ref, value in cells.items():
        try:
            wb.active[ref] = value
        except Exception:  # noqa: BLE001 - openpyxl refuses some values itself: Excel could not write them either
            continue
    wb.save(form)
    import_run(cli, *fresh(tmp_path, cat), form)


@FUZZ
@given(part=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml",
                             "[Content_Types].xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels"]), edits=EDITS)
def test_import_of_forms_with_mutated_xml(cli, tmp_path, blank_form, part, edits):
    raw, cat = blank_form
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                data = mutate(data.decode("utf-8"), edits).encode("utf-8", "surrogatepass")
            zout.writestr(info.filename, data)
    form = tmp_path / f"xml{next(_case)}.xlsx"
    form.write_bytes(out.getvalue())
    import_run(cli, *fresh(tmp_path, cat), form)


@FUZZ
@given(cut=st.integers(0, 1 << 16), flips=st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 255)),
                                                    max_size=8))
def test_import_of_forms_with_mutated_zip_bytes(cli, tmp_path, blank_form, cut, flips):
    raw, cat = blank_form
    data = bytearray(raw[: max(1, cut % (len(raw) + 1))] if cut % 3 == 0 else raw)
    for at, byte in flips:
        data[at % len(data)] = byte
    form = tmp_path / f"zip{next(_case)}.xlsx"
    form.write_bytes(bytes(data))
    import_run(cli, *fresh(tmp_path, cat), form)


CSV_FORM = ("报送表\n报送单位,区经济发展局,截至日期,2023-10-31\n\n"
            "编号,分工,指标,目标,单位,原文,上次报送数值,上次报送日期,本期数值,说明,佐证/数据来源,整改措施,整改时限\n"
            "1.1,本单位,新建5G基站,≥ 30 个,个,新建5G基站30个以上,21,2023-09-30,25,说明,台账,,\n"
            "1.2,本单位,数字经济发展方案,里程碑,,大力发展数字经济,,,推进中,,台账,,\n")


@FUZZ
@given(edits=EDITS, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_import_of_mutated_csv_forms(cli, tmp_path, blank_form, edits, encoding):
    _, cat = blank_form
    form = tmp_path / f"csv{next(_case)}.csv"
    form.write_bytes(mutate(CSV_FORM, edits).encode(encoding, "replace"))
    import_run(cli, *fresh(tmp_path, cat), form)


@FUZZ
@given(edits=EDITS)
def test_add_date_on_mutated_progress_files(cli, tmp_path, blank_form, edits):
    """`template --add-date` feeds nothing `check` refuses to the round-trip writer: no traceback, a file it
    refuses is left as it was."""
    _, cat = blank_form
    cat, prog = fresh(tmp_path, cat)
    path = prog / "区经济发展局.yaml"
    text = mutate(MINI_PROGRESS["区经济发展局.yaml"], edits)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = path.read_bytes()
    result = run(cli, "template", "经发局", "--as-of", "2023-10-31", "-o", path, "--add-date", "-c", cat, "-p", prog)
    if result.exit_code != 0:
        assert path.read_bytes() == before
