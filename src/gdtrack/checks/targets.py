"""Every target true to its sentence, pure: a goal's `target`, `comparator` and `stretch` are what its `quote` says.

- **target** (`target-mismatch`): the quote holds the target as a number (numerals.py reads it as the drafter
  does): 30个 → 30; 1/3 → 33.3 (%); 两成 → 20 (%); a count "超过40家" or "20余家" may also be 41 and 21; 每月 → 12 a
  year, 每季度 → 4; 0 for 清零, 消除, 杜绝, 零发生.
- **comparator** (`comparator-mismatch`): the quote's words do not say the opposite: a `>=` goal is not 以下, 以内,
  不超过, 控制在 …; a `<=` goal is not 以上, 不低于, 不少于, 超过, 突破; a goal in 个百分点 is `delta_pp`, and a
  `delta_pp` goal is in 个百分点.
- **stretch** (`stretch-mismatch`): `stretch: true` exactly where 力争 stands in the quote's sentence before it.
- **every number accounted for** (`check --source`, `number-unaccounted`): each number of a task's text (as
  numerals.py reads them: Arabic digits, Chinese numerals with a unit, fractions, ranges, ordinals) stands in a
  goal's quote or in one of the task's `other_numbers`, each of which is words of the text with a reason
  (`other-number-not-in-text` where it is not).

Each finding names the goal, its task and its sentence, and says what to fix.
"""

from __future__ import annotations

import math
import re

from gdtrack.checks.numerals import INTEGER_UNITS, number_tokens
from gdtrack.diagnostics import Diagnostic, said
from gdtrack.models import Catalogue, Indicator, Task

EPSILON = 1e-6
ZERO_RE = re.compile(r"清零|消除|杜绝|零发生|零事故|零容忍")
SIZE_CLASS_RE = re.compile(r"[亿万]元(?:及)?以上的?[\u4e00-\u9fa5]{0,4}?(?:项目|企业)")
PER_YEAR = {"每月": 12, "每季度": 4, "每季": 4, "每半年": 2}
GE_WORDS = ("以上", "不低于", "不少于", "超过", "突破", "高于", "大于", "至少")
LE_WORDS = ("以下", "以内", "不超过", "不高于", "控制在", "低于", "少于", "压减到", "压减至", "降至", "降到")
DOWN_WORDS = ("下降", "降低", "减少", "压减")
SENTENCE_END = "。；;！？\n"


