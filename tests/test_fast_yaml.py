"""The fast YAML reader (gdtrack.files.fastyaml) gives exactly what the strict reader gives, or steps aside.

For every text, either the fast reader answers MISS (and the strict reader, with its messages and lines, reads the
file), or it answers the very data the strict reader builds: same values, same types. The shipped files and the
bench's take the fast path (otherwise it would be dead code), and a run that only reads clean files never imports
PyYAML."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdtrack.diagnostics import LoadError
from gdtrack.files import fastyaml
from gdtrack.files.parsing import parse_yaml

from .conftest import CATALOGUE, PROGRESS


def strict(text: str, max_nodes: int | None = None):
    try:
        return ("data", parse_yaml(text, "f.yaml", max_nodes=max_nodes, fast=False))
    except LoadError as exc:
        return ("refused", exc.diagnostic.code)


def same(a, b) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True in Python; not here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(x, y) and type(k) is type(k2) for (k, x), (k2, y)
                                          in zip(a.items(), b.items(), strict=True))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b or (a != a and b != b)


# Each of these reads differently in YAML 1.2 (yaml-rs) and YAML 1.1 with gdtrack's rules, or is refused by the
# strict reader only: the fast reader must step aside for every one.
DIFFERENT = [
    "a: yes", "a: Off", "a: 012", "a: 0x1F", "a: 0o17", "a: 0b101", "a: 1_000", "a: 1:30", "a: 1e3", "a: 1.5e3",
    "a: -.5", "a: 2023-02-30", 'a: "2023-09-30"', "a: '2023-09-30'", "a: &x 1\nb: *x", "a: !!str 1", "a: ! 1",
    "<<: {b: 1}", "a: 1\na: 2", "---\na: 1\n---\nb: 2\n", "%YAML 1.1\n---\na: 1\n", "a: .inf", "a: .nan",
    "a: 1" + "0" * 400 + ".0", "a: " + "9" * 31, "a: 2023-09-30 10:00:00", "? [1]\n: 2", "1: a", "a: \x07",
    "a: b\x85c", "a:\n\t- 1", "a: b\rc: d", "a: 1._", "- [" * 300 + "]" * 300,
    "a: _1", "a: -_1", "a: _.5", "a: [_0]", "_1: a",  # yaml-rs reads these as numbers, YAML 1.1 as texts
]


@pytest.mark.parametrize("text", DIFFERENT)
def test_the_fast_reader_steps_aside_where_the_readers_differ(text):
    assert fastyaml.read(text) is fastyaml.MISS


# (A quoted '012' or "yes" steps aside too: the fast reader cannot tell it from a plain one.)
# Texts the fast reader takes: what a progress file holds, quoted ids and numbers, dates, Chinese, R & D.
TAKEN = [
    "unit: 区经济发展局\nreports:\n  - as_of: 2023-09-30\n    entries:\n      - indicator: \"7.1\"\n"
    "        value: 21.5\n",
    "a: true\nb: FALSE\nc: ~\nd:\ne: null\nf: -3\ng: +0.5\nh: 1.\ni: .5\nj: 0\nk: [1, '7.1', \"true\"]\n",
    "a: R & D, 5 * 3\nb: '0.1.2'\nc: 中文：冒号\nd: |\n  两行\n  文字\ne: >\n  折叠\n  文字\n",
    "a: x #c\nb: {c: d}\nc: 2024-02-29\nd: 'it''s'\ne: \"\\x41\"\n",
    "a: |\r\n  x\r\n  y\r\nb: \"p\r\n  q\"\r\nc: plain\r\n  more\r\n",  # Windows line endings
]


@pytest.mark.parametrize("text", TAKEN)
def test_the_fast_reader_takes_plain_files_and_builds_what_the_strict_one_builds(text):
    fast = fastyaml.read(text)
    assert fast is not fastyaml.MISS
    kind, data = strict(text)
    assert kind == "data" and same(fast, data)


def test_the_node_limit_holds_on_the_fast_path():
    text = "a: [" + ", ".join(["1"] * 100) + "]\n"  # 1 mapping + key + list + 100 numbers = 103 values
    assert fastyaml.read(text, max_nodes=103) is not fastyaml.MISS
    assert fastyaml.read(text, max_nodes=102) is fastyaml.MISS  # the strict reader refuses it, with its line
    assert strict(text, 102) == ("refused", "too-large")


def test_the_shipped_files_take_the_fast_path_with_the_same_data():
    for path in [CATALOGUE, CATALOGUE.with_name("nodes_2023.yaml"), *sorted(PROGRESS.glob("*.yaml"))]:
        text = path.read_text("utf-8-sig")
        fast = fastyaml.read(text)
        assert fast is not fastyaml.MISS, path
        assert same(fast, strict(text)[1]), path


SCALARS = st.one_of(
    st.sampled_from(["yes", "no", "on", "off", "true", "~", "null", "=", "<<", "012", "0x1", "1_0", "1:30", "1e3",
                     "-.5", ".5", "1.", "2023-09-30", "2023-02-30", "7.1", "+1", "-0", "1.0e+3", "._", "!x", "&a",
                     "*a", "R & D", "中文", "", "'q'", '"7.1"', '"2023-09-30"', "'yes'", "a: b", "- x", "#c",
                     "_0", "__1", "-_1", "+_1", "_.5", "[_1]"]),  # yaml-rs reads a leading underscore as a number
    st.text(alphabet="0123456789.-+:eE_xob yn中 '\"&*!#", max_size=8),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "7.1", "on"]), SCALARS), min_size=1, max_size=4))
def test_any_mapping_of_odd_scalars_reads_the_same_or_steps_aside(pairs):
    text = "".join(f"{k}: {v}\n" for k, v in pairs)
    fast = fastyaml.read(text)
    if fast is not fastyaml.MISS:
        kind, data = strict(text)
        assert kind == "data", (text, data)
        assert same(fast, data), (text, fast, data)


def test_a_clean_read_does_not_import_pyyaml():
    probe = ("import sys; from gdtrack.files.loading import load; from gdtrack.models import ProgressFile; "
             f"assert load({str(next(PROGRESS.glob('*.yaml')))!r}, ProgressFile).ok; print('yaml' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"


def test_dates_are_dates():
    assert fastyaml.read("a: 2023-09-30") == {"a": dt.date(2023, 9, 30)}


TOKENS = ["a", "中文", "7.1", '"7.1"', "'x'", "-", ":", " ", "\n", "\n  ", "\n    ", "[", "]", "{", "}", ",", "#c",
          "|", ">", "|-", ">+", "?", "1", "2.5", "~", "null", "true", "x y", '"', "'", "%", "@", "`", "\\", "=",
          "\u3000", "\u200b", "- ", ": ", "[a, b]", "{k: v}", ", "]
PREFIXES = ["", "a:\n  ", "- ", "k: v\nm:\n  - ", "r:\n  - as_of: 2023-01-31\n    e:\n      - i: "]


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(PREFIXES), st.lists(st.sampled_from(TOKENS), min_size=1, max_size=14), st.booleans())
def test_any_document_of_yaml_tokens_reads_the_same_or_steps_aside(prefix, tokens, newline):
    # Found this way, and now sent to the strict reader: empty block scalars (yaml-rs reads a line break), a block
    # scalar ending a file with no final line break, flow collections over several lines or with a scalar that
    # starts with an indicator, a document that is one scalar.
    text = prefix + "".join(tokens) + ("\n" if newline else "")
    fast = fastyaml.read(text)
    if fast is not fastyaml.MISS:
        kind, data = strict(text)
        assert kind == "data", (text, fast, data)
        assert same(fast, data), (text, fast, data)


def test_a_note_that_starts_with_an_underscore_is_a_note(cli, tmp_path):
    """yaml-rs read `note: _1` as the number 1, so `check` refused a clerk's note as not a text."""
    import shutil

    shutil.copytree(PROGRESS, tmp_path / "progress")
    path = tmp_path / "progress" / "区财政局.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("note: ") + len("note: ")
    path.write_text(text[:start] + "_1 #" + text[start:], encoding="utf-8")
    result = cli("check", "-c", CATALOGUE, "-p", tmp_path / "progress", env={"GDTRACK_CACHE": "off"})
    assert result.exit_code == 0 and "0 个错误" in result.output, result.output


