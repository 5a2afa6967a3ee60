"""`gdtrack scores`: the 考核 ranking, and one unit's deductions, each with its goal, period and rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gdtrack.engine.scoring import RULES, Deduction, Scores, UnitScore
from gdtrack.engine.timeliness import UnitTimeliness
from gdtrack.views.grid import Column, Grid
from gdtrack.views.numbers import NONE, number, percent
from gdtrack.words import Lang, word


def rules_line(sc: Scores, rules: Any, lang: Lang) -> str:
    """The rule the figures follow, with its points, and the periods they cover."""
    span = word("scores.span", lang, first=sc.ends[0], last=sc.ends[-1], n=len(sc.ends)) if sc.ends \
        else word("scores.no_period", lang)
    levels = word("list.sep", lang).join(f"{name} {number(p)}" for name, p in rules.levels.items()) or NONE
    return word("scores.rules", lang, base=number(rules.base), behind=number(rules.behind),
                lagging=number(rules.lagging), missed=number(rules.missed), missing=number(rules.missing_report),
                late=number(rules.late_report), overdue=number(rules.overdue_reply), levels=levels, span=span,
                returned=number(rules.returned_report))


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
        grid.add(d.period_end, d.goal or NONE, rule_text(d, lang), number(d.points))
    return grid


def rule_text(d: Deduction, lang: Lang) -> str:
    """The rule a deduction was made by, in words; a late report dated by its commit says so."""
    said = word(f"scores.rule.{d.rule}", lang, level=d.level or "")
    return said + (word("scores.from_git", lang) if d.source == "git" else "")


def unit_lines(s: UnitScore, lang: Lang) -> list[str]:
    return [word("scores.unit", lang, unit=s.unit, rank=s.rank, period=number(s.period), total=number(s.total),
                 n=len(s.deductions))]


def scores_json(sc: Scores, unit: str | None = None) -> dict[str, Any]:
    units = [s for s in sc.units if unit is None or s.unit == unit]
    return {"periods": [e.isoformat() for e in sc.ends], "unread": list(sc.unread), "scores": [
        {"unit": s.unit, "rank": s.rank, "period": s.period, "total": s.total, "base": s.base,
         "deductions": [{"period_end": d.period_end.isoformat(), "goal": d.goal, "rule": d.rule, "level": d.level,
                         "points": d.points, "source": d.source} for d in s.deductions]} for s in units]}


# ── 考核 and 报送率 / 及时率 in the documents (bulletin, ledger) ─────────────────────────────────────


def points_text(points: float, lang: Lang) -> str:
    """A rule's points as a document says them: −1 → "扣1分", 2 → "加2分", 0 → "不扣分"."""
    if not points:
        return word("scores.doc.zero", lang)
    return word("scores.doc.minus" if points < 0 else "scores.doc.plus", lang, p=number(abs(points)))


def rules_sentence(sc: Scores, rules: Any, lang: Lang, day: Callable[[Any], str] = str) -> str:
    """The rules of the 考核 as one sentence of a document, with their points from `plan.policy.scoring` and the
    periods scored (`day` writes their dates): "考核计分规则：基础分100分；每项指标每期略滞后扣1分…"."""
    sep = word("list.sep", lang)
    levels = sep.join(word("scores.doc.level", lang, level=name, points=points_text(p, lang))
                      for name, p in rules.levels.items() if p) or word("scores.doc.no_level", lang)
    span = word("scores.span", lang, first=day(sc.ends[0]), last=day(sc.ends[-1]), n=len(sc.ends)) if sc.ends \
        else word("scores.no_period", lang)
    return word("scores.doc.rules", lang, base=number(rules.base), behind=points_text(rules.behind, lang),
                lagging=points_text(rules.lagging, lang), missed=points_text(rules.missed, lang), levels=levels,
                missing=points_text(rules.missing_report, lang), late=points_text(rules.late_report, lang),
                overdue=points_text(rules.overdue_reply, lang), returned=points_text(rules.returned_report, lang),
                span=span)


