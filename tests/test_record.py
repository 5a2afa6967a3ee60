"""`gdtrack record`: adds only the new lines, refuses what it must, never leaves a half-written file."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
from pathlib import Path

import pytest

from gdtrack.files import writing

COMMENTED = """\
# 示例数据（虚构）
# 区经济发展局 进度台账 — 手工维护

unit: 区经济发展局   # 单位全称
reports:
  # 第二季度
  - as_of: 2023-06-30
    entries:
      - indicator: "1.1"   # 5G基站
        value: 15
        note: '已建成15个'

  - as_of: 2023-09-30
    entries:
      - indicator: "1.1"
        value: 21
        note: "受选址影响"
        evidence: 经发局9月台账
"""


@pytest.fixture
def ledger(mini_data):
    cat, prog = mini_data
    path = prog / "区经济发展局.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    return cat, prog, path


def record(cli, cat, prog, *args):
    return cli("record", *args, "-c", cat, "-p", prog)


def only_insertions(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`; fails if any old line changed or went away."""
    added = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old.splitlines(), new.splitlines()).get_opcodes():
        assert op in ("equal", "insert"), (op, old.splitlines()[i1:i2], new.splitlines()[j1:j2])
        if op == "insert":
            added += new.splitlines()[j1:j2]
    return added


def test_new_report_date_adds_only_its_lines(cli, ledger):
    cat, prog, path = ledger
    result = record(cli, cat, prog, "区经济发展局", "1.1", "25", "--as-of", "2023-10-31", "--note", "新增4个",
                    "--evidence", "经发局10月台账")
    assert result.exit_code == 0, result.output
    assert "已录入 1.1 = 25，2023-10-31" in result.output
    added = only_insertions(COMMENTED, path.read_text(encoding="utf-8"))
    # the day its first figure came in is stamped (及时率): today, as the run sees it
    assert [a.strip() for a in added] == ["- as_of: 2023-10-31", f"submitted: {dt.date.today()}", "entries:",
                                          '- indicator: "1.1"', "value: 25", "note: 新增4个",
                                          "evidence: 经发局10月台账"]
    assert added[0] == "  - as_of: 2023-10-31" and added[3] == '      - indicator: "1.1"'  # the file's indentation
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0


def test_earlier_date_goes_in_date_order(cli, ledger):
    cat, prog, path = ledger
    assert record(cli, cat, prog, "区经济发展局", "1.1", "18", "--as-of", "2023-08-31",
                  "--evidence", "台账").exit_code == 0
    text = path.read_text(encoding="utf-8")
    only_insertions(COMMENTED, text)
    assert text.index("2023-06-30") < text.index("2023-08-31") < text.index("2023-09-30")


