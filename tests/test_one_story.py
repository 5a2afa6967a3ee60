"""Issue 20: every view reads one evaluation, and the reporting period is the plan's, in every command.

Each test here failed before the change: the quarter rule of `check --require-reports`; escalations, remind and
notice that took neither --plan nor gdtrack.toml; supervision that evaluated again without the start values that
`baseline_from` gives."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import MINI, MINI_PROGRESS


def quarterly(tmp_path: Path) -> tuple[Path, Path]:
    """MINI reporting by quarter, both units with a report dated 2023-10-31 (in the fourth quarter)."""
    cat = tmp_path / "tasks.yaml"
    cat.write_text(MINI.replace("  period_end: 2023-12-31\n", "  period_end: 2023-12-31\n  policy:\n"
                                "    reporting: quarter\n"), encoding="utf-8")
    prog = tmp_path / "progress"
    prog.mkdir()
    for name, text in MINI_PROGRESS.items():
        (prog / name).write_text(text.replace("2023-09-30", "2023-10-31"), encoding="utf-8")
    return cat, prog


def test_reports_by_quarter_are_required_by_quarter(cli, tmp_path):
    """By quarter, a report of 10-31 is this period's on 11-15: not 'not reported' (21 false errors on the sample),
    and not stale (its cutoff is the end of the previous quarter, 09-30)."""
    cat, prog = quarterly(tmp_path)
    result = cli("check", "--lang", "en", "--require-reports", "--as-of", "2023-11-15", "-c", cat, "-p", prog,
                 "--format", "json")
    codes = [d["code"] for d in json.loads(result.stdout)]
    assert result.exit_code == 0, result.stdout
    assert "not-reported" not in codes and "stale" not in codes
    # in the next quarter the same reports are missing, and named by the quarter
    later = cli("check", "--lang", "en", "--require-reports", "--as-of", "2024-01-15", "-c", cat, "-p", prog,
                "--format", "json")
    missing = [d for d in json.loads(later.stdout) if d["code"] == "not-reported"]
    assert len(missing) == 2 and all("2024-Q1" in d["message"] for d in missing)


def test_reports_by_month_are_still_required_by_month(cli, tmp_path):
    cat, prog = quarterly(tmp_path)
    cat.write_text(cat.read_text(encoding="utf-8").replace("reporting: quarter", "reporting: month"),
                   encoding="utf-8")
    result = cli("check", "--lang", "en", "--require-reports", "--as-of", "2023-11-15", "-c", cat, "-p", prog,
                 "--format", "json")
    missing = [d for d in json.loads(result.stdout) if d["code"] == "not-reported"]
    assert result.exit_code == 1 and len(missing) == 2 and all("2023-11" in d["message"] for d in missing)


# ── a two-plan repository: every command agrees on a goal whose start value comes from the earlier plan ──────


def two_plans(root: Path) -> Path:
    """The 2023 and 2024 plans of tests/test_plans.py in a gdtrack.toml repository. The 2024 plan's 2.1 (黑臭水体,
    ≤ 0) starts from the 2023 plan's final figure, 2 (baseline_from); the owner's own `baselines:` says 5. The owner
    reports 1.5 on 2024-08-31 and 1 on 2024-09-30.

    From 2 (the start that counts): (1.5 − 2) ÷ (0 − 2) = 0.25 at 08-31, against 序时进度 244/366 = 0.667;
    (1 − 2) ÷ (0 − 2) = 0.50 at 09-30, against 274/366 = 0.749: 滞后 at both period ends, so 督办 (2 in a row).
    From 5 (what supervision used to take): 0.70 and 0.80, on pace at both: never escalated."""
    from .test_plans import make_repo, start_from_2023

    make_repo(root)
    start_from_2023(root)
    own = root / "data" / "progress" / "2024" / "区农业服务中心.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace(
        "reports:\n", 'reports:\n  - as_of: 2024-08-31\n    entries:\n      - indicator: "2.1"\n        value: 1.5\n'),
        encoding="utf-8")
    return root


def test_two_plans_every_command_gives_the_goal_one_colour_and_level(cli, tmp_path):
    from docx import Document

    two_plans(Path.cwd())
    day = ("--as-of", "2024-09-30")
    row = next(r for r in json.loads(cli("status", *day, "-f", "json").stdout)["indicators"] if r["id"] == "2.1")
    assert (row["start"], row["completion"], row["status"]) == (2, 0.5, "lagging")
    periods = json.loads(cli("history", "2.1", *day, "-f", "json").stdout)["periods"]
    assert [p["status"] for p in periods][-2:] == ["lagging", "lagging"]
    escalated = json.loads(cli("escalations", *day, "-f", "json").stdout)["escalations"]
    mine = [e for e in escalated if e["id"] == "2.1"]
    assert [(e["level"], e["periods"], e["kind"]) for e in mine] == [("督办", 2, "lagging")]
    assert "督办" in cli("history", "2.1", *day).stdout  # the table's level line says the same
    notice = tmp_path / "督办单.docx"
    done = cli("notice", "区农业服务中心", *day, "-o", notice)
    assert done.exit_code == 0, done.output
    text = "\n".join(c.text for t in Document(str(notice)).tables for r in t.rows for c in r.cells)
    assert "黑臭水体" in text and "50.0%／74.9%" in text  # from the start value 2: 80.0% it would be from 5
    bulletin = tmp_path / "通报.docx"
    assert cli("report", *day, "-f", "docx", "-o", bulletin).exit_code == 0
    doc = Document(str(bulletin))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert any("2.1" in c for c in cells)


def test_two_plans_remind_and_escalations_read_the_plan_of_gdtrack_toml(cli):
    """With gdtrack.toml, remind used data/progress (which is not there) and said nothing was missing."""
    two_plans(Path.cwd())
    # on 11-05 remind chases October (due 11-30): neither unit has reported for it
    reminded = json.loads(cli("remind", "--as-of", "2024-11-05", "-f", "json").stdout)["reminders"]
    assert {m["unit"] for m in reminded} == {"区经济发展局", "区农业服务中心"}
    assert [r["id"] for m in reminded if m["unit"] == "区农业服务中心" for r in m["missing"]] == ["2.1"]
    # and --plan chooses the earlier plan for them too
    earlier = json.loads(cli("remind", "--plan", "2023", "--as-of", "2023-11-05", "-f", "json").stdout)
    assert earlier["as_of"] == "2023-11-05" and earlier["reminders"]
    assert cli("escalations", "--plan", "2023", "--as-of", "2023-10-20").exit_code == 0


# ── supervision starts with the plan (issue 21: "连续9期未报送" for a plan issued on 2 August) ──────────────


def test_supervision_counts_from_the_period_the_plan_was_issued_in(cli, tmp_path):
    """MINI was issued on 2023-08-02. 2.1 is first reported on 09-30: at 08-31 it was unreported, one period,
    not eight (January to August); 1.1 (15 of 30 since June, against 243/365 = 0.67 on 08-31) lags at 08-31 only."""
    cat, prog = quarterly(tmp_path)
    cat.write_text(cat.read_text(encoding="utf-8").replace("reporting: quarter", "reporting: month"), encoding="utf-8")
    for name, text in MINI_PROGRESS.items():
        (prog / name).write_text(text, encoding="utf-8")
    data = json.loads(cli("escalations", "--as-of", "2023-09-15", "-c", cat, "-p", prog, "-f", "json").stdout)
    assert data["period_end"] == "2023-08-31"
    found = {e["id"]: (e["level"], e["periods"], e["kind"]) for e in data["escalations"]}
    assert found == {"1.1": ("提醒", 1, "lagging"), "2.1": ("提醒", 1, "no_report")}
    history = json.loads(cli("history", "2.1", "--as-of", "2023-09-30", "-c", cat, "-p", prog, "-f", "json").stdout)
    assert [p["period_end"] for p in history["periods"]] == ["2023-08-31", "2023-09-30"]
    # before the plan was issued there is nothing to press or chase
    july = json.loads(cli("remind", "--as-of", "2023-07-10", "-c", cat, "-p", prog, "-f", "json").stdout)
    assert july["reminders"] == []
    early = json.loads(cli("escalations", "--as-of", "2023-07-10", "-c", cat, "-p", prog, "-f", "json").stdout)
    assert early["escalations"] == []


def test_supervision_from_sets_where_the_count_starts(cli, tmp_path):
    """With policy.supervision_from: 2023-01-01, 2.1 (first reported 09-30) was unreported at eight month ends."""
    cat, prog = quarterly(tmp_path)
    cat.write_text(cat.read_text(encoding="utf-8").replace("reporting: quarter", "reporting: month\n"
                                                           "    supervision_from: 2023-01-01"), encoding="utf-8")
    for name, text in MINI_PROGRESS.items():
        (prog / name).write_text(text, encoding="utf-8")
    data = json.loads(cli("escalations", "--as-of", "2023-09-15", "-c", cat, "-p", prog, "-f", "json").stdout)
    found = {e["id"]: (e["level"], e["periods"], e["kind"]) for e in data["escalations"]}
    assert found["2.1"] == ("通报", 8, "no_report")


# ── never from partial data without saying so (issue 21: a GBK file became "连续9期未报送" in a 督办单) ──────────


def gbk_unit(tmp_path: Path) -> tuple[Path, Path]:
    """MINI with 区经济发展局's progress file saved as GBK (so it is left out, encoding error) and the other fine."""
    cat, prog = quarterly(tmp_path)
    cat.write_text(cat.read_text(encoding="utf-8").replace("reporting: quarter", "reporting: month"), encoding="utf-8")
    for name, text in MINI_PROGRESS.items():
        (prog / name).write_bytes(text.encode("gbk" if name == "区经济发展局.yaml" else "utf-8"))
    return cat, prog