def lost_text(s: UnitScore, lang: Lang) -> str:
    """Where a unit's points went, the year so far: "滞后 -4、缺报 -10" (rules in RULES' order), or "—"."""
    lost = s.by_rule()
    return word("list.sep", lang).join(f"{word(f'scores.col.{rule}', lang)} {number(lost[rule])}"
                                       for rule in RULES if lost.get(rule)) or NONE


def ranking_rows(sc: Scores) -> list[list[Any]]:
    """The ranking as figures: rank, unit, this period's score, the year's, then the points lost by each rule
    (None: none lost by it)."""
    return [[s.rank, s.unit, s.period, s.total, *map(s.by_rule().get, RULES)] for s in sc.units]


def ranking_headers(lang: Lang) -> list[str]:
    return [word(f"scores.col.{k}", lang) for k in ("rank", "unit", "period", "total", *RULES)]


def deduction_headers(lang: Lang) -> list[str]:
    return [word(f"scores.col.{k}", lang) for k in ("unit", "period_end", "goal", "goal_name", "rule", "level",
                                                    "points")]


def deduction_rows(sc: Scores, names: dict[str, str], lang: Lang) -> list[list[Any]]:
    """Every deduction of every unit, in ranking order: unit, period end, goal id and name, the rule in words, the
    escalation level, the points."""
    return [[s.unit, d.period_end, d.goal, names.get(d.goal) if d.goal else None, rule_text(d, lang), d.level,
             d.points] for s in sc.units for d in s.deductions]


def arrival_text(t: UnitTimeliness, lang: Lang) -> str:
    """The latest due period's report of a unit: "按时（2023-10-20）", "迟报（…）", "未报送", "已报送，未记日期"."""
    if not t.periods:
        return NONE
    p = t.periods[-1]
    via = word("timeliness.via_git", lang) if p.source == "git" else ""
    return word(f"timeliness.arrival.{p.arrival}", lang, d=p.submitted or "", via=via)


def timeliness_headers(lang: Lang, latest: bool = True) -> list[str]:
    keys = ("unit", "due", "received", "on_time_n", "late_n", "unknown_n", "periods_rate", "on_time")
    return [word(f"timeliness.col.{k}", lang) for k in keys] + ([word("timeliness.col.latest", lang)] if latest else [])


def timeliness_rows(arrivals: dict[str, UnitTimeliness], lang: Lang, latest: bool = True) -> list[list[Any]]:
    """Each unit: periods due, received, on time, late, without their day, 报送率（期）, 及时率, and (`latest`) how
    the latest due period's report came in."""
    return [[t.unit, t.due, t.received, t.count("on_time"), t.count("late"), t.count("unknown"),
             percent(t.completeness), percent(t.timeliness), *([arrival_text(t, lang)] if latest else [])]
            for t in arrivals.values()]


def latest_period_line(arrivals: dict[str, UnitTimeliness], lang: Lang, day: Callable[[Any], str] = str) -> str | None:
    """"最近一期：截至 2023-09-30，截止日 2023-10-31", the period the last column is about (`day` writes dates)."""
    last = next((t.periods[-1] for t in arrivals.values() if t.periods), None)
    return None if last is None else word("timeliness.latest", lang, end=day(last.period_end),
                                          deadline=day(last.deadline))


def rules_label(sc: Scores, lang: Lang) -> str:
    """The ledger's line over the rules: "计分规则（计 2023-08-31 至 2023-10-31 共 3 期）"."""
    span = word("scores.span", lang, first=sc.ends[0], last=sc.ends[-1], n=len(sc.ends)) if sc.ends \
        else word("scores.no_period", lang)
    return word("scores.doc.rules_label", lang, span=span)


def rules_rows(cat: Any, lang: Lang) -> list[list[Any]]:
    """The rules as rows of a sheet: each rule in words and its points, from `plan.policy.scoring`."""
    rules = cat.plan.policy.scoring
    rows: list[list[Any]] = [[word("scores.doc.base", lang), rules.base]]
    for rule in RULES:
        if rule == "level":
            rows += [[word("scores.rule.level", lang, level=name), p] for name, p in rules.levels.items()]
        else:
            rows.append([word(f"scores.rule.{rule}", lang), getattr(rules, rule)])
    return rows
