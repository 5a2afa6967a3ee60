"""Synthetic plans for benchmarking gdtrack: a catalogue and one progress file per unit, at a scale factor.

×1 looks like the shipped plan (济开管办字〔2023〕5号): 68 tasks in 11 chapters, 21 lead units and 119 indicators
with the same mix of comparators, lead-unit counts and indicators per task, and 3 quarterly reports. ×N repeats
that shape N times over (N·68 tasks, N·119 indicators, N·21 units) with 12 monthly reports from ×10 up. Every
figure is invented; the progress files say so on their first line.

    python bench/generate.py --scale 10 --out /tmp/gd10

The output is deterministic for a given (scale, seed): one `random.Random(seed)`, no global random state, and
the YAML is written as text (no dumper), so two runs give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sys
from pathlib import Path

# ── the shape of the real plan, per block of 68 tasks ────────────────────────────────────────────

CHAPTER_TASKS = [4, 7, 7, 11, 3, 7, 5, 10, 8, 3, 3]  # tasks per chapter; the last 3 tasks have no lead unit
LED_TASKS = 65
LEAD_COUNTS = [1] * 38 + [2] * 17 + [3] * 7 + [4] * 3  # lead units per task (the real one with 6 counted as 4)
INDICATOR_COUNTS = [1] * 39 + [2] * 11 + [3] * 9 + [4] * 3 + [5] * 2 + [9]  # indicators per task: 119
COMPARATORS = [">="] * 71 + ["milestone"] * 43 + ["<="] * 3 + ["delta_pct", "delta_pp"]  # 119
assert sum(CHAPTER_TASKS) == 68 and len(LEAD_COUNTS) == len(INDICATOR_COUNTS) == LED_TASKS
assert sum(INDICATOR_COUNTS) == len(COMPARATORS) == 119

UNITS = [  # (full name, short name used in `evidence`)
    ("区创新创业服务中心", "创服中心"), ("区经济发展局", "经发局"), ("区党工委组织部", "组织部"),
    ("区投资促进局", "投促局"), ("市商贸物流园区管理服务中心商务服务部", "商务服务部"),
    ("区城乡建设和交通局", "城建局"), ("区社会事业中心", "社会事业中心"), ("区金融和国资管理局", "金融局"),
    ("市自然资源和规划局经开区分局", "自然资源分局"), ("市商贸物流园区管理服务中心规划发展部", "规划发展部"),
    ("市商贸物流园区管理服务中心物流服务部", "物流服务部"), ("市生态环境局经开区分局", "生态环境分局"),
    ("区农业服务中心", "农服中心"), ("区党群工作中心", "党群中心"), ("区党政办公室", "党政办"), ("区财政局", "财政局"),
    ("区行政审批服务局", "审批局"), ("区市场监管中心", "市场监管中心"), ("市教育局经开区分局", "教育分局"),
    ("市卫健委经开区管理办公室", "卫健办"), ("区应急管理中心", "应急中心"),
]
CHAPTER_TITLES = [
    "聚力创新驱动，建设高水平创新园区", "聚力动能转换，构建现代产业体系", "聚力扩大内需，释放市场消费潜能",
    "聚力绿色低碳，推动生态环境持续改善", "聚力文化建设，推进精神文明创建", "聚力区域协调，促进城乡融合发展",
    "聚力乡村振兴，打造现代农业示范区", "聚力改革开放，激发发展动力活力", "聚力民生福祉，夯实共同富裕基础",
    "聚力统筹安全，守牢安全发展底线", "切实抓好组织实施",
]
TASK_TITLES = [
    "搭建创新平台", "培育创新主体", "招引创新人才", "优化创新生态", "壮大优势产业集群", "推动传统产业提质增效",
    "大力发展数字经济", "发展现代服务业", "加大项目招引力度", "加快重点项目建设", "完善要素保障机制",
    "推动消费扩容提质",
    "建设便捷高效交通网", "健全物流网络体系", "发展可再生能源", "完善能源基础设施", "加强国土空间管控",
    "大力发展绿色建筑", "深入推进污染防治", "强化生态建设和修复", "深入实施文明创建", "推进城乡融合发展",
    "建设高标准农田", "改善农村人居环境", "深化重点领域改革", "优化营商环境", "扩大高水平开放", "促进高质量充分就业",
    "办好人民满意教育", "推进健康园区建设", "完善社会保障体系", "防范化解重大风险", "抓好安全生产",
]
FILLERS = ["健全工作推进机制", "加强督导调度", "强化要素保障", "压实各方责任", "形成工作合力", "加大政策支持力度"]
CLOSING = [  # tasks without a lead unit (the plan's 组织实施 chapter)
    ("加强组织领导", "加强组织领导。充分发挥领导小组作用，统筹推进全区重点工作，区直有关部门（单位）发挥主体作用。"),
    ("完善工作机制", "完善工作机制。将各项重点工作任务纳入部门台账，实行清单式定期调度，确保重点任务落细落实。"),
    ("强化督导考核", "强化督导考核。将任务完成情况纳入综合考核，定期通报进展，对工作滞后的单位督促整改。"),
]
# ">=" goals: (name, unit, kind, low, high); kind: int (counts), float (amounts), level (rates: the current level)
GE_THINGS = [
    ("省级以上创新平台", "家", "int", 2, 12), ("科技型中小企业", "家", "int", 20, 90),
    ("国家级高新技术企业", "家", "int", 5, 30), ("5G基站", "个", "int", 10, 60), ("重点项目", "个", "int", 10, 50),
    ("技改投资", "亿元", "float", 2, 30), ("固定资产投资", "亿元", "float", 20, 120),
    ("绿色建筑面积", "万平方米", "float", 5, 40), ("高标准农田", "万亩", "float", 0.5, 3),
    ("农村公路", "公里", "int", 5, 40), ("公共充电桩", "个", "int", 50, 300), ("市场主体", "户", "int", 500, 3000),
    ("高技能人才", "人", "int", 50, 400), ("招商推介活动", "场", "int", 4, 20), ("养老服务设施", "处", "int", 2, 10),
    ("普惠性幼儿园", "所", "int", 2, 8), ("城镇新增就业", "人", "int", 800, 3000),
    ("外贸进出口额", "亿元", "float", 10, 80), ("燃气管道", "公里", "int", 3, 20),
    ("每千人口托位数", "个/千人", "level", 2, 5), ("规上工业企业研发机构建有率", "%", "level", 30, 60),
    ("绿色建筑占比", "%", "level", 60, 100), ("农村生活污水治理率", "%", "level", 40, 90),
]
GE_FORMS = ["新增{name}{n}{unit}以上", "完成{name}{n}{unit}", "{name}达到{n}{unit}", "全年{name}不少于{n}{unit}"]
LEVEL_FORMS = ["{name}达到{n}{unit}以上", "{name}提升至{n}{unit}"]
MS_THINGS = [
    "智慧园区管理平台", "产业发展专项规划", "企业数字化诊断", "220千伏输变电工程", "城市更新实施方案",
    "社区综合服务中心", "应急指挥中心", "标准化厂房", "污水处理厂提标改造", "数字乡村试点", "人才公寓",
    "一网通办服务专区", "低空经济产业园", "物流枢纽前期工作", "国土空间详细规划",
]
MS_VERBS = ["建设", "编制", "验收", "启动", "投用"]
MS_FORMS = ["完成{thing}{verb}", "推进{thing}{verb}", "高标准完成{thing}{verb}工作"]
LE_THINGS = [("农村黑臭水体", "处"), ("重大安全隐患", "项"), ("拖欠农民工工资案件", "件"), ("“一星村”", "个")]
LE_FORMS = ["实现{name}动态清零", "全面消除{name}"]
DELTA_PCT_THINGS = [("社会消费品零售总额", "亿元", 50, 300), ("城乡低保保障标准", "元/月", 600, 1200)]
DELTA_PP_THINGS = [("家庭医生签约率", "%", 40, 70), ("优良天数比例", "%", 55, 75)]
MS_NOTES = {
    "not_started": ["计划下季度启动", "正在谋划实施方案", "等待上级批复"],
    "in_progress": ["方案编制中", "已完成招标", "正在组织实施", "主体工程施工中", "完成前期调研"],
    "done": ["已完成并通过验收", "已正式投用", "已印发实施"],
    "blocked": ["受用地指标影响暂缓", "资金未到位，暂停推进", "等待规划调整"],
}
EVIDENCE_OTHER = ["统计月报", "省市系统数据", "重点项目调度表", "部门工作简报"]

PLAN_START = dt.date(2023, 1, 1)
PLAN_END = dt.date(2023, 12, 31)
QUARTERLY = [dt.date(2023, 3, 31), dt.date(2023, 6, 30), dt.date(2023, 9, 30)]
MONTHLY = [dt.date(2023, m + 1, 1) - dt.timedelta(days=1) for m in range(1, 12)] + [PLAN_END]
CN_DIGITS = "零一二三四五六七八九"


def report_dates(scale: int) -> list[dt.date]:
    """3 quarter-ends at ×1 (like the shipped sample), the 12 month-ends of 2023 from ×10 up."""
    return MONTHLY if scale >= 10 else QUARTERLY


def _cn(n: int) -> str:
    """Chinese numeral for 1–99, as in the plan's chapter headings (一、 十一、 二十三、)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN_DIGITS[tens]) + "十" if tens else "") + (CN_DIGITS[ones] if ones else "")


