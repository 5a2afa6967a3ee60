"""Text from data stays data in every output: terminals, CSV, Excel, Markdown, GitHub annotations, JSON.

The writers are tested on their own, with models that never went through `gdtrack check`: a file that was
never checked must not turn into code in someone else's tool either.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from gdtrack.diagnostics import error
from gdtrack.engine.evaluation import evaluate
from gdtrack.files.loading import load
from gdtrack.models import Catalogue, Entry, ProgressFile, Report
from gdtrack.views import output, safe
from gdtrack.views.grid import Column, Grid, to_csv, to_markdown, to_plain
from gdtrack.views.ledger import ledger_csv, ledger_xlsx
from gdtrack.views.problems import format_github, format_text

from .conftest import MINI as MINI_TEXT

ANSI = "\x1b[2J\x1b[31m红\x1b[0m\x1b]0;pwned title\x07\x1b]52;c;ZWNobyBwd25lZA==\x07"


def test_terminal_drops_escape_sequences_and_controls_but_keeps_text_and_newlines():
    assert safe.terminal(ANSI + "已建成\n15个") == "红已建成\n15个"
    assert safe.terminal("a\vb\x00c\x7fd\x9b31me\tf") == "abcde f"  # C0, DEL, the one-byte C1 CSI, tab → space
    assert safe.terminal("\u202e\u2066abc") == "abc"  # bidi overrides reorder what a reader sees
    assert safe.terminal("unterminated \x1b]0;title") == "unterminated "
    assert safe.terminal("受选址影响，进度偏慢") == "受选址影响，进度偏慢"


def test_visible_shows_where_a_control_character_is():
    assert safe.visible("a\vb\x1b[2J") == "a␋b␛[2J"


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", "=HYPERLINK(\"x\")"])
def test_csv_cell_neutralises_formulas(text):
    assert safe.csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-3.5", "+12.0%", "-7", 12, -3.5, None, "已建成 = 15"])
def test_csv_cell_leaves_numbers_and_plain_text(value):
    assert safe.csv_cell(value) == value


def test_markdown_escapes_html_and_cell_breaks():
    assert safe.markdown_cell('<script>alert(1)</script> & <img src=x onerror="y"> a|b\nc') == \
        '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror="y"&gt; a\\|b<br>c'


def test_github_properties_and_data_are_escaped():
    assert safe.github_property("a,b:c%\n::error::x") == "a%2Cb%3Ac%25%0A%3A%3Aerror%3A%3Ax"
    assert safe.github_data("50%\r\n::warning::x") == "50%25%0D%0A::warning::x"


def test_json_value_maps_non_finite_numbers_to_null():
    assert safe.json_value({"a": [float("inf"), -float("inf"), float("nan"), 1.5, "x"], "b": 2}) == \
        {"a": [None, None, None, 1.5, "x"], "b": 2}


# ── wired in ───────────────────────────────────────────────────────────────────────────────────


def grid_with(note: str) -> Grid:
    grid = Grid([Column("id"), Column("note")])
    grid.add("1.1", note)
    return grid


def test_grid_outputs():
    plain = to_plain(grid_with(ANSI + "说明"))
    assert "\x1b" not in plain and "\x07" not in plain and "红说明" in plain
    md = to_markdown(grid_with("<img src=x onerror=alert(1)>|x"))
    assert "<img" not in md and "&lt;img src=x onerror=alert(1)&gt;\\|x" in md
    rows = list(csv.reader(io.StringIO(to_csv(grid_with("=cmd|'/c calc'!A1")))))
    assert rows[1] == ["1.1", "'=cmd|'/c calc'!A1"]


def test_format_github_keeps_a_crafted_file_name_on_one_command():
    name = "data/progress/x.yaml\n::error file=evil::injected,title=y"
    out = format_github([error(name, "schema", "bad\nline")])
    assert out.count("\n") == 0 and out.count("::") == 2
    assert out.startswith("::error file=data/progress/x.yaml%0A%3A%3Aerror file=evil%3A%3Ainjected%2Ctitle=y,")


def test_format_text_neither_obeys_nor_hides_control_characters():
    d = error("p.yaml", "schema", f"unit {ANSI} is not in `units`", "hint \x1b[8mhidden").at(2, 7)
    out = format_text([d], {"p.yaml": ["unit: x", 'note: "a\x0bb\x1b[2J"']}, "en")
    assert "\x1b" not in out and "\x0b" not in out
    assert '   2 | note: "a␋b␛[2J"' in out and "help: hint hidden" in out


def test_emit_lines_strips_controls_on_a_terminal_only(capsys, monkeypatch):
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    output.emit_lines([f"note: {ANSI}"])
    assert capsys.readouterr().out == "note: 红\n"
    monkeypatch.setattr(output, "is_terminal", lambda: False)
    output.emit_lines(["note: \x1b[31m"])  # piped to a file: bytes as they are
    assert capsys.readouterr().out == "note: \x1b[31m\n"


def test_emit_json_never_writes_infinity(capsys):
    output.emit_json({"completion": float("inf"), "rows": [{"gap": float("nan")}, {"gap": 0.5}]})
    data = json.loads(capsys.readouterr().out)  # would fail on Infinity / NaN
    assert data == {"completion": None, "rows": [{"gap": None}, {"gap": 0.5}]}


# ── the ledger, from a file that was never checked ─────────────────────────────────────────────


@pytest.fixture
def unchecked(mini):
    cat = load(mini(), Catalogue).model
    pf = ProgressFile("区经济发展局", [Report(dt.date(2023, 9, 30), [
        Entry("1.1", 21, note="=HYPERLINK(\"http://evil\",\"点此\")", evidence="台账\v第二页\x1b[31m"),
    ])])
    from gdtrack.engine.snapshot import Snapshot

    return Snapshot(evaluate(cat, [pf], dt.date(2023, 9, 30)), (pf,))


def test_xlsx_ledger_never_crashes_and_never_holds_a_formula_from_data(unchecked):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(ledger_xlsx(unchecked)))
    sheet = book["全部指标"]
    row = {sheet.cell(3, c).value: sheet.cell(4, c) for c in range(1, sheet.max_column + 1)}
    assert row["说明"].value == '=HYPERLINK("http://evil","点此")'
    assert row["说明"].data_type == "s" and row["说明"].quotePrefix  # shown as text, stays text when edited
    assert row["来源"].value == "台账第二页[31m"  # what XML cannot hold (\v, ESC) is dropped; the rest is text
    assert all(c.data_type != "f" for ws in book for r in ws.iter_rows() for c in r)


def test_xlsx_ledger_a_formula_like_note_is_text_and_its_neighbours_are_unchanged(mini):
    """The ledger's cells of one column share one style; the one made text (quotePrefix) takes a copy of it: the
    plain note below it, and the one above, are not marked, and all three keep the column's alignment."""
    from openpyxl import load_workbook

    from gdtrack.engine.snapshot import Snapshot

    more = "\n".join(f"""\
      - id: "1.{n}"
        name: 指标{n}
        quote: 大力发展数字经济
        comparator: ">="
        target: 30
        unit: 个
        measure: cumulative""" for n in (2, 3))
    cat = load(mini(insert={27: more}), Catalogue).model  # after 1.1
    notes = {"1.1": "已建成", "1.2": "=1+1", "1.3": "剩余2处"}
    files = [ProgressFile("区经济发展局", [Report(dt.date(2023, 9, 30),
                                                  [Entry(i, 21, note=n) for i, n in notes.items()])])]
    book = load_workbook(io.BytesIO(ledger_xlsx(Snapshot(evaluate(cat, files, dt.date(2023, 9, 30)),
                                                         tuple(files)))))
    for sheet in (book["全部指标"], book["区经济发展局"]):
        column = [c for c in range(1, sheet.max_column + 1) if sheet.cell(3, c).value == "说明"][0]
        cells = [sheet.cell(r, column) for r in (4, 5, 6)]
        assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
            ("已建成", "s", False), ("=1+1", "s", True), ("剩余2处", "s", False)]
        assert all(c.alignment.vertical == "top" and c.alignment.wrap_text for c in cells)  # 说明 wraps


