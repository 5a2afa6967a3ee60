"""`gdtrack status`, `lagging`, `units` and `explain` through the CLI, on MINI and on the shipped sample."""

from __future__ import annotations

import json

from wcwidth import wcswidth

from .conftest import CATALOGUE, PROGRESS, after_headline, csv_table


def run(cli, mini_data, *args):
    cat, prog = mini_data
    return cli(*args, "-c", cat, "-p", prog)


def test_status_headline_and_rows(cli, mini_data):
    result = run(cli, mini_data, "status", "--as-of", "2023-09-30")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "截至 2023-09-30　序时进度 74.8%" in out
    # 1.1 is 21/30 = 0.70; 2.1 went from 5 to 2 of a goal of 0: (2 − 5) ÷ (0 − 5) = 0.60; mean 65.0% over both
    assert "完成+序时推进 0/2（0.0%）" in out
    assert "总体完成度 65.0%（按 2 项指标）" in out and "本期报送率 100.0%（2/2）" in out
    assert "完成 0  序时推进 0  略滞后 1  滞后 1  未完成 0  未报送 0  缺基数 0" in out
    row = next(line for line in out.splitlines() if line.startswith("1.1"))
    assert "21 个" in row and "70.0%" in row and " -4.8 " in row and "-4.8%" not in row  # a gap is in points
    # and, before the status, the year-end forecast: 15 on 06-30, 21 on 09-30, 92 days to 12-31: the latest rate
    # 21 + 6 ÷ 92 × 92 = 27, the average rate 21 + 21 ÷ 273 × 92 = 28.08, in whole 个 28 (issue 21: a count
    # is projected in whole numbers); both below 30 → 难以完成
    assert row.rstrip().endswith("27 – 28 个 难以完成  略滞后")


def test_status_as_of_june(cli, mini_data):
    out = run(cli, mini_data, "status", "--as-of", "2023-06-30").output
    assert "序时进度 49.6%" in out
    assert next(x for x in out.splitlines() if x.startswith("1.1")).rstrip().endswith("序时推进")
    assert next(x for x in out.splitlines() if x.startswith("2.1")).rstrip().endswith("未报送")


def test_status_json_contract(cli, mini_data):
    data = json.loads(run(cli, mini_data, "status", "--as-of", "2023-09-30", "--format", "json").stdout)
    assert {"as_of", "expected", "summary", "indicators", "tasks", "units"} <= set(data)
    assert data["as_of"] == "2023-09-30" and data["expected"] == 0.7479
    assert data["summary"] == {"done": 0, "on_track": 0, "behind": 1, "lagging": 1, "missed": 0, "no_report": 0,
                               "no_baseline": 0, "unread": 0}  # keys are only added: unread (issue 21)
    assert data["quantified"] == 2 and data["on_pace"] == 0
    first = data["indicators"][0]
    # its status at each month end from August, when the plan was issued (2023-08-02): 15/30 = 0.50 against
    # 243/365 = 0.67 (lagging, below 0.57) on 08-31; 21/30 = 0.70 against 0.75 (behind) on 09-30
    assert first.pop("history") == [{"period_end": "2023-08-31", "status": "lagging"},
                                    {"period_end": "2023-09-30", "status": "behind"}]
    # 21 + 6 ÷ 92 × 92 = 27 at the latest rate, 21 + 21 ÷ 273 × 92 = 28.0769 at the average rate, in whole 个 28
    assert first.pop("forecast") == {"low": 27, "high": 28, "verdict": "unlikely"}
    assert first == {"id": "1.1", "task": 1, "owner": "区经济发展局", "comparator": ">=", "measure": "cumulative",
                     "target": 30, "unit": "个", "baseline": None, "start": None, "actual": 21,
                     "reported_on": "2023-09-30", "stale": False, "completion": 0.7, "expected": 0.7479,
                     "status": "behind", "due": "2023-12-31", "plan_due": None, "extension": None, "closed": None}
    assert data["indicators"][1]["start"] == 5 and data["indicators"][1]["measure"] == "level"
    assert data["tasks"] == [{"id": 1, "status": "behind", "completion": 0.7},
                             {"id": 2, "status": "lagging", "completion": 0.6}]
    assert data["units"][0] == {"name": "区经济发展局", "indicators": 1, "reported": 1, "current": 1,
                                "latest_report": "2023-09-30",
                                "summary": {"done": 0, "on_track": 0, "behind": 1, "lagging": 0, "missed": 0,
                                            "no_report": 0, "no_baseline": 0, "unread": 0}}
    june = json.loads(run(cli, mini_data, "status", "--as-of", "2023-06-30", "-f", "json").stdout)
    assert june["indicators"][1]["actual"] is None and june["indicators"][1]["completion"] is None


