"""The 督办 loop: status at each month end, escalation levels, replies, 催报 and the year-end forecast.

A hand-made plan (2023, tolerance 0.05, so a goal lags below 序时进度 − 5 points) and hand-worked figures. 序时进度 at
the month ends: 31/365 = 0.0849, 59/365 = 0.1616, 90/365 = 0.2466; a goal lags below 0.0349, 0.1116, 0.1966.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from gdtrack.checks.workspace import open_workspace
from gdtrack.engine.evaluation import evaluate
from gdtrack.engine.forecast import forecast
from gdtrack.engine.supervision import deadline, escalations, history, period_ends, reminders

PLAN = """\
plan:
  title: 督办测试计划
  document_number: 测试〔2023〕2号
  issuer: 测试办公室
  issued: 2023-01-05
  period_start: 2023-01-01
  period_end: 2023-12-31
  policy:
    tolerance: 0.05
    report_by_day: 25
{extra}units:
  - name: 甲局
    aliases: [甲]
  - name: 乙局
chapters:
  - number: 1
    title: 第一章
tasks:
  - id: 1
    chapter: 1
    title: 任务一
    text: 新建基站100个。新增企业100家。
    lead_units: [甲局]
    indicators:
      - {{id: "1.1", name: 新建基站, quote: 新建基站100个, comparator: ">=", target: 100, unit: 个,
         measure: cumulative}}
      - {{id: "1.2", name: 新增企业, quote: 新增企业100家, comparator: ">=", target: 100, unit: 家,
         measure: cumulative}}
  - id: 2
    chapter: 1
    title: 任务二
    text: 改造道路100公里。建设公园100个。完成规划编制。
    lead_units: [乙局]
    indicators:
      - {{id: "2.1", name: 改造道路, quote: 改造道路100公里, comparator: ">=", target: 100, unit: 公里,
         measure: cumulative}}
      - {{id: "2.2", name: 建设公园, quote: 建设公园100个, comparator: ">=", target: 100, unit: 个,
         measure: cumulative}}
      - {{id: "2.3", name: 规划编制, quote: 完成规划编制, comparator: milestone}}
"""

# 1.1 lags at every month end (0, 5, 10: below 0.0349, 0.1116, 0.1966) → 3 periods → 通报.
# 1.2 lags in January (0), is on pace in February (20 ≥ 16.16) and lags again in March (18 < 19.66) → 1 → 提醒.
# 2.1 is behind in January (5: ≥ 3.49, < 8.49), lags in February (10) and March (15) → 2 → 督办.
# 2.2 is never reported → its own kind, 3 unreported month ends → 通报.
# 2.3 is done in March.
A = """\
unit: 甲局
reports:
  - as_of: 2023-01-31
    entries:
      - {indicator: "1.1", value: 0, evidence: 台账}
      - {indicator: "1.2", value: 0, evidence: 台账}
  - as_of: 2023-02-28
    entries:
      - {indicator: "1.1", value: 5, evidence: 台账}
      - {indicator: "1.2", value: 20, evidence: 台账}
  - as_of: 2023-03-31
    entries:
      - {indicator: "1.1", value: 10, evidence: 台账}
      - {indicator: "1.2", value: 18, evidence: 台账}
  - as_of: 2023-04-10
    entries:
      - {indicator: "1.1", value: 12, note: 设备未到货, evidence: 台账}
responses:
  - {indicator: "1.1", measures: 督促供应商到货, by: 2023-03-15, replied: 2023-02-20}
"""
B = """\
unit: 乙局
reports:
  - as_of: 2023-01-31
    entries:
      - {indicator: "2.1", value: 5, evidence: 台账}
  - as_of: 2023-02-28
    entries:
      - {indicator: "2.1", value: 10, evidence: 台账}
  - as_of: 2023-03-31
    entries:
      - {indicator: "2.1", value: 15, evidence: 台账}
      - {indicator: "2.3", value: 已完成, evidence: 批复}
responses:
  - {indicator: "2.1", measures: 增加施工队伍, by: 2023-05-31, replied: 2023-03-10}
