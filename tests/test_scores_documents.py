"""Issue 26, items 1 and 2 in the documents: the 考核 ranking and 报送率 / 及时率 in the monthly bulletin (Markdown,
HTML, Word), a 考核 sheet in the ledger, and both in `report -f json`.

Worked by hand on conftest's MINI plan asked on 2023-10-31 (as tests/test_scores.py: issued 2023-08-02, so 督办 and
the scoring start with August; reported monthly, due by the next month's last day; default points):

- 区经济发展局 (1.1 ≥ 30, reported 15 on 06-30 and 21 on 09-30): 滞后 at 08-31 (0.50 against 243/365 = 0.666) −2,
  略滞后 at 09-30 (0.70 against 0.748) −1, 滞后 at 10-31 (0.70 against 0.833) −2; no report dated in August, whose
  deadline 09-30 has passed: 缺报 −10. Year 100 − 15 = 85; this period (October) 100 − 2 = 98.
- 区农业服务中心 (2.1 ≤ 0 from 5, reported 2 on 09-30): never reported at 08-31 (缺报 −10), 滞后 at 09-30 and 10-31
  (−2 each), the second in a row reaching 督办 (−1). Year 85; October 100 − 3 = 97. Tied on the year, 区经济发展局
  ranks first on October's 98.
- 报送率 / 及时率: only August is due (September's deadline is 10-31, the query date itself, not past); neither unit
  has a report dated in August: 0 of 1 period each, 0.0 % and 0.0 %, the latest period 未报送.
- 区经济发展局's file says `sample: true`: every document says the scores rest on invented figures.
"""

from __future__ import annotations

import json
import re

import pytest

ECON_ROW = ["1", "区经济发展局", "98", "85", "-1", "-4", "—", "—", "-10", "—", "—", "—"]
FARM_ROW = ["2", "区农业服务中心", "97", "85", "—", "-4", "—", "-1", "-10", "—", "—", "—"]


def report(cli, cat, prog, *more):
    result = cli("report", "--as-of", "2023-10-31", "-c", cat, "-p", prog, *more)
    assert result.exit_code == 0, result.output
    return result


def md_rows(section: str) -> list[list[str]]:
    """The body rows of the first Markdown table in `section`, cell by cell."""
    lines = [line for line in section.splitlines() if line.startswith("|")]
    return [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]


def test_the_markdown_bulletin_ranks_the_units_and_states_the_rules(cli, mini_data):
    md = report(cli, *mini_data).stdout
    scores = md.split("## 十、考核得分")[1].split("\n---")[0]
    assert ("基础分100分；每项指标每期略滞后扣1分、滞后扣2分、未完成扣2分，达到督办级别的另扣（督办扣1分、"
            "通报扣2分）；每期缺报扣10分、迟报扣2分、退回未按时重报扣10分；督办答复逾期每项扣5分。"
            "计 2023-08-31 至 2023-10-31 共 3 期。"
            in scores)
    assert "示例数据（虚构）" in scores
    assert md_rows(scores) == [ECON_ROW, FARM_ROW]


def test_the_markdown_bulletin_gives_each_units_periods_reported_and_on_time(cli, mini_data):
    md = report(cli, *mini_data).stdout
    part = md.split("## 九、报送情况（报送率、及时率）")[1].split("## 十、")[0]
    assert "自督办起已过截止日的 1 期，截止日为次月最后一天" in part
    assert "最近一期：截至 2023-08-31，截止日 2023-09-30" in part
    assert md_rows(part) == [["区经济发展局", "1", "0", "0", "0", "0", "0.0%", "0.0%", "未报送"],
                             ["区农业服务中心", "1", "0", "0", "0", "0", "0.0%", "0.0%", "未报送"]]


