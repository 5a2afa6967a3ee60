"""The engine's rules one by one, with expectations worked out by hand. No files, no CLI."""

from __future__ import annotations

import datetime as dt

import pytest

from gdtrack.engine import completion, decide, evaluate, expected_progress, months_left
from gdtrack.models import Catalogue, Indicator, ProgressFile

D = dt.date
START = D(2023, 1, 1)


def ind(comparator: str, target: float | None = None, baseline: float | None = None, **kw) -> Indicator:
    return Indicator(id="1.1", name="x", quote="x", comparator=comparator, target=target, baseline=baseline, **kw)


# ── 序时进度 ─────────────────────────────────────────────────────────────────────────────────────


def test_expected_on_30_september_is_273_of_365():
    assert expected_progress(START, D(2023, 9, 30), D(2023, 12, 31)) == pytest.approx(273 / 365)
    assert round(expected_progress(START, D(2023, 9, 30), D(2023, 12, 31)), 4) == 0.7479


def test_expected_counts_both_ends_and_clamps():
    assert expected_progress(START, START, D(2023, 12, 31)) == pytest.approx(1 / 365)
    assert expected_progress(START, D(2022, 12, 31), D(2023, 12, 31)) == 0.0
    assert expected_progress(START, D(2024, 3, 1), D(2023, 12, 31)) == 1.0


def test_expected_for_a_two_year_goal():
    # 2023-01-01 … 2024-12-31 is 365 + 366 = 731 days
    assert expected_progress(START, D(2023, 9, 30), D(2024, 12, 31)) == pytest.approx(273 / 731)


# ── completion, comparator by comparator ──────────────────────────────────────────────────────


def test_at_least_and_exactly_are_actual_over_target():
    assert completion(ind(">=", 30), 24).value == pytest.approx(0.8)
    assert completion(ind(">=", 30), 36).value == pytest.approx(1.2)  # over-achievement is kept
    assert completion(ind("==", 10), 5).value == pytest.approx(0.5)


def test_at_most():
    assert completion(ind("<=", 0), 0).value == 1.0
    assert completion(ind("<=", 5), 3).value == 1.0
    assert completion(ind("<=", 0), 3).value == 0.0  # no baseline: not there yet counts as nothing
    assert completion(ind("<=", 0, baseline=10), 4).value == pytest.approx(0.6)  # (10 − 4) / (10 − 0)
    assert completion(ind("<=", 0, baseline=10), 12).value == 0.0  # worse than the baseline, clamped


def test_relative_increases():
    # 提高10% from 800: 840 is half way, (840/800 − 1) / 0.10 = 0.5
    assert completion(ind("delta_pct", 10, baseline=800), 840).value == pytest.approx(0.5)
    # 提升5个百分点 from 40%: 43% is (43 − 40) / 5 = 0.6
    assert completion(ind("delta_pp", 5, baseline=40), 43).value == pytest.approx(0.6)
    assert completion(ind("delta_pp", 5), 43).value is None
    assert completion(ind("delta_pct", 10), 840).value is None


def test_milestones():
    assert completion(ind("milestone"), "done").value == 1.0
    for state in ("in_progress", "not_started", "blocked"):
        assert completion(ind("milestone"), state).value == 0.0


# ── status ────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("done", "expected", "status"),
    [
        (1.0, 0.75, "done"),
        (1.3, 0.75, "done"),
        (0.75, 0.75, "on_track"),
        (0.80, 0.75, "on_track"),
        (0.70, 0.75, "behind"),
        (0.40, 0.50, "behind"),  # exactly expected − tolerance is still behind
        (0.3999, 0.50, "lagging"),
        (0.10, 0.75, "lagging"),
    ],
)
def test_numeric_status_and_the_tolerance_edge(done, expected, status):
    assert decide(ind(">=", 10), 1.0, done, expected, 0.10, past_due=False)[0] == status


def test_no_report_and_no_baseline():
    assert decide(ind(">=", 10), None, None, 0.5, 0.1, False) == ("no_report", "no_report")
    assert decide(ind("delta_pp", 5), 43.0, None, 0.5, 0.1, False) == ("no_baseline", "no_baseline")


@pytest.mark.parametrize(
    ("state", "expected", "past_due", "status"),
    [
        ("done", 0.9, False, "done"),
        ("done", 1.0, True, "done"),
        ("blocked", 0.2, False, "lagging"),
        ("in_progress", 0.9, False, "on_track"),
        ("in_progress", 1.0, True, "lagging"),
        ("not_started", 0.49, False, "on_track"),
        ("not_started", 0.5, False, "behind"),
        ("not_started", 1.0, True, "lagging"),
    ],
)
def test_milestone_states(state, expected, past_due, status):
    m = ind("milestone")
    assert decide(m, state, completion(m, state), expected, 0.1, past_due)[0] == status


def test_months_left():
    assert months_left(D(2023, 9, 30), D(2023, 12, 31)) == 3
    assert months_left(D(2023, 12, 15), D(2023, 12, 31)) == 1
    assert months_left(D(2023, 9, 30), D(2024, 12, 31)) == 15


