"""Fuzzing: mutated and generated catalogues and progress files never make `check`, `status` or `record` crash.

Whatever the bytes, each command ends with exit status 0, 1 or 2, no Python traceback, in bounded time. The
mutations insert, delete and replace text with what departments and attackers actually paste: control characters,
huge numbers, YAML tags, anchors, flow syntax, tabs, BOMs, odd dates.

CI runs a bounded, derandomised number of examples per test (60: ~15 s for the three); a longer run is one command:

    GDTRACK_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import MINI, MINI_PROGRESS

EXAMPLES = int(os.environ.get("GDTRACK_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SECONDS = 5.0  # per command and example

TOKENS = [
    "9" * 5000, "-" + "9" * 40, "1.0e+400", "1.7e+308", "9007199254740993", ".nan", "-.inf", "0x1F", "012", "1_000",
    "1:30", "yes", "off", "~", "null", "2023-02-30", "2023/9/30", "0.1", "-5", "１２", "done", "blocked",
    "!!python/object/apply:os.system ['echo pwned']", "!!binary aGk=", "&a [1, 2]", "*a", "<<: *a", "? ", ": ",
    "- ", "[", "]", "{", "}", "'", '"', "|", ">", "#", "%YAML 1.1\n---\n", "---\n", "...\n", "\t", "\n", "\r\n",
    "\ufeff", '"\\v"', '"\\e[2J\\e]0;x\\a"', '"\\x00"', '"\\u202e"', "\x85", "\u2028", "=HYPERLINK(\"x\")",
    "<script>alert(1)</script>", "长" * 2100, "indicator: \"1.1\"", "value: ", "as_of: 2023-10-31", "entries: ",
    "revised: {reason: x}", "revised: {reason: ''}", "unit: 区农业服务中心", "  ", "    ", "      - ",
]
ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs"])
PAYLOAD = st.one_of(st.sampled_from(TOKENS), st.text(ALPHABET, max_size=12))
EDITS = st.lists(st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, 1 << 20),
                           st.integers(0, 40), PAYLOAD), min_size=1, max_size=5)

_counter = itertools.count()


def mutate(text: str, edits: list[tuple[str, int, int, str]]) -> str:
    for op, at, length, payload in edits:
        i = at % (len(text) + 1)
        if op == "insert":
            text = text[:i] + payload + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + length:]
        else:
            text = text[:i] + payload + text[i + length:]
    return text


def workspace(tmp_path, catalogue: str, progress: dict[str, str | bytes]):
    """A fresh folder under tmp_path with the catalogue and progress files as given."""
    root = tmp_path / f"case{next(_counter)}"
    (root / "progress").mkdir(parents=True)
    (root / "tasks.yaml").write_text(catalogue, encoding="utf-8", errors="surrogatepass")
    for name, text in progress.items():
        path = root / "progress" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return root / "tasks.yaml", root / "progress"


def run(cli, *args):
    """One command: an exit status of 0, 1 or 2, no traceback, within SECONDS."""
    start = time.perf_counter()
    result = cli(*args)
    took = time.perf_counter() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{args[0]} crashed: {result.exception!r}"
    assert result.exit_code in (0, 1, 2), (args[0], result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert took < SECONDS, f"{args[0]} took {took:.1f} s"
    return result


def every_command(cli, cat, prog, value="25", note="新增"):
    run(cli, "check", "-c", cat, "-p", prog, "--as-of", "2023-09-30")
    run(cli, "status", "-c", cat, "-p", prog, "--as-of", "2023-09-30", "-f", "json")
    run(cli, "record", "区经济发展局", "1.1", value, "--as-of", "2023-10-31", "--note", note, "-c", cat, "-p", prog)


@FUZZ
@given(edits=EDITS)
def test_mutated_progress_files(cli, tmp_path, edits):
    progress = dict(MINI_PROGRESS)
    progress["区经济发展局.yaml"] = mutate(progress["区经济发展局.yaml"], edits)
    every_command(cli, *workspace(tmp_path, MINI, progress))


@FUZZ
@given(edits=EDITS)
def test_mutated_catalogues(cli, tmp_path, edits):
    every_command(cli, *workspace(tmp_path, mutate(MINI, edits), MINI_PROGRESS))


SCALAR = st.one_of(
    st.integers(-(10**40), 10**40), st.floats(allow_nan=True, allow_infinity=True), st.text(ALPHABET, max_size=30),
    st.sampled_from(["done", "in_progress", "not_started", "blocked", "1.1", "2.1", "区经济发展局"]),
    st.booleans(), st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
)
ENTRY = st.dictionaries(
    st.sampled_from(["indicator", "value", "note", "evidence", "revised", "vaule"]),
    st.one_of(SCALAR, st.fixed_dictionaries({"reason": SCALAR})), max_size=5)
REPORT = st.fixed_dictionaries({"as_of": SCALAR, "entries": st.one_of(st.lists(ENTRY, max_size=4), SCALAR)})
PROGRESS = st.fixed_dictionaries({"unit": st.one_of(st.sampled_from(["区经济发展局", "区农业服务中心"]), SCALAR),
                                  "reports": st.one_of(st.lists(REPORT, max_size=4), SCALAR)})


@FUZZ
@given(data=PROGRESS, value=st.one_of(st.sampled_from(TOKENS), st.text(ALPHABET, min_size=1, max_size=20)),
       note=st.text(ALPHABET, max_size=30))
def test_generated_progress_files_and_typed_values(cli, tmp_path, data, value, note):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    every_command(cli, *workspace(tmp_path, MINI, {"区经济发展局.yaml": text}), value=value, note=note)


@pytest.mark.parametrize("name", ["catalogue", "progress"])
@pytest.mark.parametrize("raw", [
    b"\xff\xfe" + "unit: x".encode("utf-16-le"),  # UTF-16
    "unit: 区经济发展局".encode("gbk"),
    b"\x00" * 100,
    b"unit: [" + b"[" * 5000,  # deep nesting
    b"reports: [" + b"0," * 60000 + b"]",  # too many values
    b"a: &x [1]\nb: *x\n",
])
def test_hostile_bytes(cli, tmp_path, name, raw):
    """The inputs an adversarial test found, kept as explicit regressions alongside the fuzzing."""
    if name == "catalogue":
        cat, prog = workspace(tmp_path, MINI, MINI_PROGRESS)
        cat.write_bytes(raw)
    else:
        cat, prog = workspace(tmp_path, MINI, {**MINI_PROGRESS, "区经济发展局.yaml": raw})
    every_command(cli, cat, prog)


def test_record_refuses_a_unit_file_too_broken_to_name_its_unit(cli, tmp_path):
    """Found by the fuzzing: a file that does not parse at all has no `unit` to match, yet it is the unit's file."""
    cat, prog = workspace(tmp_path, MINI, {**MINI_PROGRESS,
                                           "区经济发展局.yaml": "9" * 10 + MINI_PROGRESS["区经济发展局.yaml"]})
    before = (prog / "区经济发展局.yaml").read_bytes()
    result = run(cli, "record", "区经济发展局", "1.1", "25", "--as-of", "2023-10-31", "-c", cat, "-p", prog)
    assert result.exit_code == 1 and "有错误，请先修正再录入" in result.stderr
    assert (prog / "区经济发展局.yaml").read_bytes() == before