def test_documents_refuse_partial_data_unless_allowed(cli, tmp_path):
    cat, prog = gbk_unit(tmp_path)
    data = ("--as-of", "2023-09-30", "-c", cat, "-p", prog)
    for args in (["notice", "经发局", "-o", tmp_path / "督办单.docx"], ["export", "-o", tmp_path / "台账.xlsx"],
                 ["report", "-f", "docx", "-o", tmp_path / "b.docx"], ["remind"], ["escalations"], ["report"]):
        result = cli(*args, *data)
        assert result.exit_code == 1, (args, result.output)
        said = result.stderr
        assert "区经济发展局.yaml" in said and "（区经济发展局）" in said and "--allow-partial" in said
        assert result.stdout == "" and "Traceback" not in result.output
    assert not any(tmp_path.glob("*.docx")) and not (tmp_path / "台账.xlsx").exists()
    # status still answers, with a banner naming the file and the unit
    status = cli("status", *data)
    assert status.exit_code == 0 and "数据未能读取的单位：区经济发展局" in status.stdout


def test_with_allow_partial_the_bulletin_says_so_and_does_not_call_the_unit_silent(cli, tmp_path):
    cat, prog = gbk_unit(tmp_path)
    result = cli("report", "--as-of", "2023-09-30", "-c", cat, "-p", prog, "--allow-partial")
    assert result.exit_code == 0
    first = result.stdout.split("\n## ", 1)[0]  # before the first section: the page's head
    assert "数据未能读取的单位：区经济发展局" in first
    silent = result.stdout.split("## 六、本期未报送单位", 1)[1].split("\n## ", 1)[0]
    assert "区经济发展局" not in silent  # not asked to 补报: its file could not be read
    pressed = result.stdout.split("## 七、督办事项", 1)[1].split("\n## ", 1)[0]
    assert "区经济发展局" not in pressed and "2.1" in pressed  # nor pressed for goals it may well have reported
    escalated = cli("escalations", "--as-of", "2023-09-30", "-c", cat, "-p", prog, "--allow-partial", "-f", "json")
    assert escalated.exit_code == 0
    # its goals are 数据未能读取, never 未报送, and not listed as still missing (issue 21)
    overview = result.stdout.split("## 一、总体情况", 1)[1].split("\n## ", 1)[0]
    assert "数据未能读取 1" in overview and "未报送 0" in overview, overview
    missing = result.stdout.split("### 仍未报送", 1)[1].split("\n## ", 1)[0]
    assert "区经济发展局" not in missing
    lagging = result.stdout.split("## 五、滞后事项", 1)[1].split("\n## ", 1)[0]
    assert "区经济发展局" not in lagging
    notice = cli("notice", "区经济发展局", "--as-of", "2023-09-30", "-c", cat, "-p", prog, "--allow-partial",
                 "-o", tmp_path / "督办单.docx")
    assert notice.exit_code == 1 and "区经济发展局 的进展文件未能读取" in notice.stderr
    assert not (tmp_path / "督办单.docx").exists() and "没有达到督办" not in notice.output