def test_status_json_rows_are_made_as_they_are_written(mini_data, capsys):
    """A province's status JSON (100,000 rows, each with its history) is never held whole: each row, with its
    extra keys, is made when it is written, and the rows written are the contract's."""
    import datetime as dt

    from gdtrack.engine.evaluation import evaluate
    from gdtrack.files.loading import load
    from gdtrack.models import Catalogue, ProgressFile
    from gdtrack.views.output import emit_json
    from gdtrack.views.status import status_json

    cat_path, prog = mini_data
    cat = load(cat_path, Catalogue).model
    ev = evaluate(cat, [load(p, ProgressFile).model for p in sorted(prog.glob("*.yaml"))], dt.date(2023, 9, 30))
    made: list[str] = []
    data = status_json(ev, extra=lambda r: made.append(r.id) or {"more": r.id})
    assert made == []  # nothing made yet
    emit_json(data)
    written = json.loads(capsys.readouterr().out)
    assert made == ["1.1", "2.1"] == [row["more"] for row in written["indicators"]]
    assert [row | {"more": r["id"]} for row, r in zip(status_json(ev)["indicators"], written["indicators"],
                                                      strict=True)] == written["indicators"]


def test_status_by_chapter_task_unit(cli, mini_data):
    by_task = run(cli, mini_data, "status", "--as-of", "2023-09-30", "--by", "task").output
    assert any(line.split()[:2] == ["2", "优化农村人居环境"] and "滞后" in line for line in by_task.splitlines())
    by_unit = run(cli, mini_data, "status", "--as-of", "2023-09-30", "--by", "unit", "--lang", "en").output
    assert any(line.startswith("区农业服务中心") and "lagging" in line for line in by_unit.splitlines())
    by_chapter = run(cli, mini_data, "status", "--as-of", "2023-09-30", "--by", "chapter").output
    assert "第一章" in by_chapter and "65.0%" in by_chapter and "最差状态" in by_chapter


def test_status_filters(cli, mini_data):
    data = json.loads(run(cli, mini_data, "status", "--as-of", "2023-09-30", "--unit", "区农业服务中心",
                          "-f", "json").stdout)
    assert [i["id"] for i in data["indicators"]] == ["2.1"]
    assert run(cli, mini_data, "status", "--unit", "农业中心").exit_code == 2
    assert run(cli, mini_data, "status", "--chapter", "9").exit_code == 2
    bad = run(cli, mini_data, "status", "--as-of", "2023/9/30")
    assert bad.exit_code == 2 and "--as-of '2023/9/30' 不是日期" in bad.output and "年-月-日" in bad.output


def test_csv_and_markdown_carry_the_table_rows(cli, mini_data):
    out = run(cli, mini_data, "status", "--as-of", "2023-09-30", "-f", "csv").stdout
    assert out.startswith("\ufeff")  # not a terminal: Excel needs the BOM to read Chinese
    # what plan and what day, above the table, in every export (issue 21): the title, then the headline
    assert out.removeprefix("\ufeff").startswith("测试计划\n截至 2023-09-30\u3000序时进度 74.8%")
    rows = csv_table(out)
    assert rows[0][0] == "编号" and [r[0] for r in rows[1:]] == ["1.1", "2.1"]
    assert rows[1][-1] == "略滞后"
    md = run(cli, mini_data, "status", "--as-of", "2023-09-30", "-f", "markdown").stdout.splitlines()
    assert md[0] == "# 测试计划" and md[2].startswith("截至 2023-09-30") and "总体完成度 65.0%" in md[3]
    table = [line for line in md if line.startswith("|")]
    assert len(table) == 4  # header, rule, two rows
    assert len({wcswidth(line) for line in table}) == 1  # columns line up with Chinese text


def test_plain_output_lines_up_and_has_no_colour(cli, mini_data):
    out = run(cli, mini_data, "status", "--as-of", "2023-09-30").stdout
    assert "\x1b[" not in out
    table = [line for line in after_headline(out) if line.strip()]
    status_col = {wcswidth(line[: line.rindex("%") + 1]) for line in table[2:]}
    assert len(status_col) == 1


