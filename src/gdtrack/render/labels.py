"""Words shown to people, in Chinese (default) and English."""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]

STATUS: dict[str, dict[str, str]] = {
    "zh": {"done": "完成", "on_track": "序时推进", "behind": "略滞后", "lagging": "滞后",
           "no_report": "未报送", "no_baseline": "缺基数"},
    "en": {"done": "done", "on_track": "on track", "behind": "behind", "lagging": "lagging",
           "no_report": "no report", "no_baseline": "no baseline"},
}

STATUS_STYLE = {
    "done": "bold green", "on_track": "green", "behind": "yellow", "lagging": "bold red",
    "no_report": "magenta", "no_baseline": "dim",
}

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "id": "编号", "indicator": "指标", "owner": "责任单位", "goal": "目标", "actual": "实际",
        "completion": "完成度", "expected": "序时进度", "gap": "差距", "status": "状态", "task": "任务",
        "title": "标题", "chapter": "章", "unit": "单位", "indicators": "指标数", "reported": "已报送",
        "rate": "报送率", "needed": "尚需", "per_month": "每月需", "note": "最新说明", "latest": "最近报送",
        "as_of": "截至", "overall": "总体完成度", "left_out": "未纳入的文件",
    },
    "en": {
        "id": "id", "indicator": "indicator", "owner": "owner", "goal": "goal", "actual": "actual",
        "completion": "completion", "expected": "expected", "gap": "gap", "status": "status", "task": "task",
        "title": "title", "chapter": "chapter", "unit": "unit", "indicators": "indicators",
        "reported": "reported", "rate": "reporting rate", "needed": "still needed", "per_month": "per month",
        "note": "last note", "latest": "last report", "as_of": "as of", "overall": "overall completion",
        "left_out": "files left out",
    },
}

MILESTONE_STATE: dict[str, dict[str, str]] = {
    "zh": {"done": "已完成", "in_progress": "推进中", "not_started": "未启动", "blocked": "受阻"},
    "en": {"done": "done", "in_progress": "in progress", "not_started": "not started", "blocked": "blocked"},
}


CHANGES: dict[str, dict[str, str]] = {
    "zh": {"newly_done": "新完成", "newly_lagging": "新增滞后", "improved": "好转", "worsened": "退步",
           "newly_reported": "新报送", "still_missing": "仍未报送"},
    "en": {"newly_done": "Newly done", "newly_lagging": "Newly lagging", "improved": "Improved",
           "worsened": "Worsened", "newly_reported": "Newly reported", "still_missing": "Still not reported"},
}
"""The bulletin's lists of what changed since the previous report date."""


def status_label(status: str | None, lang: Lang) -> str:
    return STATUS[lang].get(status or "", "—")


def word(key: str, lang: Lang) -> str:
    return WORDS[lang][key]
