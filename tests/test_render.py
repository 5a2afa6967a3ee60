"""Terminal output: colour only in a terminal, never with NO_COLOR; CJK cells line up."""

from __future__ import annotations

from gdtrack.views import output
from gdtrack.views.grid import Column, Grid, to_plain
from gdtrack.views.status import STATUS_STYLE


def grid() -> Grid:
    g = Grid([Column("单位"), Column("状态", style=lambda v: STATUS_STYLE["lagging"] if v == "滞后" else None)])
    g.add("区经济发展局", "滞后")
    g.add("区应急管理中心", "完成")
    return g


def test_colour_in_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    output.emit_grid(grid())
    assert "\x1b[1;31m滞后" in capsys.readouterr().out


def test_no_colour_with_no_color(monkeypatch, capsys):
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    output.emit_grid(grid())
    out = capsys.readouterr().out
    assert "滞后" in out and "\x1b[31m" not in out and "\x1b[1;31m" not in out


def test_plain_text_aligns_by_display_width():
    from wcwidth import wcswidth

    lines = to_plain(grid()).splitlines()
    # the second column starts at the same display column on every line
    starts = {wcswidth(line[: line.index(word)]) for line, word in zip(lines[2:], ("滞后", "完成"), strict=True)}
    assert len(starts) == 1


def test_plain_clips_long_cells_by_display_width():
    from wcwidth import wcswidth

    from gdtrack.views.grid import clip

    assert clip("新培育省级以上单项冠军、专精特新、瞪羚企业", 20) == "新培育省级以上单项…"
    assert wcswidth(clip("新培育省级以上单项冠军、专精特新、瞪羚企业", 20)) == 19
    assert clip("新建5G基站", 20) == "新建5G基站"


def test_a_goal_in_a_gongwen_reads_as_plans_write_it():
    """Issue 21: a 督办单 wrote "≥ 13 亿元"; plans write 13亿元以上, 力争…以上, 控制在…以内, 清零."""
    from gdtrack.models import Indicator
    from gdtrack.views.numbers import goal_prose

    def goal(**kw):
        return goal_prose(Indicator(id="1.1", name="x", quote="x", **kw))

    assert goal(comparator=">=", target=13, unit="亿元", measure="cumulative") == "13亿元以上"
    assert goal(comparator=">=", target=22, unit="家", measure="cumulative", stretch=True) == "力争22家以上"
    assert goal(comparator="<=", target=5, unit="处", measure="level") == "控制在5处以内"
    assert goal(comparator="<=", target=0, unit="户", measure="level") == "清零"
    assert goal(comparator="delta_pp", target=2, unit="%") == "提高2个百分点"
    assert goal(comparator="milestone") == "按期完成"
