"""The checks one by one, on models built in code: no files, no CLI (as test_engine.py does for the engine)."""

from __future__ import annotations

import datetime as dt

from gdtrack.checks.rules import (
    check_baselines,
    check_catalogue,
    check_co_leads,
    check_progress,
    check_reporting,
    check_source,
    missing_reports,
    odd_figures,
)
from gdtrack.files.loading import validated
from gdtrack.models import Catalogue, ProgressFile

D = dt.date


def catalogue(**changes) -> Catalogue:
    """Two units, one chapter, two tasks: 1 (1.1 ≥ 30 个, cumulative) and 2 (2.1 milestone), valid as given."""
    data = {
        "plan": {"title": "测试计划", "document_number": "测试〔2023〕1号", "issuer": "测试办", "issued": D(2023, 2, 1),
                 "period_start": D(2023, 1, 1), "period_end": D(2023, 12, 31)},
        "units": [{"name": "甲局"}, {"name": "乙中心"}],
        "chapters": [{"number": 1, "title": "第一章"}],
        "tasks": [
            {"id": 1, "chapter": 1, "title": "建设基站", "text": "建设基站。新建5G基站30个以上。",
             "lead_units": ["甲局", "乙中心"],
             "indicators": [{"id": "1.1", "name": "新建5G基站", "quote": "新建5G基站30个以上", "comparator": ">=",
                             "target": 30, "unit": "个", "measure": "cumulative"}]},
            {"id": 2, "chapter": 1, "title": "编制规划", "text": "编制规划。完成规划编制。", "lead_units": ["乙中心"],
             "indicators": [{"id": "2.1", "name": "规划编制", "quote": "完成规划编制", "comparator": "milestone"}]},
        ],
    }
    for path, value in changes.items():
        target = data
        *head, last = path.split("/")
        for key in head:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value
    return validated(Catalogue, data)


def progress(unit: str, *reports: tuple[dt.date, list[dict]]) -> ProgressFile:
    return validated(ProgressFile, dict(unit=unit, reports=[{"as_of": day, "entries": entries}
                                                            for day, entries in reports]))


def codes(diags) -> list[tuple[str, tuple]]:
    return [(d.code, d.loc) for d in diags]


TODAY = D(2024, 6, 1)


def test_a_valid_catalogue_has_no_problem():
    assert check_catalogue(catalogue(), "c.yaml") == []


def test_catalogue_rules_each_with_their_location():
    cat = catalogue(**{"tasks/0/chapter": 9, "tasks/0/lead_units": ["甲局", "丙办"],
                       "tasks/0/indicators/0/quote": "新建基站30个", "tasks/0/indicators/0/id": "2.1"})
    found = codes(check_catalogue(cat, "c.yaml"))
    assert ("unknown-chapter", ("tasks", 0, "chapter")) in found
    assert ("unknown-unit", ("tasks", 0, "lead_units", 1)) in found
    assert ("quote-not-in-text", ("tasks", 0, "indicators", 0, "quote")) in found
    assert ("id-mismatch", ("tasks", 0, "indicators", 0, "id")) in found  # 2.1 under task 1
    assert ("duplicate-id", ("tasks", 1, "indicators", 0, "id")) in found  # 2.1 twice: the second is flagged


def test_unknown_unit_suggests_the_closest_name():
    cat = catalogue(**{"tasks/1/lead_units": ["乙中"]})
    [d] = [d for d in check_catalogue(cat, "c.yaml") if d.code == "unknown-unit"]
    assert d.hint == "did you mean 乙中心?"


def test_a_goal_counting_from_a_start_value_without_one_is_a_warning():
    cat = catalogue(**{"tasks/0/indicators/0/comparator": "delta_pct", "tasks/0/indicators/0/measure": None})
    [d] = check_baselines(cat, "c.yaml", [])
    assert (d.code, d.severity, d.loc) == ("no-baseline", "warning", ("tasks", 0, "indicators", 0, "id"))
    # a level goal too; its owner's `baselines` entry settles it, a co-lead's does not
    level = catalogue(**{"tasks/0/indicators/0/measure": "level"})
    assert [d.code for d in check_baselines(level, "c.yaml", [])] == ["no-baseline"]
    owner = validated(ProgressFile, dict(unit="甲局", baselines=[{"indicator": "1.1", "value": 3}]))
    co_lead = validated(ProgressFile, dict(unit="乙中心", baselines=[{"indicator": "1.1", "value": 3}]))
    assert check_baselines(level, "c.yaml", [owner]) == []
    assert [d.code for d in check_baselines(level, "c.yaml", [co_lead])] == ["no-baseline"]


def test_baselines_in_a_progress_file():
    level = catalogue(**{"tasks/0/indicators/0/measure": "level", "tasks/0/indicators/0/baseline": 2})
    pf = validated(ProgressFile, dict(unit="乙中心", baselines=[{"indicator": "1.1", "value": 3},
                                                             {"indicator": "9.9", "value": 1}]))
    found = codes(check_progress(level, pf, "p.yaml", today=TODAY))
    assert ("not-owned", ("baselines", 0, "indicator")) in found  # 1.1 is 甲局's to give
    assert ("unknown-indicator", ("baselines", 1, "indicator")) in found
    own = validated(ProgressFile, dict(unit="甲局", baselines=[{"indicator": "1.1", "value": 3}]))
    assert codes(check_progress(level, own, "p.yaml", today=TODAY)) == [("baseline-differs", ("baselines", 0, "value"))]
    cumulative = validated(ProgressFile, dict(unit="甲局", baselines=[{"indicator": "1.1", "value": 3}]))
    assert codes(check_progress(catalogue(), cumulative, "p.yaml", today=TODAY)) == [
        ("baseline-unused", ("baselines", 0, "indicator"))]


