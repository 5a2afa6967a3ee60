"""Attribution: who leads a task, who helps, who answers for it and by when — whatever form the plan uses.

Pure text → data. Forms handled: labelled (`牵头单位：X、Y`, `责任单位:X`, `牵头单位:X,配合单位:Y`, `参与单位`,
`牵头部门:X,责任部门:Y`, `责任领导:A;牵头单位:X;责任单位:Y`, `完成时限：…`), unlabelled (`X牵头,Y等部门配合`,
`X负责`, `X、Y按职责分工负责`), in full-width or half-width punctuation, in a bracket at the end of the task (or
before its closing 。), or on lines of their own. A bracket that names no unit and no role (a place name after an
institution's name) is not an attribution and stays in the task's text.
"""

from __future__ import annotations

import re
from dataclasses import field

from gdtrack.values import Value, record

LEADER_LABELS = ("责任领导", "分管领导", "牵头领导", "包保领导")
LEAD_LABELS = ("牵头单位", "牵头部门", "主责单位")
RESP_LABELS = ("责任单位", "责任部门")
CO_LABELS = ("配合单位", "配合部门", "参与单位", "参与部门", "协办单位", "协同单位", "协助单位")
DEADLINE_LABELS = ("完成时限", "完成时间", "时间节点", "时限要求", "时限")
LABEL_RE = re.compile(r"(" + "|".join(LEADER_LABELS + LEAD_LABELS + RESP_LABELS + CO_LABELS + DEADLINE_LABELS)
                      + r")\s*[:：]")
UNIT_SUFFIX_RE = re.compile(r"(?:局|中心|办公室|办|部|委|委员会|管委会|党工委|政府|分局|院|所|公司|集团|"
                            r"队|站|室|处|科|组|会|街道|镇|乡|厅|署|行|社|馆|台|团|部门|单位|机构)$")
LEAD_SUFFIX_RE = re.compile(r"(?:按职责分工负责|按照职责分工负责|按职责分别负责|分别负责|共同负责|具体负责|"
                            r"负责落实|负责|牵头抓总|牵头)$")
CO_SUFFIX_RE = re.compile(r"(?:按职责分工配合|按职责配合|配合落实|共同配合|积极配合|配合|参与|协助|协同|协办)$")
TRAILING_ATTR_RE = re.compile(
    r"[（(]((?:[^（）()]|[（(][^（）()]*[）)])*)[）)][ \t\u3000\r\n]*[。.]?[ \t\u3000\r\n]*$")


@record
class Attribution(Value):
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    deadline: str | None = None
    raw: str = ""

    def merge(self, other: Attribution) -> Attribution:
        return Attribution(_dedupe(self.lead + other.lead), _dedupe(self.co + other.co),
                           _dedupe(self.leaders + other.leaders), self.deadline or other.deadline,
                           "；".join(r for r in (self.raw, other.raw) if r))


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _flat(text: str) -> str:
    """Line breaks (and the spaces around them) removed: a unit's name may be wrapped across lines."""
    return re.sub(r"[ \t\u3000]*[\r\n]+[ \t\u3000]*", "", text).strip(" \t\u3000")


def _items(text: str) -> list[tuple[str, str | None]]:
    """Names in a list, each with the role its own suffix gives it ('lead', 'co' or None)."""
    out = []
    for clause in re.split(r"[，,；;。]", text):
        clause = clause.strip(" \t\u3000")
        if not clause:
            continue
        role = None
        if m := LEAD_SUFFIX_RE.search(clause):
            role, clause = "lead", clause[:m.start()]
        elif m := CO_SUFFIX_RE.search(clause):
            role, clause = "co", clause[:m.start()]
        clause = re.sub(r"^(?:由|请)", "", clause)
        clause = re.sub(r"(?:等有关部门|等相关部门|等部门|等单位|等)$", "", clause)
        for name in re.split(r"[、/／\s]+", clause):
            name = name.strip(" \t\u3000")
            if name:
                out.append((name, role))
    return out


def parse(content: str) -> Attribution | None:
    """The attribution in a bracket's content or on its own lines; None when it is not one."""
    flat = _flat(content)
    if flat[:1] in "（(【[［" and flat[-1:] in "）)】]］":
        flat = flat[1:-1].strip(" \t\u3000")  # （牵头单位：X） or 【牵头单位：X】 on a line of its own
    if not flat:
        return None
    labels = list(LABEL_RE.finditer(flat))
    if labels and not flat[:labels[0].start()].strip(" \t\u3000（(，,；;"):
        return _labelled(flat, labels)
    if labels:
        return None
    items = _items(flat)
    if not items:
        return None
    with_role = any(role for _, role in items)
    if not with_role and not all(UNIT_SUFFIX_RE.search(name) for name, _ in items):
        return None  # （济宁西）, （嘉瑞路往东共160米）: part of the text, not an attribution
    if with_role and not any(UNIT_SUFFIX_RE.search(name) or name.startswith(("各", "区直", "市直"))
                             for name, _ in items):
        return None
    att = Attribution(raw=flat)
    for name, role in items:
        (att.co if role == "co" else att.lead).append(name)
    att.lead, att.co = _dedupe(att.lead), _dedupe(att.co)
    return att


