"""Issue 22: the CI gate holds every target to its sentence. A copy of the shipped catalogue is changed one thing at
a time; each change is an error naming the goal, its task and its sentence, with the line and the fix."""

from __future__ import annotations

import json

import pytest

from .conftest import CATALOGUE, ROOT

SOURCE = ROOT.parent / "shared" / "seed" / "jining-etdz-2023-key-tasks.txt"
MUTATIONS = [
    # (what changes, the line it was on, the line it becomes, the code, words the message must hold)
    ("a target changed", '        target: 30\n        unit: 个\n        measure: cumulative\n  - id: 8\n',
     '        target: 25\n        unit: 个\n        measure: cumulative\n  - id: 8\n', "target-mismatch",
     ["7.1", "25", "新建5G基站30个以上", "任务 7"]),
    ("a comparator flipped", '        quote: "新建5G基站30个以上"\n        comparator: ">="\n',
     '        quote: "新建5G基站30个以上"\n        comparator: "<="\n', "comparator-mismatch",
     ["7.1", "以上", "新建5G基站30个以上", "任务 7"]),
    ("力争 dropped", '        name: "山东光大线路完成股改"\n        quote: "山东光大线路、神力索具完成股改"\n'
     '        comparator: "milestone"\n'
     '        owner: 区金融和国资管理局  # 企业上市 is finance work: 金融和国资管理局\n        stretch: true\n',
     '        name: "山东光大线路完成股改"\n        quote: "山东光大线路、神力索具完成股改"\n'
     '        comparator: "milestone"\n'
     '        owner: 区金融和国资管理局  # 企业上市 is finance work: 金融和国资管理局\n',
     "stretch-mismatch", ["14.1", "力争", "山东光大线路、神力索具完成股改", "任务 14"]),
    ("力争 added", '        quote: "新建5G基站30个以上"\n        comparator: ">="\n',
     '        quote: "新建5G基站30个以上"\n        stretch: true\n        comparator: ">="\n', "stretch-mismatch",
     ["7.1", "stretch", "新建5G基站30个以上", "任务 7"]),
]


@pytest.mark.parametrize(("what", "old", "new", "code", "words"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_each_change_to_a_target_is_an_error_naming_its_sentence(cli, tmp_path, what, old, new, code, words):
    text = CATALOGUE.read_text(encoding="utf-8")
    assert text.count(old) == 1, what
    changed = tmp_path / "tasks_2023.yaml"
    changed.write_text(text.replace(old, new), encoding="utf-8")
    result = cli("check", "-c", changed, "-p", ROOT / "data" / "progress", "--source", SOURCE, "-f", "json")
    assert result.exit_code == 1, (what, result.output)
    errors = [d for d in json.loads(result.stdout) if d["severity"] == "error"]
    assert [d["code"] for d in errors] == [code], (what, errors)
    found = errors[0]
    assert all(w in found["message_zh"] for w in words), (what, found["message_zh"])
    assert found["line"] and found["hint_zh"], found
    line = text.replace(old, new).splitlines()[found["line"] - 1]
    assert any(key in line for key in ("target", "comparator", "stretch", "id")), line


def test_the_shipped_catalogue_has_every_target_true_to_its_sentence(cli):
    result = cli("check", "-c", CATALOGUE, "-p", ROOT / "data" / "progress", "--source", SOURCE, "-f", "json",
                 "--select", "target-mismatch,comparator-mismatch,stretch-mismatch")
    assert result.exit_code == 0 and json.loads(result.stdout) == [], result.output


def test_an_unknown_code_is_named_and_codes_may_go_to_a_comma(cli):
    """`--select target-mismatch,comparator-mismatch` (ruff's form) works; an unknown code is named, exit 2 (its
    name was lost in the message, and taken for the exit code, before)."""
    bad = cli("check", "-c", CATALOGUE, "--select", "target-mismatch,no-such-code")
    assert bad.exit_code == 2 and "没有诊断代码 no-such-code" in bad.output, bad.output


@pytest.mark.parametrize(("quote", "target", "comparator", "fits"), [
    ("有研发活动企业超过40家", 41, ">=", True),  # 超过40家: at least 41
    ("推动神力索具、金牛重工等20余家企业实施技改扩规", 21, ">=", True),  # 20余家
    ("全区不低于1/3的村建成“三星村”", 33.3, ">=", True),  # a third, to one decimal
    ("每月召开金融挂职副镇长考核工作会议", 12, ">=", True),  # 每月: 12 a year
    ("实现全区农村黑臭水体动态清零", 0, "<=", True),
    ("单位工业增加值能耗下降3%", -3, "delta_pct", True),
    ("新建5G基站30个以上", 31, ">=", False),  # 以上 is not 超过: 30 is the target
    ("城乡居民收入增长8%", 7, "delta_pct", False),
])
def test_what_a_quote_can_mean_as_a_target(quote, target, comparator, fits):
    from gdtrack.checks.targets import EPSILON, stated

    assert any(abs(v - target) <= EPSILON for v in stated(quote)) is fits
