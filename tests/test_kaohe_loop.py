"""Issue 26, done when: one unit worked through three months by hand — a late report, a report sent back and
corrected, an approved extension, a closed goal — with the scores, every deduction, the statuses, the review log and
the timeliness figures asserted, and an evidence file changed after the fact caught by `check`.

The plan (issued 2023-08-02, so 督办 and scoring start with August; monthly, due by the 10th of the next month;
the default tolerance 0.10 and scoring: yellow −1, red −2, late report −2), one unit 甲局 with three goals:

- 1.1 新建基站 ≥ 120 个 (cumulative), due 12-31;
- 1.2 改造管网 ≥ 10 公里 (cumulative), due 09-30; 甲局 asks on 09-05 to move it to 12-31, approved on 09-20;
- 1.3 完成项目验收 (a milestone), due 12-31; closed (销号) on 10-20.

What happens, day by day (每期 = each month end; 序时进度 = days from 01-01 to the day ÷ days to the due date):

- 09-12 the August report: 1.1 = 85, 1.2 = 6, 1.3 推进中, sent on 09-12, after its deadline 09-10: late, −2.
  At 08-31: 1.1 85/120 = 0.708 against 243/365 = 0.666 → on pace; 1.2 6/10 = 0.60 against 243/273 = 0.890 (its
  plan date then, the extension being approved later) → 滞后 −2; 1.3 推进中 → on pace.
- 10-09 the September report (1.1 = 95, 1.2 = 8, 1.3 已完成), sent on time; 10-12 the office sends it back
  (1.1 与台账不符): on 10-13 the September figures do not count (1.1 shows August's 85) and 催报 says why; 10-14
  甲局 corrects 1.1 to 92 (resubmitted 10-14, within the 5 days after the return: on time); 10-16 accepted.
  At 09-30: 1.1 92/120 = 0.767 against 273/365 = 0.748 → on pace; 1.2 8/10 = 0.80 against 273/365 = 0.748 (due
  12-31 since 09-20; without the extension it would be final and 未完成) → on pace; 1.3 done.
- 10-20 1.3 closed, with the inspection report as a file; 11-08 the October report (1.1 = 95, 1.2 = 9.5), on
  time, its ledger attached to 1.1 (`record --attach`, which adds the file without restamping the day).
  At 10-31: 1.1 95/120 = 0.792 against 304/365 = 0.833, within 0.10 → 略滞后 −1; 1.2 0.95 → on pace; 1.3 closed.
- On 11-15: the year 100 − 2 − 2 − 1 = 95, October 100 − 1 = 99; 报送率 3/3, 及时率 2/3 (August late).
"""

from __future__ import annotations

import json

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"

PLAN = """\
plan:
  title: 考核演练计划
  document_number: 演练〔2023〕1号
  issuer: 演练办公室
  issued: 2023-08-02
  period_start: 2023-01-01
  period_end: 2023-12-31
  policy:
    report_by_day: 10
units:
  - name: 甲局
chapters:
  - number: 1
    title: 第一章
tasks:
  - id: 1
    chapter: 1
    title: 基础设施
    text: 新建基站120个以上。改造管网10公里以上，9月底前完成。完成项目验收。
    lead_units: [甲局]
    indicators:
      - id: "1.1"
        name: 新建基站
        quote: 新建基站120个以上
        comparator: ">="
        target: 120
        unit: 个
        measure: cumulative
      - id: "1.2"
        name: 改造管网
        quote: 改造管网10公里以上
        comparator: ">="
        target: 10
        unit: 公里
        measure: cumulative
        due: 2023-09-30
      - id: "1.3"
        name: 完成项目验收
        quote: 完成项目验收
        comparator: milestone
"""

