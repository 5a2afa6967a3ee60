"""What the drafter found, for the person who reviews it: the per-task report, the summary, and the draft's own check.

`report_lines` lists each task's units, goals and left-out numbers; `summary` is the one line printed at the end;
`verify` loads the YAML text as `gdtrack check --source` would and returns its diagnostics.
"""

from __future__ import annotations

import re

from gdtrack.diagnostics import Diagnostic
from gdtrack.drafting import Draft
from gdtrack.drafting.goals import WORDS as GOAL_WORDS
from gdtrack.words import words_of

WORDS = words_of("draft.review")  # this module's words, kept in gdtrack/words with every other


def _plain(text: str) -> str:
    """Text from the source, safe to print: one line, no control characters."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", "", text)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def report_lines(d: Draft) -> list[str]:
    w = WORDS[d.lang]
    why = GOAL_WORDS[d.lang]
    out: list[str] = []
    for t in d.tasks:
        att = t.attribution
        out.append(w["task"].format(id=t.id, ch=t.raw.chapter, line=t.raw.line, title=_plain(t.title)))
        out.append(w["lead"].format(v=_plain("、".join(att.lead))) if att.lead else w["none"])
        for key, values in (("co", att.co), ("leaders", att.leaders)):
            if values:
                out.append(w[key].format(v=_plain("、".join(values))))
        if att.deadline:
            out.append(w["deadline"].format(v=_plain(att.deadline)))
        for n, g in enumerate(t.goals, 1):
            flags = (w["stretch"] if g.stretch else "") + (w["due"].format(d=g.due.isoformat()) if g.due else "") + (
                w["owner"].format(u=_plain(g.owner)) if g.owner else "")
            target = "" if g.target is None else _num(g.target)
            unit = f" {g.unit}" if g.unit and target else ""
            out.append(w["goal"].format(id=f"{t.id}.{n}", cmp=g.comparator, target=target, unit=unit,
                                        quote=_plain(g.quote), flags=flags))
            out.append(w["read"].format(note=_plain(why["sep"].join(g.notes))))
        if t.skipped:
            shown = why["sep"].join(f"{s.text}（{why[s.why]}）" if d.lang == "zh" else f"{s.text} ({why[s.why]})"
                             for s in t.skipped)
            out.append(w["left"].format(v=_plain(shown)))
        out.append("")
    return out


def summary(d: Draft) -> str:
    goals = [g for t in d.tasks for g in t.goals]
    ms = sum(g.comparator == "milestone" for g in goals)
    return WORDS[d.lang]["summary"].format(tasks=len(d.tasks), chapters=len(d.chapters), units=len(d.units),
                                           inds=len(goals), numeric=len(goals) - ms, ms=ms, review=d.to_review)


def missing(d: Draft) -> list[str]:
    """One line per plan field the text did not give."""
    w = WORDS[d.lang]
    p = d.plan
    return [w["missing"].format(what=w[key]) for key in ("title", "document_number", "issuer", "issued")
            if getattr(p, key) is None]


def verify(yaml_text: str, shown: str, source: str, source_name: str) -> tuple[bool, list[Diagnostic]]:
    """Load the draft as `gdtrack check --source` would: (valid against the models, its diagnostics)."""
    from gdtrack.checks.rules import check_catalogue, check_source
    from gdtrack.diagnostics import LoadError
    from gdtrack.files.loading import validate
    from gdtrack.files.parsing import locate, parse_yaml
    from gdtrack.models import Catalogue

    try:
        data = parse_yaml(yaml_text, shown)
    except LoadError as exc:
        return False, [exc.diagnostic]
    cat, diags = validate(data, Catalogue, shown)
    if cat is None:
        return False, locate(diags, {shown: yaml_text})
    diags = check_catalogue(cat, shown) + check_source(cat, shown, source, source_name)
    return True, locate(diags, {shown: yaml_text})
