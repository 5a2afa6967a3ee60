"""Remits: which of a co-led task's lead units a goal belongs to, from the work its sentence names.

Pure text → data. The knowledge is one table, :data:`REMITS`: words of a field of work (托位, 低保, 超低排放,
促消费 …) → patterns of the names of the units whose remit it is (卫健, 社会事业|民政, 生态环境, 商务 …). A goal of
a task with several lead units is given to the one lead unit whose name matches the remits its quote names (or,
when the quote names none, its sentence); when no lead unit or more than one matches, the goal keeps the first lead
unit and is marked for the reviewer to settle. Add a row to the table for a field of work the plan uses; the
matching is the same for every unit.
"""

from __future__ import annotations

import re

from gdtrack.values import Frozen, frozen

# One row a field of work: its words (any of them, as written in the plan) → words of the names of the units whose
# remit it is (any of them, in the unit's full name)
# ordered from the most specific field to the most general: the first row the words name and a lead unit holds wins
# (“一企一技术”研发中心 is 工信 work before it is 研发; 乡村振兴用地 is land before it is 乡村振兴).
REMITS = """
托位 托育 婴幼儿 产前筛查 生育 医疗卫生 医院 疾控 卫生健康  →  卫健 卫生健康
低保 特困 社会救助 兜底保障 养老 民政 残疾人 殡葬  →  社会事业 民政
超低排放 大气污染 水污染 污染防治 排污 黑臭水体 PM2.5 空气质量 温室气体 生态环境  →  生态环境 环保
促消费 消费券 消费活动 电商 商贸 商务 外贸 进出口 跨境  →  商务 商贸
上市 股改 挂牌 新三板 金融 信贷 贷款 融资 国资 国有资本  →  金融 国资
铁路专用线 港口 集疏运 多式联运 物流  →  物流
耕地 国土空间 永久基本农田 土地供应 供地 用地 田长制 造林 自然资源  →  自然资源 规划
一企一技术 单项冠军 专精特新 瞪羚 规上企业 技术改造 经济增速 可支配收入 → 经济发展 工业和信息化 工信 发改
外资 外商 客商 招商 招引 签约  →  投资促进 招商
科技型中小企业 高新技术企业 创新平台 研发 孵化 科技  →  创新创业 科技 科学技术
人才 就业 公益性岗位 社保 社会保险  →  组织部 人力资源 人社
市政道路 园林绿化 排水 排涝 老旧小区 房地产 住房 公路 交通  →  城乡建设 住房 交通 住建
学校 教育 学位 教师 幼儿园  →  教育
安全生产 应急 消防 防汛  →  应急
食品安全 药品 特种设备 市场监管 双随机 信用监管  →  市场监管 市场监督
粮食 蔬菜 农业 农产品 示范社 示范场 乡村振兴  →  农业 农村
大数据 数据共享 材料共享 电子证照 数字政府 无证明  →  党政办 大数据
审批 政务服务 一网通办 企业登记  →  行政审批 审批
"""
_REMITS = tuple((re.compile("|".join(map(re.escape, words.split()))), re.compile("|".join(units.split())))
                for words, units in (row.split("→") for row in REMITS.strip().splitlines()))


@frozen
class Reading(Frozen):
    """Whose goal it is: `owner` when one lead unit's remit is named (None: the first lead unit), the words that
    said so, and `unsure` when the text names no lead unit's remit or more than one's."""
    owner: str | None
    words: str = ""
    unsure: bool = False
    candidates: tuple[str, ...] = ()


def _matches(text: str, units: list[str]) -> dict[str, str]:
    """The lead units of the first remit (in the table's order, the most specific first) that `text` names and
    some lead unit holds, each with the words that name it."""
    flat = re.sub(r"\s+", "", text)
    for words, unit_re in _REMITS:
        m = words.search(flat)
        found = {unit: m.group(0) for unit in units if m and unit_re.search(unit)}
        if found:
            return found
    return {}


def _nearest(before: str, units: list[str]) -> dict[str, str]:
    """The lead units of the remit named last in `before` (the goal's sentence up to it): a goal that names no field
    of its own (新增市级平台12家) goes with the list item before it (新增省级以上创新平台4家)."""
    flat = re.sub(r"\s+", "", before)
    best: tuple[int, dict[str, str]] = (-1, {})
    for words, unit_re in _REMITS:
        hits = list(words.finditer(flat))
        found = {unit: hits[-1].group(0) for unit in units if hits and unit_re.search(unit)}
        if found and hits[-1].end() > best[0]:
            best = (hits[-1].end(), found)
    return best[1]


def owner_of(quote: str, before: str, after: str, lead: list[str]) -> Reading:
    """The lead unit a goal of a co-led task belongs to, from its quote, else the words before it in its sentence,
    else the words after it; a single lead unit owns every goal."""
    if len(lead) < 2:
        return Reading(None)
    for found in (_matches(quote, lead), _nearest(before, lead), _matches(after, lead)):
        if len(found) == 1:
            unit, words = next(iter(found.items()))
            return Reading(None if unit == lead[0] else unit, words)
        if len(found) > 1:
            return Reading(None, "、".join(dict.fromkeys(found.values())), unsure=True, candidates=tuple(found))
    return Reading(None, unsure=True)