def test_refuses_an_existing_value_without_force(cli, ledger):
    cat, prog, path = ledger
    result = record(cli, cat, prog, "区经济发展局", "1.1", "22", "--as-of", "2023-09-30")
    assert result.exit_code == 1
    assert "1.1 在 2023-09-30 已有数值 21，未改为 22" in result.output and "--force" in result.output
    assert "already has" not in result.output
    english = record(cli, cat, prog, "区经济发展局", "1.1", "22", "--as-of", "2023-09-30", "--lang", "en")
    assert english.exit_code == 1
    assert "already has 21 on 2023-09-30" in english.output and "--force" in english.output
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_force_changes_one_line_and_prints_old_and_new(cli, ledger):
    cat, prog, path = ledger
    result = record(cli, cat, prog, "区经济发展局", "1.1", "22", "--as-of", "2023-09-30", "--force",
                    "--reason", "统计口径调整")
    assert result.exit_code == 0, result.output
    assert "21 → 22" in result.output
    diff = [line for line in difflib.unified_diff(COMMENTED.splitlines(), path.read_text(encoding="utf-8")
                                                  .splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    # the correction says why, and September's note (which explained 21) does not stay beside 22 (issue 23)
    assert diff == ["-        value: 21", '-        note: "受选址影响"', "+        value: 22",
                    "+        revised:", "+          reason: 统计口径调整"]


def test_same_value_again_changes_nothing(cli, ledger):
    cat, prog, path = ledger
    result = record(cli, cat, prog, "区经济发展局", "1.1", "21", "--as-of", "2023-09-30")
    assert result.exit_code == 0 and "无需改动" in result.output
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_refuses_another_units_indicator(cli, ledger):
    cat, prog, path = ledger
    result = record(cli, cat, prog, "区经济发展局", "2.1", "0", "--as-of", "2023-10-31")
    assert result.exit_code == 1
    assert "指标 2.1 由 区农业服务中心 负责" in result.output
    assert path.read_text(encoding="utf-8") == COMMENTED


@pytest.mark.parametrize(("value", "zh", "en"), [
    ("12家", "如 value: 12", "e.g. value: 12"), ("１２", "全角数字：请用半角数字", "全角数字: write ASCII digits"),
    ("1,110", "value: 1110", "value: 1110"), ("done", "须填数字", "needs a number"), ("-3", "为负数", "is negative")])
def test_refuses_bad_values(cli, ledger, value, zh, en):
    cat, prog, path = ledger
    # options first and `--` before the value, as a negative number needs on any command line
    for lang, words in (([], zh), (["--lang", "en"], en)):
        result = cli("record", "-c", cat, "-p", prog, "--as-of", "2023-10-31", *lang, "区经济发展局", "1.1", "--",
                     value)
        assert result.exit_code == 1, result.output
        assert words in result.output
        assert path.read_text(encoding="utf-8") == COMMENTED


def test_refuses_dates_outside_the_plan(cli, ledger):
    cat, prog, path = ledger
    result = record(cli, cat, prog, "区经济发展局", "1.1", "25", "--as-of", "2025-01-31")
    assert result.exit_code == 1 and "outside" in result.output
    assert record(cli, cat, prog, "区经济发展局", "1.1", "25", "--as-of", "2023/10/31").exit_code == 2
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_refuses_to_edit_a_file_that_has_errors(cli, ledger):
    cat, prog, path = ledger
    broken = COMMENTED.replace("value: 15", "vaule: 15")
    path.write_text(broken, encoding="utf-8")
    result = record(cli, cat, prog, "区经济发展局", "1.1", "25", "--as-of", "2023-10-31", "--lang", "en")
    assert result.exit_code == 1
    assert f"{path}:10:9: error: unknown key `vaule`" in result.output
    assert path.read_text(encoding="utf-8") == broken


def test_keeps_bom_and_crlf(cli, ledger):
    cat, prog, path = ledger
    original = b"\xef\xbb\xbf" + COMMENTED.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    assert record(cli, cat, prog, "区经济发展局", "1.1", "25", "--as-of", "2023-10-31",
                  "--evidence", "台账").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(original)
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_creates_the_units_file_when_missing(cli, mini_data):
    cat, prog = mini_data
    path = prog / "区农业服务中心.yaml"
    path.unlink()
    result = record(cli, cat, prog, "区农业服务中心", "2.1", "1", "--as-of", "2023-10-31", "--evidence", "台账")
    assert result.exit_code == 0, result.output
    assert "新文件" in result.output
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0
    assert '"2.1"' in path.read_text(encoding="utf-8")


def test_an_interrupted_write_leaves_the_old_file(cli, ledger, monkeypatch):
    cat, prog, path = ledger

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing.os, "replace", crash)
    result = record(cli, cat, prog, "区经济发展局", "1.1", "25", "--as-of", "2023-10-31")
    assert result.exit_code == 1
    assert "；文件未改动" in result.output and "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == COMMENTED
    left = sorted(p.name for p in Path(prog).iterdir() if not p.name.endswith(".lock"))  # the lock file stays
    assert left == ["区农业服务中心.yaml", "区经济发展局.yaml"]  # no temp left


def test_atomic_write_replaces_in_one_step(tmp_path):
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    writing.atomic_write(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_written_files_get_the_usual_modes(cli, mini_data, tmp_path):
    """A new file (a unit's first progress file, an exported ledger) is readable like any other new file, not
    private to its writer; a file that is rewritten keeps the mode it had."""
    cat, prog = mini_data
    old_umask = os.umask(0o022)
    try:
        new = prog / "区农业服务中心.yaml"
        new.unlink()
        assert record(cli, cat, prog, "区农业服务中心", "2.1", "1", "--as-of", "2023-10-31").exit_code == 0
        assert new.stat().st_mode & 0o777 == 0o644
        ledger_file = tmp_path / "台账.csv"
        assert cli("export", "-c", cat, "-p", prog, "--as-of", "2023-10-31", "--output", ledger_file).exit_code == 0
        assert ledger_file.stat().st_mode & 0o777 == 0o644
        new.chmod(0o664)
        assert record(cli, cat, prog, "区农业服务中心", "2.1", "2", "--as-of", "2023-11-30").exit_code == 0
        assert new.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old_umask)


def test_record_warns_when_a_cumulative_total_falls_and_still_records_it(cli, mini_data):
    cat, prog = mini_data
    # 1.1 (cumulative) was 21 on 2023-09-30; 18 on 2023-10-31 is lower: said at once, recorded all the same
    result = cli("record", "区经济发展局", "1.1", "18", "--as-of", "2023-10-31", "--lang", "en", "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output
    assert "recorded 1.1 = 18" in result.stdout
    assert "1.1 is cumulative, yet 18 on 2023-10-31 is lower than 21 on 2023-09-30" in result.stderr
    rising = cli("record", "区经济发展局", "1.1", "25", "--as-of", "2023-11-30", "-c", cat, "-p", prog)
    assert rising.exit_code == 0 and "累计数" not in rising.stderr


def test_chinese_milestone_words_in_a_progress_file(cli, mini, tmp_path):
    cat = mini(insert={27: '      - id: "1.2"\n        name: 数字经济方案\n        quote: 大力发展数字经济\n'
                           "        comparator: milestone"})
    folder = tmp_path / "progress"
    folder.mkdir()
    (folder / "区经济发展局.yaml").write_text(
        "unit: 区经济发展局\nreports:\n  - as_of: 2023-06-30\n    entries:\n"
        '      - indicator: "1.2"\n        value: 推进中\n        evidence: 台账\n'
        "  - as_of: 2023-09-30\n    entries:\n"
        '      - indicator: "1.2"\n        value: 已完成\n        evidence: 台账\n', encoding="utf-8")
    assert cli("check", "-c", cat, "-p", folder).exit_code == 0
    june = json.loads(cli("status", "--as-of", "2023-06-30", "-f", "json", "-c", cat, "-p", folder).stdout)
    sept = json.loads(cli("status", "--as-of", "2023-09-30", "-f", "json", "-c", cat, "-p", folder).stdout)
    assert {r["id"]: r["status"] for r in june["indicators"]}["1.2"] == "on_track"  # 推进中 = in progress
    assert {r["id"]: r["status"] for r in sept["indicators"]}["1.2"] == "done"  # 已完成 = done
