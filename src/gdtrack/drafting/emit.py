"""The draft as catalogue YAML, in the shipped catalogue's layout, with comments for the reviewer.

Every string from the source is written double-quoted and escaped, so any text loads back exactly (line breaks
inside a task's text included); comments carry what the model has no field for (co-units, leaders, deadlines,
the numbers left out) and have their line breaks and control characters removed.
"""

from __future__ import annotations

import json
import re

from gdtrack.checks.numerals import number_tokens
from gdtrack.checks.targets import spans_of
from gdtrack.drafting import Draft, DraftTask
from gdtrack.drafting.goals import WORDS as GOAL_WORDS
from gdtrack.drafting.goals import Goal
from gdtrack.words import words_of

WORDS = words_of("draft.emit")  # this module's words, kept in gdtrack/words with every other

_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def q(text: str) -> str:
    """A YAML double-quoted scalar that loads back as exactly `text`."""
    out = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", out)


def comment(text: str) -> str:
    """Text safe inside a `# …` comment: one line, no control characters."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", text).strip()


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def catalogue_yaml(d: Draft, source_name: str) -> str:
    w = WORDS[d.lang]
    out = [w["head"].format(src=comment(source_name))]
    p = d.plan
    out.append("plan:")
    out.append(f"  title: {q(p.title)}" if p.title else f'  title: "{w["to_fill"]}"  # {w["missing"]}')
    out.append(f"  document_number: {q(p.document_number)}" if p.document_number
               else f'  document_number: "{w["to_fill"]}"  # {w["missing"]}')
    out.append(f"  issuer: {q(p.issuer)}" if p.issuer else f'  issuer: "{w["to_fill"]}"  # {w["missing"]}')
    out.append(f"  issued: {p.issued.isoformat()}" if p.issued
               else f"  issued: {p.period_start.isoformat()}  # {w['issued_missing']}")
    out.append(f"  period_start: {p.period_start.isoformat()}")
    out.append(f"  period_end: {p.period_end.isoformat()}")
    out.append("  policy:")
    out.append(f"    tolerance: 0.10  # {w['tolerance']}")
    out.append("")
    out.append(f"units:  # {w['units']}" if d.units else f"units: []  # {w['units']}")
    for u in d.units:
        out.append(f"  - name: {q(u)}")
        if d.aliases.get(u):
            out.append("    aliases: [" + ", ".join(q(a) for a in d.aliases[u]) + f"]  # {w['aliases']}")
    if d.co_units:
        out.append(f"  # {w['co_units']}")
        out += [f"  #   {comment(u)}" for u in d.co_units]
    out.append("")
    out.append("chapters:")
    for c in d.chapters:
        title = c.title or w["to_fill"]
        note = f"  # {w['chapter_missing']}" if not c.title else ""
        out.append(f"  - number: {c.number}")
        out.append(f"    title: {q(title)}{note}")
    out.append("")
    out.append("tasks:")
    chapter = None
    for t in d.tasks:
        if t.raw.chapter != chapter:
            chapter = t.raw.chapter
            title = next((c.title for c in d.chapters if c.number == chapter), "")
            out.append(f"  # ── {chapter}. {comment(title)}")
        out += _task(t, w, d.lang)
    return "\n".join(out) + "\n"


def other_numbers(t: DraftTask, why: dict, unsure: str) -> list[tuple[str, str]]:
    """The numbers of the task's text that are not goals: those the drafter left out, with its reason, then any
    other number no goal quotes, to be reviewed."""
    text = t.text
    out = [(s.text, why[s.why]) for s in t.skipped if s.text in text]
    covered = [span for words in [g.quote for g in t.goals] + [w for w, _ in out] for span in spans_of(text, words)]
    for tok in number_tokens(text, 0, len(text)):
        if not any(a <= tok.start and tok.end <= b for a, b in covered):
            out.append((text[tok.start:tok.end], unsure))
            covered.append((tok.start, tok.end))
    return list(dict.fromkeys(out))


def _task(t: DraftTask, w: dict, lang: str) -> list[str]:
    out = [f"  - id: {t.id}"]
    if t.raw.number != t.id:
        out[-1] += f"  # {w['numbered']} {t.raw.number}"
    out.append(f"    chapter: {t.raw.chapter}")
    out.append(f"    title: {q(t.title)}")
    lines = t.text.count("\n") + 1
    out.append(f"    text: {q(t.text)}" + (f"  # {w['wrapped'].format(n=lines)}" if lines > 1 else ""))
    att = t.attribution
    if att.lead:
        out.append("    lead_units: [" + ", ".join(q(u) for u in att.lead) + "]")
    if t.raw.topic:
        out.append(f"    # {w['topic']}: {comment(t.raw.topic)}")
    if att.co:
        out.append(f"    # {w['co']}: {comment('、'.join(att.co))}")
    if att.leaders:
        out.append(f"    # {w['leaders']}: {comment('、'.join(att.leaders))}")
    if att.deadline:
        out.append(f"    # {w['deadline']}: {comment(att.deadline)}")
    others = other_numbers(t, GOAL_WORDS[lang], w["unsure"])
    if others:  # every number of the text is a goal's or listed here, with why (check --source holds it so)
        out.append(f"    other_numbers:  # {w['left_out']}")
        out += [f"      - {{text: {q(text)}, why: {q(why)}}}" for text, why in others]
    if not att.lead:
        if t.left_out:
            out.append(f"    # {w['no_lead_goals']}: " + comment("; ".join(g.quote for g in t.left_out)))
        else:
            out.append(f"    # {w['no_lead']}")
        return out
    out.append("    indicators:")
    for n, g in enumerate(t.goals, 1):
        out += _indicator(f"{t.id}.{n}", g, GOAL_WORDS[lang]["sep"])
    return out


def _indicator(ind_id: str, g: Goal, sep: str) -> list[str]:
    out = [f"      - id: {q(ind_id)}",
           f"        name: {q(g.name)}",
           f"        quote: {q(g.quote)}",
           f"        comparator: {q(g.comparator)}"]
    if g.target is not None:
        out.append(f"        target: {number(g.target)}")
    if g.unit:
        out.append(f"        unit: {q(g.unit)}")
    if g.measure and g.comparator in (">=", "<=", "=="):
        out.append(f"        measure: {g.measure}")
    if g.owner:
        out.append(f"        owner: {q(g.owner)}")
    if g.stretch:
        out.append("        stretch: true")
    if g.due is not None:
        out.append(f"        due: {g.due.isoformat()}")
    out.append("        review: true")
    out.append(f"        note: {q(sep.join(g.notes))}")
    return out