# ── evaluate: merging reports, look-back, roll-ups ────────────────────────────────────────────

CATALOGUE = {
    "plan": {"title": "t", "document_number": "n", "issuer": "i", "issued": D(2023, 8, 2),
             "period_start": START, "period_end": D(2023, 12, 31)},
    "units": [{"name": "甲局"}, {"name": "乙局"}],
    "chapters": [{"number": 1, "title": "c"}],
    "tasks": [
        {"id": 1, "chapter": 1, "title": "a", "text": "a", "lead_units": ["甲局", "乙局"], "indicators": [
            {"id": "1.1", "name": "基站", "quote": "a", "comparator": ">=", "target": 30, "unit": "个"},
            {"id": "1.2", "name": "预案", "quote": "a", "comparator": "milestone"},
            {"id": "1.3", "name": "签约率", "quote": "a", "comparator": "delta_pp", "target": 5, "baseline": None},
        ]},
        {"id": 2, "chapter": 1, "title": "b", "text": "b", "lead_units": ["乙局"], "indicators": [
            {"id": "2.1", "name": "黑臭水体", "quote": "b", "comparator": "<=", "target": 0, "unit": "处"},
        ]},
    ],
}


def progress(unit: str, *reports: tuple[dt.date, dict]) -> ProgressFile:
    return ProgressFile(unit=unit, reports=[
        {"as_of": day, "entries": [{"indicator": k, "value": v} for k, v in entries.items()]}
        for day, entries in reports
    ])


@pytest.fixture
def cat() -> Catalogue:
    return Catalogue.model_validate(CATALOGUE)


@pytest.fixture
def files() -> list[ProgressFile]:
    return [
        progress("甲局", (D(2023, 6, 30), {"1.1": 12.0, "1.2": "in_progress"}),
                 (D(2023, 9, 30), {"1.1": 21.0, "1.2": "done", "1.3": 47.0})),
        progress("乙局", (D(2023, 9, 30), {"2.1": 2.0})),
    ]


def test_september_picture(cat, files):
    ev = evaluate(cat, files, D(2023, 9, 30))
    r = ev.by_id
    # 21/30 = 0.70; expected 0.7479; 0.6479 ≤ 0.70 < 0.7479 → behind
    assert r["1.1"].completion == pytest.approx(0.7) and r["1.1"].status == "behind"
    assert r["1.1"].remaining == 9 and r["1.1"].per_month == pytest.approx(3)  # 9 more in 3 months
    assert r["1.2"].status == "done"
    assert r["1.3"].status == "no_baseline" and r["1.3"].completion is None
    assert r["2.1"].status == "lagging" and r["2.1"].completion == 0  # 2 left, no baseline
    assert ev.overall.summary == {"done": 1, "on_track": 0, "behind": 1, "lagging": 1, "no_report": 0,
                                  "no_baseline": 1}


def test_as_of_looks_back_and_ignores_later_reports(cat, files):
    ev = evaluate(cat, files, D(2023, 6, 30))
    r = ev.by_id
    assert r["1.1"].actual == 12 and [o.as_of for o in r["1.1"].ignored] == [D(2023, 9, 30)]
    # 12/30 = 0.4; expected 181/365 = 0.4959; 0.3959 ≤ 0.4 → behind
    assert r["1.1"].status == "behind"
    assert r["1.2"].status == "on_track"  # in progress
    assert r["2.1"].status == "no_report"  # its only report is dated after the query date
    assert r["1.3"].status == "no_report"
    # a date between reports takes the latest before it
    assert evaluate(cat, files, D(2023, 8, 15)).by_id["1.1"].actual == 12


def test_rollups(cat, files):
    ev = evaluate(cat, files, D(2023, 9, 30))
    task1, task2 = ev.tasks()[:2]
    # worst of behind, done, no_baseline is behind; mean of capped completions (0.7, 1.0) = 0.85
    assert task1.status == "behind" and task1.completion == pytest.approx(0.85)
    assert task2.status == "lagging" and task2.completion == 0
    units = {u.key: u for u in ev.units()}
    assert units["甲局"].reporting_rate == 1.0 and len(units["甲局"].results) == 3
    assert units["乙局"].summary["lagging"] == 1
    june = {u.key: u for u in evaluate(cat, files, D(2023, 6, 30)).units()}
    assert june["甲局"].reported == 2 and june["甲局"].reporting_rate == pytest.approx(2 / 3)
    assert ev.chapters()[0].summary["done"] == 1


def test_task_status_order_no_report_is_worse_than_behind(cat, files):
    ev = evaluate(cat, files[:1], D(2023, 9, 30))  # 乙局 has not reported
    assert ev.by_id["2.1"].status == "no_report"
    assert ev.tasks()[1].status == "no_report"
    assert ev.tasks()[1].completion is None


def test_owner_figure_wins_on_the_same_date(cat, files):
    co_lead = progress("乙局", (D(2023, 9, 30), {"1.1": 30.0}))
    ev = evaluate(cat, [co_lead, *files], D(2023, 9, 30))
    assert ev.by_id["1.1"].actual == 21  # 甲局 owns 1.1; 乙局 only co-leads the task
