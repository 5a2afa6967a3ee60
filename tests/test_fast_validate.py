"""gdtrack.files.fastvalidate, the clean path's validator: it accepts a file only when pydantic would build the same
model from it, and then builds exactly that (types included); what it does not accept, pydantic validates and
words. Compared with pydantic itself over the shipped data, a file of every kind using every field, and thousands
of changes to them (every value replaced by values of other kinds, every key removed, an unknown key added)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from gdtrack import models
from gdtrack.files import fastvalidate
from gdtrack.files.fastvalidate import MISS, Unsupported, accept
from gdtrack.files.loading import adapter, parse, validated

from .conftest import CATALOGUE, MINI, NODES, PROGRESS, same_model

CATALOGUE_TEXT = MINI[:MINI.index("units:")] + """\
  policy:
    tolerance: 0.05
    reporting: quarter
    escalation:
      - {after: 1, name: 提醒}
      - {after: 3, name: 督办}
    report_by_day: 10
    supervision_from: 2023-08-02
    revised: {reason: 办公室会议决定}
    document:
      number_prefix: 测开管办字
      addressee: 各部门
      signature: 测试办公室
      date: blank
      seal: false
      copy_to: [区委办公室, 区人大办公室]
      printed_by: 测试办公室
    scoring:
      base: 100
      behind: -1
      lagging: -2.5
      missed: -2
      missing_report: -10
      late_report: -2
      overdue_reply: -5
      returned_report: -10
      levels: {督办: -1}
    review: {count_unreviewed: false, count_returned: true, resubmit_days: 7}
units:
  - name: 区经济发展局
    aliases: [经发局]
    reviewers: ["@jingfa"]
  - name: 区农业服务中心
chapters:
  - {number: 1, title: 第一章}
tasks:
  - id: 1
    chapter: 1
    title: 大力发展数字经济
    text: 大力发展数字经济。新建5G基站35个以上，年产10万台套。
    lead_units: [区经济发展局, 区农业服务中心]
    other_numbers:
      - {text: 年产10万台套, why: 产能}
    indicators:
      - id: "1.1"
        name: 新建5G基站
        quote: 新建5G基站35个以上
        comparator: ">="
        target: 35
        unit: 个
        measure: cumulative
        due: 2023-11-30
        owner: 区农业服务中心
        stretch: true
        schedule:
          - {by: 2023-06-30, value: 10}
          - {by: 2023-09-30, value: 20.5}
        review: true
        note: 力争
        revised: {reason: 目标调整}
      - id: "1.2"
        name: 数字经济方案
        quote: 大力发展数字经济
        comparator: milestone
        steps:
          - {by: 2023-06-30, name: 方案}
          - {by: 2023-12-31, name: 完工}
      - id: "1.3"
        name: 黑臭水体
        quote: 新建5G基站35个以上
        comparator: "<="
        target: 0
        unit: 处
        measure: level
        baseline: 4
      - id: "1.4"
        name: 增长
        quote: 新建5G基站35个以上
        comparator: delta_pct
        target: 10
        unit: "%"
        baseline_from: "2022:3.1"
"""

PROGRESS_TEXT = """\
unit: 区经济发展局
sample: true
reports:
  - as_of: 2023-06-30
    submitted: 2023-07-05
    resubmitted: 2023-07-09
    entries:
      - indicator: "1.1"
        value: 12
        note: 进展顺利
        evidence: 经发局台账
        revised: {reason: 统计口径调整}
        attachments:
          - file: data/evidence/区经济发展局/2023-06-30/批复.pdf
            sha256: abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789
            bytes: 1024
      - {indicator: "1.2", value: 推进中}
      - {indicator: "1.3", value: 2.5}
      - {indicator: "1.4"}
baselines:
  - {indicator: "1.3", value: 4, evidence: 2022年统计年报, note: 期初, revised: {reason: 更正}}
responses:
  - {indicator: "1.1", measures: 加快建设, by: 2023-10-31, replied: 2023-08-10, revised: {reason: 补充}}
extensions:
  - {indicator: "1.2", to: 2024-03-31, reason: 审批延后, requested: 2023-09-01}
