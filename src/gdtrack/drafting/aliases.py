"""Aliases: the short names a plan's readers use for its lead units, drafted from the full names.

Pure text → data. From 区经济发展局: 经济发展局 (without the level 区/县/市/镇) and 经发局 (the first character of
each two-character word of a four-character stem); 审批局, 农服中心, 应急中心 by the same few rules; from
区党政办公室: 党政办公室 and 党政办; from 市生态环境局经开区分局: 生态环境分局; from 市卫健委经开区管理办公室:
卫健办; from 市商贸物流园区管理服务中心商务服务部: 商务服务部 (the department, without its parent body). An alias
that would name two units (or is another unit's full name) is dropped for all of them; the reviewer checks the rest.
"""

from __future__ import annotations

import re

LEVEL_RE = re.compile(r"^(?:区|县|市|镇|乡|街道|旗)(?=[\u4e00-\u9fa5]{3})")
# a city body's branch in the zone: 市生态环境局经开区分局, 市卫健委经开区管理办公室
BRANCH_RE = re.compile(r"^(?P<base>[\u4e00-\u9fa5]{2,8}?)(?:局|委员会|委)(?:[\u4e00-\u9fa5]{1,6}?(?:区|县|园区))?"
                       r"(?P<kind>分局|管理办公室|办公室)$")
# a department of a parent body: …管理服务中心商务服务部
DEPARTMENT_RE = re.compile(r"(?:中心|局|委员会|委|管委会|公司|集团)(?P<dept>[\u4e00-\u9fa5]{2,8}(?:部|处|科|室))$")


def _short(bare: str) -> list[str]:
    """经济发展局 → 经发局; 行政审批服务局 → 审批局; 农业服务中心 → 农服中心; 应急管理中心 → 应急中心;
    党政办公室 → 党政办."""
    if bare.endswith("办公室") and len(bare) > 3:
        return [bare[:-3] + "办"]
    if bare.endswith("局"):
        stem = bare[:-1]
        if stem.startswith("行政") and stem.endswith("服务") and len(stem) > 4:
            return [stem[2:-2] + "局"]
        return [stem[0] + stem[2] + "局"] if len(stem) == 4 and "和" not in stem else []
    if bare.endswith("中心"):
        stem = bare[:-2]
        if len(stem) == 4 and stem.endswith("服务"):
            return [stem[0] + stem[2] + "中心"]
        if len(stem) == 4 and stem.endswith("管理"):
            return [stem[:2] + "中心"]
    return []


def candidates(name: str) -> list[str]:
    """Every short name drafted for one unit, most readable first."""
    bare = LEVEL_RE.sub("", name)
    out: list[str] = []
    if m := BRANCH_RE.match(bare):
        out.append(m.group("base") + ("分局" if m.group("kind") == "分局" else "办"))
    elif m := DEPARTMENT_RE.search(bare):
        out.append(m.group("dept"))
        if len(bare) <= 8 and bare != name:
            out.append(bare)  # 党工委组织部, short enough to say
    else:
        if bare != name:
            out.append(bare)
        out += _short(bare)
    return [a for a in dict.fromkeys(out) if a != name and len(a) >= 2]


def draft_aliases(units: list[str]) -> dict[str, list[str]]:
    """Each unit's aliases; one that would stand for two units, or is a unit's full name, is left out."""
    drafted = {u: candidates(u) for u in units}
    count: dict[str, int] = {}
    for names in drafted.values():
        for a in names:
            count[a] = count.get(a, 0) + 1
    return {u: [a for a in names if count[a] == 1 and a not in drafted] for u, names in drafted.items()}