def test_a_co_lead_reporting_another_figure_than_the_owner_is_said():
    cat = catalogue()
    owner = progress("甲局", (D(2023, 9, 30), [{"indicator": "1.1", "value": 12}]))
    co_lead = progress("乙中心", (D(2023, 9, 30), [{"indicator": "1.1", "value": 14}]),
                       (D(2023, 8, 31), [{"indicator": "1.1", "value": 9}]))
    [d] = check_co_leads(cat, {"甲局": ("a.yaml", owner), "乙中心": ("b.yaml", co_lead)})
    assert (d.code, d.path, d.loc) == ("co-lead-conflict", "b.yaml", ("reports", 0, "entries", 0, "value"))
    assert "reports 14" in d.message and "reports 12" in d.message  # August: the owner reported nothing then


def test_a_figure_that_looks_wrong_is_said_when_recorded():
    cat = catalogue(**{"tasks/1/indicators": [
        {"id": "2.1", "name": "率", "quote": "完成规划编制", "comparator": ">=", "target": 40, "unit": "%",
         "measure": "level"}], "tasks/1/lead_units": ["甲局"]})
    pf = progress("甲局", (D(2023, 6, 30), [{"indicator": "1.1", "value": 15}, {"indicator": "2.1", "value": 30}]))
    assert [k for k, _ in odd_figures(cat, pf, "1.1", 12, D(2023, 9, 30))] == ["falling-total"]  # 12 < 15
    assert odd_figures(cat, pf, "1.1", 18, D(2023, 9, 30)) == []
    assert [k for k, _ in odd_figures(cat, pf, "2.1", 300, D(2023, 9, 30))] == ["level-jump"]  # 10 times
    assert [k for k, _ in odd_figures(cat, pf, "2.1", 9, D(2023, 9, 30))] == ["level-jump"]  # under a third
    assert odd_figures(cat, pf, "2.1", 85, D(2023, 9, 30)) == []  # 2.83 times: not more than 3


def test_source_must_hold_every_task_text_verbatim():
    cat = catalogue()
    good = "测试〔2023〕1号 建设基站。新建5G基站30个以上。编制规划。完成规划编制。"
    assert check_source(cat, "c.yaml", good, "s.txt") == []
    [d] = check_source(cat, "c.yaml", good.replace("编制规划。", "编制规划，"), "s.txt")
    assert d.loc == ("tasks", 1, "text")
    assert "(matches up to “…编制规划”, then differs at “。完成规划编制。…”)" in d.message


def test_a_clean_progress_file():
    pf = progress("甲局", (D(2023, 9, 30), [{"indicator": "1.1", "value": 12, "evidence": "台账"}]))
    assert check_progress(catalogue(), pf, "p.yaml", today=TODAY) == []


def test_progress_rules_each_with_their_location():
    pf = progress("甲局",
                  (D(2023, 9, 30), [{"indicator": "1.1", "value": -1, "evidence": "x"},
                                    {"indicator": "1.1", "value": 2, "evidence": "x"},
                                    {"indicator": "2.1", "value": "done", "evidence": "x"},
                                    {"indicator": "9.9", "value": 1}]),
                  (D(2023, 9, 30), []),
                  (D(2024, 3, 1), []))
    found = codes(check_progress(catalogue(), pf, "p.yaml", today=TODAY))
    assert ("negative", ("reports", 0, "entries", 0, "value")) in found
    assert ("duplicate-entry", ("reports", 0, "entries", 1, "indicator")) in found
    assert ("not-owned", ("reports", 0, "entries", 2, "indicator")) in found  # 2.1 is 乙中心's alone
    assert ("unknown-indicator", ("reports", 0, "entries", 3, "indicator")) in found
    assert ("duplicate-report", ("reports", 1, "as_of")) in found
    assert ("date-out-of-range", ("reports", 2, "as_of")) in found


def test_value_kinds_and_future_dates():
    pf = progress("乙中心", (D(2023, 5, 31), [{"indicator": "1.1", "value": "done", "evidence": "x"},
                                          {"indicator": "2.1", "value": 3, "evidence": "x"}]))
    found = codes(check_progress(catalogue(), pf, "p.yaml", today=D(2023, 5, 1)))
    assert ("value-kind", ("reports", 0, "entries", 0, "value")) in found
    assert ("value-kind", ("reports", 0, "entries", 1, "value")) in found
    assert ("date-in-future", ("reports", 0, "as_of")) in found


def test_warnings_falling_total_missing_evidence_and_stale():
    pf = progress("甲局", (D(2023, 6, 30), [{"indicator": "1.1", "value": 15, "evidence": "x"}]),
                  (D(2023, 8, 31), [{"indicator": "1.1", "value": 12}]))
    diags = check_progress(catalogue(), pf, "p.yaml", today=TODAY, reference=D(2023, 12, 15))
    assert {d.severity for d in diags} == {"warning"}
    found = codes(diags)
    assert ("falling-total", ("reports", 1, "entries", 0, "value")) in found
    assert ("no-evidence", ("reports", 1, "entries", 0, "indicator")) in found
    # the latest report (08-31) is before 11-30, the month-end before the reference date, and 1.1 is open
    assert ("stale", ("reports", 1, "as_of")) in found


def test_reporting_check_names_the_units_without_a_report_that_month():
    cat = catalogue()
    files = {"甲局": ("甲局.yaml", progress("甲局", (D(2023, 9, 30), [])))}
    assert missing_reports(cat, files, D(2023, 9, 15)) == ["乙中心"]
    assert missing_reports(cat, files, D(2023, 10, 15)) == ["甲局", "乙中心"]
    [d] = check_reporting(cat, files, D(2023, 9, 15), "progress")
    assert (d.code, d.path) == ("not-reported", "progress")