def test_lagging_worst_gap_first_with_needs(cli, mini_data):
    out = run(cli, mini_data, "lagging", "--as-of", "2023-09-30").output
    rows = [line for line in out.splitlines() if line[:3] in ("1.1", "2.1")]
    assert [r[:3] for r in rows] == ["2.1", "1.1"]  # gaps 0.60 − 0.7479 = −14.8% and −4.8%
    assert "9 个" in rows[1] and "3 个" in rows[1]  # 30 − 21 = 9 still needed, 3 a month for 3 months
    assert "受选址影响，进度偏慢" in rows[1]
    data = json.loads(run(cli, mini_data, "lagging", "--as-of", "2023-09-30", "-f", "json").stdout)
    assert [(i["id"], i["gap"], i["still_needed"]) for i in data["indicators"]] == [
        ("2.1", -0.1479, 2.0), ("1.1", -0.0479, 9.0)]


def test_units_reporting_rate(cli, mini_data):
    out = run(cli, mini_data, "units", "--as-of", "2023-06-30").output
    row = next(line for line in out.splitlines() if line.startswith("区农业服务中心"))
    assert "0.0%" in row  # nothing reported by June
    data = json.loads(run(cli, mini_data, "units", "--as-of", "2023-09-30", "-f", "json").stdout)
    assert [(u["name"], u["reported"]) for u in data["units"]] == [("区经济发展局", 1), ("区农业服务中心", 1)]
    assert (data["plan"]["title"], data["as_of"]) == ("测试计划", "2023-09-30")  # what plan, what day (issue 21)


def test_explain_shows_the_whole_computation(cli, mini_data):
    out = run(cli, mini_data, "explain", "1.1", "--as-of", "2023-09-30").output
    for piece in ("2023-06-30", "2023-09-30", "← 采用", "273 ÷ 365", "0.7479", "21 ÷ 30 = 0.7000",
                  "略滞后下限 0.6479", "序时进度 − 容差 ≤ 完成度 < 序时进度", "状态：略滞后", "尚需：9 个"):
        assert piece in out, piece
    june = run(cli, mini_data, "explain", "1.1", "--as-of", "2023-06-30", "--lang", "en").output
    assert "after the query date, not used" in june and "status: on track" in june
    assert run(cli, mini_data, "explain", "9.9").exit_code == 2


def test_bad_progress_file_is_left_out_and_said(cli, mini_data):
    cat, prog = mini_data
    (prog / "区农业服务中心.yaml").write_text("unit: 区农业服务中心\nreports:\n  - as_of: 2023-09-30\n"
                                         "    entries:\n      - indicator: \"2.1\"\n        vaule: 2\n",
                                         encoding="utf-8")
    result = cli("status", "--as-of", "2023-09-30", "-c", cat, "-p", prog)
    assert result.exit_code == 0
    assert "未纳入" in result.stderr and "区农业服务中心.yaml" in result.stderr
    assert "未纳入统计" in result.stdout
    # its goal is not silent: nothing is known of it (issue 21), and it is left out of the completion
    assert "数据未能读取 1" in result.stdout and "未报送 1" not in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("2.1 "))
    assert row.rstrip().endswith("数据未能读取") and "总体完成度 70.0%（按 1 项指标）" in result.stdout


def test_shipped_sample_shows_every_status(cli):
    data = json.loads(cli("status", "--as-of", "2023-09-30", "-f", "json", "-c", CATALOGUE, "-p", PROGRESS).stdout)
    summary = data["summary"]
    assert all(n > 0 for s, n in summary.items() if s not in ("missed", "no_baseline", "unread")), summary
    assert data["summary"]["missed"] == 0  # no goal is due before the end of the year
    # every goal that counts from a start value has one, or (25.1, 61.3) meets its target without one
    assert data["summary"]["no_baseline"] == 0
    assert data["left_out"] == {}
    assert len(data["units"]) == 21


def test_shipped_sample_files_say_they_are_illustrative():
    for path in PROGRESS.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert "示例数据" in first and "不是官方统计" in first, path.name


