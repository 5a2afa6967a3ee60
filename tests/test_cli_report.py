"""`gdtrack report` (Markdown), `export` (xlsx, csv) and `history` through the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from .conftest import CATALOGUE, PROGRESS

SHIPPED = ("-c", str(CATALOGUE), "-p", str(PROGRESS))


def test_markdown_report_sections_on_the_sample(cli):
    result = cli("report", "--as-of", "2023-09-30", *SHIPPED)
    assert result.exit_code == 0, result.output
    md = result.stdout
    for heading in ("## 一、总体情况", "## 二、较上期的变化（2023-06-30 → 2023-09-30）", "### 新完成",
                    "### 新增滞后", "### 好转", "### 退步", "### 新报送", "### 仍未报送", "## 三、各章进展排名",
                    "## 四、各牵头单位进展排名", "## 五、滞后事项", "## 六、本期未报送单位"):
        assert heading in md, heading
    assert "示例数据（虚构）" in md  # the shipped figures are illustrative and the bulletin says so
    # the three units whose latest report is older than June 30 + 1 day did not report this period
    silent = md.split("## 六、本期未报送单位")[1]
    for unit in ("区党群工作中心", "区行政审批服务局", "市商贸物流园区管理服务中心商务服务部"):
        assert unit in silent
    # the headline matches `status`
    status = json.loads(cli("status", "--as-of", "2023-09-30", "-f", "json", *SHIPPED).stdout)
    assert f"序时进度 **{status['expected'] * 100:.1f}%**" in md
    assert f"完成 {status['summary']['done']} · 序时推进 {status['summary']['on_track']}" in md


def test_markdown_report_names_the_changes(cli, mini_data):
    cat, prog = mini_data
    md = cli("report", "--as-of", "2023-09-30", "-c", cat, "-p", prog).stdout
    # 1.1 was on track in June (15/30) and is behind in September (21/30): worsened; 2.1 is newly reported
    worsened = md.split("### 退步")[1].split("###")[0]
    assert "1.1 新建5G基站（区经济发展局）：序时推进 → 略滞后，50.0% → 70.0%" in worsened
    assert "2.1 农村黑臭水体（区农业服务中心）" in md.split("### 新报送")[1].split("###")[0]
    english = cli("report", "--as-of", "2023-09-30", "--lang", "en", "-c", cat, "-p", prog).stdout
    assert "## 2. Changes since the last report (2023-06-30 → 2023-09-30)" in english and "### Worsened (1)" in english


def test_report_to_a_file_and_bad_since(cli, mini_data, tmp_path):
    cat, prog = mini_data
    out = tmp_path / "out" / "通报.md"
    assert cli("report", "--as-of", "2023-09-30", "-o", out, "-c", cat, "-p", prog).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# 月度通报")
    bad = cli("report", "--as-of", "2023-09-30", "--since", "2023-10-01", "-c", cat, "-p", prog)
    assert bad.exit_code == 2 and "--since 2023-10-01 不早于查询日 2023-09-30" in bad.output


def test_export_xlsx_reopened_with_openpyxl(cli, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "台账.xlsx"
    result = cli("export", "--as-of", "2023-09-30", "-o", path, *SHIPPED)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["汇总", "全部指标"]
    assert "区经济发展局" in wb.sheetnames and len(wb.sheetnames) == 2 + 21 + 1  # and 考核 last
    ws = wb["全部指标"]
    # every sheet says what plan, what day, what data (issue 21), then the header in row 3
    for sheet in wb:
        assert sheet["A1"].value == ("济宁经济技术开发区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务"
                                     "　截至 2023-09-30　序时进度 74.8%　示例数据（虚构），非官方统计"), sheet.title
    header = [c.value for c in ws[3]]
    assert header[:5] == ["章", "任务", "编号", "指标", "责任单位"] and "序时进度" in header and "来源" in header
    assert header[11:15] == ["差距（百分点）", "状态", "督办级别", "年底预计"]
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == f"A3:U{ws.max_row}"  # U: 佐证材料文件, the last column
    assert ws.max_row == 3 + 119
    rows = {r[2].value: r for r in ws.iter_rows(min_row=4)}
    first = rows["1.1"]
    assert first[3].value == "省“一企一技术”研发中心"  # a Chinese cell
    assert first[12].value == "完成" and first[12].fill.fgColor.rgb.endswith("C6EFCE")  # status colour
    assert first[9].number_format == "0.0%"
    # as the terminal, the bulletin and the 督办单 give them: 1.1 is 2 of 2 家 against 74.8 % → +25.2 points, no
    # level, 3 家 by the year end; 9.4 is 0 of 1 → −74.8 points, 督办 (2 period ends lagging)
    assert (first[11].value, first[13].value, first[14].value) == (25.2, None, "3 家 将完成")
    assert (rows["9.4"][11].value, rows["9.4"][12].value, rows["9.4"][13].value) == (-74.8, "滞后", "督办")
    lagging = next(r for r in rows.values() if r[12].value == "滞后")
    assert lagging[12].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.column_dimensions["D"].width >= 12 and first[3].alignment.wrap_text  # the names wrap, never cut
    unit_sheet = wb["区农业服务中心"]
    assert [r[2].value for r in unit_sheet.iter_rows(min_row=4)] == ["23.1", "29.1", "41.1", "41.2", "41.3",
                                                                    "42.1", "42.2", "43.1"]


def test_export_csv_has_a_bom_and_reads_back(cli, tmp_path):
    path = tmp_path / "台账.csv"
    assert cli("export", "--as-of", "2023-09-30", "-o", path, *SHIPPED).exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0].startswith("济宁经济技术开发区") and "截至 2023-09-30" in rows[0][0] and rows[1] == []
    assert rows[2][0] == "章" and len(rows) == 3 + 119
    by_id = {r[2]: r for r in rows[3:]}
    assert by_id["7.1"][8] == "24" and by_id["7.1"][12] == "序时推进"
    assert cli("export", "-o", tmp_path / "x.txt", *SHIPPED).exit_code == 2


def test_history_values_match_the_files(cli):
    text = (PROGRESS / "区经济发展局.yaml").read_text(encoding="utf-8")
    reports = yaml.safe_load(text)["reports"]
    expected = [(str(r["as_of"]), e["value"]) for r in reports for e in r["entries"] if e["indicator"] == "7.1"]
    data = json.loads(cli("history", "7.1", "--as-of", "2023-12-31", "-f", "json", *SHIPPED).stdout)
    assert [(p["as_of"], p["value"]) for p in data["points"]] == expected
    assert data["target"] == 30 and data["owner"] == "区经济发展局"
    for p in data["points"]:
        assert p["completion"] == round(p["value"] / 30, 4)
    june = json.loads(cli("history", "7.1", "--as-of", "2023-06-30", "-f", "json", *SHIPPED).stdout)
    assert [p["as_of"] for p in june["points"]] == [d for d, _ in expected if d <= "2023-06-30"]
    table = cli("history", "7.1", "--as-of", "2023-09-30", *SHIPPED).stdout
    assert "█ 完成度  │ 序时进度" in table and table.count("2023-") >= 2 * len(expected)
    assert cli("history", "99.9", *SHIPPED).exit_code == 2


def test_markdown_report_says_which_files_were_left_out(cli, mini_data):
    cat, prog = mini_data
    (prog / "区农业服务中心.yaml").write_text("unit: 区农业服务中心\nreports: [\n", encoding="utf-8")
    refused = cli("report", "--as-of", "2023-09-30", "-c", cat, "-p", prog)  # issue 21: not from partial data
    assert refused.exit_code == 1 and refused.stdout == "" and "--allow-partial" in refused.stderr
    result = cli("report", "--as-of", "2023-09-30", "-c", cat, "-p", prog, "--allow-partial")
    assert result.exit_code == 0
    assert "> 注意：1 个进度文件有错误，未纳入统计" in result.stdout and "区农业服务中心.yaml" in result.stdout
    assert "数据未能读取的单位：区农业服务中心" in result.stdout