"""

NODES_TEXT = """\
plan: 测试〔2023〕1号
sample: true
goals:
  - goal: "1.1"
    proposed_by: 区经济发展局
    approved: 2023-05-01
    note: 分季度
    schedule:
      - {by: 2023-03-31, value: 5}
  - goal: "1.2"
    steps:
      - {by: 2023-06-30, name: 方案}
"""

DECISIONS_TEXT = """\
plan: 测试〔2023〕1号
sample: false
reviews:
  - unit: 区经济发展局
    as_of: 2023-06-30
    decision: return
    reason: 数字有误
    by: 张三
    decided: 2023-07-06
    digest: abcdef0123456789
  - {unit: 区经济发展局, as_of: 2023-06-30, decision: accept, by: 张三, decided: 2023-07-10}
extensions:
  - {unit: 区经济发展局, goal: "1.2", to: 2024-03-31, decision: refuse, reason: 理由不足, by: 李四, decided: 2023-09-05}
closures:
  - goal: "1.2"
    reason: 已完成
    by: 李四
    decided: 2023-12-20
    evidence: 验收报告
    attachments:
      - file: data/evidence/x.pdf
        sha256: abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789
        bytes: 0
"""

FILES = {
    "catalogue": (models.Catalogue, CATALOGUE_TEXT),
    "progress": (models.ProgressFile, PROGRESS_TEXT),
    "nodes": (models.NodesFile, NODES_TEXT),
    "decisions": (models.DecisionsFile, DECISIONS_TEXT),
}


def data_of(text: str) -> Any:
    return parse(text, "test.yaml", 1_000_000)


def pydantic_of(model: type, data: Any) -> Any:
    try:
        return adapter(model).validate_python(data)
    except ValidationError:
        return MISS


def test_every_model_has_a_fast_validator():
    for model in models.MODELS:
        assert callable(fastvalidate.validator(model)), model


@pytest.mark.parametrize("kind", sorted(FILES))
def test_a_file_using_every_field_is_accepted_as_pydantic_builds_it(kind):
    model, text = FILES[kind]
    data = data_of(text)
    made = accept(model, data)
    assert made is not MISS
    assert same_model(made, adapter(model).validate_python(data))


def test_the_shipped_files_are_accepted_as_pydantic_builds_them():
    paths = [(models.Catalogue, CATALOGUE), (models.NodesFile, NODES)]
    paths += [(models.ProgressFile, p) for p in sorted(PROGRESS.glob("*.yaml"))]
    for model, path in paths:
        data = data_of(path.read_text(encoding="utf-8"))
        made = accept(model, data)
        assert made is not MISS, path
        assert same_model(made, adapter(model).validate_python(data)), path


def test_values_become_what_pydantic_makes_of_them():
    made = accept(models.ProgressFile, data_of(PROGRESS_TEXT))
    entry = made.reports[0].entries[0]
    assert entry.value == 12 and type(entry.value) is float  # a whole number where a number is asked: a float
    assert made.baselines[0].value == 4.0 and type(made.baselines[0].value) is float
    assert made.reports[0].entries[1].value == "推进中"
    assert made.reports[0].entries[3].value is None and made.reports[0].entries[3].attachments == []
    policy = accept(models.Catalogue, data_of(CATALOGUE_TEXT)).plan.policy
    assert policy.scoring.levels == {"督办": -1.0} and type(policy.scoring.base) is float
    assert policy.scoring.late_report == -2.0 and policy.review.resubmit_days == 7


@pytest.mark.parametrize(("model", "data"), [
    (models.Entry, {"indicator": "1.1\n", "value": 1}),  # Python's `$` matches before a final line break
    (models.Entry, {"indicator": 1.1, "value": 1}),
    (models.Entry, {"indicator": "1.1", "value": True}),
    (models.Entry, {"indicator": "1.1", "value": float("nan")}),
    (models.Entry, {"indicator": "1.1", "value": ""}),
    (models.Entry, {"indicator": "1.1", "valeu": 1}),
    (models.Baseline, {"value": 1}),
    (models.Report, {"as_of": dt.datetime(2023, 6, 30, 8, 0)}),
    (models.Report, {"as_of": "2023-06-30"}),
    (models.Revision, {"reason": "\u3164 \u200b"}),  # blank to the eye
    (models.Attachment, {"file": "../x.pdf", "sha256": "0" * 64, "bytes": 1}),
    (models.Attachment, {"file": "x.pdf", "sha256": "0" * 63, "bytes": -1}),
    (models.Indicator, {"id": "1.1", "name": "a", "quote": "b", "comparator": ">=", "target": 1}),  # no measure
    (models.Policy, {"scoring": {"levels": {"约谈": -3}}}),  # points for a level that does not exist
    (models.Policy, {"escalation": [{"after": 2, "name": "a"}, {"after": 1, "name": "b"}]}),
    (models.ReviewDecision, {"unit": "u", "as_of": dt.date(2023, 6, 30), "decision": "return", "by": "b",
                             "decided": dt.date(2023, 7, 1)}),  # sent back without a reason
])
def test_what_pydantic_refuses_is_left_to_it(model, data):
    assert accept(model, data) is MISS
    with pytest.raises(ValidationError):
        validated(model, data)


def test_points_for_unknown_levels_are_an_error_only_where_scoring_is_set():
    policy = accept(models.Policy, {"escalation": [{"after": 1, "name": "约谈"}]})
    assert policy is not MISS and policy.unknown_levels() == ["督办", "通报"]  # the defaults' levels, not set here


OTHER_VALUES: tuple[Any, ...] = (
    0, 1, -1, 7, 400, 1.5, 3.0, -2000.0, True, False, None, "", " ", "\u3164", "x", "区经济发展局", "1.1", "1.1\n",
    "9.9", "2022:3.1", "done", "推进中", "approve", "refuse", "accept", "return", ">=", "<=", "milestone", "level",
    "cumulative", "month", "quarter", "blank", "as_of", "a" * 501, "data/evidence/x.pdf", "../x", "0" * 64,
    "0123456789abcdef", dt.date(2023, 5, 1), dt.date(2024, 12, 31), dt.datetime(2023, 5, 1, 1, 1), float("nan"),
    float("inf"), 10**400, 2**60 + 1, [], {}, ["x"], [{"by": dt.date(2023, 1, 1), "value": 1}], {"a": 1},
    {"reason": "理由"}, {"督办": -1},
)


def changes(data: Any) -> Iterator[Any]:
    """Copies of `data`, each with one change: a value replaced by one of OTHER_VALUES, a key removed, an unknown
    key added, a list emptied or its first item doubled."""
    def at(node: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
        yield path, node
        if isinstance(node, dict):
            for key, value in node.items():
                yield from at(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from at(value, (*path, i))

    def changed(path: tuple, how: Any) -> Any:
        out = copy.deepcopy(data)
        parent = out
        for p in path[:-1]:
            parent = parent[p]
        how(parent, path[-1])
        return out

    for path, node in list(at(data, ())):
        if not path:
            continue
        for other in OTHER_VALUES:
            if not (type(other) is type(node) and other == node):
                yield changed(path, lambda parent, key, other=other: parent.__setitem__(key, copy.deepcopy(other)))
        if isinstance(path[-1], str):
            yield changed(path, lambda parent, key: parent.pop(key))
        if isinstance(node, dict):
            yield changed(path, lambda parent, key: parent[key].__setitem__("unknown", 1))
        if isinstance(node, list) and node:
            yield changed(path, lambda parent, key: parent[key].append(copy.deepcopy(parent[key][0])))


@pytest.mark.parametrize("kind", sorted(FILES))
def test_every_change_is_accepted_by_both_or_left_to_pydantic(kind):
    model, text = FILES[kind]
    seen = {"both": 0, "neither": 0}
    for data in changes(data_of(text)):
        ours, theirs = accept(model, data), pydantic_of(model, data)
        if ours is MISS:
            # Never stricter than pydantic on what a file can hold: otherwise the clean path is lost for it.
            assert theirs is MISS, data
            seen["neither"] += 1
        else:
            assert theirs is not MISS, data  # it never lets through what pydantic refuses
            assert same_model(ours, theirs), data
            seen["both"] += 1
    assert seen["both"] > 20 and seen["neither"] > 100, seen


def test_a_declaration_it_cannot_read_is_refused_when_built():
    @models._model
    class Loose(models._Model):
        name: str  # no Rule: pydantic would take a str subclass, and more

    with pytest.raises(Unsupported):
        fastvalidate.validator(Loose)


YAML_WORDS = ["yes", "no", "on", "off", "true", "~", "null", "012", "0x1", "1_0", "1:30", "1e3", "-.5", ".5", "1.",
              "2023-09-30", "2023-02-30", "2023-09-30 10:00:00", '"2023-09-30"', "7.1", '"7.1"', "+1", "-0", ".inf",
              ".nan", "9" * 31, "'yes'", '""', "''", "[]", "{}", "[a, b]", "|\n      多行\n", "_1", "中文", "R & D",
              "&a x", "!x y", "1.5", "3", "-7"]


def text_changes(text: str) -> Iterator[str]:
    """`text` with one change: the value after one `key:` replaced by a word YAML 1.1 and 1.2 may read apart, or
    one line removed or repeated."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        yield "".join(lines[:i] + lines[i + 1:])
        yield "".join(lines[:i + 1] + lines[i:])
        key, colon, _ = line.partition(": ")
        if colon and "{" not in key:
            for word in YAML_WORDS:
                yield "".join([*lines[:i], f"{key}: {word}\n", *lines[i + 1:]])


