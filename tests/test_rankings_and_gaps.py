"""Issue 21 on the sample data at 2023-09-30: rankings that do not reward silence, one lagging order, and gaps in
percentage points, the same for a stepped milestone in every view. Each test failed before the change."""

from __future__ import annotations

import json

import pytest

from .conftest import CATALOGUE, PROGRESS

DAY = ("--as-of", "2023-09-30", "-c", str(CATALOGUE), "-p", str(PROGRESS))


def _json(cli, *args):
    result = cli(*args, *DAY, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _score(r: dict) -> float | None:
    """The README's roll-up rule, worked from the JSON rows: completion capped to 0–1; never reported 0; a milestone
    without steps 完成 1, 序时推进 its pace, 略滞后 pace − 0.10, 滞后 0; 缺基数 left out."""
    if r["completion"] is not None:
        return min(max(r["completion"], 0.0), 1.0)
    if r["status"] == "no_report":
        return 0.0
    if r["status"] == "no_baseline":
        return None
    return {"done": 1.0, "on_track": r["expected"], "behind": r["expected"] - 0.1}.get(r["status"], 0.0)


def _gaps_by(rows: list[dict], key) -> dict:
    groups: dict = {}
    for r in rows:
        s = _score(r)
        if s is not None:
            groups.setdefault(key(r), []).append((s, r["expected"]))
    return {k: sum(s for s, _ in v) / len(v) - sum(e for _, e in v) / len(v) for k, v in groups.items()}


def test_a_chapter_does_not_rank_higher_for_the_goals_it_did_not_report(cli):
    """Chapter 7 has 3 goals never reported: left out it was +4.7 against its pace and ranked near the top."""
    rows = _json(cli, "status")["indicators"]
    import yaml

    chapter_of = {t["id"]: t["chapter"] for t in yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["tasks"]}
    gaps = _gaps_by(rows, lambda r: chapter_of[r["task"]])
    by_hand = sorted(gaps, key=lambda c: (-gaps[c], c))
    report = cli("report", *DAY, "-f", "markdown").stdout
    table = report.split("## 三、各章进展排名")[1].split("## 四")[0]
    ranked = [int(line.split("|")[2]) for line in table.splitlines() if line.startswith("|") and
              line.split("|")[2].strip().isdigit()]
    assert ranked == by_hand
    assert gaps[7] < 0 and by_hand.index(7) == len(by_hand) - 1  # −13.7: last, not among the first
    assert "报送率" in table.splitlines()[2]  # 报送率 beside each rank


def test_a_unit_of_milestones_on_pace_is_at_its_pace_not_last(cli):
    """区财政局, 区市场监管中心 and 区应急管理中心 each lead one milestone, 序时推进: they ranked last with "—"."""
    report = cli("report", *DAY, "-f", "markdown").stdout
    table = report.split("## 四、各牵头单位进展排名")[1].split("## 五")[0]
    rows = {cells[2].strip(): cells for cells in (line.split("|") for line in table.splitlines())
            if len(cells) > 8 and cells[1].strip().isdigit()}
    for unit in ("区财政局", "区市场监管中心", "区应急管理中心"):
        rank, completion, pace, gap = (rows[unit][1].strip(), rows[unit][5].strip(), rows[unit][6].strip(),
                                       rows[unit][7].strip())
        assert (completion, pace, gap) == ("74.8%", "74.8%", "+0.0"), rows[unit]
        assert int(rank) < 10
    silent = rows["区行政审批服务局"]
    assert silent[4].strip() == "0.0%"  # its 报送率 stands beside its rank


def test_lagging_runs_lagging_then_behind_then_unreported(cli):
    rows = _json(cli, "lagging")["indicators"]
    order = [r["status"] for r in rows]
    blocks = [s for i, s in enumerate(order) if i == 0 or order[i - 1] != s]
    assert blocks == ["lagging", "behind", "no_report"], order
    lagging = [r for r in rows if r["status"] == "lagging"]
    assert [r["id"] for r in lagging[:3]] == ["56.4", "14.3", "9.4"]  # −100, −75.0, −74.8
    assert rows[-1]["status"] == "no_report"


def test_gaps_are_in_percentage_points_everywhere(cli):
    out = cli("status", *DAY).stdout
    head = next(line for line in out.splitlines() if line.startswith("编号"))
    assert "差距（百分点）" in head
    row = next(line for line in out.splitlines() if line.startswith("9.4 "))
    assert " -74.8 " in row and "-74.8%" not in row
    english = cli("status", "--lang", "en", *DAY).stdout
    assert "gap (pp)" in english
    report = cli("report", *DAY, "-f", "markdown").stdout
    assert "差距 -44.8 个百分点" in report and "-44.8%" not in report
    page = cli("report", *DAY, "-f", "html").stdout
    assert "差距 " in page and "个百分点" in page and "-74.8%" not in page


def test_a_stepped_milestone_has_one_gap_in_every_view(cli, tmp_path):
    """14.3 (新三板挂牌) has steps: none reached of the 3 due by 09-30 out of 4 → 0 % against 75 %: −75.0 points in
    the terminal, the escalations, the HTML (it was "—" there) and the Word bulletin."""
    status = next(line for line in cli("status", *DAY).stdout.splitlines() if line.startswith("14.3 "))
    assert " -75.0 " in status
    escalations = next(line for line in cli("escalations", *DAY).stdout.splitlines() if " 14.3 " in line)
    assert " -75.0 " in escalations
    page = cli("report", *DAY, "-f", "html").stdout
    row = page.split('id="goal-14.3"')[1].split("</tr>")[0]
    assert ">-75.0<" in row, row
    docx = tmp_path / "b.docx"
    assert cli("report", *DAY, "-f", "docx", "-o", docx).exit_code == 0
    pytest.importorskip("docx")
    from docx import Document

    cells = [[c.text for c in row.cells] for t in Document(str(docx)).tables for row in t.rows]
    found = [r for r in cells if any("14.3" in c for c in r)]
    assert found and all("-75.0" in " ".join(r) for r in found), found


def test_every_export_says_what_plan_what_day_and_that_the_figures_are_samples(cli, tmp_path):
    """Issue 21: `lagging --format markdown > 滞后事项.md` had no title, no date and no headline."""
    title = "济宁经济技术开发区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务"
    for args in (("status",), ("lagging",), ("units",), ("escalations",), ("remind",), ("history", "7.1")):
        data = _json(cli, *args)
        assert data["plan"]["title"] == title and data["sample"] is True, args
        assert data.get("as_of", "2023-09-30") == "2023-09-30", args
    for fmt in ("markdown", "csv"):
        for view in ("status", "lagging", "units"):
            out = cli(view, *DAY, "-f", fmt).stdout.removeprefix("\ufeff")
            lines = out.splitlines()
            assert lines[0] == (f"# {title}" if fmt == "markdown" else title), (view, fmt)
            assert any(line.startswith("截至 2023-09-30　序时进度 74.8%") for line in lines[:4]), (view, fmt)
            assert any("示例数据（虚构），非官方统计" in line for line in lines[:8]), (view, fmt)
