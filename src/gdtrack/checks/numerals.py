"""Numbers in a plan's Chinese text, pure: Arabic digits (full-width too), Chinese numerals, fractions (1/3,
三分之一), ranges (10—20), 两成, each with the unit after it (家, 亿元, %, 个百分点 …) and 余/多 ("20余家").

Both the drafter (which reads goals out of a task's text) and `check` (which holds each goal's target to the
number of its quote) read numbers here, so they read them alike.
"""

from __future__ import annotations

import re

from gdtrack.values import Value, record

CN_NUM = "零〇一二两三四五六七八九十百千万亿"
UNITS = sorted([
    "个百分点", "亿元", "万元", "元", "家", "个", "项", "人次", "万人", "人", "场次", "场", "所", "处", "条",
    "名", "次",
    "户", "万亩", "亩", "公顷", "平方公里", "万平方米", "平方米", "公里", "千米", "米", "万吨", "吨", "台套", "台",
    "套", "座", "件", "栋", "间", "张", "辆", "艘", "部", "本", "篇", "份", "天", "小时", "万千瓦", "千瓦", "兆瓦",
    "个工作日", "工作日", "立方米", "万立方米", "吨标准煤", "千瓦时", "个月", "批次", "批", "支", "类", "级",
    "星", "倍", "%", "％", "‰",
    "微克/立方米", "毫克/立方米", "个/千人", "张/千人", "名/千人", "人/万人", "个/万人",
], key=len, reverse=True)
NAME_UNITS = {"级": "grade", "星": "grade", "类": "category", "批": "no_unit", "批次": "no_unit"}
INTEGER_UNITS = {"家", "个", "项", "人次", "人", "场", "场次", "所", "处", "条", "名", "次", "户", "座", "件",
                 "栋", "间",
                 "张", "辆", "艘", "部", "本", "篇", "份", "台", "套", "台套", "支"}
NUM = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
TOKEN_RE = re.compile(
    rf"(?P<frac>(?P<fa>\d+)\s*/\s*(?P<fb>\d+))"
    rf"|(?P<cnfrac>(?P<ca>[{CN_NUM}]+)分之(?P<cb>[{CN_NUM}]+))"
    rf"|(?P<range>(?P<ra>{NUM})\s*[—–\-~～至到]\s*(?P<rb>{NUM}))"
    rf"|(?P<num>{NUM})"
    rf"|(?P<cn>[{CN_NUM}]+)"
)
UNIT_RE = re.compile(r"\s*(?P<more>[余多])?\s*(?P<mult>[万亿千])?\s*(?P<unit>"
                     + "|".join(map(re.escape, UNITS)) + ")")

@record
class Token(Value):
    start: int
    end: int  # end of the number and its unit
    value: float
    unit: str | None
    kind: str  # num, frac, cnfrac, range, cn
    raw: str
    upper: float | None = None  # a range's upper bound


def to_float(text: str) -> float:
    import unicodedata

    return float(unicodedata.normalize("NFKC", text).replace("．", "."))


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = ("万", "亿")


def _cn_plain(text: str) -> float | None:
    """A Chinese numeral of digits and 十百千万亿 (三十, 一百二十, 两千五百, 一万二千, 二〇二三), without importing
    cn2an (its import takes 0.1–0.15 s: this runs in every `check` of the catalogue, so in the daily run); None for
    anything else (decimals, mixed digits), which cn2an reads."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_SMALL and c not in _CN_BIG for c in text):
        return None
    if all(c in _CN_DIGITS for c in text):  # 二〇二三: digit by digit
        return float(int("".join(str(_CN_DIGITS[c]) for c in text))) if len(text) > 1 else float(_CN_DIGITS[text])
    yi = wan = section = number = 0  # the 亿 part, the 万 part, the part below 万, the digit last read
    for c in text:
        if c in _CN_DIGITS:
            number = _CN_DIGITS[c]
        elif c in _CN_SMALL:
            section += (number or 1) * _CN_SMALL[c]
            number = 0
        elif c == "万":
            wan += (section + number or 1) * 10_000
            section = number = 0
        else:  # 亿
            yi += (wan + section + number or 1) * 100_000_000
            wan = section = number = 0
    return float(yi + wan + section + number)


def cn_value(text: str) -> float | None:
    plain = _cn_plain(text)
    if plain is not None:
        return plain
    import cn2an

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def number_tokens(text: str, a: int, b: int) -> list[Token]:
    out = []
    for m in TOKEN_RE.finditer(text, a, b):
        kind = m.lastgroup if m.lastgroup in ("frac", "cnfrac", "range", "num", "cn") else None
        if m.group("frac"):
            kind = "frac"
        elif m.group("cnfrac"):
            kind = "cnfrac"
        elif m.group("range"):
            kind = "range"
        elif m.group("num"):
            kind = "num"
        elif m.group("cn"):
            kind = "cn"
        raw = m.group(0)
        if kind == "cn":
            if not re.search(r"[一二两三四五六七八九十百千]", raw) or re.fullmatch(r"[万亿千百]", raw):
                continue
            if m.end() < len(text) and text[m.end()] == "成":
                value = cn_value(raw)
                if value is not None and value < 10 and (m.start() == 0 or text[m.start() - 1] not in CN_NUM):
                    out.append(Token(m.start(), m.end() + 1, value * 10, "%", "tenths", raw + "成"))
                continue
        unit_m = UNIT_RE.match(text, m.end(), b) if kind != "frac" and kind != "cnfrac" else None
        unit = None
        end = m.end()
        if unit_m:
            unit = (unit_m.group("mult") or "") + unit_m.group("unit")
            end = unit_m.end()
        if kind == "cn":
            if unit is None:
                continue  # 四湖, 两镇, 一体化: words, not quantities
            value = cn_value(raw)
            if value is None and unit not in NAME_UNITS:
                continue
            out.append(Token(m.start(), end, value or 0.0, unit, "cn", raw))  # 百亿级: a grade, listed
        elif kind == "num":
            out.append(Token(m.start(), end, to_float(raw), unit, "num", raw))
        elif kind == "range":
            out.append(Token(m.start(), end, to_float(m.group("ra")), unit, "range", raw,
                              upper=to_float(m.group("rb"))))
        elif kind == "frac":
            den = float(m.group("fb"))
            if den:
                out.append(Token(m.start(), m.end(), float(m.group("fa")) / den, "%", "frac", raw))
        elif kind == "cnfrac":
            num, den = cn_value(m.group("cb")), cn_value(m.group("ca"))
            if num is not None and den:
                out.append(Token(m.start(), m.end(), num / den, "%", "cnfrac", raw))
    return out
