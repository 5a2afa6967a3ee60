"""Goals: the quantitative goals a task's text states, each with its verbatim quote and how it was read.

Pure text → data. A goal is a number with a unit (新增…12家以上, 完成投资13亿元, 40%, 1/3, 三分之一, 两成 …) or a
zero goal (清零, 消除); its comparator comes from the words around it (以上, 不低于, 超过, 突破, 达到, 稳定在 → `>=`;
以内, 以下, 控制在, 不超过 → `<=`; 增长/提高 X% → `delta_pct`; 提高 X 个百分点 → `delta_pp`). Numbers that only
name something — in quotes or titles, years, dates, 5G, PM2.5, 500kV, 年产10万台套, “5+1”, grades (三星级, 百亿级),
ordinals (第三次) — are left out and listed, with the reason, so a reviewer sees them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import field

from gdtrack.checks.numerals import (  # noqa: F401 - the drafter reads numbers as check does
    CN_NUM,
    INTEGER_UNITS,
    NAME_UNITS,
    NUM,
    TOKEN_RE,
    UNIT_RE,
    UNITS,
)
from gdtrack.checks.numerals import Token as _Token
from gdtrack.checks.numerals import cn_value as _cn_value
from gdtrack.checks.numerals import number_tokens as _number_tokens
from gdtrack.values import Value, record
from gdtrack.words import words_of

WORDS = words_of("draft.goals")  # this module's words, kept in gdtrack/words with every other

GE_WORDS = ("不低于", "不少于", "至少", "达到", "达", "稳定在", "保持在", "突破", "超过", "高于", "大于")
LE_WORDS = ("控制在", "不超过", "不高于", "低于", "少于", "压减到", "压减至", "降至", "降到")
UP_WORDS = ("提高", "提升", "增长", "增加", "上升", "增幅")
DOWN_WORDS = ("下降", "降低", "减少", "压减")
ZERO_RE = re.compile(r"动态清零|全部清零|清零|全面消除|全部消除|消除|全面杜绝|杜绝|零发生")
# measure from the wording, in this order: a ratio is a level; a flow (what the year adds, makes or harvests) is
# cumulative even when 稳定在 or 不低于 frames it (产量稳定在1.53万吨: the year's output); a stock is a level
RATIO_RE = re.compile(r"覆盖率|率|占比|比例|比重|人均|每千|每百|每万|浓度|指数|强度")
FLOW_RE = re.compile(r"新增|新建|新培育|新引进|新发展|培育|引进|完成|建成|举办|开展|签约|落地|改造|招引|产量|播种面积|"
                     r"产值|营业收入|销售收入|投资")
STOCK_RE = re.compile(r"稳定在|保持在|控制在|总量|存量|保有|(?:^|(?<=中)|(?<=内))(?:拥有|有)(?!效)")
SIZE_CLASS_RE = re.compile(r"\s*(?:以上|及以上)(?:的)?(?:重点|重大|产业|制造业|工业|外资|内资)?(项目|企业)")
STRIVEN_RE = re.compile(r"完成|实现|建成|投产|开工|竣工|挂牌|上市|通过验收|获批|落地")
ZERO_UNITS = (("家庭", "户"), ("户", "户"), ("水体", "处"), ("村", "个"), ("企业", "家"), ("隐患", "处"),
              ("问题", "个"), ("人", "人"))


@record
class Goal(Value):
    quote: str
    name: str
    comparator: str
    start: int = 0  # offset of the quote in the task's text
    target: float | None = None
    unit: str | None = None
    measure: str | None = None
    stretch: bool = False
    due: dt.date | None = None
    owner: str | None = None  # a lead unit other than the first, whose remit the goal's words name
    measure_word: str = ""  # the words the measure was read from (率, 新增, 产量, 稳定在 …)
    notes: list[str] = field(default_factory=list)


@record
class Skipped(Value):
    text: str
    why: str  # a key of WORDS


def _masked(text: str) -> list[bool]:
    """Positions inside “quotes”, 《titles》, 〔〕 or 【】: numbers there only name something."""
    out = [False] * len(text)
    pairs = {"“": "”", "《": "》", "〔": "〕", "【": "】", "「": "」", "\"": "\"", "‘": "’"}
    i = 0
    while i < len(text):
        close = pairs.get(text[i])
        if close:
            j = text.find(close, i + 1)
            if j != -1 and j - i <= 60:
                for k in range(i, j + 1):
                    out[k] = True
                i = j + 1
                continue
        i += 1
    return out


def _split(text: str, seps: str, start: int = 0, end: int | None = None,
           masked: list[bool] | None = None) -> list[tuple[int, int]]:
    """Spans of `text[start:end]` between separators, not splitting inside brackets or quotes."""
    end = len(text) if end is None else end
    spans, depth, a = [], 0, start
    for i in range(start, end):
        c = text[i]
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth = max(0, depth - 1)
        elif c in seps and depth == 0 and not (masked and masked[i]):
            spans.append((a, i))
            a = i + 1
    spans.append((a, end))
    return [(x, y) for x, y in spans if text[x:y].strip()]


def _why_not(text: str, tok: _Token, masked: list[bool], part: tuple[int, int], clause: tuple[int, int]) -> str | None:
    """Why a number only names something (a key of WORDS), or None when it may be a goal."""
    s, e = tok.start, tok.end
    before = text[max(clause[0], s - 4):s]
    after = text[e:e + 3]
    num_end = s + len(tok.raw)
    if masked[s]:
        return "quotes"
    if tok.kind == "cn" and s > 0 and text[s - 1] in "”》":
        return "quotes"  # “强政策扶持、…”五项举措: the count of a named list
    if tok.kind in ("num", "range") and re.match(r"\s*年", text[num_end:]) and re.fullmatch(r"(19|20)\d\d.*",
                                                                                            tok.raw):
        return "year"
    if tok.unit is None and re.match(r"\s*(?:月|日|号|届|期|版)", text[num_end:]):
        return "date"
    if before.endswith("第"):
        return "ordinal"
    if tok.unit is None and text[s - 1:s] in "（(" and text[num_end:num_end + 1] in "）)":
        return "numbering"
    if re.match(r"\s*(?:[kK][vV]|千伏)", text[num_end:]):
        return "voltage"
    if (s > 0 and re.match(r"[A-Za-zＡ-Ｚａ-ｚ]", text[s - 1])) or (
            tok.unit is None and re.match(r"[A-Za-zＡ-Ｚａ-ｚ]", text[num_end:num_end + 1])):
        return "letters"
    if re.match(r"\s*[+＋]", text[num_end:]) or before.endswith(("+", "＋")):
        return "plus"
    if re.search(r"(?:年产|年处理|年加工|日处理|年吞吐|装机)\s*$", text[max(clause[0], s - 4):s]):
        return "capacity"
    if tok.unit in NAME_UNITS:
        return NAME_UNITS[tok.unit]
    if re.search(r"每\s*$", text[max(part[0], s - 2):s]) or (tok.kind == "cn" and before.endswith("每")):
        return "per_basis"
    if re.search(r"(?:现有|已有|目前有|累计已)", text[max(clause[0], s - 8):s]):
        return "existing"
    if "发挥" in text[clause[0]:s] and "作用" in text[e:clause[1]]:
        return "use_existing"
    if re.match(r"\s*(?:或|若|如果|如|否则)", text[clause[0]:clause[1]]):
        return "conditional"
    if tok.unit is None and tok.kind not in ("frac", "cnfrac", "tenths"):
        return "no_unit"
    if re.match(r"(?:以上|以下)?的(?:要求|标准)", after + text[e + 3:e + 6]):
        return "standard"
    return None


def _is_qualifier(text: str, tok: _Token, later: bool) -> bool:
    """`10亿元以上项目2个`: a size class when another number follows in the phrase."""
    return later and bool(re.match(r"(?:以上|以下)?[\u4e00-\u9fa5]", text[tok.end:tok.end + 3])) and not re.match(
        r"(?:以上|以下)?[，。；、]", text[tok.end:tok.end + 3])


def due_in(text: str, upto: int, year: int, period_end: dt.date, sentence_start: int) -> tuple[dt.date | None, str]:
    """A due date stated before the goal in its sentence: 年底前, 上半年, 6月底前, 2024年底, 2023—2024年."""
    seg = text[sentence_start:upto]
    patterns = [
        (r"(\d{4})\s*[—–\-~～至到]\s*(\d{4})\s*年", lambda m: dt.date(int(m.group(2)), 12, 31)),
        (r"(\d{4})\s*年\s*(?:底|末)", lambda m: dt.date(int(m.group(1)), 12, 31)),
        (r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:底|末)?", lambda m: _month_end(int(m.group(1)), int(m.group(2)))),
        (r"上半年", lambda _m: dt.date(year, 6, 30)),
        (r"(?:第)?([一二三四1-4])\s*季度", lambda m: _month_end(year, 3 * int(_cn_value(m.group(1)) or 4))),
        (r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:底|末|前)", lambda m: _month_end(year, int(
            _cn_value(m.group(1)) or 12))),
        (r"年底前|年底|年末|年内", lambda _m: dt.date(year, 12, 31)),
    ]
    for pat, make in patterns:
        found = list(re.finditer(pat, seg))
        if found:
            m = found[-1]
            try:
                day = make(m)
            except ValueError:
                continue
            return (day if day != period_end else None), m.group(0)
    return None, ""


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


_COMPARED_BEFORE = re.compile(rf"(?:{'|'.join(GE_WORDS + LE_WORDS)})$")
_COMPARED_AFTER = re.compile(r"^\s*(?:以上|以内|以下|左右)?")
_NAME_HEAD = re.compile(r"^(?:年内|全年|力争|确保|争取|推动|实现)+")
_NAME_TAIL = re.compile(r"(?:以上|以内|以下|左右|达到|不低于|不少于|超过|突破)$")


def _name(quote: str, tok_text: str) -> str:
    """A short name: the quote without its number and the words that only say how the number is compared.

    The number is found as text and the words around it by patterns compiled once: a pattern made from each
    number would be compiled anew for every goal (re's cache holds 512), which made a 1,400-task draft quadratic
    in practice."""
    at = quote.find(tok_text)
    name = quote
    if at >= 0:
        head, tail = quote[:at].rstrip(), quote[at + len(tok_text):]
        head = _COMPARED_BEFORE.sub("", head, count=1)
        name = head + _COMPARED_AFTER.sub("", tail, count=1)
    name = _NAME_HEAD.sub("", squash_text(name))
    name = _NAME_TAIL.sub("", name).strip("，、,；; ")
    return name or squash_text(quote)


def squash_text(text: str) -> str:
    return re.sub(r"\s*[\r\n]+\s*", "", text).strip()


def find_goals(text: str, year: int, period_end: dt.date, lang: str = "zh") -> tuple[list[Goal], list[Skipped]]:
    """Every quantitative goal in a task's text, and the numbers left out with why."""
    w = WORDS[lang]
    masked = _masked(text)
    goals: list[Goal] = []
    skipped: list[Skipped] = []
    for sentence in _split(text, "。！？；;", masked=masked):
        stretch_at = text.find("力争", sentence[0], sentence[1])
        for clause in _split(text, "，,：:", sentence[0], sentence[1], masked):
            parts = _split(text, "、", clause[0], clause[1], masked)
            quote_start = clause[0]
            clause_goals = last_part = 0
            for pi, part in enumerate(parts):
                tokens = _number_tokens(text, part[0], part[1])
                kept: list[_Token] = []
                for tok in tokens:
                    why = _why_not(text, tok, masked, part, clause)
                    if why:
                        skipped.append(Skipped(_context(text, tok, clause, masked), why))
                    else:
                        kept.append(tok)
                chosen = [t for i, t in enumerate(kept) if not _is_qualifier(text, t, i + 1 < len(kept))]
                for t in kept:
                    if t not in chosen:
                        skipped.append(Skipped(_context(text, t, clause), "qualifier"))
                zero = None if chosen else _zero(text, part, masked)
                if not chosen and zero is None:
                    continue
                for t in chosen[:-1]:
                    skipped.append(Skipped(_context(text, t, clause), "second"))
                q_start = quote_start if clause_goals == 0 or pi == 0 else part[0]
                q_start = _quote_start(text, q_start)
                q_end = part[1]
                while q_end > q_start and text[q_end - 1] in " \t\u3000\r\n":
                    q_end -= 1
                quote = text[q_start:q_end]
                stretch = stretch_at != -1 and stretch_at < part[1]
                due, due_words = due_in(text, part[1], year, period_end, sentence[0])
                if zero is not None:
                    goal = _zero_goal(zero, quote, text, part, w)
                elif _size_class(text, chosen[-1]):
                    goal = _size_class_goal(text, chosen[-1], quote, w)
                else:
                    goal = _read(text, chosen[-1], part, quote, w)
                goal.start = q_start
                goal.stretch = stretch
                if stretch:
                    goal.notes.append(w["stretch"])
                if due is not None:
                    goal.due = due
                    goal.notes.append(w["due"].format(w=due_words, d=due.isoformat()))
                measure = w[goal.measure or "level"]
                goal.notes.append(w["measure_by"].format(w=goal.measure_word, m=measure) if goal.measure_word
                                  else measure)
                goals.append(goal)
                clause_goals += 1
                quote_start = part[1] + 1
                last_part = pi
            if clause_goals and last_part < len(parts) - 1:
                _extend(text, goals[-1], parts[-1][1])  # …前100项电子证照证明在政务服务、社会生活场景中全面应用
            striving = stretch_at != -1 and stretch_at < clause[1]
            if clause_goals == 0:
                per = _per_period(text, clause, masked, w)
                if per is None and striving:
                    per = _striven(text, clause, w)
                if per is not None:
                    per.stretch = striving
                    goals.append(per)
    skipped += _quoted_numbers(text, masked, {k.text for k in skipped})
    unique = list({(k.text, k.why): k for k in skipped}.values())
    return goals, unique


def _quoted_numbers(text: str, masked: list[bool], listed: set[str]) -> list[Skipped]:
    """Quoted names made of numbers (“十有两禁”, “5+1”) that no unit made a token of, for the reviewer to see."""
    out = []
    for m in re.finditer(r"[“「\"‘][^”」\"’]{1,20}[”」\"’]", text):
        inner = m.group(0)[1:-1]
        numerals = len(re.findall(r"[一二两三四五六七八九十百千]", inner))
        if masked[m.start()] and (re.search(r"\d", inner) or numerals >= 2):
            shown = squash_text(m.group(0))
            if not any(shown in k for k in listed):
                out.append(Skipped(shown, "quotes"))
    return out


def _context(text: str, tok: _Token, clause: tuple[int, int], masked: list[bool] | None = None) -> str:
    """The number as a reviewer wants to see it: “5+1”, 年产10万台套, 500kV, PM2.5, 第三次, 百亿级."""
    s = tok.start
    if masked is not None and (masked[s] or (s > 0 and text[s - 1] in "”》")):
        a = s if masked[s] else s - 1
        while a > 0 and masked[a - 1] and text[a] not in "“《〔【「\"‘":
            a -= 1
        b = s
        while b < len(text) and masked[b]:
            b += 1
        return squash_text(text[a:max(b, tok.end)])
    left = re.search(r"(?:年产|年处理|年加工|日处理|年吞吐|装机|第|每|现有|[A-Za-zＡ-Ｚａ-ｚ]+)$", text[clause[0]:s])
    right = re.match(r"[A-Za-z0-9.]*(?:[余多])?[\u4e00-\u9fa5]{0,2}", text[max(tok.end, s + len(tok.raw)):clause[1]])
    return squash_text(text[s - len(left.group(0)) if left else s:max(tok.end, s + len(tok.raw)) + len(right.group(0))])


def _extend(text: str, goal: Goal, end: int) -> None:
    """Let a goal's quote run on to the end of its clause, over list items that carry no number of their own."""
    while end > goal.start and text[end - 1] in " \t\u3000\r\n":
        end -= 1
    goal.quote = text[goal.start:end]


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\u3000\r\n":
        i += 1
    return i


LIST_MARK_RE = re.compile(r"(?:[（(]\s*[0-9０-９]{1,2}\s*[）)]|[0-9０-９]{1,2}\s*[）)]|[①-⑳])[ \t\u3000]*")


def _quote_start(text: str, i: int) -> int:
    """Where a quote starts: after the spaces and a list item's numbering (（1）, 1）, ①) at `i`."""
    i = _skip_space(text, i)
    m = LIST_MARK_RE.match(text, i)
    return _skip_space(text, m.end()) if m else i


def _zero(text: str, part: tuple[int, int], masked: list[bool]) -> re.Match | None:
    for m in ZERO_RE.finditer(text, part[0], part[1]):
        if not masked[m.start()]:
            return m
    return None


def _zero_goal(m: re.Match, quote: str, text: str, part: tuple[int, int], w: dict) -> Goal:
    noun = text[part[0]:m.start()] + text[m.end():part[1]]
    unit = next((u for key, u in ZERO_UNITS if key in noun), None)
    name = re.sub(r"^(?:确保|实现|全区|全面)+", "", squash_text(quote).replace(m.group(0), "")) or squash_text(quote)
    return Goal(quote, name, "<=", target=0, unit=unit, measure="level", notes=[w["zero"].format(w=m.group(0))])


def _per_period(text: str, clause: tuple[int, int], masked: list[bool], w: dict) -> Goal | None:
    """每月召开… (every month, no number): 12 for the year; 每季度: 4."""
    seg = text[clause[0]:clause[1]]
    m = re.search(r"每(月|季度)(?:召开|开展|举办|组织|通报|调度)", seg)
    if not m or masked[clause[0] + m.start()]:
        return None
    n = 12 if m.group(1) == "月" else 4
    quote = text[_quote_start(text, clause[0]):clause[1]].rstrip(" \t\u3000\r\n")
    key = "per_month" if n == 12 else "per_quarter"
    return Goal(quote, squash_text(quote), ">=", start=clause[0], target=n, unit="次", measure="cumulative",
                notes=[w[key]])


def _size_class(text: str, tok: _Token) -> bool:
    """10亿元以上项目 with no count after it: a class of projects by size."""
    return text[tok.start:tok.end].endswith("元") and bool(SIZE_CLASS_RE.match(text, tok.end))


def _size_class_goal(text: str, tok: _Token, quote: str, w: dict) -> Goal:
    """`力争10亿元以上项目实现突破`: 10亿元 is the size of the projects counted, not the goal; with no count stated,
    the goal is at least one such project."""
    m = SIZE_CLASS_RE.match(text, tok.end)
    unit = "家" if m and m.group(1) == "企业" else "个"
    size = squash_text(text[tok.start:m.end() if m else tok.end])
    return Goal(quote, squash_text(quote), ">=", target=1, unit=unit, measure="cumulative",
                notes=[w["size_class"].format(w=size, u=unit)])


def _striven(text: str, clause: tuple[int, int], w: dict) -> Goal | None:
    """A clause under 力争 that names an outcome without a number (力争A、B完成股改，C实现新三板挂牌): a milestone
    of its own, a stretch goal like every other of its clause's sentence."""
    a = _quote_start(text, clause[0])
    lead = re.match(r"(?:年内|年底前|全年|今年)?(?:力争|争取)?", text[a:clause[1]])
    a += lead.end() if lead else 0
    b = clause[1]
    while b > a and text[b - 1] in " \t\u3000\r\n":
        b -= 1
    quote = text[a:b]
    if not STRIVEN_RE.search(quote) or len(squash_text(quote)) < 4:
        return None
    return Goal(quote, squash_text(quote), "milestone", start=a, notes=[w["striven"], w["stretch"]])


def _read(text: str, tok: _Token, part: tuple[int, int], quote: str, w: dict) -> Goal:
    """Comparator, target and unit of one number from the words around it."""
    prefix = text[part[0]:tok.start]
    suffix = text[tok.end:part[1]]
    raw = text[tok.start:tok.end]
    unit = tok.unit
    value = tok.value
    notes: list[str] = []
    comparator = ">="
    if unit in ("％",):
        unit = "%"
    verb = _last_word(prefix, GE_WORDS + LE_WORDS + UP_WORDS + DOWN_WORDS)
    absolute_after = bool(re.match(r"\s*(?:到|至)\s*$", prefix[prefix.rfind(verb) + len(verb):])) if verb else False
    if tok.kind in ("frac", "cnfrac"):
        pct = math.floor(value * 1000 + 1e-9) / 10
        notes.append(w["fraction"].format(f=squash_text(tok.raw), n=_fmt(pct)))
        value, unit = pct, "%"
    elif tok.kind == "tenths":
        notes.append(w["tenths"].format(f=tok.raw, n=_fmt(value)))
    elif tok.kind == "cn":
        notes.append(w["chinese"].format(w=tok.raw, n=_fmt(value)))
    if unit == "个百分点" and verb in UP_WORDS + DOWN_WORDS and not absolute_after:
        comparator, unit = "delta_pp", "%"
        notes.append(w["delta_pp" if verb in UP_WORDS else "delta_pp_down"].format(w=verb, n=_fmt(value)))
        if verb in DOWN_WORDS:
            value = -value
    elif unit == "%" and verb in UP_WORDS + DOWN_WORDS and not absolute_after and tok.kind == "num":
        comparator, unit = "delta_pct", None
        notes.append(w["delta_pct" if verb in UP_WORDS else "delta_pct_down"].format(w=verb, n=_fmt(value)))
        if verb in DOWN_WORDS:
            value = -value
    elif verb in LE_WORDS or re.match(r"\s*(?:以内|以下)", suffix):
        comparator = "<="
        notes.append(w["at_most"].format(w=verb or suffix.strip()[:2], n=_fmt(value)))
    elif tok.kind == "range":
        notes.append(w["range"].format(a=_fmt(value), b=_fmt(tok.upper or value)))
    elif re.search(r"[余多]$", text[tok.start:tok.start + len(tok.raw) + 1]) or re.match(
            r"[余多]", text[tok.start + len(tok.raw):tok.start + len(tok.raw) + 1]):
        value0 = value
        value = math.floor(value) + 1
        notes.append(w["more_than"].format(n0=_fmt(value0), n=_fmt(value)))
    elif verb == "超过":
        if unit in INTEGER_UNITS and float(value).is_integer():
            notes.append(w["over_int"].format(n0=_fmt(value), n=_fmt(value + 1)))
            value += 1
        else:
            notes.append(w["over"].format(n0=_fmt(value)))
    elif re.match(r"\s*左右", suffix):
        notes.append(w["about"].format(n=_fmt(value)))
    elif verb or re.match(r"\s*以上", suffix):
        notes.append(w["above"].format(w=verb or "以上", n=_fmt(value)))
    else:
        notes.append(w["at_least"].format(n=_fmt(value)))
    per = re.search(r"每\s*(千|百|万)\s*(人口|人|户|名)", prefix)
    if per and unit and "/" not in unit:
        basis = per.group(1) + ("人" if per.group(2) == "人口" else per.group(2))
        unit = f"{unit}/{basis}"
        notes.append(w["per_unit"].format(w=per.group(0)))
    elif re.search(r"每\s*月", prefix) and unit in ("次", "场", "场次"):
        unit = f"{unit}/月"
        notes.append(w["per_unit"].format(w="每月"))
    measure, word = _measure(squash_text(prefix), comparator, unit)
    goal = Goal(quote, _name(quote, raw), comparator, target=value, unit=unit, measure=measure, notes=notes)
    goal.measure_word = word
    return goal


def _measure(prefix: str, comparator: str, unit: str | None) -> tuple[str, str]:
    """`level` or `cumulative` from the words before the number, and the words that decided it ("" by default)."""
    for pattern, measure in ((RATIO_RE, "level"), (FLOW_RE, "cumulative"), (STOCK_RE, "level")):
        m = pattern.search(prefix)
        if m:
            return measure, m.group(0)
    if comparator in ("delta_pct", "delta_pp", "<=") or unit == "%" or (unit and "/" in unit):
        return "level", ""
    return "cumulative", ""


def _last_word(prefix: str, words: tuple[str, ...]) -> str:
    """The goal word nearest before the number (within a few characters of it); 不低于 over 低于."""
    best, best_end = "", -1
    tail = prefix[-12:]
    for word in words:
        i = tail.rfind(word)
        if i == -1:
            continue
        end = i + len(word)
        if end > best_end or (end == best_end and len(word) > len(best)):
            best, best_end = word, end
    return best


def milestone(text: str, title: str, lang: str = "zh") -> Goal:
    """A task without a quantitative goal: one milestone quoting the first clause after its title."""
    w = WORDS[lang]
    body_at = text.find("。")
    spans = _split(text, "，,。；;：:", body_at + 1 if body_at != -1 else 0, masked=_masked(text))
    if spans:
        a, b = spans[0]
    else:  # the text is its title: quote it without the 。
        a, b = 0, body_at if body_at != -1 else len(text)
    a = _quote_start(text, a)
    while b > a and text[b - 1] in " \t\u3000\r\n":
        b -= 1
    quote = text[a:b] if text[a:b].strip() else text.strip()
    name = squash_text(quote)
    if len(name) > 30:
        name = name[:30] + "…"
    return Goal(quote, name or title, "milestone", notes=[w["milestone"]], start=a)