def _labelled(flat: str, labels: list[re.Match]) -> Attribution:
    att = Attribution(raw=flat)
    has_lead_label = any(m.group(1) in LEAD_LABELS for m in labels)
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(flat)
        value = flat[m.end():end].strip(" \t\u3000，,；;。.")
        label = m.group(1)
        if not value:
            continue
        if label in DEADLINE_LABELS:
            att.deadline = value
        elif label in LEADER_LABELS:
            att.leaders += [n for n in re.split(r"[、，,；;/\s]+", value) if n]
        else:
            default = "co" if label in CO_LABELS or (label in RESP_LABELS and has_lead_label) else "lead"
            for name, role in _items(value):
                (att.co if (role or default) == "co" else att.lead).append(name)
    att.lead, att.co, att.leaders = _dedupe(att.lead), _dedupe(att.co), _dedupe(att.leaders)
    if att.lead and att.co:
        att.co = [n for n in att.co if n not in att.lead]
    return att


def split_trailing(paragraph: str) -> tuple[int, Attribution | None]:
    """Where the task's own text ends in its paragraph, and the attribution in the bracket that closes it.

    `（牵头单位：X）` at the very end or before the closing 。 is cut off; any other final bracket stays.
    """
    m = TRAILING_ATTR_RE.search(paragraph)
    if m:
        att = parse(m.group(1))
        if att is not None and (att.lead or att.co or att.leaders):
            end = m.start()
            while end > 0 and paragraph[end - 1] in " \t\u3000\r\n":
                end -= 1
            return end, att
    return len(paragraph), None


LEADING_BRACKET_RE = re.compile(r"[ \t\u3000]*(?:【([^【】]*)】|［([^［］]*)］|\[([^\[\]]*)\]|"
                                r"[（(]((?:[^（）()]|[（(][^（）()]*[）)])*)[）)])[ \t\u3000\r\n]*")
LEADING_LABELLED_RE = re.compile(r"[ \t\u3000]*(?=(?:" + "|".join(LEADER_LABELS + LEAD_LABELS + RESP_LABELS + CO_LABELS
                                 + DEADLINE_LABELS) + r")\s*[:：])([^。\r\n]*?)(?:。|[ \u3000]{2,}|\r?\n)"
                                 r"[ \t\u3000\r\n]*")
GLUED_RE = re.compile(r"(.{2,}?(?:局|中心|办公室|办|委员会|委|管委会|党工委|政府|部|院|公司|集团|街道|镇|乡))"
                      r"[ \u3000:：（(]*([\u4e00-\u9fa5]{2,3})[）)]?")
NOT_A_PERSON_RE = re.compile(UNIT_SUFFIX_RE.pattern + r"|^(?:等|各|有关|相关)")


def split_leading(paragraph: str) -> tuple[int, Attribution | None]:
    """Where the task's own text starts in its paragraph, and the attribution before it: 【牵头单位：X；配合单位：Y】,
    （牵头单位：X）, or 牵头单位：X。 (up to a 。, a line's end or a run of spaces), one after another."""
    start, found = 0, None
    while True:
        m = LEADING_BRACKET_RE.match(paragraph, start)
        content = next((g for g in m.groups() if g is not None), None) if m else None
        if m is None:
            m = LEADING_LABELLED_RE.match(paragraph, start)
            content = m.group(1) if m else None
        att = parse(content) if content else None
        if m is None or att is None or not (att.lead or att.co or att.leaders or att.deadline) or m.end() >= len(
                paragraph.rstrip()):
            return start, found
        found = att if found is None else found.merge(att)
        start = m.end()


def unglued(att: Attribution) -> Attribution:
    """A unit and a person in one cell (区经济发展局王明, 区经济发展局（王明）, 区经济发展局 王明): the person is a
    leader."""
    out = Attribution(leaders=list(att.leaders), deadline=att.deadline, raw=att.raw)
    for names, into in ((att.lead, out.lead), (att.co, out.co)):
        for name in names:
            m = GLUED_RE.fullmatch(name)
            if m and not NOT_A_PERSON_RE.search(m.group(2)):
                into.append(m.group(1))
                out.leaders.append(m.group(2))
            elif into and re.fullmatch(r"[\u4e00-\u9fa5]{2,3}", name) and not NOT_A_PERSON_RE.search(name):
                out.leaders.append(name)  # a person after the unit, a space between
            else:
                into.append(name)
    out.lead, out.co, out.leaders = _dedupe(out.lead), _dedupe(out.co), _dedupe(out.leaders)
    return out


def first_as_lead(att: Attribution) -> Attribution:
    """The plan says the first-listed unit leads (排在第一位的为牵头单位): the others help."""
    if len(att.lead) < 2:
        return att
    return Attribution(att.lead[:1], _dedupe(att.lead[1:] + att.co), att.leaders, att.deadline, att.raw)


def from_cells(cells: dict[str, str]) -> Attribution:
    """A table row's 责任领导 / 牵头单位 / 责任单位 / 配合单位 / 完成时限 columns."""
    parts = []
    names = {"leaders": "责任领导", "lead": "牵头单位", "resp": "责任单位", "co": "配合单位", "deadline": "完成时限"}
    for key in ("leaders", "lead", "resp", "co", "deadline"):
        value = _flat(cells.get(key, ""))
        if value:
            parts.append(f"{names[key]}：{value}")
    if not parts:
        return Attribution()
    return unglued(parse("；".join(parts)) or Attribution())
