"""Numbers as people read them, once: a plain number, a percent, a signed percent, an amount with its unit,
a reported value (an amount or a milestone's state), a goal, and numbers for JSON. The other render modules
only lay these out.
"""

from __future__ import annotations

from gdtrack.models import Indicator
from gdtrack.words import Lang, state_label, word

NONE = "—"
"""What a missing number shows as."""

COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "==": "="}


def number(value: float | int | None) -> str:
    """12 → "12", 0.5 → "0.5", 1110.0 → "1110", None → ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def percent(value: float | None, digits: int = 1) -> str:
    """0.7479 → "74.8%" (digits=0: "75%"); None → "—"."""
    return NONE if value is None else f"{value * 100:.{digits}f}%"


def signed_points(value: float | None) -> str:
    """A gap in percentage points (个百分点, pp), with its sign: −0.014 → "-1.4"; None → "—"."""
    return NONE if value is None else f"{value * 100:+.1f}"


def gap_points(value: float | None, lang: Lang, tight: bool = False) -> str:
    """A gap in a sentence, with its unit: "-44.8 个百分点" ("-44.8个百分点" in a 公文, "-44.8 pp"); None → "—"."""
    if value is None:
        return NONE
    return word("gap.points_tight" if tight else "gap.points", lang, g=signed_points(value))


def points(value: float) -> str:
    """A gap as percentage points, without its sign: −0.194 → "19.4" (the sentence says above or below)."""
    return f"{abs(value) * 100:.1f}"


def fraction(value: float) -> str:
    """A fraction as the engine works with it, to four places: 0.7479."""
    return f"{value:.4f}"


def amount(value: float | None, unit: str | None, digits: int | None = None) -> str:
    """A figure with its unit: "8 个", "29.5%" (no space before %), "3.33 万亩" with digits=2; None → ""."""
    if value is None:
        return ""
    unit = unit or ""
    shown = number(value if digits is None else round(value, digits))
    return f"{shown}{'' if unit == '%' else ' '}{unit}".rstrip()


def value_text(ind: Indicator, value: float | str | None, lang: Lang) -> str:
    """A reported value: an amount in the goal's unit, or a milestone's state in words; None → "—"."""
    if value is None:
        return NONE
    if isinstance(value, str):
        return state_label(value, lang)
    return amount(value, ind.unit)


def goal_text(ind: Indicator, lang: Lang = "zh") -> str:
    """How a goal reads in a table: ≥ 12 家, ≤ 0 户, 提高 10%, 提升 5 个百分点, 完成（里程碑）."""
    if ind.comparator == "milestone":
        return word("goal.milestone", lang)
    if ind.comparator in ("delta_pct", "delta_pp"):
        return word(f"goal.{ind.comparator}", lang, t=number(ind.target))
    return word("goal.compare", lang, sign=COMPARATOR_SIGNS[ind.comparator], amount=amount(ind.target, ind.unit))


def goal_prose(ind: Indicator, lang: Lang = "zh") -> str:
    """How a goal reads in a 公文, as plans write it: 13亿元以上, 力争22家以上, 控制在5处以内, 清零, 增长8%,
    提高2个百分点, 按期完成."""
    if ind.comparator == "milestone":
        said = word("prose.milestone", lang)
    elif ind.comparator in ("delta_pct", "delta_pp"):
        said = word(f"prose.{ind.comparator}", lang, t=number(ind.target))
    else:
        key = "prose.zero" if ind.comparator == "<=" and ind.target == 0 else f"prose.{ind.comparator}"
        said = word(key, lang, t=number(ind.target), unit=ind.unit or "")
    return word("prose.stretch", lang, goal=said) if ind.stretch else said


def json_number(value: float | str | None) -> float | int | str | None:
    """Whole numbers as JSON integers (30, not 30.0); anything else as it is."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def json_fraction(value: float | None) -> float | None:
    """A fraction for JSON, to four places."""
    return None if value is None else round(value, 4)