def check_targets(cat: Catalogue, path: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for ti, task in enumerate(cat.tasks):
        for ii, ind in enumerate(task.indicators):
            loc = ("tasks", ti, "indicators", ii)
            out += _target(path, task, ind, loc) + _comparator(path, task, ind, loc) + _stretch(path, task, ind, loc)
    return out


def stated(quote: str) -> list[float]:
    """The values a quote can mean as a target, each number read every way the plan's words allow."""
    values: list[float] = []
    for tok in number_tokens(quote, 0, len(quote)):
        if tok.kind in ("frac", "cnfrac"):
            share = tok.value * 100
            values += [share, math.floor(share * 10 + EPSILON) / 10, round(share, 1)]
            continue
        values.append(tok.value)
        if tok.upper is not None:
            values.append(tok.upper)
        between = quote[tok.start + len(tok.raw):tok.end]
        before = quote[max(0, tok.start - 3):tok.start]
        if tok.unit in INTEGER_UNITS and ("余" in between or "多" in between or "超过" in before):
            values.append(tok.value + 1)  # 20余家, 超过40家: at least one more
    if any(w in quote for w in DOWN_WORDS):  # 下降3%, 下降0.3个百分点: a relative goal's target is negative
        values += [-v for v in values]
    values += [n for word, n in PER_YEAR.items() if word in quote]
    if ZERO_RE.search(quote):
        values.append(0.0)
    if SIZE_CLASS_RE.search(quote):  # 力争10亿元以上项目实现突破: no count stated, at least one such project
        values.append(1.0)
    return values


def _target(path: str, task: Task, ind: Indicator, loc: tuple) -> list[Diagnostic]:
    if ind.comparator == "milestone" or ind.target is None:
        return []
    if any(abs(v - ind.target) <= EPSILON for v in stated(ind.quote)):
        return []
    found = "、".join(_shown(v) for v in dict.fromkeys(stated(ind.quote))) or "—"
    return [said(path, "target-mismatch", "indicator", (*loc, "target"), id=ind.id, task=task.id,
                 target=_shown(ind.target), quote=ind.quote, found=found)]


def _comparator(path: str, task: Task, ind: Indicator, loc: tuple) -> list[Diagnostic]:
    c, quote = ind.comparator, ind.quote
    said_words = None
    if c in (">=", "<="):  # 不低于 holds 低于, 不超过 holds 超过: those words are taken out first
        said_words = (_first(LE_WORDS, _without(quote, GE_WORDS)) if c == ">=" else
                      _first(GE_WORDS, _without(quote, LE_WORDS)))
    elif c != "delta_pp" and c != "milestone" and "个百分点" in quote:
        said_words = "个百分点"
    elif c == "delta_pp" and "个百分点" not in quote:
        said_words = "—"
    if said_words is None:
        return []
    return [said(path, "comparator-mismatch", "indicator", (*loc, "comparator"), id=ind.id, task=task.id,
                 comparator=c, words=said_words, quote=quote)]


def _stretch(path: str, task: Task, ind: Indicator, loc: tuple) -> list[Diagnostic]:
    at = task.text.find(ind.quote)
    if at < 0:
        return []  # quote-not-in-text says so
    start = max((task.text.rfind(ch, 0, at) for ch in SENTENCE_END), default=-1) + 1
    striving = "力争" in task.text[start:at + len(ind.quote)]
    if striving == ind.stretch:
        return []
    key = "missing" if striving else "unfounded"
    return [said(path, "stretch-mismatch", key, (*loc, "stretch") if ind.stretch else (*loc, "id"), id=ind.id,
                 task=task.id, sentence=task.text[start:at + len(ind.quote)])]


def _without(text: str, words: tuple[str, ...]) -> str:
    for w in sorted(words, key=len, reverse=True):
        text = text.replace(w, "　")
    return text


def _first(words: tuple[str, ...], text: str) -> str | None:
    return next((w for w in words if w in text), None)


def _shown(value: float) -> str:
    return f"{value:g}"


def check_numbers(cat: Catalogue, path: str) -> list[Diagnostic]:
    """Every number of every task's text is a goal's (inside its quote) or listed, with a reason, as not a goal."""
    out: list[Diagnostic] = []
    for ti, task in enumerate(cat.tasks):
        text, covered = task.text, []
        for ind in task.indicators:
            covered += spans_of(text, ind.quote)
        for oi, other in enumerate(task.other_numbers):
            spans = spans_of(text, other.text)
            if not spans:
                out.append(said(path, "other-number-not-in-text", "entry", ("tasks", ti, "other_numbers", oi, "text"),
                                task=task.id, text=other.text))
            covered += spans
        for tok in number_tokens(text, 0, len(text)):
            if not any(a <= tok.start and tok.end <= b for a, b in covered):
                start = max((text.rfind(ch, 0, tok.start) for ch in SENTENCE_END), default=-1) + 1
                stop = min((i for i in (text.find(ch, tok.end) for ch in SENTENCE_END) if i >= 0), default=len(text))
                out.append(said(path, "number-unaccounted", "task", ("tasks", ti, "text"), task=task.id,
                                number=text[tok.start:tok.end], sentence=text[start:stop + 1]))
    return out


def spans_of(text: str, needle: str) -> list[tuple[int, int]]:
    """Where `needle` stands in `text`, every time."""
    out, at = [], text.find(needle) if needle else -1
    while at >= 0:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return out