def test_without_as_of_the_date_is_the_latest_report_and_it_is_said(cli, tmp_path):
    """Issue 21: `history 7.1` and `lagging -f markdown` without --as-of used the year end (today, clamped)."""
    cat, prog = gbk_unit(tmp_path)
    (prog / "区经济发展局.yaml").write_text(MINI_PROGRESS["区经济发展局.yaml"], encoding="utf-8")
    result = cli("status", "-c", cat, "-p", prog, "-f", "json")
    assert json.loads(result.stdout)["as_of"] == "2023-09-30"
    assert "未给 --as-of：按数据中最新的报送日期 2023-09-30 计算" in result.stderr
    history = cli("history", "1.1", "-c", cat, "-p", prog, "-f", "json")
    assert [p["period_end"] for p in json.loads(history.stdout)["periods"]] == ["2023-08-31", "2023-09-30"]
    empty = tmp_path / "empty"
    empty.mkdir()
    none = cli("status", "-c", cat, "-p", empty, "--lang", "en")
    assert "no --as-of and no report in the data yet: using 2023-12-31" in none.stderr  # today, within the plan


def test_remind_names_a_deadline_after_the_day_and_chases_the_period_just_closed():
    """Issue 21: on 9-30 remind said "请于9月30日前报送"; on 11-03 it chased November, so October could not be
    chased any more. Figures of a period are due in the month after it (by report_by_day, default its last day)."""
    import datetime as dt

    import yaml

    from gdtrack.engine.periods import chased_period
    from gdtrack.files.loading import validated
    from gdtrack.models import Catalogue

    cat = validated(Catalogue, yaml.safe_load(MINI))
    assert chased_period(cat, dt.date(2023, 9, 30)) == (dt.date(2023, 9, 1), dt.date(2023, 9, 30),
                                                         dt.date(2023, 10, 31))
    assert chased_period(cat, dt.date(2023, 11, 3)) == (dt.date(2023, 10, 1), dt.date(2023, 10, 31),
                                                         dt.date(2023, 11, 30))
    cat.plan.policy.report_by_day = 5
    assert chased_period(cat, dt.date(2023, 11, 3))[1:] == (dt.date(2023, 10, 31), dt.date(2023, 11, 5))
    assert chased_period(cat, dt.date(2023, 11, 5))[1:] == (dt.date(2023, 11, 30), dt.date(2023, 12, 5))
    for day in range(1, 31):  # whatever the day, the deadline named is after it
        query = dt.date(2023, 11, day)
        assert chased_period(cat, query)[2] > query