def values_of(text: str) -> int | None:
    """How many values the fast reader vouches a text holds (None: it steps aside)."""
    data = fastyaml.built(text)
    try:
        return None if data is fastyaml.MISS else fastyaml._walk(data)
    except fastyaml._Miss:
        return None


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(PREFIXES), st.lists(st.sampled_from(TOKENS), min_size=1, max_size=14), st.booleans())
def test_a_text_never_holds_more_values_than_most_values_says(prefix, tokens, newline):
    # The clean path's one walk does not count values; a text that may hold more than its limit is counted.
    text = prefix + "".join(tokens) + ("\n" if newline else "")
    count = values_of(text)
    assert count is None or count <= fastyaml.most_values(text), (text, count)


def test_most_values_bounds_the_shipped_files_and_the_densest_shapes():
    dense = ["[" * 200 + "]" * 200, "- " * 200 + "x", "a: [" + ", ".join(["1"] * 100) + "]\n", "{a, b, c}",
             "a:\nb:\nc:\n", "- - - []\n", "[[], [], {}]", "? a\n? b\n"]
    for text in [*dense, *TAKEN, *(p.read_text("utf-8-sig") for p in [CATALOGUE, *sorted(PROGRESS.glob("*.yaml"))])]:
        count = values_of(text)
        assert count is None or count <= fastyaml.most_values(text), (text[:60], count)
    assert values_of("a: [" + ", ".join(["1"] * 100) + "]\n") == 103 <= fastyaml.most_values("a: [1]") + 200