"""


def write(tmp_path: Path, extra: str = "", a: str = A, b: str = B) -> tuple[Path, Path]:
    cat = tmp_path / "plan.yaml"
    cat.write_text(PLAN.format(extra=extra), encoding="utf-8")
    folder = tmp_path / "progress"
    folder.mkdir(exist_ok=True)
    (folder / "甲局.yaml").write_text(a, encoding="utf-8")
    (folder / "乙局.yaml").write_text(b, encoding="utf-8")
    return cat, folder


def load(tmp_path: Path, extra: str = ""):
    cat, folder = write(tmp_path, extra)
    ws = open_workspace(cat, folder)
    assert ws.catalogue is not None and not ws.errors, ws.errors
    return ws.catalogue, ws.progress


MARCH = dt.date(2023, 3, 31)


# ── pure ───────────────────────────────────────────────────────────────────────────────────────


def test_status_at_each_month_end(tmp_path):
    cat, files = load(tmp_path)
    hist = history(cat, files, dt.date(2023, 4, 20))  # April has not ended: three month ends
    assert hist.ends == [dt.date(2023, 1, 31), dt.date(2023, 2, 28), MARCH]
    assert [p.status for p in hist.of("1.1")] == ["lagging", "lagging", "lagging"]
    assert [p.status for p in hist.of("1.2")] == ["lagging", "on_track", "lagging"]
    assert [p.status for p in hist.of("2.1")] == ["behind", "lagging", "lagging"]
    assert [p.status for p in hist.of("2.2")] == ["no_report"] * 3
    assert history(cat, files, dt.date(2023, 1, 30)).ends == []


def test_quarter_ends(tmp_path):
    cat, _ = load(tmp_path, extra="    reporting: quarter\n")
    assert period_ends(cat, dt.date(2023, 10, 1)) == [dt.date(2023, 3, 31), dt.date(2023, 6, 30),
                                                      dt.date(2023, 9, 30)]
    assert deadline(cat, dt.date(2023, 10, 1)) == dt.date(2023, 10, 25)  # Q3's figures, due in the month after it


def test_escalation_levels_count_consecutive_lagging_month_ends(tmp_path):
    cat, files = load(tmp_path)
    found = {e.id: e for e in escalations(cat, files, dt.date(2023, 4, 20))}
    assert {k: (e.level, e.periods, e.kind) for k, e in found.items()} == {
        "1.1": ("通报", 3, "lagging"),
        "2.1": ("督办", 2, "lagging"),  # behind in January does not count
        "1.2": ("提醒", 1, "lagging"),  # it recovered in February: the count starts again
        "2.2": ("通报", 3, "no_report"),
    }
    assert [e.id for e in escalations(cat, files, dt.date(2023, 4, 20))] == ["1.1", "2.1", "1.2", "2.2"]
    assert [e.id for e in escalations(cat, files, dt.date(2023, 4, 20), unit="乙局")] == ["2.1", "2.2"]


def test_a_reply_past_its_deadline_with_the_goal_still_lagging_is_overdue(tmp_path):
    cat, files = load(tmp_path)
    found = {e.id: e for e in escalations(cat, files, dt.date(2023, 4, 20))}
    assert found["1.1"].reply.measures == "督促供应商到货" and found["1.1"].overdue  # due 03-15, still lagging
    assert found["2.1"].reply.by == dt.date(2023, 5, 31) and not found["2.1"].overdue  # not due yet
    assert found["1.2"].reply is None and not found["1.2"].overdue
    # on 2023-03-10 the reply of 1.1 was not yet due: not overdue
    assert not {e.id: e for e in escalations(cat, files, dt.date(2023, 3, 10))}["1.1"].overdue


def test_the_plan_names_its_own_levels(tmp_path):
    cat, files = load(tmp_path, extra="    escalation: [{after: 2, name: 约谈}, {after: 3, name: 通报批评}]\n")
    found = {e.id: (e.level, e.periods) for e in escalations(cat, files, dt.date(2023, 4, 20))}
    assert found == {"1.1": ("通报批评", 3), "2.1": ("约谈", 2), "2.2": ("通报批评", 3)}  # 1.2: one month, no level


def test_reminders_name_the_goals_without_a_figure_for_the_period_asked_for(tmp_path):
    cat, files = load(tmp_path)
    # On 04-26 March's deadline (04-25) has passed: April is asked for, due 05-25. 甲局 reported 1.1 on 04-10 but
    # not 1.2; 乙局 reported nothing in April (2.3 is done and not asked for)
    ev = evaluate(cat, files, dt.date(2023, 4, 26))
    assert [(m.unit, [r.id for r in m.missing], m.deadline, m.period_end) for m in reminders(ev)] == [
        ("甲局", ["1.2"], dt.date(2023, 5, 25), dt.date(2023, 4, 30)),
        ("乙局", ["2.1", "2.2"], dt.date(2023, 5, 25), dt.date(2023, 4, 30)),
    ]
    # On 04-20 March, just closed, is still asked for until 04-25 (issue 21: on 11-03 October could no longer be
    # chased): both units reported March on 03-31, except 乙局's 2.2
    ev = evaluate(cat, files, dt.date(2023, 4, 20))
    assert [(m.unit, [r.id for r in m.missing], m.deadline, m.period_end) for m in reminders(ev)] == [
        ("乙局", ["2.2"], dt.date(2023, 4, 25), dt.date(2023, 3, 31))]


def test_the_deadline_defaults_to_the_period_end_and_fits_short_months(tmp_path):
    cat, _ = load(tmp_path)
    assert deadline(cat, dt.date(2023, 2, 3)) == dt.date(2023, 2, 25)
    no_day = replace(cat, plan=replace(cat.plan, policy=replace(cat.plan.policy, report_by_day=None)))
    assert deadline(no_day, dt.date(2023, 2, 3)) == dt.date(2023, 2, 28)
    late = replace(cat, plan=replace(cat.plan, policy=replace(cat.plan.policy, report_by_day=31)))
    assert deadline(late, dt.date(2023, 4, 3)) == dt.date(2023, 4, 30)


# ── the year-end forecast, worked by hand ──────────────────────────────────────────────────────
# Reports on 03-31 (day 90) and 06-30 (day 181), queried on 07-15; 184 days from 06-30 to 12-31, target 120.

FORECAST_PLAN = """\
plan: {{title: 预测, document_number: 测试〔2023〕3号, issuer: 办, issued: 2023-01-05, period_start: 2023-01-01,
       period_end: 2023-12-31}}
