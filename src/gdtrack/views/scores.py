"""`gdtrack scores`: the 考核 ranking, and one unit's deductions, each with its goal, period and rule."""

from __future__ import annotations

from typing import Any

from gdtrack.engine.scoring import RULES, Scores, UnitScore
from gdtrack.views.grid import Column, Grid
from gdtrack.views.numbers import NONE, number
from gdtrack.words import Lang, word


def rules_line(sc: Scores, rules: Any, lang: Lang) -> str:
    """The rule the figures follow, with its points, and the periods they cover."""
    span = word("scores.span", lang, first=sc.ends[0], last=sc.ends[-1], n=len(sc.ends)) if sc.ends \
        else word("scores.no_period", lang)
    levels = word("list.sep", lang).join(f"{name} {number(p)}" for name, p in rules.levels.items()) or NONE
    return word("scores.rules", lang, base=number(rules.base), behind=number(rules.behind),
                lagging=number(rules.lagging), missed=number(rules.missed), missing=number(rules.missing_report),
                late=number(rules.late_report), overdue=number(rules.overdue_reply), levels=levels, span=span)


def scores_head(sc: Scores, cat: Any, query: Any, lang: Lang) -> list[str]:
    head = [cat.plan.title, word("scores.head", lang, d=query), rules_line(sc, cat.plan.policy.scoring, lang)]
    if sc.unread:
        head.append(word("scores.unread", lang, units=word("list.sep", lang).join(sc.unread)))
    return head


def ranking_grid(sc: Scores, lang: Lang) -> Grid:
    c = lambda k, a="right", w=None: Column(word(f"scores.col.{k}", lang), a, max_width=w)  # noqa: E731
    unit = Column(word("scores.col.unit", lang), "left", max_width=24, priority=9, clip="middle")  # …商务服务部
    grid = Grid([c("rank"), unit, c("period"), c("total"),
                 *(c(rule) for rule in RULES)], lang=lang)
    for s in sc.units:
        lost = s.by_rule()
        grid.add(s.rank, s.unit, number(s.period), number(s.total),
                 *(number(lost[rule]) if rule in lost else NONE for rule in RULES))
    return grid


def deductions_grid(s: UnitScore, lang: Lang) -> Grid:
    c = lambda k, a="left", w=None: Column(word(f"scores.col.{k}", lang), a, max_width=w)  # noqa: E731
    grid = Grid([c("period_end"), c("goal"), c("rule"), c("points", "right")], lang=lang)
    for d in s.deductions:
        grid.add(d.period_end, d.goal or NONE, word(f"scores.rule.{d.rule}", lang, level=d.level or ""),
                 number(d.points))
    return grid


def unit_lines(s: UnitScore, lang: Lang) -> list[str]:
    return [word("scores.unit", lang, unit=s.unit, rank=s.rank, period=number(s.period), total=number(s.total),
                 n=len(s.deductions))]


def scores_json(sc: Scores, unit: str | None = None) -> dict[str, Any]:
    units = [s for s in sc.units if unit is None or s.unit == unit]
    return {"periods": [e.isoformat() for e in sc.ends], "unread": list(sc.unread), "scores": [
        {"unit": s.unit, "rank": s.rank, "period": s.period, "total": s.total, "base": s.base,
         "deductions": [{"period_end": d.period_end.isoformat(), "goal": d.goal, "rule": d.rule, "level": d.level,
                         "points": d.points} for d in s.deductions]} for s in units]}