def test_every_view_in_every_format(cli, mini_data):
    views = [("status", "--by", "indicator"), ("status", "--by", "task"), ("status", "--by", "chapter"),
             ("status", "--by", "unit"), ("lagging",), ("units",)]
    for view in views:
        table = run(cli, mini_data, *view, "--as-of", "2023-09-30")
        md = run(cli, mini_data, *view, "--as-of", "2023-09-30", "-f", "markdown")
        out = run(cli, mini_data, *view, "--as-of", "2023-09-30", "-f", "csv").stdout
        rows = csv_table(out)
        json.loads(run(cli, mini_data, *view, "--as-of", "2023-09-30", "-f", "json").stdout)
        assert table.exit_code == md.exit_code == 0, view
        md_rows = [line for line in md.stdout.splitlines() if line.startswith("|")][2:]
        assert len(md_rows) == len(rows) - 1 >= 1, view
        for row in rows[1:]:  # the table shows the same first cell of each row
            assert any(line.lstrip().startswith(row[0]) for line in table.stdout.splitlines()), (view, row)


def test_missing_progress_folder_is_said(cli, mini, tmp_path):
    result = cli("status", "--as-of", "2023-09-30", "-c", mini(), "-p", tmp_path / "nowhere")
    assert result.exit_code == 0
    assert "处没有进度文件夹" in result.stderr and "nowhere" in result.stderr
    assert "未报送 2" in result.stdout


def test_catalogue_path_that_is_missing_or_a_folder(cli, tmp_path):
    """A wrong --catalogue is one line saying which mistake it is, for read commands and for check alike."""
    for command in ("status", "check"):
        missing = cli(command, "-c", tmp_path / "nowhere.yaml")
        assert missing.exit_code == 2, command
        assert "找不到任务清单" in missing.stderr and "Traceback" not in missing.output
        folder = cli(command, "-c", tmp_path)
        assert folder.exit_code == 2, command
        assert "是一个文件夹；--catalogue 应指向计划的 YAML 文件" in folder.stderr


def test_unit_filter_rolls_up_the_same_indicators_in_the_table_and_in_json(cli):
    # Task 43 has 43.1 (区农业服务中心: 2 of 2 家, done) and 43.2 (市自然资源和规划局经开区分局: 3.5 of 5%, behind).
    # Narrowed to 区农业服务中心, task 43 is 43.1 alone: 100.0%, done, in the table and in JSON alike.
    args = ("status", "--as-of", "2023-09-30", "--unit", "区农业服务中心", "--by", "task",
            "-c", CATALOGUE, "-p", PROGRESS)
    table = csv_table(cli(*args, "-f", "csv").stdout)
    row = next(r for r in table if r[0] == "43")
    assert row[1:7] == ["促进农民农村全面发展", "1", "1", "100.0%", "74.8%", "完成"]
    data = json.loads(cli(*args, "-f", "json").stdout)
    assert {"id": 43, "status": "done", "completion": 1.0} in data["tasks"]
    assert [i["id"] for i in data["indicators"] if i["task"] == 43] == ["43.1"]


def test_every_printing_command_writes_with_o_and_refuses_a_format_it_does_not_print(cli, mini_data, tmp_path):
    cat, prog = mini_data
    out = tmp_path / "out" / "status.csv"
    result = cli("status", "--as-of", "2023-09-30", "-f", "csv", "-o", out, "-c", cat, "-p", prog)
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff测试计划\n")  # a BOM, so Excel on Windows reads the Chinese; the title first
    assert csv_table(text)[0][:3] == ["编号", "指标", "责任单位"]
    for args in (("lagging",), ("units",), ("explain", "1.1"), ("history", "1.1"), ("tasks",), ("show", "1"),
                 ("schema", "progress"), ("check",), ("codeowners",), ("report",)):
        target = tmp_path / f"{args[0]}.txt"
        extra = () if args[0] in ("tasks", "show", "schema") else ("-p", prog)
        extra += () if args[0] == "schema" else ("-c", cat)
        result = cli(*args, "-o", target, *extra)
        assert result.exit_code == 0, (args, result.output)
        assert target.stat().st_size > 0, args
    refused = cli("explain", "1.1", "-f", "html", "-c", cat, "-p", prog)
    assert refused.exit_code == 2
    refused = cli("status", "-f", "html", "-c", cat, "-p", prog)
    assert refused.exit_code == 2
    assert "status 不支持 --format html" in refused.output
    assert "does not print" not in refused.output
    assert "table, markdown, csv, json" in refused.output
    english = cli("status", "-f", "html", "--lang", "en", "-c", cat, "-p", prog)
    assert english.exit_code == 2
    assert "status does not print --format html" in english.output and "不支持" not in english.output
    assert "table, markdown, csv, json" in english.output
