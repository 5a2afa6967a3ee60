"""Writes proportional to the change (issue 27): `record` and `template --add-date` round-trip only the report they
edit (files.writing.load_piece), the rest of the file kept as its text, and write exactly the bytes the round trip
of the whole file wrote; where the file is not laid out plainly enough, the whole file is edited as before."""

from __future__ import annotations

import pytest

from gdtrack.files import writing
from gdtrack.repository import recording

from .test_writers_gate import big_file
from .test_writers_gate import data as data  # the fixture: the plan, a copy of its progress

ECON = "区经济发展局.yaml"


@pytest.fixture
def loaded(monkeypatch):
    """The length of every text ruamel's round trip loads from now on."""
    sizes: list[int] = []
    real = writing._yaml

    def spy(*args, **kwargs):
        y = real(*args, **kwargs)
        load = y.load
        y.load = lambda text: (sizes.append(len(text)), load(text))[1]
        return y

    monkeypatch.setattr(writing, "_yaml", spy)
    return sizes


HEAD = "# 示例数据（虚构）\nunit: 区经济发展局\n"
REPORT = '  - as_of: {day}\n    entries:\n      - indicator: "7.1"\n        value: {v}\n        evidence: 台账\n'
INDENTLESS = '- as_of: {day}\n  entries:\n  - indicator: "7.1"\n    value: {v}\n    evidence: 台账\n'
LAYOUTS = {
    "plain": HEAD + "reports:\n" + REPORT.format(day="2023-03-31", v=5) + REPORT.format(day="2023-09-30", v=9),
    "comments and blank lines": HEAD + "reports:\n" + REPORT.format(day="2023-03-31", v=5)
    + "\n# 第三季度\n" + REPORT.format(day="2023-09-30", v=9) + "# 完\n",
    "indentless": HEAD + "reports:\n" + INDENTLESS.format(day="2023-03-31", v=5)
    + INDENTLESS.format(day="2023-09-30", v=9),
    "baselines after": HEAD + "reports:\n" + REPORT.format(day="2023-03-31", v=5)
    + 'baselines:\n  - indicator: "13.1"\n    value: 1\n',
    "BOM and CRLF": "\ufeff" + (HEAD + "reports:\n" + REPORT.format(day="2023-03-31", v=5)).replace("\n", "\r\n"),
    "flow": HEAD + 'reports: [{as_of: 2023-03-31, entries: [{indicator: "7.1", value: 5}]}]\n',
}
# a new date after the others, one between them, and a change of a figure already there
RECORDS = [("2023-12-31", "7.1=12", ()), ("2023-06-30", "7.1=7", ()),
           ("2023-03-31", "7.1=6", ("--force", "--reason", "更正"))]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("day", "figure", "more"), RECORDS, ids=["after", "between", "changed"])
def test_record_writes_what_the_whole_file_round_trip_wrote(cli, data, monkeypatch, layout, day, figure, more):
    cat, prog = data
    path = prog / ECON
    results = []
    for whole in (False, True):
        path.write_bytes(LAYOUTS[layout].encode("utf-8"))
        if whole:  # the way every write went before: the whole file through the round trip
            monkeypatch.setattr(recording, "_piece", lambda *_: None)
        r = cli("record", "经发局", "--as-of", day, figure, *more, "-c", cat, "-p", prog)
        assert r.exit_code == 0, r.output
        results.append(path.read_bytes())
    assert results[0] == results[1]


def test_a_plain_file_is_edited_as_one_report_and_a_flow_one_whole():
    plain, flow = LAYOUTS["plain"], LAYOUTS["flow"]
    piece = writing.load_piece(plain, "reports", 1, 2)
    assert piece is not None and piece.doc.data["reports"][0]["entries"][0]["value"] == 9
    assert piece.dump() == plain  # unedited, the file comes back byte for byte
    assert writing.load_piece(flow, "reports", 0, 1) is None
    assert writing.load_piece(plain, "reports", 0, 3) is None  # the parse counted 3 reports, the text has 2


def test_record_and_add_date_on_a_large_file_round_trip_only_their_report(cli, data, loaded):
    cat, prog = data
    path = prog / ECON
    text = big_file(2_000_000)  # 2 MB of daily reports with long notes
    path.write_text(text, encoding="utf-8")
    r = cli("record", "经发局", "--as-of", "2023-12-31", "7.1=20", "--evidence", "台账", "-c", cat, "-p", prog)
    assert r.exit_code == 0, r.output
    r = cli("template", "经发局", "--as-of", "2023-12-30", "-o", path, "--add-date", "-c", cat, "-p", prog)
    assert r.exit_code == 0, r.output
    # What ruamel loaded: the warm-up's template of a few hundred bytes and the one report edited (here none:
    # both dates are new), never the 2 MB file (about 13 s of round trip).
    assert loaded and max(loaded) < 10_000, loaded
    written = path.read_text(encoding="utf-8")
    assert written.startswith(text[:-1]) and "as_of: 2023-12-30" in written and "as_of: 2023-12-31" in written


def test_a_piece_refuses_to_write_an_edit_outside_its_report():
    """A writer that adds a top-level key (`responses:`, …) must edit the whole file: the piece would put it inside
    `reports:`. It fails loudly instead of writing a wrong file."""
    piece = writing.load_piece(LAYOUTS["plain"], "reports", 1, 2)
    piece.doc.data["responses"] = []
    with pytest.raises(ValueError):
        piece.dump()