def test_a_deadline_day_in_the_policy_is_stated(cli, mini_data):
    cat, prog = mini_data
    cat.write_text(cat.read_text(encoding="utf-8").replace(
        "  period_end: 2023-12-31\n", "  period_end: 2023-12-31\n  policy:\n    report_by_day: 10\n"),
        encoding="utf-8")
    # now September is due as well (deadline 10-10); the 09-30 reports carry no day: received, not on time
    part = report(cli, cat, prog).stdout.split("## 九、")[1].split("## 十、")[0]
    assert "已过截止日的 2 期，截止日为次月 10 日；未记录报送日期（submitted）的 2 期不计为及时" in part
    assert md_rows(part)[0] == ["区经济发展局", "2", "1", "0", "0", "1", "50.0%", "0.0%", "已报送，未记日期"]


def test_the_html_bulletin_has_both_sections(cli, mini_data):
    html = report(cli, *mini_data, "-f", "html").stdout
    scores = html.split('<section id="scores">')[1].split("</section>")[0]
    assert "基础分100分；每项指标每期略滞后扣1分" in scores and 'class="note"' in scores  # the sample note
    body = scores.split("<tbody>")[1].split("</tbody>")[0]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", tr) for tr in body.split("<tr>") if tr.strip()]
    assert rows == [ECON_ROW, FARM_ROW]
    part = html.split('<section id="timeliness">')[1].split("</section>")[0]
    assert "截止日为次月最后一天" in part and "<td class=\"text\">未报送</td>" in part


def test_the_word_bulletin_scores_the_units_under_its_rules(cli, mini_data, tmp_path):
    docx = pytest.importorskip("docx")
    out = tmp_path / "通报.docx"
    report(cli, *mini_data, "-o", out)
    doc = docx.Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    i = texts.index("（五）考核得分")
    assert texts[i + 1].startswith("考核计分规则（plan.policy.scoring）：基础分100分；")
    assert texts[i + 1].endswith("计 2023年8月31日 至 2023年10月31日 共 3 期。")
    assert texts[i + 2] == "本部分得分按示例数据（虚构）计算，仅作演示，不作考核依据。"
    assert "（四）报送情况" in texts
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "排名")
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["排名", "单位", "本期得分", "累计得分", "扣分情况"],
        ["1", "区经济发展局", "98", "85", "略滞后 -1、滞后 -4、缺报 -10"],
        ["2", "区农业服务中心", "97", "85", "滞后 -4、督办级别 -1、缺报 -10"]]
    arrivals = next(t for t in doc.tables if t.rows[0].cells[1].text == "应报")
    assert [c.text for c in arrivals.rows[1].cells] == ["区经济发展局", "1", "0", "0", "0", "0", "0.0", "0.0"]