units: [{{name: 甲局}}]
chapters: [{{number: 1, title: 一}}]
tasks:
  - id: 1
    chapter: 1
    title: 任务
    text: 甲120。乙120。丙120。丁清零。戊120。
    lead_units: [甲局]
    indicators:
      - {{id: "1.1", name: 稳定, quote: 甲120, comparator: ">=", target: 120, measure: cumulative}}
      - {{id: "1.2", name: 加速, quote: 乙120, comparator: ">=", target: 120, measure: cumulative}}
      - {{id: "1.3", name: 停滞, quote: 丙120, comparator: ">=", target: 120, measure: cumulative}}
      - {{id: "1.4", name: 压减, quote: 丁清零, comparator: "<=", target: 0, measure: level, baseline: 10}}
      - {{id: "1.5", name: 节点, quote: 戊120, comparator: ">=", target: 120, measure: cumulative,
         schedule: [{{by: 2023-06-30, value: 20}}, {{by: 2023-09-30, value: 40}}]}}
"""
FIGURES = {"1.1": (30, 60), "1.2": (10, 50), "1.3": (40, 40), "1.4": (8, 6), "1.5": (5, 20)}
JULY = dt.date(2023, 7, 15)


@pytest.fixture
def projected(tmp_path):
    from .conftest import reported

    cat, folder, ws = reported(tmp_path, FORECAST_PLAN.format(), FIGURES)
    return cat, folder, {r.id: forecast(r) for r in evaluate(ws.catalogue, ws.progress, JULY).results}


def test_a_steady_goal_will_be_met(projected):
    f = projected[2]["1.1"]
    # latest: 60 + (60 − 30) ÷ 91 × 184 = 120.659; average: 60 + 60 ÷ 181 × 184 = 120.994
    assert f.recent.value == pytest.approx(60 + 30 * 184 / 91) and f.recent.value == pytest.approx(120.659, abs=1e-3)
    assert f.average.value == pytest.approx(120.994, abs=1e-3)
    assert (round(f.low, 3), round(f.high, 3), f.verdict, f.shortfall) == (120.659, 120.994, "on_course", 0.0)
    assert f.clocks == ("days",) and f.recent.left == 184 and f.average.span == 181


def test_an_accelerating_goal_is_at_risk(projected):
    f = projected[2]["1.2"]
    # latest: 50 + 40 ÷ 91 × 184 = 130.879; average: 50 + 50 ÷ 181 × 184 = 100.829: 120 lies between
    assert (round(f.low, 3), round(f.high, 3), f.verdict) == (100.829, 130.879, "at_risk")
    assert f.shortfall == 0.0


def test_a_stalled_goal_is_unlikely(projected):
    f = projected[2]["1.3"]
    # latest: 40 + 0 = 40; average: 40 + 40 ÷ 181 × 184 = 80.663; the better falls 1 − 80.663 ÷ 120 = 32.8 % short
    assert (round(f.low, 3), round(f.high, 3), f.verdict) == (40.0, 80.663, "unlikely")
    assert f.shortfall == pytest.approx(1 - 80.663 / 120, abs=1e-4)


def test_a_goal_that_counts_down_is_better_lower(projected):
    f = projected[2]["1.4"]
    # from 10 at the start: latest 6 − 2 ÷ 91 × 184 = 1.956 (the worse), average 6 − 4 ÷ 181 × 184 = 1.934;
    # the range reads low to high whichever end is better (issue 21)
    assert (round(f.low, 3), round(f.high, 3), f.verdict) == (1.934, 1.956, "unlikely")


def test_a_schedule_shapes_the_projection(projected):
    f = projected[2]["1.5"]
    # time runs along the path 0 → 20 (06-30) → 40 (09-30) → 120 (12-31): on 03-31 the path is at 20 × 90 ÷ 181;
    # from 06-30 the path still gains 100. Average: 20 per 20 of path → 20 + 100 = 120; latest: 15 per
    # (20 − 9.945) → 20 + 15 ÷ 10.055 × 100 = 169.18. In days it would be 20 + 20 ÷ 181 × 184 = 40.3.
    assert f.clocks == ("schedule",)
    assert f.average.value == pytest.approx(120.0)
    assert f.recent.value == pytest.approx(20 + 15 / (20 - 20 * 90 / 181) * 100)
    assert f.verdict == "on_course"


def test_no_forecast_without_two_figures_or_after_the_due_date(tmp_path):
    cat, files = load(tmp_path)
    ev = evaluate(cat, files, dt.date(2023, 1, 31))
    assert forecast(ev.by_id["1.1"]) is None  # one figure
    assert forecast(ev.by_id["2.3"]) is None  # a milestone
    assert forecast(evaluate(cat, files, dt.date(2023, 12, 31)).by_id["1.1"]) is None  # the status is final


# ── through the CLI ────────────────────────────────────────────────────────────────────────────


def run(cli, tmp_path, *args, extra: str = "", a: str = A, b: str = B):
    cat, folder = write(tmp_path, extra, a, b)
    return cli(*args, "-c", cat, "-p", folder)


def test_escalations_table_and_json(cli, tmp_path):
    result = run(cli, tmp_path, "escalations", "--as-of", "2023-04-20")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "督办清单　截至 2023-04-20，按 2023-03-31 期末状态" in out
    assert "通报 2 项  督办 1 项  提醒 1 项" in out
    row = next(line for line in out.splitlines() if " 1.1 " in line)
    assert row.startswith("通报") and "设备未到货" in row and "督促供应商到货" in row and "逾期未整改" in row
    # 1.1 on 04-20: 12 of 100, 88 still needed over 8 months (to December) = 11 a month
    assert "88 个" in row and "11 个" in row
    data = json.loads(run(cli, tmp_path, "escalations", "--as-of", "2023-04-20", "-f", "json").stdout)
    first = data["escalations"][0]
    assert (first["id"], first["level"], first["periods"], first["overdue"]) == ("1.1", "通报", 3, True)
    assert first["reply"] == {"measures": "督促供应商到货", "by": "2023-03-15", "replied": "2023-02-20"}
    assert [h["status"] for h in first["history"]] == ["lagging"] * 3
    assert data["levels"] == [{"after": 1, "name": "提醒"}, {"after": 2, "name": "督办"}, {"after": 3, "name": "通报"}]


def test_escalations_for_one_unit_by_its_alias(cli, tmp_path):
    data = json.loads(run(cli, tmp_path, "escalations", "--as-of", "2023-04-20", "-u", "甲", "-f", "json").stdout)
    assert [e["id"] for e in data["escalations"]] == ["1.1", "1.2"]


def test_remind_text_is_ready_to_paste(cli, tmp_path):
    result = run(cli, tmp_path, "remind", "--as-of", "2023-04-26")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "催报提醒（2023-04-26）\n\n"
        "【催报】甲局：截至4月26日，以下1项指标尚未报送4月进度：1.2 新增企业。请于5月25日前报送。\n\n"
        "【催报】乙局：截至4月26日，以下2项指标尚未报送4月进度：2.1 改造道路；2.2 建设公园。请于5月25日前报送。\n")
    assert "*" not in result.stdout and "#" not in result.stdout  # no Markdown in text
    en = run(cli, tmp_path, "remind", "--as-of", "2023-04-26", "--unit", "乙局", "--lang", "en").stdout
    assert "no figure for Apr" in en and "Please report by 25 May." in en and "甲局" not in en
    march = run(cli, tmp_path, "remind", "--as-of", "2023-04-20").stdout  # March is still due, until 04-25
    assert "以下1项指标尚未报送3月进度：2.2 建设公园。请于4月25日前报送。" in march and "甲局" not in march


def test_remind_when_everyone_has_reported(cli, tmp_path):
    a = A.replace("responses:", '  - as_of: 2023-04-12\n    entries:\n      - {indicator: "1.2", value: 25, '
                                 'evidence: 台账}\nresponses:')
    out = run(cli, tmp_path, "remind", "--as-of", "2023-04-26", "-u", "甲局", a=a).stdout
    assert out == "截至2023-04-26，各单位4月进度均已报送，无需催报。\n"


def test_history_shows_the_month_ends_and_the_level(cli, tmp_path):
    out = run(cli, tmp_path, "history", "1.2", "--as-of", "2023-04-20").stdout
    assert "各期末状态：1月 滞后 │ 2月 序时推进 │ 3月 滞后" in out
    assert "督办级别：提醒（截至 2023-03-31 连续 1 期滞后或未完成）" in out
    data = json.loads(run(cli, tmp_path, "history", "1.2", "--as-of", "2023-04-20", "-f", "json").stdout)
    assert data["periods"][1] == {"period_end": "2023-02-28", "status": "on_track"}


def test_explain_prints_the_forecast_arithmetic(cli, projected):
    cat, folder, _ = projected
    out = cli("explain", "1.3", "--as-of", "2023-07-15", "-c", cat, "-p", folder).stdout
    assert "年底预计（至 2023-12-31）：40 – 80.66，目标 120 → 难以完成" in out
    assert "按最近一期速度：40 + (40 − 40) ÷ 91 × 184 = 40（2023-03-31 至 2023-06-30）" in out
    assert "按期初以来平均速度：40 + (40 − 0) ÷ 181 × 184 = 80.66（2022-12-31 起算至 2023-06-30）" in out


def test_lagging_sorted_by_projected_shortfall(cli, projected):
    cat, folder, _ = projected
    data = json.loads(cli("lagging", "--as-of", "2023-07-15", "--sort", "shortfall", "-f", "json",
                          "-c", cat, "-p", folder).stdout)
    # lagging on 07-15 (序时进度 196/365 = 0.537, tolerance 0.10): 1.3 (40/120), 1.4 ((6 − 10) ÷ (0 − 10) = 0.4),
    # 1.2 (50/120 = 0.417) and 1.5 (its path: 20 + 20 × 15/92 = 23.3 expected, 20 reported: behind).
    # with 1.1 (60/120: behind). By shortfall: 1.3 (32.8 % short), then 1.4 (its better projection 1.934 is
    # 1 − (1.934 − 10) ÷ (0 − 10) = 19.3 % short); the others' better projections meet the goal
    ids = [row["id"] for row in data["indicators"]]
    assert ids[:2] == ["1.3", "1.4"]
    assert data["indicators"][0]["forecast"] == {"low": 40, "high": 80.663, "verdict": "unlikely"}


def test_check_validates_replies(cli, tmp_path):
    b = B + ("  - {indicator: \"1.1\", measures: 代为答复, by: 2023-05-31}\n"
             "  - {indicator: \"2.2\", measures: 尽快开工, by: 2023-02-01, replied: 2023-03-01}\n"
             "  - {indicator: \"9.9\", measures: 无, by: 2023-05-31}\n"
             "  - {indicator: \"2.2\", measures: 明年再说, by: 2025-06-30}\n")
    result = run(cli, tmp_path, "check", "--format", "json", b=b)
    assert result.exit_code == 1
    found = {(d["code"], d["line"]) for d in json.loads(result.stdout) if d["path"].endswith("乙局.yaml")}
    last = len(B.splitlines())  # the four replies are on the lines after it
    assert {("not-owned", last + 1), ("reply-dates", last + 2), ("unknown-indicator", last + 3),
            ("date-out-of-range", last + 4)} <= found
    assert not any(line == last for _, line in found)  # 乙局's own reply on 2.1 is fine


def test_history_agrees_with_evaluate_at_every_month_end():
    from .conftest import CATALOGUE, PROGRESS

    ws = open_workspace(CATALOGUE, PROGRESS)
    hist = history(ws.catalogue, ws.progress, dt.date(2023, 10, 20))
    assert hist.ends == [dt.date(2023, 8, 31), dt.date(2023, 9, 30)]  # the plan was issued on 2023-08-02
    for end in hist.ends:
        ev = evaluate(ws.catalogue, ws.progress, end)
        assert {r.id: r.status for r in ev.results} == {k: v[hist.ends.index(end)] for k, v in hist.statuses.items()}


def test_a_reply_is_data_in_every_output(tmp_path):
    from gdtrack.engine.bulletin import build
    from gdtrack.views.bulletin_md import bulletin_markdown
    from gdtrack.views.html import bulletin_html

    cat, files = load(tmp_path)
    evil = "**加快** <script>alert(1)</script> | [链接](http://x)\n第二行"
    files = [pf if pf.unit != "甲局" else type(pf)(pf.unit, pf.reports, pf.baselines, pf.sample,
                                                      [type(pf.responses[0])("1.1", evil, dt.date(2023, 5, 31))])
             for pf in files]
    b = build(cat, files, dt.date(2023, 4, 20))
    md = bulletin_markdown(b, "zh")
    line = next(x for x in md.splitlines() if "1.1 新建基站" in x and "答复" in x)
    # one line (the reply's second line does not start one), no HTML, no link: [ ] escaped, the bare URL not linked
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in line and "<script>" not in line and "第二行" in line
    assert r"\[链接\](http" in line and "http://x" not in line
    page = bulletin_html(b, "zh")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_goal_done_or_reported_since_the_period_end_is_not_pressed(tmp_path):
    late = A.replace("responses:", '  - as_of: 2023-04-15\n    entries:\n      - {indicator: "1.2", value: 100, '
                                   'evidence: 台账}\nresponses:')
    b = B.replace("responses:", '  - as_of: 2023-04-15\n    entries:\n      - {indicator: "2.2", value: 1, '
                                'evidence: 台账}\nresponses:')
    cat_path, folder = write(tmp_path, a=late, b=b)
    ws = open_workspace(cat_path, folder)
    # 1.2 is done on 04-15 and 2.2 reported: only 1.1 and 2.1 are still pressed on 04-20; on 04-14 all four were
    assert [e.id for e in escalations(ws.catalogue, ws.progress, dt.date(2023, 4, 20))] == ["1.1", "2.1"]
    assert len(escalations(ws.catalogue, ws.progress, dt.date(2023, 4, 14))) == 4


def test_history_by_quarter_and_before_any_report(cli, tmp_path):
    out = run(cli, tmp_path, "history", "1.1", "--as-of", "2023-07-05", extra="    reporting: quarter\n").stdout
    # 03-31: 10 < 0.2466 − 0.05; 06-30: 12 (04-10) of 100 < 181/365 − 0.05 = 0.4459
    assert "各期末状态：一季度 滞后 │ 二季度 滞后" in out
    assert "督办级别：督办（截至 2023-06-30 连续 2 期滞后或未完成）" in out
    lines = run(cli, tmp_path, "history", "2.2", "--as-of", "2023-02-10", "--lang", "en").stdout.splitlines()
    assert lines[2:5] == ["At each period end: Jan no report",
                          "Escalation: reminder (提醒) (1 consecutive period ends not reported, up to 2023-01-31)",
                          ""]
    assert lines[5] == "(no reports yet)"


def test_remind_by_quarter_gives_the_quarter_deadline(cli, tmp_path):
    out = run(cli, tmp_path, "remind", "--as-of", "2023-07-05", "-u", "乙局", extra="    reporting: quarter\n").stdout
    assert out.endswith("【催报】乙局：截至7月5日，以下2项指标尚未报送二季度进度：2.1 改造道路；2.2 建设公园。"
                        "请于7月25日前报送。\n")  # the quarter just closed, due the 25th of the month after it
