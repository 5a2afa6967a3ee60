"""Issue 27: `draft` reads plans of more than 999 tasks (task numbers of four digits), in order, each task once."""

from __future__ import annotations


def test_a_plan_of_1400_tasks_is_drafted_whole():
    from bench.draft_speed import invented
    from gdtrack.drafting import draft

    d = draft(invented(1400))
    assert [t.id for t in d.tasks] == list(range(1, 1401))
    last = d.tasks[-1]
    assert "推进第1400项工作" in last.text and len(d.chapters) == 14
