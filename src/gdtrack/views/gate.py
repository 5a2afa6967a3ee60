"""What `check` prints after its diagnostics: units not reported, drafted goals to review, and the footer."""

from __future__ import annotations

from pathlib import Path

from gdtrack.views.problems import summary_line
from gdtrack.words import Lang, word


def gate_footer(gate, catalogue: Path, lang: Lang) -> list[str]:
    """The lines under the diagnostics: who has not reported, how many goals await review, ✓ or ✗ with counts."""
    ws, diags = gate.workspace, gate.diagnostics
    cat = ws.catalogue
    what = (word("cli.check_what", lang, tasks=len(cat.tasks), indicators=len(cat.indicators()),
                 files=len(ws.read)) if cat else word("cli.check_no_catalogue", lang))
    if cat and ws.nodes is not None:
        what += word("cli.check_nodes", lang, path=ws.nodes_path, n=len(ws.nodes.goals))
    if cat and ws.decisions is not None:
        d = ws.decisions
        what += word("check.decisions", lang, path=ws.decisions_path, r=len(d.reviews), e=len(d.extensions),
                     c=len(d.closures))
    out = []
    if ws.not_reported:
        out.append(word("cli.check_not_reported", lang, n=len(ws.not_reported),
                        units=word("list.sep", "zh").join(ws.not_reported)))
    if reviews := sum(d.code == "review" for d in diags):
        out.append(word("cli.check_reviews", lang, n=reviews))
    out.append(word("cli.check_footer", lang, mark="✗" if gate.failed else "✓", path=catalogue, what=what,
                    summary=summary_line(diags, lang)))
    return out
