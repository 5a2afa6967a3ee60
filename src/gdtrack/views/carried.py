"""The earlier plans' goals still open in this plan's period (gdtrack.repository.earlier.open_goals), as `status`
shows them: a block of its own after the plan's table, and a `carried` list in its JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gdtrack.repository.earlier import Carried
from gdtrack.views.output import emit_grid, emit_lines
from gdtrack.views.status import indicators_grid, status_json
from gdtrack.words import Lang, word


def emit_carried(blocks: Sequence[Carried], fmt: str, lang: Lang) -> None:
    """Each earlier plan's open goals under a title of their own (table and Markdown; a CSV holds one table)."""
    for block in blocks:
        title = word("status.carried", lang, plan=block.plan, n=len(block.results))
        emit_lines(["", f"**{title}**" if fmt == "markdown" else title, ""])
        emit_grid(indicators_grid(block.results, lang), fmt)


def carried_json(blocks: Sequence[Carried]) -> list[dict[str, Any]]:
    return [{"plan": b.plan, "indicators": status_json(b.evaluation, b.results)["indicators"]} for b in blocks]