def test_the_bulletin_counts_every_task_of_the_plan():
    """Issue 21: the HTML bulletin said "任务 65 项" of a 68-task plan (three tasks have no indicator)."""
    import datetime as dt

    from gdtrack.checks.workspace import open_workspace
    from gdtrack.engine.bulletin import build
    from gdtrack.views.html import bulletin_html

    from .conftest import CATALOGUE, PROGRESS

    ws = open_workspace(CATALOGUE, PROGRESS)
    assert len(ws.catalogue.tasks) == 68 and len({t.id for t, _ in ws.catalogue.indicators()}) == 65
    page = bulletin_html(build(ws.catalogue, ws.progress, dt.date(2023, 9, 30)), "zh")
    assert "指标 119 项，任务 68 项，牵头单位 21 个" in page


def test_the_html_headline_gap_is_against_the_pace_it_shows():
    """Issue 21: the card said "较序时进度 −1.4 %" beside 序时进度 74.8 %; the −1.4 is against the 92 quantified goals'
    own mean pace, 75.3 %, and it is in percentage points. By hand: 73.9 − 75.3 = −1.4 (rounded figures)."""
    import datetime as dt

    from gdtrack.checks.workspace import open_workspace
    from gdtrack.engine.bulletin import build
    from gdtrack.views.html import bulletin_html

    from .conftest import CATALOGUE, PROGRESS

    ws = open_workspace(CATALOGUE, PROGRESS)
    b = build(ws.catalogue, ws.progress, dt.date(2023, 9, 30))
    o = b.now.overall
    # since every goal but 缺基数 counts (never reported as 0): 68.5 − 75.2 = −6.7 over all 119
    assert round(o.completion * 100, 1) == 68.5 and round(o.expected * 100, 1) == 75.2
    assert "按 119 项指标，未报送的 10 项计 0，较其序时进度 75.2% -6.7 个百分点" in bulletin_html(b, "zh")
    english = bulletin_html(b, "en")
    assert "over 119 goals, 10 never reported counted as 0: -6.7 pp against their pace of 75.2%" in english


def test_with_allow_partial_remind_and_escalations_leave_the_unreadable_unit_alone(cli, tmp_path):
    cat, prog = gbk_unit(tmp_path)
    data = ("--as-of", "2023-09-30", "-c", cat, "-p", prog, "--allow-partial", "-f", "json")
    escalated = json.loads(cli("escalations", *data).stdout)["escalations"]
    assert escalated and all(e["owner"] != "区经济发展局" for e in escalated)
    reminded = json.loads(cli("remind", *data).stdout)["reminders"]
    assert all(m["unit"] != "区经济发展局" for m in reminded)
