"""Tables in a terminal: one line per row at any width, whole headers, long cells clipped with …, and the columns
left out in a narrow window named under the table. The terminal path is forced with GDTRACK_FORCE_TERMINAL=1 and
its width set with COLUMNS, as rich reads it."""

from __future__ import annotations

import re

import pytest
from wcwidth import wcswidth

from gdtrack.views.grid import Column, Grid, clip_middle, dropped_line, fit, to_rich

from .conftest import CATALOGUE, PROGRESS

ANSI = re.compile(r"\x1b\[[0-9;]*m")
ROW = re.compile(r"^\d+\.\d+ ")  # a line of the status table starts with its indicator's id


def terminal(cli, *args, columns: int) -> list[str]:
    env = {"GDTRACK_FORCE_TERMINAL": "1", "COLUMNS": str(columns), "NO_COLOR": "1",
           "GDTRACK_CATALOGUE": str(CATALOGUE), "GDTRACK_PROGRESS": str(PROGRESS)}
    result = cli(*args, env=env)
    assert result.exit_code == 0, result.output
    return ANSI.sub("", result.output).splitlines()


def test_status_at_80_columns_is_one_line_per_indicator_and_names_what_it_left_out(cli):
    lines = terminal(cli, "status", "--as-of", "2023-09-30", columns=80)
    # the headline (title, date and pace, completion and 报送率, counts, the sample-data line), a blank line, the
    # table's header and its rule, the 119 indicators of the plan one line each, and the line naming the columns
    # left out
    assert len(lines) == 5 + 1 + 2 + 119 + 1 and lines[4] == "示例数据（虚构），非官方统计"
    assert sum(bool(ROW.match(line)) for line in lines) == 119
    assert all(wcswidth(line.rstrip()) <= 80 for line in lines[4:])
    header = lines[6].split()
    assert header == ["编号", "指标", "责任单位", "目标", "完成度", "状态"]  # whole words, none broken
    assert set(lines[7].strip()) == {"─"}
    # left out, lowest priority first: 序时进度 (in the headline), 差距, 实际; named in the table's order
    assert lines[-1].startswith("窗口较窄，未显示：实际、序时进度、差距")
    row = next(line for line in lines if line.startswith("2.2 "))
    assert "新培育省级以上单项…" in row  # 新培育省级以上单项冠军… clipped to its 20 columns
    assert row.split()[-1] == "序时推进"


def test_status_at_120_columns_shows_every_figure_and_names_the_one_column_left_out(cli):
    lines = terminal(cli, "status", "--as-of", "2023-09-30", columns=120)
    # the headline (5 lines) and a blank, the header and its rule, 119 rows, and the note: only 年底预计 is left out
    assert len(lines) == 5 + 1 + 2 + 119 + 1
    assert lines[6].split() == ["编号", "指标", "责任单位", "目标", "实际", "完成度", "序时进度", "差距（百分点）",
                                "状态"]
    assert all(wcswidth(line.rstrip()) <= 120 for line in lines)
    assert lines[-1].startswith("窗口较窄，未显示：年底预计")
    wide = terminal(cli, "status", "--as-of", "2023-09-30", columns=160)
    assert len(wide) == 5 + 1 + 2 + 119 and "年底预计" in wide[6] and not any("未显示" in line for line in wide)


def test_the_note_is_in_the_chosen_language(cli):
    lines = terminal(cli, "status", "--as-of", "2023-09-30", "--lang", "en", columns=80)
    assert sum(bool(ROW.match(line)) for line in lines) == 119
    assert lines[-1].startswith("Window too narrow; not shown: ")
    assert "gap" in lines[-1] and "expected" in lines[-1]


def test_every_view_stays_one_line_per_row_at_80_columns(cli):
    for args, rows in ((("lagging", "--as-of", "2023-09-30"), None), (("units", "--as-of", "2023-09-30"), 21),
                       (("status", "--as-of", "2023-09-30", "--by", "task"), None), (("tasks",), 68),
                       (("show", "44"), 5), (("history", "7.1"), None)):
        lines = terminal(cli, *args, columns=80)
        rule = next(i for i, line in enumerate(lines) if set(line.strip()) == {"─"})
        table = [line for line in lines[rule - 1:] if line.strip()]
        assert all(wcswidth(line.rstrip()) <= 80 for line in table), args  # the header, the rule, every row
        if rows is not None:
            assert len([line for line in table[2:] if not line.startswith("窗口较窄")]) == rows, args


