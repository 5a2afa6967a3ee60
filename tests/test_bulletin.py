"""What changed between two report dates, worked out by hand; the bulletin's rankings and silent units."""

from __future__ import annotations

import datetime as dt

import pytest

from gdtrack.engine.bulletin import build, default_since, trajectory
from gdtrack.files.loading import validated
from gdtrack.models import Catalogue, ProgressFile

JUNE, SEPT = dt.date(2023, 6, 30), dt.date(2023, 9, 30)


def goal(n: int, **kw) -> dict:
    base = {"id": f"1.{n}", "name": f"指标{n}", "quote": "a", "comparator": ">=", "target": 10, "unit": "个",
            "measure": "cumulative"}
    return base | kw


CAT = validated(Catalogue, {
    "plan": {"title": "t", "document_number": "n", "issuer": "i", "issued": dt.date(2023, 8, 2),
             "period_start": dt.date(2023, 1, 1), "period_end": dt.date(2023, 12, 31)},
    "units": [{"name": "甲局"}, {"name": "乙局"}],
    "chapters": [{"number": 1, "title": "c"}, {"number": 2, "title": "d"}],
    "tasks": [
        {"id": 1, "chapter": 1, "title": "a", "text": "a", "lead_units": ["甲局"],
         "indicators": [goal(1, target=30), goal(2), goal(3), goal(4), goal(5), goal(6),
                        goal(7, comparator="milestone", target=None, unit=None, measure=None)]},
        {"id": 2, "chapter": 2, "title": "b", "text": "b", "lead_units": ["乙局"],
         "indicators": [{"id": "2.1", "name": "x", "quote": "b", "comparator": ">=", "target": 4,
                         "measure": "cumulative"}]},
    ],
})

# June: expected 181/365 = 0.4959 (behind from 0.3959); September: 0.7479 (behind from 0.6479)
FILES = [
    validated(ProgressFile, {"unit": "甲局", "reports": [
        {"as_of": JUNE, "entries": [{"indicator": "1.1", "value": 15},   # 0.50 on track
                                    {"indicator": "1.2", "value": 5},    # 0.50 on track
                                    {"indicator": "1.3", "value": 3},    # 0.30 lagging
                                    {"indicator": "1.4", "value": 6},    # 0.60 on track
                                    {"indicator": "1.7", "value": "in_progress"}]},
        {"as_of": SEPT, "entries": [{"indicator": "1.1", "value": 30},   # 1.00 done → newly done
                                    {"indicator": "1.2", "value": 5},    # 0.50 lagging → newly lagging
                                    {"indicator": "1.3", "value": 7},    # 0.70 behind → improved
                                    {"indicator": "1.4", "value": 7},    # 0.70 behind → worsened
                                    {"indicator": "1.5", "value": 8},    # first figure → newly reported
                                    {"indicator": "1.7", "value": "in_progress"}]},  # unchanged
    ]}),
    validated(ProgressFile, {"unit": "乙局", "reports": [
        {"as_of": JUNE, "entries": [{"indicator": "2.1", "value": 2}]},  # 0.50: on track in June, lagging in Sept
    ]}),
]


def ids(results) -> list[str]:
    return [r.id for r in results]


def test_changes_between_two_report_dates():
    b = build(CAT, FILES, SEPT, JUNE)
    c = b.changes
    assert c.since == JUNE
    assert ids(c.newly_done) == ["1.1"]
    assert ids(c.newly_lagging) == ["1.2", "2.1"]  # 2.1 stood still at 0.5 while the pace moved on
    assert ids(c.improved) == ["1.3"]
    assert ids(c.worsened) == ["1.4"]
    assert ids(c.newly_reported) == ["1.5"]
    assert ids(c.still_missing) == ["1.6"]


def test_since_defaults_to_the_previous_report_date():
    assert default_since(FILES, SEPT, CAT.plan.period_start) == JUNE
    assert default_since(FILES, dt.date(2023, 7, 15), CAT.plan.period_start) == JUNE
    assert default_since(FILES, JUNE, CAT.plan.period_start) == dt.date(2022, 12, 31)
    assert build(CAT, FILES, SEPT).changes.since == JUNE


def test_silent_units_lagging_list_and_rankings():
    b = build(CAT, FILES, SEPT, JUNE)
    assert b.silent_units == ["乙局"]  # its last report is from June
    # lagging list, 滞后 first, then 略滞后, then the unreported in a block of their own (issue 21): 1.2 and 2.1
    # lag (0.5 − 0.7479 each, then by id), 1.3 and 1.4 are behind (0.7 − 0.7479), 1.6 was never reported
    assert ids(b.lagging) == ["1.2", "2.1", "1.3", "1.4", "1.6"]
    # chapter 1: 1, .5, .7, .7, .8, then 1.6, never reported, as 0 and the milestone 1.7, 序时推进, at its pace
    # 273/365 (issue 21: silence does not raise a rank): (3.7 + 0 + 0.7479) ÷ 7 = 0.6354 against 0.7479;
    # chapter 2: 0.5 − 0.7479 → 1 ranks first
    assert [g.key for g in b.chapters] == [1, 2]
    assert b.chapters[0].completion == pytest.approx((3.7 + 273 / 365) / 7) and b.chapters[0].quantified == 7


def test_trajectory_points():
    b = build(CAT, FILES, SEPT, JUNE)
    points = trajectory(CAT, b.now.by_id["1.3"])
    assert [(p.as_of, p.value, p.status) for p in points] == [(JUNE, 3, "lagging"), (SEPT, 7, "behind")]
    assert points[0].completion == pytest.approx(0.3) and points[0].expected == pytest.approx(181 / 365)