def _num(x: float | int) -> str:
    return str(x) if isinstance(x, int) else repr(round(x, 1))


def _q(s: str) -> str:
    """A double-quoted YAML scalar (our texts never contain a backslash or a double quote)."""
    return f'"{s}"'


class _Indicator:
    __slots__ = ("id", "name", "quote", "comparator", "target", "unit", "baseline", "due", "owner", "stretch",
                 "kind", "reporters", "values")

    def __init__(self, **kw: object) -> None:
        self.baseline = self.due = self.owner = None
        self.stretch = False
        self.kind = "int"
        for k, v in kw.items():
            setattr(self, k, v)


def _make_indicator(rng: random.Random, comparator: str) -> tuple[str, dict]:
    """One goal: its clause for the task text (also its quote) and its fields."""
    if comparator == ">=":
        name, unit, kind, lo, hi = rng.choice(GE_THINGS)
        whole = kind == "int" or unit == "%"
        target: float | int = rng.randint(int(lo), int(hi)) if whole else round(rng.uniform(lo, hi), 1)
        n = _num(target)
        extra: dict = {"kind": kind}
        if rng.random() < 0.012 and kind != "level":
            clause = f"到2024年底{name}累计达到{n}{unit}"
            extra["due"] = dt.date(2024, 12, 31)
        elif kind == "level":
            clause = rng.choice(LEVEL_FORMS).format(name=name, n=n, unit=unit)
        else:
            clause = rng.choice(GE_FORMS).format(name=name, n=n, unit=unit)
        if rng.random() < 0.035:
            clause, extra["stretch"] = "力争" + clause, True
        return clause, dict(name=name, unit=unit, target=target, **extra)
    if comparator == "milestone":
        thing, verb = rng.choice(MS_THINGS), rng.choice(MS_VERBS)
        return rng.choice(MS_FORMS).format(thing=thing, verb=verb), dict(name=thing + verb, unit=None, target=None)
    if comparator == "<=":
        name, unit = rng.choice(LE_THINGS)
        return rng.choice(LE_FORMS).format(name=name), dict(name=name, unit=unit, target=0)
    if comparator == "delta_pct":
        name, unit, lo, hi = rng.choice(DELTA_PCT_THINGS)
        target = rng.randint(5, 12)
        return f"{name}在上年基础上增长{target}%", dict(name=name + "增幅", unit=unit, target=target,
                                                         baseline=round(rng.uniform(lo, hi), 1), kind="float")
    name, unit, lo, hi = rng.choice(DELTA_PP_THINGS)
    target = rng.randint(2, 6)
    return f"{name}提升{target}个百分点", dict(name=name, unit=unit, target=target,
                                               baseline=round(rng.uniform(lo, hi), 1), kind="float")