def strictly(model: type, text: str) -> Any:
    """The strict reader's data validated by pydantic: what gdtrack builds of a file without any fast path."""
    from gdtrack.diagnostics import LoadError
    from gdtrack.files.parsing import parse_yaml

    try:
        data = parse_yaml(text, "test.yaml", max_nodes=1_000_000, fast=False)
    except LoadError:
        return MISS
    return pydantic_of(model, data) if isinstance(data, dict) else MISS


@pytest.mark.parametrize("kind", sorted(FILES))
def test_the_clean_path_reads_a_file_in_one_walk_as_the_strict_reader_and_pydantic_would(kind):
    from gdtrack.files.loading import clean

    model, text = FILES[kind]
    text = text.replace('baseline_from: "2022:3.1"', "baseline: 3.1")  # `2022:3` sends a file to the strict reader
    assert same_model(clean(text, model, 1_000_000)[0], strictly(model, text))  # taken, the same
    taken = 0
    for changed in text_changes(text):
        made, _ = clean(changed, model, 1_000_000)
        if made is not MISS:
            assert same_model(made, strictly(model, changed)), changed  # never what the slow path would not build
            taken += 1
    assert taken > 20  # (most changes are refused, by one path or the other)


def test_the_clean_path_counts_values_where_a_text_may_hold_more_than_its_limit():
    from gdtrack.files import fastyaml
    from gdtrack.files.loading import clean

    text = "unit: 区财政局\nreports:\n  - as_of: 2023-09-30\n    entries: [" + ", ".join(
        ['{indicator: "1.1"}'] * 30) + "]\n"  # 1 + 2 + 2 + 1 + 2 + 2 + 30 × 3 = 100 values in 656 characters
    assert len(text) == 656 and clean(text, models.ProgressFile, 656)[0] is not MISS  # it cannot hold more
    made, built = clean(text, models.ProgressFile, 100)
    assert made is MISS and built is not fastyaml.MISS  # it may: left to the walk that counts
    assert fastyaml.vouch(built, 100) is built and fastyaml.vouch(built, 99) is fastyaml.MISS


def test_the_written_checks_are_those_the_models_declare_now():
    from pathlib import Path

    from gdtrack.files import fastchecks

    written = Path(fastchecks.__file__).read_text(encoding="utf-8")
    assert written == fastvalidate.generate(), "run: python -m gdtrack.files.fastvalidate"
    for root in fastvalidate.ROOTS:
        assert fastvalidate.validator(root, reading=True) is fastchecks.CHECKS[root.__name__, True]
