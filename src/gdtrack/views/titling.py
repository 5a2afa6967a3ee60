"""A 公文 title split into lines where a reader would break it (GB/T 9704-2012 7.3.1: 回行时，要做到词意完整，排列对称，
长短适宜): as few lines as the type area allows, the longest as short as it can be, only after a space or at the
boundaries of Chinese words that words.py lists (`docx.title.break_after`, `docx.title.break_before`, never before
`docx.title.no_break_before`: the plan's and the units' names are Chinese in an English document too, so the lists
are always zh.py's). A title no boundary lets fit is broken between any two characters but inside a run of digits
or Latin letters."""

from __future__ import annotations

import itertools
import math
import re

from gdtrack.words import word

_LATIN = re.compile(r"[0-9A-Za-z]")
_COMBINATIONS = 20_000  # past this many ways of breaking, the lines are filled greedily instead


def em(text: str) -> float:
    """The width of `text` in characters of the type size: a Chinese character or full-width sign 1, a Latin letter,
    digit, space or ASCII sign half."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def _boundaries(text: str) -> list[int]:
    after = word("docx.title.break_after", "zh").split()
    before = word("docx.title.break_before", "zh").split()
    never = word("docx.title.no_break_before", "zh").split()
    return [i for i in range(1, len(text))
            if text[i - 1] == " "
            or ((any(text[:i].endswith(w) for w in after) or any(text.startswith(w, i) for w in before))
                and not any(text.startswith(w, i) for w in never)
                and not (_LATIN.match(text[i - 1]) and _LATIN.match(text[i])))]


def _anywhere(text: str) -> list[int]:
    return [i for i in range(1, len(text)) if not (_LATIN.match(text[i - 1]) and _LATIN.match(text[i]))]


def _split(text: str, cuts: tuple[int, ...]) -> list[str]:
    edges = (0, *cuts, len(text))
    return [text[a:b].strip() for a, b in itertools.pairwise(edges)]


def _best(text: str, places: list[int], width: float) -> list[str] | None:
    """The fewest lines no wider than `width`, then the narrowest longest line, then the most even."""
    for n in range(1, len(places) + 2):
        if math.comb(len(places), n - 1) > _COMBINATIONS:
            return _greedy(text, places, width)
        splits = (_split(text, cuts) for cuts in itertools.combinations(places, n - 1))
        fits = [lines for lines in splits if all(em(line) <= width for line in lines)]
        if fits:
            return min(fits, key=lambda lines: (max(map(em, lines)), sum(em(x) ** 2 for x in lines)))
    return None


def _greedy(text: str, places: list[int], width: float) -> list[str] | None:
    cuts, start = [], 0
    for a, b in itertools.pairwise([*places, len(text)]):
        if em(text[start:b].strip()) > width:
            if a <= start:
                return None
            cuts.append(a)
            start = a
    lines = _split(text, tuple(cuts))
    return lines if all(em(x) <= width for x in lines) else None


def title_lines(text: str, width: float) -> list[str]:
    """`text` as the lines of a centred title, each at most `width` characters wide."""
    text = text.strip()
    if em(text) <= width:
        return [text]
    return _best(text, _boundaries(text), width) or _best(text, _anywhere(text), width) or [text]
