"""A new report written without ruamel's serializer (files.emitting, issue 27): byte for byte what ruamel writes,
for every report of the shipped sample and of a generated plan; anything it cannot vouch for is left to ruamel;
and `record` / `import` write the same files either way."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from gdtrack.files import emitting, writing
from gdtrack.files.emitting import emit_item

from .test_fuzz import FUZZ

ROOT = Path(__file__).resolve().parent.parent
LAYOUT = (2, 4, 2)


def built(report: dict) -> CommentedMap:
    """The report as `record` builds a new one: ids quoted, the rest as read."""
    def node(v, key=None):
        if isinstance(v, dict):
            return CommentedMap((k, node(x, k)) for k, x in v.items())
        if isinstance(v, list):
            return CommentedSeq(node(x) for x in v)
        if key == "indicator":
            return DoubleQuotedScalarString(v)
        return v
    return node(report)


def ruamel(report: CommentedMap) -> str:
    buf = io.StringIO()
    writing._yaml().dump(CommentedMap([("reports", CommentedSeq([report]))]), buf)
    return buf.getvalue()


def reports_of(folder: Path) -> list[dict]:
    out = []
    for path in sorted(folder.glob("*.yaml")):
        out += (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("reports") or []
    return out


def test_every_sample_and_generated_report_is_written_as_ruamel_writes_it(tmp_path):
    from bench.generate import generate

    generate(3, tmp_path / "g", 2023)
    reports = reports_of(ROOT / "data" / "progress") + reports_of(tmp_path / "g" / "progress")
    written = 0
    for report in reports:
        node = built(report)
        mine = emit_item("reports", node, LAYOUT)
        if mine is not None:
            assert mine == ruamel(node), report
            written += 1
    assert len(reports) > 100
    assert written >= 0.8 * len(reports)  # the common case is ours: texts that start with a word, plain numbers


@pytest.mark.parametrize("entry", [
    {"indicator": "1.1", "value": 3, "note": "a: b"},  # a mapping inside a text
    {"indicator": "1.1", "value": 3, "note": "yes"},  # a word YAML 1.1 reads as true
    {"indicator": "1.1", "value": 3, "note": "2023-12-31"},  # a date
    {"indicator": "1.1", "value": 3, "note": "1e5"},  # a number to YAML 1.2
    {"indicator": "1.1", "value": 3, "note": "0x1F"},  # a number to YAML 1.1
    {"indicator": "1.1", "value": 3, "note": "%TAG"},  # a directive's indicator first
    {"indicator": "1.1", "value": 3, "note": "进展 "},  # a trailing blank
    {"indicator": "1.1", "value": 3, "note": "一\n二"},  # a line break
    {"indicator": "1.1", "value": 1e20},  # ruamel's own spelling of an exponent
    {"indicator": "1.1", "value": float("nan")},
    {"indicator": "1.1", "value": 3, "note": "#1"},
    {"indicator": 'a"b', "value": 3},  # a quote in a quoted id
    {"indicator": "1.1", "value": 3, "attachments": []},  # ruamel writes `[]`
])
def test_what_it_cannot_vouch_for_is_left_to_ruamel(entry):
    node = built({"as_of": dt.date(2023, 12, 31), "entries": [entry]})
    assert emit_item("reports", node, LAYOUT) is None


def test_a_comment_or_another_layout_is_left_to_ruamel():
    node = built({"as_of": dt.date(2023, 12, 31), "entries": [{"indicator": "1.1", "value": None}]})
    assert emit_item("reports", node, LAYOUT) == ('reports:\n  - as_of: 2023-12-31\n    entries:\n'
                                                  '      - indicator: "1.1"\n        value:\n')
    assert emit_item("reports", node, (4, 4, 2)) is None
    node["entries"][0].yaml_add_eol_comment("超过目标", "indicator")  # template --add-date's name and target
    assert emit_item("reports", node, LAYOUT) is None


def test_record_and_import_write_the_same_files_with_or_without_it(cli, tmp_path, monkeypatch):
    from .plus import plus_data
    from .test_forms import fill, import_, make_form

    def run(where: Path) -> dict[str, str]:
        where.mkdir()
        cat, prog = plus_data(where)
        form = fill(make_form(cli, cat, prog, where / "经发局.xlsx"), {"I5": 25, "K5": "经发局10月台账"})
        assert import_(cli, cat, prog, form).exit_code == 0
        r = cli("record", "区农业服务中心", "--as-of", "2023-10-31", "2.1=4.5", "--evidence", "农业台账",
                "--note", "完成4.5亿元", "-c", cat, "-p", prog)
        assert r.exit_code == 0, r.output
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(prog.glob("*.yaml"))}

    calls: list[str] = []
    real = emitting.emit_item
    monkeypatch.setattr(emitting, "emit_item", lambda *a: calls.append(a[0]) or real(*a))
    fast = run(tmp_path / "fast")
    assert len(calls) == 2  # both new reports went through the emitter
    monkeypatch.setattr(emitting, "emit_item", lambda *a: None)  # ruamel writes everything
    slow = run(tmp_path / "slow")
    assert fast == slow
    farm = fast["区农业服务中心.yaml"]
    assert "- as_of: 2023-10-31\n" in farm
    assert "value: 4.5\n        note: 完成4.5亿元\n        evidence: 农业台账\n" in farm


TEXTS = st.text(alphabet=st.sampled_from(list("进展台账亿元%，。：:#-' \"ab1yesNo0x.e月\n\t")), min_size=0, max_size=12)
WORDY = st.builds(str.__add__, st.sampled_from(["进展", "5G", "2个", "3.5亿", "ab", "1e", "0x", "Yes"]), TEXTS)
SCALARS = st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
                    st.booleans(), st.dates(), TEXTS, WORDY)


@FUZZ
@given(note=SCALARS, evidence=SCALARS, value=SCALARS, ident=TEXTS)
def test_whatever_it_writes_is_what_ruamel_writes(note, evidence, value, ident):
    node = built({"as_of": dt.date(2023, 12, 31), "submitted": dt.date(2026, 12, 3),
                  "entries": [{"indicator": ident, "value": value, "note": note, "evidence": evidence}]})
    mine = emit_item("reports", node, LAYOUT)
    if mine is not None:
        assert mine == ruamel(node)  # (and Piece.dump uses it only when the fast reader reads it back the same)
