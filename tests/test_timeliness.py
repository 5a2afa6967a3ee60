"""Issue 26, deliver 6 (begun): 报送率 and 及时率 per unit and period, from each report's `submitted` day.

MINI's plan (issued 2023-08-02, reported monthly, due by the next month's last day), asked on 2023-11-30: the
periods due are August (deadline 09-30) and September (deadline 10-31); October's deadline is that day, not past.
区经济发展局 sends August's report on 09-20 (on time) and September's on 11-02 (late): 2/2 reported, 1/2 on time.
区农业服务中心 sends nothing for August and September's report carries no day: 1/2 reported, 0/2 on time, 1 unknown.
"""

from __future__ import annotations

import datetime as dt
import json

ECON = """\
unit: 区经济发展局
reports:
  - as_of: 2023-08-31
    submitted: 2023-09-20
    entries:
      - {indicator: "1.1", value: 18, evidence: 台账}
  - as_of: 2023-09-30
    submitted: 2023-11-02
    entries:
      - {indicator: "1.1", value: 21, evidence: 台账}
"""


def setup(mini_data):
    cat, prog = mini_data
    (prog / "区经济发展局.yaml").write_text(ECON, encoding="utf-8")
    return cat, prog


def test_units_show_the_share_of_periods_reported_and_reported_on_time(cli, mini_data):
    cat, prog = setup(mini_data)
    result = cli("units", "--as-of", "2023-11-30", "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output
    assert "已过截止日的 2 期，截止日为次月最后一天；未记录报送日期（submitted）的 1 期不计为及时" in result.stdout
    rows = {line.split()[0]: line.split()[-2:] for line in result.stdout.splitlines() if line.startswith("区")}
    assert rows["区经济发展局"] == ["100.0%", "50.0%"] and rows["区农业服务中心"] == ["50.0%", "0.0%"]


def test_a_late_report_loses_its_points_and_a_missing_one_more(cli, mini_data):
    cat, prog = setup(mini_data)
    data = json.loads(cli("scores", "--as-of", "2023-11-30", "-f", "json", "-c", cat, "-p", prog).stdout)
    got = {s["unit"]: [(d["period_end"], d["rule"], d["points"]) for d in s["deductions"]
                       if d["rule"].endswith("_report")] for s in data["scores"]}
    assert got == {"区经济发展局": [("2023-09-30", "late_report", -2)],
                   "区农业服务中心": [("2023-08-31", "missing_report", -10)]}


def test_record_stamps_the_day_a_reports_first_figure_came_in_and_a_correction_keeps_it(mini_data):
    from gdtrack.files.loading import load_catalogue
    from gdtrack.repository.recording import Item, record_many

    cat, prog = mini_data
    model = load_catalogue(cat).model
    path = prog / "区经济发展局.yaml"
    record_many(model, path, "区经济发展局", dt.date(2023, 10, 31), [Item("1.1", 24, evidence="台账")],
                today=dt.date(2023, 11, 10))
    assert "  - as_of: 2023-10-31\n    submitted: 2023-11-10\n" in path.read_text(encoding="utf-8")
    record_many(model, path, "区经济发展局", dt.date(2023, 10, 31), [Item("1.1", 25, evidence="台账")], force=True,
                reason="台账更正", today=dt.date(2023, 11, 20))
    text = path.read_text(encoding="utf-8")
    assert "submitted: 2023-11-10" in text and "2023-11-20" not in text


def test_units_json_carries_each_period_and_its_arrival(cli, mini_data):
    cat, prog = setup(mini_data)
    data = json.loads(cli("units", "--as-of", "2023-11-30", "-f", "json", "-c", cat, "-p", prog).stdout)
    got = {t["unit"]: t for t in data["timeliness"]}
    assert [p["arrival"] for p in got["区经济发展局"]["periods"]] == ["on_time", "late"]
    assert [p["arrival"] for p in got["区农业服务中心"]["periods"]] == ["missing", "unknown"]
    assert got["区经济发展局"]["timeliness"] == 0.5 and got["区农业服务中心"]["completeness"] == 0.5