def test_the_ledger_has_a_scores_sheet_with_every_deduction(cli, mini_data, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    cat, prog = mini_data
    path = tmp_path / "台账.xlsx"
    result = cli("export", "--as-of", "2023-10-31", "-o", path, "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-1] == "考核"
    ws = wb["考核"]
    assert ws["A1"].value == wb["汇总"]["A1"].value  # the same title line: plan, day, 序时进度, sample
    assert ws.print_title_rows == "$1:$3" and ws.page_setup.orientation == "landscape" and ws.freeze_panes == "A4"
    rows = [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]
    assert rows[0][:4] == ["排名", "单位", "本期得分", "累计得分"]
    assert rows[1] == [1, "区经济发展局", 98, 85, -1, -4, None, None, -10, None, None, None]
    assert rows[2] == [2, "区农业服务中心", 97, 85, None, -4, None, -1, -10, None, None, None]
    label = next(i for i, r in enumerate(rows) if r[0] == "扣分明细")
    assert rows[4][0] == "计分规则（计 2023-08-31 至 2023-10-31 共 3 期）"
    assert rows[5][:2] == ["基础分", 100] and ["该期未报送", -10] in [r[:2] for r in rows[5:label]]
    assert rows[label + 1][:7] == ["单位", "期末", "指标", "指标名称", "规则", "督办级别", "扣分"]
    got = [(r[0], r[1].date().isoformat(), r[2], r[3], r[4], r[5], r[6]) for r in rows[label + 2:]]
    assert got == [  # ranking order, then by period end and rule, as `scores --unit` lists them
        ("区经济发展局", "2023-08-31", "1.1", "新建5G基站", "滞后", None, -2),
        ("区经济发展局", "2023-08-31", None, None, "该期未报送", None, -10),
        ("区经济发展局", "2023-09-30", "1.1", "新建5G基站", "略滞后", None, -1),
        ("区经济发展局", "2023-10-31", "1.1", "新建5G基站", "滞后", None, -2),
        ("区农业服务中心", "2023-08-31", None, None, "该期未报送", None, -10),
        ("区农业服务中心", "2023-09-30", "2.1", "农村黑臭水体", "滞后", None, -2),
        ("区农业服务中心", "2023-10-31", "2.1", "农村黑臭水体", "滞后", None, -2),
        ("区农业服务中心", "2023-10-31", "2.1", "农村黑臭水体", "督办级别：督办", "督办", -1)]


def test_report_json_carries_the_scores_and_the_timeliness_as_their_own_commands_do(cli, mini_data):
    cat, prog = mini_data
    data = json.loads(report(cli, cat, prog, "-f", "json").stdout)
    assert (data["as_of"], data["since"], data["sample"]) == ("2023-10-31", "2023-09-30", True)
    scores = json.loads(cli("scores", "--as-of", "2023-10-31", "-f", "json", "-c", cat, "-p", prog).stdout)
    units = json.loads(cli("units", "--as-of", "2023-10-31", "-f", "json", "-c", cat, "-p", prog).stdout)
    assert data["scores"] == scores["scores"] and data["periods"] == scores["periods"] == [
        "2023-08-31", "2023-09-30", "2023-10-31"]
    assert data["timeliness"] == units["timeliness"]
    assert [(s["unit"], s["rank"], s["period"], s["total"]) for s in data["scores"]] == [
        ("区经济发展局", 1, 98, 85), ("区农业服务中心", 2, 97, 85)]
    assert data["escalations"] == [{"id": "2.1", "owner": "区农业服务中心", "level": "督办", "periods": 2},
                                   {"id": "1.1", "owner": "区经济发展局", "level": "提醒", "periods": 1}]


HOSTILE_UNIT = "区经济![x](evil.png)&amp;发展局"  # a unit's name is a file name: no < > / : " allowed in it
HOSTILE_GOAL = '=HYPERLINK("http://evil.example","点我")'


@pytest.fixture
def hostile(mini_data):
    """MINI with a unit name that would be a Markdown image or an HTML entity, and a goal name that would be a
    spreadsheet formula, if they were not kept as data."""
    cat, prog = mini_data
    text = cat.read_text(encoding="utf-8").replace("区经济发展局", json.dumps(HOSTILE_UNIT, ensure_ascii=False))
    cat.write_text(text.replace("name: 新建5G基站", f"name: {json.dumps(HOSTILE_GOAL, ensure_ascii=False)}"),
                   encoding="utf-8")
    econ = prog / "区经济发展局.yaml"
    econ.write_text(econ.read_text(encoding="utf-8").replace("区经济发展局", json.dumps(HOSTILE_UNIT,
                                                                                        ensure_ascii=False)),
                    encoding="utf-8")
    econ.rename(prog / f"{HOSTILE_UNIT}.yaml")
    return cat, prog


def test_department_text_stays_inert_in_the_new_sections(cli, hostile, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    cat, prog = hostile
    md = report(cli, cat, prog).stdout.split("## 九、")[1]
    assert r"区经济\!\[x\](evil.png)" in md and "![x]" not in md  # the name, as text: no image
    html = report(cli, cat, prog, "-f", "html").stdout.split('<section id="timeliness">')[1]
    assert html.count("区经济![x](evil.png)&amp;amp;发展局") == 2  # the entity written as text, in both tables
    path = tmp_path / "台账.xlsx"
    assert cli("export", "--as-of", "2023-10-31", "-o", path, "-c", cat, "-p", prog).exit_code == 0
    ws = openpyxl.load_workbook(path)["考核"]
    names = [c for c in ws["D"] if c.value == HOSTILE_GOAL]
    assert len(names) == 3 and all(c.data_type == "s" and c.quotePrefix for c in names)  # text, never a formula
    assert HOSTILE_UNIT in [c.value for c in ws["B"]]