def test_xlsx_ledger_sheet_names_excel_opens_and_an_error_code_note_stays_text(mini):
    """Units whose names differ only in case get two sheets (Excel does not tell them apart: the second is
    numbered as gdtrack numbers a name cut at 31), none starts or ends with an apostrophe (Excel refuses such a
    file), each holds its unit's goal; a note that reads like an error value ("#N/A") is text, not an error."""
    from openpyxl import load_workbook

    from gdtrack.engine.snapshot import Snapshot

    cat = load(mini(text=MINI_TEXT.replace("区经济发展局", "ABC'").replace("区农业服务中心", "abc'")),
               Catalogue).model
    files = [ProgressFile("ABC'", [Report(dt.date(2023, 9, 30), [Entry("1.1", 21, note="#N/A")])])]
    book = load_workbook(io.BytesIO(ledger_xlsx(Snapshot(evaluate(cat, files, dt.date(2023, 9, 30)),
                                                         tuple(files)))))
    assert book.sheetnames == ["汇总", "全部指标", "ABC_", "abc_~2", "考核"]
    assert [book["ABC_"].cell(4, 3).value, book["abc_~2"].cell(4, 3).value] == ["1.1", "2.1"]
    sheet = book["全部指标"]
    note = sheet.cell(4, [c.value for c in sheet[3]].index("说明") + 1)
    assert (note.value, note.data_type) == ("#N/A", "s")


def test_csv_ledger_neutralises_formulas(unchecked):
    rows = list(csv.reader(io.StringIO(ledger_csv(unchecked).decode("utf-8-sig"))))[2:]
    note = rows[0].index("说明")
    assert rows[1][note] == "'=HYPERLINK(\"http://evil\",\"点此\")"


def test_the_markdown_bulletin_escapes_catalogue_text_in_its_lists_too(cli, mini, tmp_path):
    """A goal's name from the catalogue is data as well: a `<script>` in it reaches the page as text."""
    cat = mini(replace={22: "        name: 新建<script>alert(1)</script>基站"})
    folder = tmp_path / "progress"
    folder.mkdir()
    (folder / "区经济发展局.yaml").write_text(
        "unit: 区经济发展局\nreports:\n  - as_of: 2023-09-30\n    entries:\n"
        '      - indicator: "1.1"\n        value: 30\n        evidence: 台账\n', encoding="utf-8")
    md = cli("report", "--as-of", "2023-09-30", "-c", cat, "-p", folder).stdout
    assert "<script>" not in md and "新建&lt;script&gt;alert(1)&lt;/script&gt;基站" in md