def _values(rng: random.Random, ind: _Indicator, dates: list[dt.date]) -> list:
    """The figure on each report date (None = not reported that day). Cumulative, never going backwards."""
    due = ind.due or PLAN_END
    span = (due - PLAN_START).days + 1
    fracs = [((d - PLAN_START).days + 1) / span for d in dates]
    gamma = rng.uniform(0.7, 1.5)  # shape of the year: early (γ<1) or late (γ>1) progress
    out: list = []
    c = ind.comparator
    if c == ">=":
        reach = rng.uniform(0.55, 1.25)  # where the year ends against the target
        if ind.kind == "level":
            base = ind.target * rng.uniform(0.5, 0.8)
            ind.baseline = round(base, 1)  # a level has a value when the year starts
            out = [round(base + max(0.0, ind.target * reach - base) * f ** gamma, 1) for f in fracs]
        elif ind.kind == "float":
            out = [round(ind.target * reach * f ** gamma, 1) for f in fracs]
        else:
            out = [math.floor(ind.target * reach * f ** gamma) for f in fracs]
        for i in range(1, len(out)):
            out[i] = max(out[i], out[i - 1])
    elif c == "<=":
        left, reach = rng.randint(3, 15), rng.uniform(0.6, 1.0)
        ind.baseline = left  # what there was to clear when the year started
        out = [max(0, math.ceil(left * (1 - reach * f ** gamma) - 1e-9)) for f in fracs]
        for i in range(1, len(out)):
            out[i] = min(out[i], out[i - 1])
    elif c == "delta_pct":
        reach = rng.uniform(0.5, 1.2)
        out = [round(ind.baseline * (1 + ind.target / 100 * reach * f), 1) for f in fracs]
    elif c == "delta_pp":
        reach = rng.uniform(0.5, 1.2)
        out = [round(ind.baseline + ind.target * reach * f, 1) for f in fracs]
    else:  # milestone: not_started → in_progress → done, or stuck, or blocked from some date on
        n = len(dates)
        start, finish = rng.randint(0, max(0, n // 3)), rng.randint(n // 2, n + 2)
        blocked = rng.randint(start, n) if rng.random() < 0.08 else n + 1
        for i in range(n):
            out.append("blocked" if i >= blocked else "done" if i >= finish else
                       "in_progress" if i >= start else "not_started")
    first = rng.randint(1, len(dates) - 1) if rng.random() < 0.2 else 0  # some goals are first reported later
    return [None if i < first else v for i, v in enumerate(out)]


def _note(rng: random.Random, ind: _Indicator, value: object) -> str:
    if ind.comparator == "milestone":
        return rng.choice(MS_NOTES[value])  # type: ignore[index]
    v = _num(value)  # type: ignore[arg-type]
    if ind.comparator == "<=":
        return f"{ind.name}已全部清零" if value == 0 else f"剩余{v}{ind.unit}正在整治"
    if ind.comparator in ("delta_pct", "delta_pp"):
        return f"当前为{v}{ind.unit}，基数为{_num(ind.baseline)}{ind.unit}"  # type: ignore[arg-type]
    if ind.kind == "level":
        return f"{ind.name}当前为{v}{ind.unit}"
    return f"{ind.name}累计完成{v}{ind.unit}"


def _evidence(rng: random.Random, short: str, day: dt.date) -> str:
    r = rng.random()
    if r < 0.7:
        return f"{short}{day.month}月台账"
    if r < 0.85:
        return f"{short}工作调度表"
    return rng.choice(EVIDENCE_OTHER)


def generate(scale: int, out: Path, seed: int = 2023) -> dict:
    """Write `out/tasks.yaml` and `out/progress/<unit>.yaml` for a plan `scale` times the real one; return counts."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    rng = random.Random(seed)
    out = Path(out)
    dates = report_dates(scale)

    units: list[tuple[str, str]] = []  # (name, short)
    chapters: list[tuple[int, str]] = []
    tasks: list[dict] = []
    indicators: list[_Indicator] = []
    task_id = 0
    for block in range(scale):
        prefix = "" if block == 0 else f"第{block + 1}片区"
        block_units = [(prefix + name, short) for name, short in UNITS]
        units += block_units
        names = [u[0] for u in block_units]
        shorts = dict(block_units)
        lead_counts, ind_counts, comparators = LEAD_COUNTS[:], INDICATOR_COUNTS[:], COMPARATORS[:]
        rng.shuffle(lead_counts)
        rng.shuffle(ind_counts)
        rng.shuffle(comparators)
        firsts = [names[i % len(names)] for i in range(LED_TASKS)]  # every unit leads a few tasks
        rng.shuffle(firsts)
        led = 0
        for ci, count in enumerate(CHAPTER_TASKS):
            number = block * len(CHAPTER_TASKS) + ci + 1
            chapters.append((number, CHAPTER_TITLES[ci]))
            for _ in range(count):
                task_id += 1
                if led == LED_TASKS:  # the closing tasks: no lead unit, no indicator
                    title, text = CLOSING[(task_id - 1) % len(CLOSING)]
                    tasks.append(dict(id=task_id, chapter=number, title=title, text=text, lead_units=[],
                                      indicators=[]))
                    continue
                first = firsts[led]
                lead = [first, *rng.sample([n for n in names if n != first], lead_counts[led] - 1)]
                title = rng.choice(TASK_TITLES)
                clauses, inds = [], []
                for k in range(ind_counts[led]):
                    comparator = comparators.pop()
                    clause, fields = _make_indicator(rng, comparator)
                    ind = _Indicator(id=f"{task_id}.{k + 1}", quote=clause, comparator=comparator, **fields)
                    if len(lead) > 1 and rng.random() < 0.35:
                        ind.owner = rng.choice(lead[1:])
                    owner = ind.owner or first
                    ind.reporters = [(owner, shorts[owner], True)]
                    if len(lead) > 1 and rng.random() < 0.05:  # a co-lead reports it too (the owner's figure wins)
                        other = rng.choice([u for u in lead if u != owner])
                        ind.reporters.append((other, shorts[other], False))
                    ind.values = None if rng.random() < 0.10 else _values(rng, ind, dates)  # 10%: never reported
                    if ind.values is None and ind.baseline is None and (comparator == "<=" or ind.kind == "level"):
                        # a level has a value when the year starts, reported or not (no random draw: the other
                        # figures stay as they were)
                        ind.baseline = 10 if comparator == "<=" else round(ind.target * 0.65, 1)
                    clauses.append(clause)
                    inds.append(ind)
                if rng.random() < 0.5:
                    clauses.insert(rng.randint(0, len(clauses)), rng.choice(FILLERS))
                text = f"{title}。" + "，".join(clauses) + "。"
                for ind in inds:  # 力争 holds for every goal after it in its sentence (check's stretch rule)
                    at = text.find(ind.quote)
                    start = max(text.rfind(ch, 0, at) for ch in "。；;！？") + 1
                    ind.stretch = "力争" in text[start:at + len(ind.quote)]
                tasks.append(dict(id=task_id, chapter=number, title=title, text=text, lead_units=lead,
                                  indicators=inds))
                indicators += inds
                led += 1

    # ── the catalogue ──
    w = [
        f"# 合成基准数据（虚构，×{scale}，种子 {seed}）：bench/generate.py 生成的重点工作任务清单，仅用于性能测试。",
        "# A synthetic catalogue for benchmarking gdtrack, shaped like the shipped plan (chapters, tasks, lead units,",
        "# indicators); every `quote` is verbatim from its task's `text`. Regenerate it rather than editing it.",
        "plan:",
        f'  title: "某经济技术开发区2023年重点工作任务（合成基准数据 ×{scale}）"',
        f'  document_number: "基准〔2023〕{scale}号"',
        "  issuer: 某经济技术开发区党政办公室",
        "  issued: 2023-02-15",
        f"  period_start: {PLAN_START.isoformat()}",
        f"  period_end: {PLAN_END.isoformat()}",
        "  policy:",
        "    tolerance: 0.10  # behind (略滞后) while completion >= 序时进度 - tolerance; lagging (滞后) below it",
        "",
        "units:  # every lead unit (牵头单位) once",
    ]
    w += [f"  - name: {name}" for name, _ in units]
    w += ["", "chapters:"]
    for number, title in chapters:
        w += [f"  - number: {number}", f"    title: {_q(title)}"]
    w += ["", "tasks:"]
    chapter_titles = dict(chapters)
    last_chapter = None
    for t in tasks:
        if t["chapter"] != last_chapter:
            last_chapter = t["chapter"]
            heading = f"{_cn(last_chapter)}、" if last_chapter < 100 else f"第{last_chapter}章 "
            w.append(f"  # ── {heading}{chapter_titles[last_chapter]}")
        w += [f"  - id: {t['id']}", f"    chapter: {t['chapter']}", f"    title: {_q(t['title'])}",
              f"    text: {_q(t['text'])}", f"    lead_units: [{', '.join(t['lead_units'])}]"]
        if not t["indicators"]:
            w.append("    indicators: []")
            continue
        w.append("    indicators:")
        for ind in t["indicators"]:
            w += [f'      - id: "{ind.id}"', f"        name: {_q(ind.name)}", f"        quote: {_q(ind.quote)}",
                  f'        comparator: "{ind.comparator}"']
            if ind.target is not None:
                w.append(f"        target: {_num(ind.target)}")
            if ind.comparator in (">=", "<="):
                level = ind.comparator == "<=" or ind.kind == "level"
                w.append(f"        measure: {'level' if level else 'cumulative'}")
            if ind.unit is not None:
                w.append(f"        unit: {_q(ind.unit)}" if ind.unit == "%" else f"        unit: {ind.unit}")
            if ind.baseline is not None:
                w.append(f"        baseline: {_num(ind.baseline)}")
            if ind.due is not None:
                w.append(f"        due: {ind.due.isoformat()}")
            if ind.owner is not None:
                w.append(f"        owner: {ind.owner}")
            if ind.stretch:
                w.append("        stretch: true")
    out.mkdir(parents=True, exist_ok=True)
    catalogue_text = "\n".join(w) + "\n"
    (out / "tasks.yaml").write_text(catalogue_text, encoding="utf-8", newline="\n")
    written = len(catalogue_text.encode())

    # ── the progress files ──
    reported: dict[str, list[tuple[_Indicator, str, bool]]] = {name: [] for name, _ in units}
    for ind in indicators:
        for name, short, owns in ind.reporters:
            reported[name].append((ind, short, owns))
    late = set(rng.sample(range(len(units)), round(len(units) * 0.1)))  # a few units miss their latest report
    folder = out / "progress"
    folder.mkdir(exist_ok=True)
    expected_files = {f"{name}.yaml" for name, _ in units}
    stray = sorted(p.name for p in folder.glob("*.y*ml") if p.name not in expected_files)
    if stray:
        raise ValueError(f"{folder} holds files this plan does not have ({stray[0]} …); use an empty folder")
    n_reports = n_entries = 0
    for ui, (name, _) in enumerate(units):
        w = [
            "# 合成数据（虚构）：本文件中的数字由 bench/generate.py 随机生成，仅用于性能测试，不是官方统计。",
            "# Synthetic figures generated for benchmarking gdtrack — NOT official statistics.",
            f"unit: {name}",
            "reports:",
        ]
        mine = reported[name]
        own_dates = dates[:-1] if ui in late else dates
        for di, day in enumerate(own_dates):
            entries = []
            for ind, ev_short, owns in mine:
                if ind.values is None or ind.values[di] is None:
                    continue
                if not owns and di != len(dates) - 1:
                    continue  # a co-lead reports only on the year's last date
                value = ind.values[di]
                shown = value if isinstance(value, str) else _num(value)
                e = [f'      - indicator: "{ind.id}"', f"        value: {shown}"]
                if rng.random() < 0.85:
                    e.append(f"        note: {_note(rng, ind, value)}")
                e.append(f"        evidence: {_evidence(rng, ev_short, day)}")  # as the README asks: always
                entries += e
            w.append(f"  - as_of: {day.isoformat()}")
            w += ["    entries:", *entries] if entries else ["    entries: []"]
            n_reports += 1
            n_entries += sum(1 for line in entries if line.startswith("      - "))
        text = "\n".join(w) + "\n"
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8", newline="\n")
        written += len(text.encode())

    return {"scale": scale, "seed": seed, "chapters": len(chapters), "tasks": len(tasks),
            "indicators": len(indicators), "units": len(units), "progress_files": len(units),
            "report_dates": len(dates), "reports": n_reports, "entries": n_entries, "bytes": written}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic gdtrack plan (catalogue + progress folder).")
    ap.add_argument("--scale", type=int, default=1, help="×1 ≈ the real plan (68 tasks, 119 indicators, 21 units)")
    ap.add_argument("--out", type=Path, required=True, help="folder to write tasks.yaml and progress/ into")
    ap.add_argument("--seed", type=int, default=2023)
    args = ap.parse_args(argv)
    counts = generate(args.scale, args.out, args.seed)
    print(", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