def grid(*widths: int, priorities: tuple[int, ...] = ()) -> Grid:
    """Columns named a, b, c… of the given natural widths (ASCII cells), text columns where the width is over 12."""
    cols = [Column(chr(97 + i), max_width=w if w > 12 else None, priority=(priorities or (5,) * len(widths))[i])
            for i, w in enumerate(widths)]
    g = Grid(cols)
    g.add(*("x" * w for w in widths))
    return g


def test_fit_keeps_natural_widths_when_they_fit():
    layout = fit(grid(4, 20, 8), 4 + 20 + 8 + 2 * 2)
    assert layout.widths == (4, 20, 8) and layout.dropped == ()


def test_fit_clips_text_columns_to_their_floor_before_leaving_any_out():
    # 4 + 20 + 8 and two gaps of 2 make 36; in 30 columns the text column gives up 6 and keeps 14
    layout = fit(grid(4, 20, 8), 30)
    assert layout.shown == (0, 1, 2) and layout.widths == (4, 14, 8)
    # in 25 it would need 9 < 12: the lowest priority goes, and the text column has its room back
    layout = fit(grid(4, 20, 8, priorities=(9, 9, 1)), 25)
    assert layout.shown == (0, 1) and layout.widths == (4, 19) and layout.dropped == ("c",)


def test_fit_leaves_out_the_lowest_priority_first_and_of_equals_the_rightmost():
    layout = fit(grid(10, 10, 10, 10, priorities=(9, 3, 3, 9)), 34)  # 4 × 10 + 3 × 2 = 46; one must go
    assert layout.dropped == ("c",)
    layout = fit(grid(10, 10, 10, 10, priorities=(9, 3, 3, 9)), 22)
    assert layout.dropped == ("b", "c")


def test_headers_are_never_cut():
    g = Grid([Column("序时进度", "right"), Column("牵头单位（全称）", max_width=40)])
    g.add("74.8%", "市商贸物流园区管理服务中心商务服务部")
    layout = fit(g, 8 + 2 + 16)
    assert layout.widths == (8, 16)  # the units' column clipped to its header's width, no narrower
    assert str(to_rich(g, layout).columns[1].header) == "牵头单位（全称）"
    assert fit(g, 8 + 2 + 15).dropped == ("牵头单位（全称）",)


def test_unit_names_are_clipped_in_the_middle_and_stay_apart():
    names = ["市商贸物流园区管理服务中心商务服务部", "市商贸物流园区管理服务中心规划发展部",
             "市商贸物流园区管理服务中心物流服务部"]
    clipped = [clip_middle(n, 20) for n in names]
    assert clipped[0] == "市商贸物…商务服务部"  # 8 + 1 + 10 columns
    assert len(set(clipped)) == 3
    assert all(wcswidth(c) <= 20 for c in clipped)
    assert clip_middle("区经济发展局", 20) == "区经济发展局"


def test_a_line_break_in_a_note_does_not_break_the_row(cli, mini_data):
    cat, prog = mini_data
    path = prog / "区经济发展局.yaml"
    text = path.read_text(encoding="utf-8").replace("note: 受选址影响，进度偏慢", 'note: "受选址影响，\\n进度偏慢"')
    path.write_text(text, encoding="utf-8")
    env = {"GDTRACK_FORCE_TERMINAL": "1", "COLUMNS": "200", "NO_COLOR": "1"}
    out = ANSI.sub("", cli("lagging", "--as-of", "2023-09-30", "-c", cat, "-p", prog, env=env).output)
    row = next(line for line in out.splitlines() if line.startswith("1.1 "))
    assert "受选址影响， 进度偏慢" in row
    piped = cli("lagging", "--as-of", "2023-09-30", "-c", cat, "-p", prog).output
    assert "受选址影响， 进度偏慢" in next(line for line in piped.splitlines() if line.startswith("1.1 "))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_dropped_line_fits_its_window(lang):
    g = Grid([Column("id", priority=9), *(Column(f"column {i} " * 5, priority=1) for i in range(9))], lang=lang)
    g.add("1.1", *("x" for _ in range(9)))
    layout = fit(g, 40)
    assert layout.shown == (0,)
    line = dropped_line(layout, lang, 40)
    assert line is not None and wcswidth(line) <= 40 and line.endswith("…")
