"""The shipped catalogue against the source document, checked by hand: 济开管办字〔2023〕5号."""

from __future__ import annotations

import datetime as dt

import pytest

from gdtrack.files.loading import load_catalogue
from gdtrack.models import Catalogue

from .conftest import CATALOGUE, SOURCE


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    loaded = load_catalogue(CATALOGUE)
    assert loaded.diagnostics == []
    return loaded.model


def indicator(cat: Catalogue, ind_id: str):
    return next(i for _, i in cat.indicators() if i.id == ind_id)


def test_plan_header(cat):
    assert cat.plan.document_number == "济开管办字〔2023〕5号"
    assert cat.plan.issuer == "济宁经济技术开发区党政办公室"
    assert cat.plan.issued == dt.date(2023, 8, 2)
    assert (cat.plan.period_start, cat.plan.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert cat.plan.policy.tolerance == 0.10


def test_eleven_chapters_as_written(cat):
    assert [c.number for c in cat.chapters] == list(range(1, 12))
    assert cat.chapters[0].title == "聚力创新驱动战略，建设高水平创新开发区"
    assert cat.chapters[9].title == "聚力统筹发展安全，切实守牢一排底线"
    assert cat.chapters[10].title == "切实抓好组织实施"


def test_sixty_eight_tasks_in_order_with_chapters(cat):
    assert [t.id for t in cat.tasks] == list(range(1, 69))
    # first and last task of some chapters, read off the source
    chapter_of = {t.id: t.chapter for t in cat.tasks}
    assert (chapter_of[4], chapter_of[5], chapter_of[11], chapter_of[12]) == (1, 2, 2, 3)
    assert (chapter_of[29], chapter_of[30], chapter_of[65], chapter_of[66]) == (4, 5, 10, 11)
    assert cat.tasks[43].title == "优化农村人居环境"


def test_lead_units_in_order_written(cat):
    lead = {t.id: t.lead_units for t in cat.tasks}
    assert lead[14] == ["区经济发展局", "区金融和国资管理局", "市自然资源和规划局经开区分局"]
    assert lead[33] == ["区经济发展局", "区城乡建设和交通局", "区投资促进局", "区农业服务中心",
                        "市商贸物流园区管理服务中心物流服务部", "市自然资源和规划局经开区分局"]
    assert lead[59] == ["区党工委组织部", "区经济发展局", "区财政局", "区社会事业中心"]
    assert lead[64] == ["区应急管理中心"]
    assert lead[66] == lead[67] == lead[68] == []


def test_twenty_one_units_each_used(cat):
    names = [u.name for u in cat.units]
    assert len(names) == len(set(names)) == 21
    assert {u for t in cat.tasks for u in t.lead_units} == set(names)
    assert "市自然资源和规划局经开区分局" in names


def test_texts_verbatim_in_source(cat):
    source = SOURCE.read_text(encoding="utf-8")
    for t in cat.tasks:
        assert f"{t.id}. {t.text}" in source or f"{t.id}.{t.text}" in source, t.id
        assert t.title == t.text.split("。")[0]


@pytest.mark.parametrize(
    ("ind_id", "comparator", "target", "unit", "quote"),
    [
        ("1.3", ">=", 12, "家", "新增市级平台12家以上"),
        ("2.1", ">=", 74, "家", "入库科技型中小企业74家以上"),
        ("2.4", ">=", 40, "%", "推动全区规上工业企业研发机构建有率达到40%以上"),
        ("3.1", ">=", 600, "人", "引进青年人才600人"),
        ("9.2", ">=", 18, "个", "签约亿元以上项目18个"),
        ("13.3", ">=", 13, "亿元", "全年完成技改投资13亿元"),
        ("23.1", ">=", 0.5, "平方公里", "完成水土流失综合防治面积0.5平方公里"),
        ("25.3", ">=", 60, "万平方米", "年内新增绿色建筑60万平方米"),
        ("27.1", ">=", 214, "亩", "完成荒山绿化214亩"),
        ("32.1", ">=", 864, "场", "全年放映农村公益电影864场"),
        ("41.1", ">=", 15.3, "万亩", "全区粮食播种面积不低于15.3万亩"),
        ("55.1", ">=", 1110, "人", "全年新增城镇就业1110人以上"),
        ("58.2", ">=", 4.45, "个/千人", "每千人口托位数达到4.45个"),
        ("61.1", ">=", 50, "户", "完成特殊困难老年人家庭适老化改造50户"),
    ],
)
def test_targets_checked_by_hand(cat, ind_id, comparator, target, unit, quote):
    ind = indicator(cat, ind_id)
    assert (ind.comparator, ind.target, ind.unit, ind.quote) == (comparator, target, unit, quote)


def test_zero_goals(cat):
    for ind_id in ("44.3", "44.5", "55.3"):
        ind = indicator(cat, ind_id)
        assert (ind.comparator, ind.target) == ("<=", 0)
    assert indicator(cat, "44.5").quote == "实现全区农村黑臭水体动态清零"


def test_delta_goals_have_unknown_baselines(cat):
    pct, pp = indicator(cat, "59.1"), indicator(cat, "62.3")
    assert (pct.comparator, pct.target, pct.baseline) == ("delta_pct", 10, None)
    assert pct.quote.endswith("提高10%")
    assert (pp.comparator, pp.target, pp.baseline) == ("delta_pp", 5, None)
    assert pp.quote == "全人群和重点人群总体签约率提升5个百分点"


def test_multi_year_goal_keeps_its_due_date(cat):
    ind = indicator(cat, "27.2")
    assert (ind.target, ind.unit, ind.due) == (4, "处", dt.date(2024, 12, 31))
    assert ind.quote == "2023—2024年实施矿山修复项目4处"
    assert cat.due(indicator(cat, "27.1")) == dt.date(2023, 12, 31)


def test_stretch_goals_are_the_li_zheng_ones(cat):
    stretch = {i.id for _, i in cat.indicators() if i.stretch}
    assert "5.1" in stretch and {"14.1", "14.2", "14.3"} <= stretch
    for task, ind in cat.indicators():
        if ind.stretch:
            assert "力争" in task.text


def test_every_task_with_lead_units_is_trackable(cat):
    for task in cat.tasks:
        assert bool(task.indicators) == bool(task.lead_units), task.id
    milestones = [i for _, i in cat.indicators() if i.comparator == "milestone"]
    assert all(i.target is None for i in milestones)
    assert indicator(cat, "21.1").comparator == "milestone"  # 修订完善…应急预案: no number


def test_names_are_not_goals(cat):
    quotes = " ".join(i.quote for _, i in cat.indicators() if i.comparator != "milestone")
    for naming in ("年产10万台套", "十有两禁", "5+1", "国发〔2022〕18号"):
        assert naming not in quotes
    assert all(i.target != 500 for _, i in cat.indicators())  # 500kV is a project's name


def test_every_numeric_goal_says_what_it_measures(cat):
    # A defaulted direction silently inverts goals, so the catalogue states it for each number; milestones and
    # relative (delta_*) goals have none.
    for _, ind in cat.indicators():
        if ind.comparator in (">=", "<=", "=="):
            assert ind.measure in ("cumulative", "level"), ind.id
        else:
            assert ind.measure is None, ind.id


@pytest.mark.parametrize(
    ("ind_id", "word", "measure"),
    [
        ("1.2", "新增", "cumulative"),
        ("2.2", "新培育", "cumulative"),
        ("7.1", "新建", "cumulative"),
        ("13.3", "完成技改投资", "cumulative"),
        ("5.1", "产业规模", "cumulative"),  # the year's output value, year to date, despite 规模
        ("41.2", "稳定在", "cumulative"),  # the year's harvests; 稳定在 compares with past years
        ("2.4", "建有率", "level"),
        ("56.3", "普惠率", "level"),
        ("25.1", "占比", "level"),
        ("58.2", "每千人口托位数", "level"),
        ("60.1", "每月", "level"),
        ("44.5", "清零", "level"),
        ("55.3", "清零", "level"),
    ],
)
def test_measures_checked_by_hand(cat, ind_id, word, measure):
    ind = indicator(cat, ind_id)
    assert word in ind.quote
    assert ind.measure == measure
