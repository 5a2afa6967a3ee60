"""The engine's rules one by one, with expectations worked out by hand. No files, no CLI."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from gdtrack.engine.evaluation import completion, decide, evaluate, expected_progress, judge, months_left
from gdtrack.files.loading import validated
from gdtrack.models import Catalogue, Indicator, ProgressFile

D = dt.date
START = D(2023, 1, 1)


def ind(comparator: str, target: float | None = None, baseline: float | None = None, **kw) -> Indicator:
    if comparator in (">=", "<=", "==") and "measure" not in kw:
        kw["measure"] = "level" if comparator == "<=" else "cumulative"
    return validated(Indicator, dict(id="1.1", name="x", quote="x", comparator=comparator, target=target,
                                     baseline=baseline, **kw))


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


def test_at_most_counts_down_from_its_start():
    assert completion(ind("<=", 0), 0).value == 1.0  # met, with or without a start value
    assert completion(ind("<=", 5), 3).value == 1.0
    assert completion(ind("<=", 0), 3).value is None  # not met and no start value: no baseline
    assert completion(ind("<=", 0), 3).rule == "no_baseline"
    assert completion(ind("<=", 0), 4, start=10).value == pytest.approx(0.6)  # (4 − 10) ÷ (0 − 10)
    assert completion(ind("<=", 0), 12, start=10).value == pytest.approx(-0.2)  # worse than at the start
    assert completion(ind("<=", 0), 2, start=0).rule == "lost"  # clear at the start, not now → 0
    assert completion(ind("<=", 0), 2, start=0).value == 0.0
    still = completion(ind("<=", 0), 2, start=2).value  # none cleared yet: 0, not -0.0 (which prints as "-0.0%")
    assert still == 0.0 and math.copysign(1, still) == 1


def test_a_level_counts_from_its_start_not_from_zero():
    rate = ind(">=", 40, measure="level")
    # 2.4 研发机构建有率 ≥ 40 % from 25.0: 29.5 % is (29.5 − 25) ÷ (40 − 25) = 0.30, not 29.5 ÷ 40
    assert completion(rate, 29.5, start=25.0).value == pytest.approx(0.30)
    assert completion(rate, 29.5).value is None and completion(rate, 29.5).rule == "no_baseline"
    assert completion(rate, 41).value == 1.0  # met: done even without a start value
    assert completion(rate, 41, start=25).value == pytest.approx(16 / 15)  # over-achievement is kept
    assert completion(rate, 38, start=45).rule == "lost"  # above the target at the start, below it now
    cumulative = ind(">=", 40)
    assert completion(cumulative, 29.5, start=25.0).value == pytest.approx(29.5 / 40)  # a total ignores it


def test_relative_increases():
    # 提高10% from 800: 840 is half way, (840/800 − 1) / 0.10 = 0.5
    assert completion(ind("delta_pct", 10), 840, start=800).value == pytest.approx(0.5)
    # 提升5个百分点 from 40%: 43% is (43 − 40) / 5 = 0.6
    assert completion(ind("delta_pp", 5), 43, start=40).value == pytest.approx(0.6)
    assert completion(ind("delta_pp", 5), 43).value is None
    assert completion(ind("delta_pct", 10), 840).value is None


def test_milestones_without_steps_have_no_completion():
    for state in ("done", "in_progress", "not_started", "blocked"):
        assert completion(ind("milestone"), state).value is None


STEPS = [{"by": D(2023, 3, 31), "name": "方案"}, {"by": D(2023, 6, 30), "name": "开工"},
         {"by": D(2023, 10, 31), "name": "主体完工"}, {"by": D(2023, 12, 31), "name": "验收"}]


def test_milestone_steps_reached_over_steps_and_steps_due_as_pace():
    m = ind("milestone", steps=STEPS)
    # in July the furthest step reached is 开工: 2 of 4 = 0.5; due by 07-15: 方案 and 开工, 2 of 4 = 0.5 → on track
    july = judge(m, "开工", D(2023, 7, 15), START, D(2023, 12, 31), 0.10, earlier=["方案"])
    assert july.completion.value == 0.5 and july.expected == 0.5 and july.status == "on_track"
    # in November still at 开工: 0.5 against 3 of 4 due (0.75) → 0.25 behind, more than the tolerance → lagging
    nov = judge(m, "推进中", D(2023, 11, 15), START, D(2023, 12, 31), 0.10, earlier=["方案", "开工"])
    assert nov.completion.reached == 2 and nov.expected == 0.75 and nov.status == "lagging"
    # "done" reaches every step; blocked is lagging whatever the steps say
    assert judge(m, "已完成", D(2023, 11, 15), START, D(2023, 12, 31), 0.10).status == "done"
    assert judge(m, "受阻", D(2023, 4, 15), START, D(2023, 12, 31), 0.10, earlier=["方案"]).status == "lagging"


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
    assert decide(ind(">=", 10), 1.0, done, expected, 0.10, final=False)[0] == status


def test_no_report_and_no_baseline():
    assert decide(ind(">=", 10), None, None, 0.5, 0.1, False) == ("no_report", "no_report")
    assert decide(ind("delta_pp", 5), 43.0, None, 0.5, 0.1, False) == ("no_baseline", "no_baseline")


@pytest.mark.parametrize(
    ("state", "expected", "status"),
    [
        ("done", 0.9, "done"),
        ("blocked", 0.2, "lagging"),
        ("in_progress", 0.9, "on_track"),
        ("not_started", 0.49, "on_track"),
        ("not_started", 0.5, "behind"),
        ("推进中", 0.9, "on_track"),  # the Chinese words are the same states
        ("未启动", 0.5, "behind"),
    ],
)
def test_milestone_states_before_the_due_date(state, expected, status):
    assert decide(ind("milestone"), state, None, expected, 0.1, final=False)[0] == status


@pytest.mark.parametrize(("actual", "status"), [("done", "done"), ("已完成", "done"), ("in_progress", "missed"),
                                                ("not_started", "missed"), ("blocked", "missed")])
def test_at_the_due_date_a_milestone_is_done_or_missed(actual, status):
    assert judge(ind("milestone"), actual, D(2023, 12, 31), START, D(2023, 12, 31), 0.1).status == status


def test_at_the_due_date_a_number_is_done_or_missed():
    goal = ind(">=", 10)
    assert judge(goal, 10.0, D(2023, 12, 31), START, D(2023, 12, 31), 0.1).status == "done"
    # 8 of 10 is 0.8: on 12-30 that is 0.8 against 364/365 → lagging; from the due date on it is missed
    assert judge(goal, 8.0, D(2023, 12, 30), START, D(2023, 12, 31), 0.1).status == "lagging"
    final = judge(goal, 8.0, D(2023, 12, 31), START, D(2023, 12, 31), 0.1)
    assert (final.status, final.rule) == ("missed", "final_missed")
    assert judge(goal, 8.0, D(2024, 3, 1), START, D(2023, 12, 31), 0.1).status == "missed"
    # a goal due next year is still paced at the end of this one
    assert judge(goal, 5.0, D(2023, 12, 31), START, D(2024, 12, 31), 0.1).status == "on_track"  # 0.5 ≥ 365/731


def test_a_schedule_paces_through_its_nodes():
    # 新增国家级高新技术企业 ≥ 22: nothing expected before November's recognition, all of it by 11-30
    goal = ind(">=", 22, schedule=[{"by": D(2023, 10, 31), "value": 0}, {"by": D(2023, 11, 30), "value": 22}])
    due = D(2023, 12, 31)
    sept = judge(goal, 0.0, D(2023, 9, 30), START, due, 0.1)
    assert sept.pace.rule == "schedule" and sept.pace.path == 0 and sept.expected == 0 and sept.status == "on_track"
    # between the nodes: 11-15 is 15 of the 30 days from 10-31 to 11-30, so the path is 11 and expected 11/22 = 0.5
    mid = judge(goal, 5.0, D(2023, 11, 15), START, due, 0.1)
    assert mid.pace.path == pytest.approx(11) and mid.expected == pytest.approx(0.5)
    assert mid.status == "lagging"  # 5/22 = 0.227 < 0.5 − 0.1
    # after the last node the path holds the target
    assert judge(goal, 22.0, D(2023, 12, 10), START, due, 0.1).expected == 1.0


def test_a_level_schedule_starts_from_the_start_value():
    # 公办率 ≥ 65 from 58.3: flat until the autumn term, 63 by 09-30, then 65 by the due date
    goal = ind(">=", 65, measure="level", schedule=[{"by": D(2023, 8, 31), "value": 58.3},
                                                     {"by": D(2023, 9, 30), "value": 63}])
    june = judge(goal, 58.3, D(2023, 6, 30), START, D(2023, 12, 31), 0.1, start=58.3)
    assert june.expected == 0 and june.completion.value == 0 and june.status == "on_track"
    sept = judge(goal, 63.5, D(2023, 9, 30), START, D(2023, 12, 31), 0.1, start=58.3)
    # path 63 → (63 − 58.3) ÷ (65 − 58.3) = 0.7015; actual (63.5 − 58.3) ÷ 6.7 = 0.7761 → on track
    assert sept.expected == pytest.approx(4.7 / 6.7) and sept.completion.value == pytest.approx(5.2 / 6.7)
    assert sept.status == "on_track"


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
            {"id": "1.1", "name": "基站", "quote": "a", "comparator": ">=", "target": 30, "unit": "个",
             "measure": "cumulative"},
            {"id": "1.2", "name": "预案", "quote": "a", "comparator": "milestone"},
            {"id": "1.3", "name": "签约率", "quote": "a", "comparator": "delta_pp", "target": 5, "baseline": None},
        ]},
        {"id": 2, "chapter": 1, "title": "b", "text": "b", "lead_units": ["乙局"], "indicators": [
            {"id": "2.1", "name": "黑臭水体", "quote": "b", "comparator": "<=", "target": 0, "unit": "处",
             "measure": "level"},
        ]},
    ],
}


def progress(unit: str, *reports: tuple[dt.date, dict], baselines: dict | None = None) -> ProgressFile:
    return validated(ProgressFile, dict(unit=unit, reports=[
        {"as_of": day, "entries": [{"indicator": k, "value": v} for k, v in entries.items()]}
        for day, entries in reports
    ], baselines=[{"indicator": k, "value": v} for k, v in (baselines or {}).items()]))


@pytest.fixture
def cat() -> Catalogue:
    return validated(Catalogue, CATALOGUE)


@pytest.fixture
def files() -> list[ProgressFile]:
    return [
        progress("甲局", (D(2023, 6, 30), {"1.1": 12.0, "1.2": "in_progress"}),
                 (D(2023, 9, 30), {"1.1": 21.0, "1.2": "done", "1.3": 47.0})),
        progress("乙局", (D(2023, 9, 30), {"2.1": 2.0}), baselines={"2.1": 5.0}),
    ]


def test_september_picture(cat, files):
    ev = evaluate(cat, files, D(2023, 9, 30))
    r = ev.by_id
    # 21/30 = 0.70; expected 0.7479; 0.6479 ≤ 0.70 < 0.7479 → behind
    assert r["1.1"].completion == pytest.approx(0.7) and r["1.1"].status == "behind"
    assert r["1.1"].remaining == 9 and r["1.1"].per_month == pytest.approx(3)  # 9 more in 3 months
    assert r["1.2"].status == "done" and r["1.2"].completion is None  # no steps: no completion
    assert r["1.3"].status == "no_baseline" and r["1.3"].completion is None
    # 乙局's own baseline 5: (2 − 5) ÷ (0 − 5) = 0.6 < 0.6479 → lagging
    assert r["2.1"].start.value == 5 and r["2.1"].start.source == "乙局"
    assert r["2.1"].completion == pytest.approx(0.6) and r["2.1"].status == "lagging"
    assert ev.overall.summary == {"done": 1, "on_track": 0, "behind": 1, "lagging": 1, "missed": 0,
                                  "no_report": 0, "no_baseline": 1, "unread": 0}


def test_the_catalogue_baseline_wins_over_the_departments(cat, files):
    cat.tasks[1].indicators[0].baseline = 4.0
    r = evaluate(cat, files, D(2023, 9, 30)).by_id["2.1"]
    assert r.start.value == 4 and r.start.source == "catalogue" and r.completion == pytest.approx(0.5)


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


def test_stale_figures_and_the_reporting_rate_of_the_period(cat, files):
    ev = evaluate(cat, files, D(2023, 8, 15))
    r = ev.by_id["1.1"]
    assert r.actual == 12 and r.reported_on == D(2023, 6, 30) and r.stale  # June's figure in August
    units = {u.key: u for u in ev.units()}
    # 甲局 has figures for 1.1 and 1.2 (2 of 3) but none from August: 报送率 0 this period
    assert units["甲局"].reported == 2 and units["甲局"].current == 0 and units["甲局"].reporting_rate == 0
    sept = {u.key: u for u in evaluate(cat, files, D(2023, 9, 30)).units()}
    assert sept["甲局"].current == 3 and sept["甲局"].reporting_rate == 1.0
    # by quarter, June's figure is current on any day of the second quarter, stale in the third
    cat.plan.policy.reporting = "quarter"
    assert not evaluate(cat, files, D(2023, 6, 30)).by_id["1.1"].stale
    assert not evaluate(cat, files, D(2023, 4, 1)).by_id["1.1"].used  # reported after 04-01
    assert evaluate(cat, files, D(2023, 7, 1)).by_id["1.1"].stale


def test_rollups_count_statuses_and_score_every_goal_but_those_without_a_start(cat, files):
    ev = evaluate(cat, files, D(2023, 9, 30))
    task1, task2 = ev.tasks()[:2]
    # worst of behind, done, no_baseline is behind; the mean is over 1.1 (0.7) and the milestone 1.2, done, which
    # counts 100 % (issue 21: a milestone counts by its status); 1.3 has no start value and is left out
    assert task1.status == "behind" and task1.completion == pytest.approx((0.7 + 1.0) / 2) and task1.quantified == 2
    assert task1.on_pace == 1  # 1.2 done
    assert task2.status == "lagging" and task2.completion == pytest.approx(0.6)
    units = {u.key: u for u in ev.units()}
    assert units["乙局"].summary["lagging"] == 1
    assert ev.overall.quantified == 3 and ev.overall.completion == pytest.approx((0.7 + 1.0 + 0.6) / 3)
    assert ev.chapters()[0].summary["done"] == 1


def test_task_status_order_no_report_is_worse_than_behind(cat, files):
    ev = evaluate(cat, files[:1], D(2023, 9, 30))  # 乙局 has not reported
    assert ev.by_id["2.1"].status == "no_report"
    assert ev.tasks()[1].status == "no_report"
    # a goal never reported counts 0 against its pace (issue 21: silence does not rank well): 0 − 273/365
    task2 = ev.tasks()[1]
    assert task2.completion == 0.0 and task2.unreported == 1 and task2.gap == pytest.approx(-273 / 365)


def test_the_owners_figure_wins_over_a_co_leads_whatever_the_dates(cat, files):
    later = progress("乙局", (D(2023, 9, 30), {"1.1": 30.0}), (D(2023, 10, 1), {"1.1": 0.0}))
    ev = evaluate(cat, [later, *files], D(2023, 10, 31))
    r = ev.by_id["1.1"]
    assert r.actual == 21 and {o.unit for o in r.used} == {"甲局"}  # 甲局 owns 1.1; 乙局 only co-leads the task
    assert [o.value for o in r.overruled] == [30, 0]
    # where the owner has reported nothing, the co-lead's figure counts
    alone = evaluate(cat, [later, files[1]], D(2023, 10, 31)).by_id["1.1"]
    assert alone.actual == 0 and alone.latest.unit == "乙局"


def test_at_the_end_of_the_year_every_goal_is_done_missed_no_baseline_or_no_report(cat, files):
    ev = evaluate(cat, files, D(2023, 12, 31))
    assert {r.id: r.status for r in ev.results} == {"1.1": "missed", "1.2": "done", "1.3": "no_baseline",
                                                    "2.1": "missed"}
