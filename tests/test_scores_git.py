"""Issue 26, item 3: a report written by hand, without `submitted:`, takes the day of the commit that added its
first figure, when the data folder is a git repository; `units`, `scores` and the bulletin then count it like a
stamped day and say where it came from.

MINI's plan (issued 2023-08-02, reported monthly, due by the next month's last day), asked on 2023-11-30: August
(deadline 09-30) and September (deadline 10-31) are due. 区经济发展局's August report is committed on 2023-09-20
(on time), its September report on 2023-11-02: two days after its deadline, so late, −2 (`late_report`). Stamped
`submitted: 2023-10-20` instead, the same September report is on time and loses nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git (Debian package: git)")

AUGUST = """\
unit: 区经济发展局
reports:
  - as_of: 2023-08-31
    entries:
      - {indicator: "1.1", value: 18, evidence: 台账}
"""
SEPTEMBER = """\
  - as_of: 2023-09-30
    entries:
      - {indicator: "1.1", value: 21, evidence: 台账}
"""


def commit(folder, message, day):
    stamp = f"{day}T10:00:00+08:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=env, capture_output=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=folder, check=True, env=env, capture_output=True)


@pytest.fixture
def in_git(mini_data):
    """MINI's data in a git repository: August's report committed on 09-20, September's on 11-02."""
    cat, prog = mini_data
    root = prog.parent
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, capture_output=True)
    econ = prog / "区经济发展局.yaml"
    econ.write_text(AUGUST, encoding="utf-8")
    commit(root, "8月进度", "2023-09-20")
    econ.write_text(AUGUST + SEPTEMBER, encoding="utf-8")
    commit(root, "9月进度", "2023-11-02")
    return cat, prog


def late(data):
    return {s["unit"]: [(d["period_end"], d["points"], d["source"]) for d in s["deductions"]
                        if d["rule"] == "late_report"] for s in data["scores"]}


def test_the_commit_day_makes_a_report_late_where_the_stamped_day_was_on_time(cli, in_git):
    cat, prog = in_git
    args = ("scores", "--as-of", "2023-11-30", "-f", "json", "-c", cat, "-p", prog)
    data = json.loads(cli(*args).stdout)
    assert late(data)["区经济发展局"] == [("2023-09-30", -2, "git")]
    econ = prog / "区经济发展局.yaml"
    econ.write_text(AUGUST + SEPTEMBER.replace("    entries:", "    submitted: 2023-10-20\n    entries:", 1),
                    encoding="utf-8")  # the stamp wins over the commit's day; 10-20 is within the deadline
    assert late(json.loads(cli(*args).stdout))["区经济发展局"] == []


def test_units_count_the_commit_day_and_say_where_it_came_from(cli, in_git):
    cat, prog = in_git
    result = cli("units", "--as-of", "2023-11-30", "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[-2:] for line in result.stdout.splitlines() if line.startswith("区")}
    assert rows["区经济发展局"] == ["100.0%", "50.0%"]  # both received; August's on time, September's late
    # 区农业服务中心's file came in with the first commit (09-20): its September report on time, August missing
    assert rows["区农业服务中心"] == ["50.0%", "50.0%"]
    assert "其中 3 期的报送日期来自提交记录（git）" in result.stdout
    data = json.loads(cli("units", "--as-of", "2023-11-30", "-f", "json", "-c", cat, "-p", prog).stdout)
    econ = next(t for t in data["timeliness"] if t["unit"] == "区经济发展局")
    assert [(p["arrival"], p["submitted"], p["source"]) for p in econ["periods"]] == [
        ("on_time", "2023-09-20", "git"), ("late", "2023-11-02", "git")]


def test_a_report_changed_later_keeps_the_day_its_first_figure_came_in(cli, in_git):
    cat, prog = in_git
    econ = prog / "区经济发展局.yaml"
    econ.write_text(AUGUST.replace("value: 18", "value: 19") + SEPTEMBER, encoding="utf-8")
    commit(prog.parent, "更正8月", "2023-12-05")
    data = json.loads(cli("units", "--as-of", "2023-11-30", "-f", "json", "-c", cat, "-p", prog).stdout)
    econ_t = next(t for t in data["timeliness"] if t["unit"] == "区经济发展局")
    assert econ_t["periods"][0]["submitted"] == "2023-09-20"


def test_a_sample_file_and_a_folder_outside_git_take_no_day(cli, mini_data):
    cat, prog = mini_data  # not a repository: September's report of 区农业服务中心 has no known day
    data = json.loads(cli("units", "--as-of", "2023-11-30", "-f", "json", "-c", cat, "-p", prog).stdout)
    farm = next(t for t in data["timeliness"] if t["unit"] == "区农业服务中心")
    assert [p["arrival"] for p in farm["periods"]] == ["missing", "unknown"]
    subprocess.run(["git", "init", "-q"], cwd=prog.parent, check=True, capture_output=True)
    commit(prog.parent, "全部", "2023-12-20")  # 区经济发展局's file says `sample: true`: its day is not read
    data = json.loads(cli("units", "--as-of", "2023-11-30", "-f", "json", "-c", cat, "-p", prog).stdout)
    got = {t["unit"]: [p["arrival"] for p in t["periods"]] for t in data["timeliness"]}
    assert got == {"区经济发展局": ["missing", "unknown"], "区农业服务中心": ["missing", "late"]}


def test_the_bulletin_and_the_ledger_say_the_late_day_came_from_git(cli, in_git, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    cat, prog = in_git
    md = cli("report", "--as-of", "2023-11-30", "-c", cat, "-p", prog).stdout
    timely = md.split("## 九、")[1].split("## 十、")[0]
    assert "其中 3 期的报送日期来自提交记录（git）" in timely  # econ's two reports and farm's September one
    econ = next(line for line in timely.splitlines() if line.startswith("| 区经济发展局"))
    assert econ.rstrip(" |").endswith("迟报（2023-11-02，据提交记录）")
    ranking = md.split("## 十、考核得分")[1]
    row = next(line for line in ranking.splitlines() if "区经济发展局" in line)
    assert [c.strip() for c in row.strip("|").split("|")][9] == "-2"  # the 迟报 column: September's report
    path = tmp_path / "台账.xlsx"
    assert cli("export", "--as-of", "2023-11-30", "-o", path, "-c", cat, "-p", prog).exit_code == 0
    rules = [c.value for c in openpyxl.load_workbook(path)["考核"]["E"]]
    assert rules.count("该期报送晚于截止日（报送日期来自提交记录）") == 1