AUGUST = """\
  - as_of: 2023-08-31
    submitted: 2023-09-12
    entries:
      - {indicator: "1.1", value: 85, evidence: 台账}
      - {indicator: "1.2", value: 6, evidence: 台账}
      - {indicator: "1.3", value: 推进中, evidence: 台账}
"""
SEPTEMBER = """\
  - as_of: 2023-09-30
    submitted: 2023-10-09
    entries:
      - {indicator: "1.1", value: 95, evidence: 台账}
      - {indicator: "1.2", value: 8, evidence: 台账}
      - {indicator: "1.3", value: 已完成, evidence: 验收意见}
"""
CORRECTED = SEPTEMBER.replace("    submitted: 2023-10-09\n",
                              "    submitted: 2023-10-09\n    resubmitted: 2023-10-14\n") \
    .replace('{indicator: "1.1", value: 95, evidence: 台账}',
             '{indicator: "1.1", value: 92, evidence: 台账, revised: {reason: 按退回意见核实}}')
OCTOBER = """\
  - as_of: 2023-10-31
    submitted: 2023-11-08
    entries:
      - {indicator: "1.1", value: 95, evidence: 台账}
      - {indicator: "1.2", value: 9.5, evidence: 台账}
"""


def test_one_unit_through_three_months(cli, tmp_path):
    cat = tmp_path / "tasks_2023.yaml"
    cat.write_text(PLAN, encoding="utf-8")
    folder = tmp_path / "progress"
    folder.mkdir()
    unit_file = folder / "甲局.yaml"
    unit_file.write_text("unit: 甲局\nreports: []\n", encoding="utf-8")
    data = ("-c", cat, "-p", folder)

    def run(*args):
        result = cli(*args, *data)
        assert result.exit_code == 0, result.output
        return result.stdout

    def reports(*blocks):  # the clerk's file: what was there, the request for more time, and the reports
        text = unit_file.read_text(encoding="utf-8")
        head, _, rest = text.partition("reports:")
        tail = rest[rest.index("extensions:"):] if "extensions:" in rest else ""
        unit_file.write_text(head + "reports:\n" + "".join(blocks) + tail, encoding="utf-8")

    def goal(day, goal_id):
        found = json.loads(run("status", "--as-of", day, "-f", "json"))
        return next(g for g in found["indicators"] if g["id"] == goal_id)

    # 09-05: 甲局 asks for more time on 1.2, before its due date 09-30.
    said = run("extend", "甲局", "1.2", "--to", "2023-12-31", "--reason", "管材供货延迟", "--date", "2023-09-05")
    assert "由 2023-09-30 延至 2023-12-31" in said
    # 09-12: the August report, two days late.
    reports(AUGUST)
    assert "extensions:" in unit_file.read_text(encoding="utf-8")
    waiting = run("review", "--date", "2023-09-15")
    assert "报告 1 份，延期申请 1 项" in waiting and "管材供货延迟" in waiting
    # 09-20: the office approves the extension.
    assert "完成时限由 2023-09-30 延至 2023-12-31" in run("review", "甲局", "--extension", "1.2", "--accept",
                                                           "--by", "王五", "--date", "2023-09-20")
    run("review", "甲局", "--as-of", "2023-08-31", "--accept", "--by", "王五", "--date", "2023-09-20")

    # 10-09: the September report; 10-12: sent back.
    reports(AUGUST, SEPTEMBER)
    said = run("review", "甲局", "--as-of", "2023-09-30", "--return", "1.1 与台账不符", "--by", "王五",
               "--date", "2023-10-12")
    assert "已退回" in said and "1.1 与台账不符" in said
    on_13th = goal("2023-10-13", "1.1")
    assert on_13th["actual"] == 85  # August's: September's report does not count while it is sent back
    head = run("status", "--as-of", "2023-10-13")
    assert "已退回、未计入的报告：甲局 2023-09-30（1.1 与台账不符）" in head
    chase = run("remind", "--as-of", "2023-10-13")
    assert "截至2023-09-30的报告已于2023-10-12被退回（1.1 与台账不符），请修改后重报" in chase

    # 10-14: corrected; it waits for a review again; 10-16: accepted.
    reports(AUGUST, CORRECTED)
    assert "退回后已重报" in run("review", "甲局", "--date", "2023-10-15")
    run("review", "甲局", "--as-of", "2023-09-30", "--accept", "--by", "王五", "--date", "2023-10-16")
    assert goal("2023-10-16", "1.1")["actual"] == 92

    # 10-20: 1.3 closed, with the inspection report; 11-08: the October report, its ledger attached to 1.1.
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "验收意见.pdf").write_bytes(PDF)
    (scans / "10月台账.pdf").write_bytes(PDF.replace(b"Catalog", b"Ledger"))
    said = run("close", "1.3", "--reason", "已完成并经验收", "--evidence", "验收意见", "--by", "王五",
               "--date", "2023-10-20", "--attach", scans / "验收意见.pdf")
    assert "销号时状态 完成" in said
    reports(AUGUST, CORRECTED, OCTOBER)
    run("record", "甲局", "1.1=95", "--as-of", "2023-10-31", "--attach", scans / "10月台账.pdf")
    assert "submitted: 2023-11-08" in unit_file.read_text(encoding="utf-8")  # not restamped by the attachment

    # 11-15: the scores, with every deduction and its rule.
    sc = json.loads(run("scores", "--as-of", "2023-11-15", "-f", "json"))
    (unit,) = sc["scores"]
    assert sc["periods"] == ["2023-08-31", "2023-09-30", "2023-10-31"]
    assert [(d["period_end"], d["goal"], d["rule"], d["points"]) for d in unit["deductions"]] == [
        ("2023-08-31", "1.2", "lagging", -2), ("2023-08-31", None, "late_report", -2),
        ("2023-10-31", "1.1", "behind", -1)]
    assert (unit["total"], unit["period"], unit["rank"]) == (95, 99, 1)

    # The statuses: 1.2 due on the approved date, its plan's date kept beside it; 1.3 closed, out of the lists.
    assert goal("2023-11-15", "1.1")["status"] == "behind"
    g12 = goal("2023-11-15", "1.2")
    assert (g12["status"], g12["due"], g12["plan_due"]) == ("on_track", "2023-12-31", "2023-09-30")
    g13 = goal("2023-11-15", "1.3")
    assert g13["status"] == "done" and g13["closed"] == {"decided": "2023-10-20", "by": "王五",
                                                         "reason": "已完成并经验收"}
    explained = run("explain", "1.2", "--as-of", "2023-11-15")
    assert "经批准延期至 2023-12-31（原定 2023-09-30，2023-09-20 批准）" in explained
    assert "甲局 于 2023-09-05 申请由 2023-09-30 延至 2023-12-31，理由：管材供货延迟" in explained
    lagging = json.loads(run("lagging", "--as-of", "2023-12-31", "-f", "json"))
    assert "1.3" not in {g["id"] for g in lagging["indicators"]}

    # Timeliness: three periods due, all received; August late.
    units = json.loads(run("units", "--as-of", "2023-11-15", "-f", "json"))
    (row,) = [u for u in units["timeliness"] if u["unit"] == "甲局"]
    assert [(p["period_end"], p["arrival"]) for p in row["periods"]] == [
        ("2023-08-31", "late"), ("2023-09-30", "on_time"), ("2023-10-31", "on_time")]
    assert (row["completeness"], round(row["timeliness"], 4)) == (1.0, 0.6667)

    # The review log: who, when, what, why, in the order decided.
    log = (tmp_path / "decisions_2023.yaml").read_text(encoding="utf-8")
    assert log.count("decision: accept") == 2 and log.count("decision: return") == 1
    assert "reason: 1.1 与台账不符" in log and "by: 王五" in log
    assert log.index("decided: 2023-10-12") < log.index("decided: 2023-10-16")
    assert "✓" in run("check")

    # An evidence file changed after the fact: check names it, at the entry that holds it.
    stored = tmp_path / "data" / "evidence" / "甲局" / "2023-10-31" / "10月台账.pdf"
    stored.write_bytes(PDF.replace(b"Catalog", b"Ledgex"))  # the same size, other bytes
    changed = cli("check", *data)
    assert changed.exit_code == 1 and "[evidence-changed]" in changed.output and "10月台账.pdf" in changed.output
    office = tmp_path / "data" / "evidence" / "_office" / "2023-10-20" / "验收意见.pdf"
    office.unlink()
    gone = cli("check", *data)
    assert "[evidence-missing]" in gone.output and "验收意见.pdf" in gone.output
