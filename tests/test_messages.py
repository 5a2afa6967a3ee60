"""Messages are worded once, where they are printed, in exactly the run's language (gdtrack.words.Message)."""

from __future__ import annotations

import ast
import json
import re

import pytest
import yaml

from gdtrack.diagnostics import said
from gdtrack.files.loading import validate
from gdtrack.models import Catalogue, ProgressFile
from gdtrack.repository.recording import RecordError, parse_value
from gdtrack.views.problems import format_github
from gdtrack.words import TABLES, Message, text

from .conftest import MINI, ROOT

HAN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
BROKEN = MINI.replace("target: 30", "target: thirty")  # a word where the catalogue needs a number
PROGRESS = ("unit: 区农业服务中心\nreports:\n  - as_of: 2023-09-30\n    entries:\n      - indicator: \"2.1\"\n"
            "        vaule: 1\n        note: 已建成\n")


@pytest.fixture
def broken(tmp_path):
    """A catalogue with a broken line and a progress file with an unknown key: (catalogue, folder, the data)."""
    cat = tmp_path / "计划.yaml"
    cat.write_text(BROKEN, encoding="utf-8")
    folder = tmp_path / "progress"
    folder.mkdir()
    (folder / "区农业服务中心.yaml").write_text(PROGRESS, encoding="utf-8")
    return cat, folder, BROKEN + PROGRESS + str(cat)


def _said_lines(output: str, path_prefix: str) -> list[str]:
    """What the run said: every line but the quoted source lines (`  12 | …`, carets), with paths cut off."""
    lines = [line for line in output.splitlines() if not re.match(r"\s+(\d+)? \|", line)]
    return [line.replace(path_prefix, "") for line in lines]


def test_check_in_english_prints_no_chinese_but_data(cli, broken):
    cat, folder, data = broken
    result = cli("check", "--lang", "en", "-c", cat, "-p", folder)
    assert result.exit_code == 1
    assert "error: `target`: should be a number, got 'thirty' [schema]" in result.output, result.output
    chinese = {run for line in _said_lines(result.output, str(cat.parent)) for run in HAN.findall(line)}
    assert chinese <= set(HAN.findall(data)), chinese - set(HAN.findall(data))


def test_check_in_chinese_prints_no_english_but_data_paths_and_codes(cli, broken):
    cat, folder, data = broken
    result = cli("check", "-c", cat, "-p", folder)
    assert result.exit_code == 1
    assert "错误: `target`：应为数字，实为 'thirty' [schema]" in result.output, result.output
    allowed = set(re.findall(r"[A-Za-z]{3,}", data + " ".join(TABLES["zh"].values())))
    said_words = set()
    for line in _said_lines(result.output, str(cat.parent)):
        said_words |= set(re.findall(r"[A-Za-z]{3,}", re.sub(r"\[[a-z-]+\]$", "", line)))
    assert said_words <= allowed, said_words - allowed
    for english in ("should", "got", "error", "help", "unknown"):
        assert english not in said_words


def test_json_rows_have_every_field_filled(cli, broken):
    cat, folder, _ = broken
    rows = json.loads(cli("check", "-f", "json", "-c", cat, "-p", folder).stdout)
    assert len(rows) >= 2
    for row in rows:
        assert row["code"] and row["key"] in TABLES["en"] and row["key"] in TABLES["zh"], row
        assert isinstance(row["values"], dict) and json.dumps(row["values"])
        assert row["message"] and row["message_zh"], row
        assert (row["hint"] is None) == (row["hint_zh"] is None), row
    unknown = next(r for r in rows if r["values"].get("name") == "vaule")
    assert (unknown["message"], unknown["message_zh"]) == ("unknown key `vaule`", "未知的键 `vaule`")
    assert (unknown["hint"], unknown["hint_zh"]) == ("did you mean `value`?", "是否应为 `value`？")
    assert unknown["key"] == "diag.schema.unknown_key" and unknown["values"]["close"] == "value"


def test_a_diagnostic_in_each_language():
    d = said("c.yaml", "baseline-from", "this_plan", id="2.1", name="2024")
    assert d.text("zh") == ("指标 2.1：baseline_from 指向本计划（2024）；它应取以前计划的最终数值", "填写以前的计划")
    assert d.text("en") == ("indicator 2.1: baseline_from names this plan (2024); it takes an earlier plan's final "
                            "figure", "name the earlier plan")
    assert (d.message, d.hint) == d.text("en") and (d.message_zh, d.hint_zh) == d.text("zh")
    assert d.said == Message("diag.baseline-from.this_plan", {"id": "2.1", "name": "2024"})
    line = format_github([d.at(3, 9)], "en")
    assert line.endswith("::indicator 2.1: baseline_from names this plan (2024); it takes an earlier plan's final "
                         "figure — name the earlier plan")
    assert format_github([d.at(3, 9)]).endswith("::指标 2.1：baseline_from 指向本计划（2024）；它应取以前计划的最终数值"
                                                 " — 填写以前的计划")


def test_a_message_words_its_message_values_in_the_same_language():
    outer = Message("workspace.more", first=Message("safeio.symlink-loop"), n=2)
    assert text(outer, "zh") == "符号链接循环指向自身，无法读取（另有 2 个问题）"
    assert text(outer, "en") == "this is a symbolic link that loops back on itself; it cannot be read (+2 more)"
    assert hash(outer) == hash(Message("workspace.more", {"first": Message("safeio.symlink-loop"), "n": 2}))


def test_a_record_refusal_in_both_languages():
    with pytest.raises(RecordError) as refused:
        parse_value("12亩")
    exc = refused.value
    assert exc.said.key == "diag.record.not_value" and exc.advice.key == "diag.number.digits.hint"
    assert exc.text("zh") == ("'12亩' 既不是数字，也不是里程碑状态", "只写数字，不带单位、逗号或 %，如 value: 12")
    assert exc.text("en") == ("'12亩' is not a number or a milestone state",
                              "write the bare number without units, commas or %: e.g. value: 12")
    assert (exc.message, exc.message_zh, str(exc)) == (exc.text("en")[0], exc.text("zh")[0], exc.text("en")[0])


def test_a_pydantic_error_is_said_in_chinese():
    _, (d,) = validate({"unit": 5, "reports": []}, ProgressFile, "x.yaml")
    assert d.text("zh") == ("`unit`：应为文字，实为 数字 5", None)
    assert d.text("en") == ("`unit`: should be text, got the number 5", None)
    _, (d,) = validate(yaml.safe_load(MINI.replace("period_end: 2023-12-31", "period_end: 2022-12-31")),
                       Catalogue, "c.yaml")
    assert d.message_zh == "`plan`：period_end 早于 period_start" and "Value error" not in d.message


def test_an_unknown_pydantic_error_type_has_a_word_in_both_languages():
    from gdtrack.files.loading import pydantic_said

    m = pydantic_said({"type": "some_new_type", "msg": "Input should be something new", "ctx": {}})
    assert text(m, "zh") == "取值不符合要求（some_new_type）"
    assert text(m, "en") == "the value is not valid (some_new_type)"


def test_every_message_key_written_in_the_source_is_in_both_tables():
    """Message("key", …) with a literal key anywhere in gdtrack: the key is in every table."""
    keys = []
    for path in (ROOT / "src" / "gdtrack").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Message" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                keys.append((path.name, node.args[0].value))
    assert len(keys) >= 5
    for where, key in keys:
        assert key in TABLES["zh"] and key in TABLES["en"], (where, key)
