"""`gdtrack draft`: a catalogue draft from a plan's text, measured against the hand-made catalogue, and per layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdtrack.files.loading import load_catalogue
from gdtrack.files.parsing import parse_yaml

from .conftest import CATALOGUE, SOURCE

# Floors at what the drafter reaches on the 2023 plan (README "Drafting a catalogue"): a change that drafts
# worse fails here. The aim was 68, 68 and 90 % of the 76 numeric goals; it reaches all of them.
TASKS_FLOOR = 68
LEADS_FLOOR = 68
GOALS_FLOOR = 76


def _overlap(text: str, a: str, b: str) -> bool:
    """Two quotes of the same task's text share at least one character's position."""
    ia, ib = text.find(a), text.find(b)
    return ia != -1 and ib != -1 and ia < ib + len(b) and ib < ia + len(a)


def agreement(drafted: dict, shipped: dict) -> tuple[int, int, int, int]:
    """(tasks with the same id, chapter and text; tasks with the same lead units; shipped numeric goals matched by a
    drafted goal of the same task whose quote overlaps and whose target is equal; shipped numeric goals)."""
    mine = {t["id"]: t for t in drafted["tasks"]}
    tasks = leads = matched = total = 0
    for t in shipped["tasks"]:
        d = mine.get(t["id"])
        if d is None:
            continue
        tasks += d["text"] == t["text"] and d["chapter"] == t["chapter"]
        leads += d.get("lead_units", []) == t.get("lead_units", [])
    for t in shipped["tasks"]:
        for ind in t.get("indicators", []):
            if ind["comparator"] == "milestone":
                continue
            total += 1
            found = mine.get(t["id"], {}).get("indicators", [])
            matched += any(c.get("target") == ind["target"] and _overlap(t["text"], c["quote"], ind["quote"])
                           for c in found)
    return tasks, leads, matched, total


@pytest.fixture(scope="module")
def seed_draft(tmp_path_factory):
    if not SOURCE.is_file():
        pytest.skip(f"the source document is not beside the repository: {SOURCE}")
    from typer.testing import CliRunner

    from gdtrack.cli import app

    out = tmp_path_factory.mktemp("draft") / "tasks.draft.yaml"
    result = CliRunner().invoke(app, ["draft", str(SOURCE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_the_2023_plan_is_drafted_close_to_the_hand_made_catalogue(seed_draft):
    out, _ = seed_draft
    drafted = parse_yaml(out.read_text(encoding="utf-8"), str(out))
    shipped = parse_yaml(CATALOGUE.read_text(encoding="utf-8"), str(CATALOGUE))
    tasks, leads, matched, total = agreement(drafted, shipped)
    assert total == 76  # 119 indicators, 43 of them milestones
    assert tasks >= TASKS_FLOOR
    assert leads >= LEADS_FLOOR
    assert matched >= GOALS_FLOOR, f"{matched}/{total}"
    mine = {t["id"]: t.get("indicators", []) for t in drafted["tasks"]}
    same_quote = sum(any((c["quote"], c["comparator"], c.get("target")) == (i["quote"], i["comparator"], i["target"])
                         for c in mine[t["id"]])
                     for t in shipped["tasks"] for i in t.get("indicators", []) if i["comparator"] != "milestone")
    assert same_quote >= 76
    assert drafted["plan"]["document_number"] == "济开管办字〔2023〕5号"
    assert drafted["plan"]["title"] == shipped["plan"]["title"]
    assert drafted["plan"]["issuer"] == "济宁经济技术开发区党政办公室"
    assert str(drafted["plan"]["issued"]) == "2023-08-02"
    assert [u["name"] for u in drafted["units"]] == [u["name"] for u in shipped["units"]]


def test_the_draft_passes_check_against_its_source_but_for_the_review_warnings(seed_draft, cli):
    out, run = seed_draft
    assert load_catalogue(out).ok
    result = cli("check", "--lang", "en", "-c", out, "--source", SOURCE, "-p", "/nonexistent", "--format", "json")
    rows = json.loads(result.stdout)
    assert result.exit_code == 0
    assert {r["code"] for r in rows} == {"review", "no-baseline"}
    indicators = parse_yaml(out.read_text(encoding="utf-8"), str(out))
    drafted = [i for t in indicators["tasks"] for i in t.get("indicators", [])]
    assert sum(r["code"] == "review" for r in rows) == len(drafted)
    assert all(i["review"] is True and i["note"] for i in drafted)
    text = cli("check", "--lang", "en", "-c", out, "--source", SOURCE, "-p", "/nonexistent").stdout
    assert f"to review: {len(drafted)} drafted indicator(s)" in text
    assert f"待复核 {len(drafted)} 项" in run.stderr


# ── one fixture per layout (tests/fixtures/draft/, invented wording in the genre) ─────────────────────

FIXTURES = Path(__file__).parent / "fixtures" / "draft"


def _draft(name: str, **kw):
    from gdtrack.drafting import draft

    return draft((FIXTURES / name).read_text(encoding="utf-8"), **kw)


def _goals(task) -> list[tuple]:
    return [(g.quote, g.comparator, g.target, g.unit) for g in task.goals]


def test_web_page_and_notice_are_skipped_full_width_brackets_and_the_closing_stop():
    d = _draft("a_web_fullwidth.txt")
    p = d.plan
    assert (p.title, p.document_number, p.issuer, str(p.issued)) == (
        "青河县2024年优化营商环境重点任务", "青政办发〔2024〕7号", "青河县人民政府办公室", "2024-03-12")
    assert (str(p.period_start), str(p.period_end)) == ("2024-01-01", "2024-12-31")
    assert [(c.number, c.title) for c in d.chapters] == [(1, "提升政务服务效能"), (2, "降低企业经营成本")]
    assert [(t.id, t.raw.chapter) for t in d.tasks] == [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 2)]
    t1, t2, t3, t4, t5, t6 = d.tasks
    assert t1.text == "推进“一网通办”。政务服务事项网上可办率达到95%以上，新增“秒批秒办”事项30项以上。"
    assert t1.attribution.lead == ["县行政审批服务局", "县大数据中心"]
    # the attribution before the closing 。: the text stops before it
    assert t2.text == "压缩审批时限。工程建设项目审批时间控制在45个工作日以内，企业开办时间压减至1个工作日以内"
    assert _goals(t2) == [("工程建设项目审批时间控制在45个工作日以内", "<=", 45, "个工作日"),
                          ("企业开办时间压减至1个工作日以内", "<=", 1, "个工作日")]
    # a bracket that is a place, not an attribution, stays in the text
    assert "青河学院（北校区）建设创新实验室" in t3.text and t3.attribution.lead == ["县人才服务中心"]
    assert t6.text == "建设青河县人民医院（东院区）。" and t6.attribution.lead == ["县卫生健康局"]
    assert _goals(t6) == [("建设青河县人民医院（东院区）", "milestone", None, None)]
    assert _goals(t1) == [("政务服务事项网上可办率达到95%以上", ">=", 95, "%"),
                          ("新增“秒批秒办”事项30项以上", ">=", 30, "项")]
    assert _goals(t4) == [("全年为企业减税降费超过3亿元", ">=", 3, "亿元"), ("涉企违规收费问题动态清零", "<=", 0, "个")]
    assert _goals(t5) == [("新增普惠小微贷款余额增长15%", "delta_pct", 15, None),
                          ("企业平均贷款利率下降0.3个百分点", "delta_pp", -0.3, "%")]
    assert d.units == ["县行政审批服务局", "县大数据中心", "县人才服务中心", "县财政局", "县税务局", "县金融服务中心",
                       "县卫生健康局"]


def test_half_width_brackets_responsible_co_and_participating_units():
    d = _draft("b_halfwidth.txt")
    assert (d.plan.document_number, d.plan.issuer, str(d.plan.issued)) == (
        "白发改〔2024〕12号", "白石市发展和改革委员会", "2024-01-20")
    t1, t2, t3, t4 = d.tasks
    assert t1.text == "建设5G网络。年内新建5G基站300个,实现重点乡镇全覆盖。"
    assert (t1.attribution.lead, t1.attribution.co) == (["市工业和信息化局"], [])
    assert (t2.attribution.lead, t2.attribution.co) == (["市工业和信息化局"], ["市自然资源局", "市住房城乡建设局"])
    assert (t3.attribution.lead, t3.attribution.co) == (["市科技局"], ["市统计局"])
    assert _goals(t1) == [("年内新建5G基站300个", ">=", 300, "个")]
    assert any(s.text == "5G基站" and s.why == "letters" for s in t1.skipped)
    (g,) = t2.goals
    assert (g.quote, g.target, str(g.due)) == ("标准机架数量达到2000个左右", 2000, "2024-06-30")  # 上半年
    assert _goals(t3) == [("软件业务收入突破50亿元", ">=", 50, "亿元"), ("新增规上软件企业3—5家", ">=", 3, "家")]
    assert _goals(t4) == [("力争全年新增上云企业三百家", ">=", 300, "家"),
                          ("规上工业企业数字化改造覆盖率提高5个百分点", "delta_pp", 5, "%")]
    assert t4.goals[0].stretch and t4.goals[0].measure == "cumulative" and t4.goals[1].measure == "level"
    assert d.co_units == ["市自然资源局", "市住房城乡建设局", "市统计局"]


def test_departments_leaders_paren_numbering_and_an_extra_heading_level():
    d = _draft("c_departments_paren.txt")
    assert [(c.number, c.title) for c in d.chapters] == [(1, "完善城市功能"), (2, "改善居住条件")]
    assert [(t.id, t.raw.chapter, t.raw.topic) for t in d.tasks] == [
        (1, 1, "（一）市政设施"), (2, 1, "（一）市政设施"), (3, 1, "（二）公共空间"), (4, 1, "（二）公共空间"),
        (5, 2, None)]
    t1, t2, t3, t4, t5 = d.tasks
    assert t1.text == "改造老旧管网。完成老旧燃气管网改造80公里。"
    assert (t1.attribution.lead, t1.attribution.co) == (["区住房和城乡建设局"], ["各街道办事处"])
    assert (t2.attribution.lead, t2.attribution.co) == (["区水务局"], ["区城市管理局"])
    att = t3.attribution
    assert (att.leaders, att.lead, att.co) == (["王明"], ["区城市管理局"], ["区园林绿化中心", "各街道办事处"])
    att = t4.attribution
    assert (att.leaders, att.lead, att.co) == (["王明", "李华"], ["区园林绿化中心"], ["区城市管理局"])
    assert _goals(t2) == [("城区易涝点动态清零", "<=", 0, None)]
    assert _goals(t4) == [("建成区绿化覆盖率稳定在42%以上", ">=", 42, "%")]
    assert _goals(t5) == [("改造老旧小区46个", ">=", 46, "个"), ("惠及居民1.2万户", ">=", 1.2, "万户")]


def test_unlabelled_attributions_and_numbers_in_words():
    d = _draft("d_unlabelled.txt")
    assert d.plan.document_number is None and d.plan.title == "南港镇2025年乡村振兴重点工作"
    assert str(d.plan.period_end) == "2025-12-31"
    t1, t2, t3, t4 = d.tasks
    assert t1.text == "做强特色种植。稳定粮食播种面积5.2万亩，新发展设施蔬菜不少于800亩。"
    assert (t1.attribution.lead, t1.attribution.co) == (["镇农业农村办"], ["镇财政所", "各村"])
    assert (t2.attribution.lead, t2.attribution.co) == (["镇经济发展办"], [])
    assert (t3.attribution.lead, t3.attribution.co) == (["镇农业农村办", "镇卫生院"], [])  # …按职责分工负责
    assert (t4.attribution.lead, t4.attribution.co) == (["镇建设办"], ["各村"])
    assert _goals(t2) == [("培育县级以上农业产业化龙头企业两家", ">=", 2, "家")]
    assert _goals(t3) == [("完成农村户厕改造1/3以上", ">=", 33.3, "%"), ("全面消除旱厕", "<=", 0, None)]
    assert _goals(t4) == [("打造美丽庭院示范户三百户", ">=", 300, "户"),
                          ("两成以上的村建成美丽乡村示范村", ">=", 20, "%")]


def test_attribution_on_its_own_lines_and_text_broken_across_lines():
    source = (FIXTURES / "e_lines_wrapped.txt").read_text(encoding="utf-8")
    d = _draft("e_lines_wrapped.txt")
    assert (d.plan.title, d.plan.document_number, d.plan.issuer) == (
        "西岭县2024年科技创新重点任务", "西科发〔2024〕3号", "西岭县科学技术局")
    assert [(c.number, c.title) for c in d.chapters] == [(1, "壮大创新主体"), (2, "加大科技投入，完善多元支持")]
    t1, t2, t3, t4 = d.tasks
    assert t1.text == "培育科技企业。新增国家高新技术企业15家以上，科技型中小企业入库\n数量达到120家。"
    assert all(t.text in source for t in d.tasks)
    assert (t1.attribution.lead, t1.attribution.co) == (["县科学技术局"], ["县财政局", "县税务局"])
    assert (t3.attribution.lead, t3.raw.topic) == (["县委组织部", "县人力资源和社会保障局"], "科技人才")
    assert t4.title == "提高研发投入" and t4.text.startswith("提高研发\n投入。")
    assert _goals(t1)[1] == ("科技型中小企业入库\n数量达到120家", ">=", 120, "家")
    (_, g2) = t3.goals
    assert (g2.target, g2.unit, str(g2.due)) == (200, "套", "2025-12-31")
    assert _goals(t4) == [("全社会研发经费投入增长12%", "delta_pct", 12, None),
                          ("研发投入强度达到2.6%", ">=", 2.6, "%")]


def test_a_table_flattened_to_text():
    d = _draft("f_table.txt")
    assert d.layout.table and d.plan.title == "北川市2024年生态环境保护重点任务分解表"
    assert [(t.id, t.raw.chapter, t.title) for t in d.tasks] == [
        (1, 1, "推进工业企业深度治理"), (2, 1, "加强扬尘管控"), (3, 2, "整治入河排污口"), (4, 2, "提升污水处理能力")]
    t1, t2, t3, t4 = d.tasks
    assert t1.text == "推进工业企业深度治理。完成10家重点企业超低排放改造。"
    assert (t1.attribution.lead, t1.attribution.leaders, t1.attribution.deadline) == (
        ["市生态环境局", "市工业和信息化局"], ["张强"], "2024年10月底")
    assert [str(g.due) for g in t1.goals] == ["2024-10-31"]
    assert [g.due for g in t2.goals] == [None]  # 长期坚持
    assert [str(g.due) for g in t3.goals] == ["2024-06-30", "2024-06-30"]
    assert [g.due for g in t4.goals] == [None, None]  # 2024年12月底 is the plan's end
    assert _goals(t3) == [("完成入河排污口整治120个", ">=", 120, "个"), ("城市黑臭水体保持动态清零", "<=", 0, "处")]


def test_numbers_that_only_name_something_are_left_out_and_listed():
    d = _draft("g_goals.txt")
    t1, t2, t3, t4, t5 = d.tasks
    assert [g.comparator for g in t1.goals] == ["milestone"]  # 百亿级 is a grade, “5+1” and “十有两禁” names
    assert {s.text for s in t1.skipped} >= {"“十有两禁”", "“5+1”"}
    assert _goals(t2) == [("年底前完成工业投资80亿元", ">=", 80, "亿元")]
    assert t2.goals[0].due is None  # 年底前 is the plan's end
    assert {s.why for s in t2.skipped} == {"voltage", "capacity"}
    assert _goals(t3) == [("三分之一以上的村达到三星级标准", ">=", 33.3, "%"), ("全面消除一星村", "<=", 0, "个")]
    assert _goals(t4) == [("单位工业增加值能耗下降3%", "delta_pct", -3, None),
                          ("万元产值水耗控制在8立方米以下", "<=", 8, "立方米"),
                          ("工业固废综合利用率不低于90%", ">=", 90, "%")]
    assert [str(g.due) for g in t5.goals] == ["2024-12-31"]


# ── the command ──────────────────────────────────────────────────────────────────────────────────


NO_DOCUMENT_NUMBER = ("d_unlabelled.txt", "f_table.txt", "h_before_brackets.txt", "i_before_lines.txt",
                      "j_table_tabs.txt", "k_table_spaces.txt", "l_table_cells.txt", "m_progress.txt",
                      "n_table_rows.txt")


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_every_fixture_drafts_a_catalogue_that_check_accepts_against_its_source(cli, tmp_path, name):
    out = tmp_path / "draft.yaml"
    result = cli("draft", FIXTURES / name, "-o", out)
    assert result.exit_code == 0, result.output
    assert load_catalogue(out).ok
    rows = json.loads(cli("check", "-c", out, "--source", FIXTURES / name, "-p", tmp_path / "none",
                          "--format", "json").stdout)
    errors = [r for r in rows if r["severity"] == "error"]
    if name in NO_DOCUMENT_NUMBER:  # no 文号 in these texts: the one thing left to fill in
        assert [r["code"] for r in errors] == ["not-in-source"] and "（待填写）" in errors[0]["message"]
        assert "未在原文中找到文号" in result.stderr
    else:
        assert errors == []
    assert {r["code"] for r in rows} - {"not-in-source"} <= {"review", "no-baseline"}


def test_output_is_never_overwritten_without_force(cli, tmp_path):
    out = tmp_path / "draft.yaml"
    out.write_text("mine\n", encoding="utf-8")
    result = cli("draft", FIXTURES / "b_halfwidth.txt", "-o", out)
    assert result.exit_code == 2
    assert "已存在，不会覆盖" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    result = cli("draft", FIXTURES / "b_halfwidth.txt", "-o", out, "--force")
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").count("        review: true\n") == 6


def test_without_output_the_yaml_goes_to_stdout_and_the_summary_to_stderr(cli):
    result = cli("draft", FIXTURES / "b_halfwidth.txt", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Catalogue draft")
    assert 'document_number: "白发改〔2024〕12号"' in result.stdout
    assert result.stderr.strip().splitlines()[-1] == (
        "draft: 4 tasks, 2 chapters, 2 lead units, 6 indicators (6 numeric, 0 milestones), 6 to review")


def test_report_shows_units_goals_and_left_out_numbers_per_task(cli, tmp_path):
    out = tmp_path / "draft.yaml"
    result = cli("draft", FIXTURES / "g_goals.txt", "--report", "-o", out)
    assert result.exit_code == 0 and out.is_file()
    text = result.stdout
    assert "任务 2（第 1 章，原文第 6 行）：推进重点项目" in text
    assert "  牵头单位：区发展和改革局" in text
    assert "  2.1  >= 80 亿元  “年底前完成工业投资80亿元”" in text
    assert "500kV输变（电压等级，是工程名称的一部分）" in text
    assert "plan:" not in text  # the YAML went to the file


def test_the_year_option_sets_the_period(cli):
    result = cli("draft", FIXTURES / "d_unlabelled.txt", "--year", "2026")
    assert "period_start: 2026-01-01\n  period_end: 2026-12-31" in result.stdout


def test_a_gbk_source_drafts_as_its_utf8_text_and_check_source_reads_it_too(cli, tmp_path):
    src = tmp_path / "plan.txt"
    src.write_bytes((FIXTURES / "b_halfwidth.txt").read_text(encoding="utf-8").encode("gb18030"))
    utf8 = cli("draft", FIXTURES / "b_halfwidth.txt")
    gbk = cli("draft", src, "-o", tmp_path / "draft.yaml")
    assert gbk.exit_code == 0, gbk.output
    drafted = (tmp_path / "draft.yaml").read_text(encoding="utf-8")
    assert drafted.replace("plan.txt", "b_halfwidth.txt") == utf8.stdout  # the same but for the source's name
    rows = json.loads(cli("check", "-c", tmp_path / "draft.yaml", "--source", src, "-p", tmp_path / "none",
                          "--format", "json").stdout)
    assert [r for r in rows if r["severity"] == "error"] == []


def test_a_missing_source_is_named(cli, tmp_path):
    result = cli("draft", tmp_path / "nowhere.txt")
    assert result.exit_code == 2 and "找不到源文件" in result.stderr and "nowhere.txt" in result.stderr


def test_a_text_without_tasks_says_what_a_task_looks_like(cli, tmp_path):
    src = tmp_path / "notes.txt"
    src.write_text("会议纪要\n大家认真讨论了明年的工作。\n", encoding="utf-8")
    result = cli("draft", src)
    assert result.exit_code == 1
    assert f"{src}：文本中找不到编号的任务" in result.stderr and "序号" in result.stderr, result.stderr
    assert "no numbered tasks" not in result.stderr  # one language per run (issue 20)
    english = cli("draft", "--lang", "en", src)
    assert f"{src}: no numbered tasks found in the text" in english.stderr, english.stderr
    assert "找不到" not in english.stderr and "任务应以" not in english.stderr


def test_check_warns_once_per_drafted_goal_and_counts_them(cli, mini):
    path = mini(insert={25: "        review: true\n        note: 读作“至少 30”"})
    result = cli("check", "--lang", "en", "-c", path)
    assert result.exit_code == 0, result.output
    assert f"{path}:26:9: warning: indicator 1.1 is drafted and awaits review (待复核): 读作“至少 30” [review]" \
        in result.output
    assert "to review: 1 drafted indicator(s)" in result.output
    assert "0 error(s), 2 warning(s)" in result.output  # and 2.1 has no start value yet (no progress folder)


def test_any_text_is_written_so_that_it_loads_back_exactly():
    from gdtrack.drafting.emit import comment, q

    for text in ['引号"和反斜杠\\', "换行\n续行", "制表\t符", "\x85\u2028\x9f", "#不是注释: 冒号"]:
        assert parse_yaml(f"k: {q(text)}\n", "t.yaml") == {"k": text}
    assert "\n" not in comment("第一行\n# 第二行")


def test_odd_structure_still_gives_a_catalogue_that_check_accepts(cli, tmp_path):
    """A repeated chapter number, numbering that restarts, a number with no task text, a date out of the period."""
    src = tmp_path / "plan.txt"
    src.write_text("测试区2023年重点任务\n测试办发〔2023〕2号\n"
                   "一、第一部分\n1. 建设园区。新增企业5家。（牵头单位：区经济局）\n2. 。（牵头单位：区经济局）\n"
                   "一、又一部分\n1. 整治河道。2030年底前完成整治3条。（牵头单位：区水务局）\n", encoding="utf-8")
    out = tmp_path / "draft.yaml"
    result = cli("draft", src, "-o", out)
    assert result.exit_code == 0, result.output
    drafted = parse_yaml(out.read_text(encoding="utf-8"), str(out))
    assert [c["number"] for c in drafted["chapters"]] == [1, 2]
    assert [(t["id"], t["chapter"]) for t in drafted["tasks"]] == [(1, 1), (3, 2)]  # renumbered after 2
    assert "# 原文编号 1" in out.read_text(encoding="utf-8")
    (ind,) = drafted["tasks"][1]["indicators"]
    assert ind["target"] == 3 and "due" not in ind  # 2030 is past what check accepts: left to the reviewer
    rows = json.loads(cli("check", "-c", out, "--source", src, "-p", tmp_path / "none", "--format", "json").stdout)
    assert [r for r in rows if r["severity"] == "error"] == []


def test_crlf_text_and_a_bracketed_attribution_on_lines_of_its_own(cli, tmp_path):
    src = tmp_path / "plan.txt"
    src.write_bytes("测试区2023年重点任务\r\n测试办发〔2023〕3号\r\n一、产业\r\n1. 培育企业。新增规上企业\r\n10家。\r\n"
                    "（牵头单位：区经济\r\n发展局）\r\n"
                    "2. 扩大投资。完成投资20亿元（牵头单位：区投资促进局、\r\n区财政局）。\r\n".encode())
    out = tmp_path / "draft.yaml"
    assert cli("draft", src, "-o", out).exit_code == 0
    drafted = parse_yaml(out.read_text(encoding="utf-8"), str(out))
    t1, t2 = drafted["tasks"]
    assert (t1["text"], t1["lead_units"]) == ("培育企业。新增规上企业\r\n10家。", ["区经济发展局"])
    assert (t2["text"], t2["lead_units"]) == ("扩大投资。完成投资20亿元", ["区投资促进局", "区财政局"])
    assert [(i["quote"], i["target"], i["unit"]) for i in t1["indicators"]] == [("新增规上企业\r\n10家", 10, "家")]
    rows = json.loads(cli("check", "-c", out, "--source", src, "-p", tmp_path / "none", "--format", "json").stdout)
    assert [r for r in rows if r["severity"] == "error"] == []


# ── issue 25 (4): sharper reading of goals, on our own plan and on a fixture ─────────────────────────────


def _indicators(out: Path) -> dict[int, dict[str, dict]]:
    """The draft's goals, task by task, keyed by quote."""
    drafted = parse_yaml(out.read_text(encoding="utf-8"), str(out))
    return {t["id"]: {i["quote"]: i for i in t.get("indicators", [])} for t in drafted["tasks"]}


def test_a_goal_of_a_co_led_task_goes_to_the_unit_whose_remit_its_words_name(seed_draft):
    goals = _indicators(seed_draft[0])
    # 58 is led by 区经济发展局 and 市卫健委经开区管理办公室; 托位 is 卫健's work
    assert goals[58]["新增托位162个"]["owner"] == "市卫健委经开区管理办公室"
    assert goals[58]["每千人口托位数达到4.45个"]["owner"] == "市卫健委经开区管理办公室"
    # 59 is led by 组织部, 经发局, 财政局 and 社会事业中心; 低保 is 民政 work, 社会事业中心's
    assert goals[59]["城乡低保和特困人员基本生活保障标准在同期基础上提高10%"]["owner"] == "区社会事业中心"
    assert goals[28]["完成2家水泥企业超低排放改造"]["owner"] == "市生态环境局经开区分局"
    assert goals[12]["全年举办各类主题促消费活动10场以上"]["owner"] == "市商贸物流园区管理服务中心商务服务部"
    assert goals[1]["培育2家省“一企一技术”研发中心"]["owner"] == "区经济发展局"  # 工信 work before 研发
    # 新增市级平台 names no field of its own: it goes with 创新平台 before it, the first lead unit (no owner field)
    assert "owner" not in goals[1]["新增市级平台12家以上"]
    assert "“创新平台”属区创新创业服务中心职责" in goals[1]["新增市级平台12家以上"]["note"]
    # 37 (城乡建设和交通局, 经济发展局): 新型城镇化重点项目 is neither's named remit: left for the reviewer
    unsure = goals[37]["实施9个省新型城镇化重点项目"]
    assert "owner" not in unsure and "请核定 owner" in unsure["note"]
    # 15: 多式联运 is logistics, and two of its three lead units hold it (规划发展部 and 物流服务部 of the 物流园区)
    between = goals[15]["积极推进山东京杭顺达港多式联运智慧物流产业园项目建设"]
    assert "owner" not in between
    assert ("“多式联运”涉及市商贸物流园区管理服务中心规划发展部、市商贸物流园区管理服务中心物流服务部的职责"
            in between["note"])
    # a task with one lead unit: no owner, nothing to settle
    assert all("owner" not in i and "请核定" not in i["note"] for i in goals[41].values())


def test_the_draft_agrees_with_the_hand_reviewed_catalogue_on_measure_stretch_and_owner(seed_draft):
    """Every drafted goal whose quote is a shipped goal's quote has its measure, 力争 and reporting unit."""
    goals = _indicators(seed_draft[0])
    shipped = parse_yaml(CATALOGUE.read_text(encoding="utf-8"), str(CATALOGUE))
    compared = 0
    for t in shipped["tasks"]:
        for ind in t.get("indicators", []):
            mine = goals.get(t["id"], {}).get(ind["quote"])
            if mine is None:
                continue
            compared += 1
            want = (ind.get("measure"), ind.get("stretch", False), ind.get("owner", t["lead_units"][0]))
            got = (mine.get("measure"), mine.get("stretch", False), mine.get("owner", t["lead_units"][0]))
            assert got == want, (ind["id"], ind["quote"])
    assert compared >= 80


def test_measure_is_read_from_the_wording(seed_draft):
    goals = _indicators(seed_draft[0])
    assert goals[41]["全区粮食播种面积不低于15.3万亩"]["measure"] == "cumulative"  # the year's sowing
    assert goals[41]["产量稳定在1.53万吨以上"]["measure"] == "cumulative"  # 稳定在, but the year's output
    assert "“产量”" in goals[41]["产量稳定在1.53万吨以上"]["note"]
    assert goals[2]["有研发活动企业超过40家"]["measure"] == "level"  # the firms that do R&D now: a stock
    assert goals[2]["推动全区规上工业企业研发机构建有率达到40%以上"]["measure"] == "level"
    assert goals[58]["新增托位162个"]["measure"] == "cumulative"
    assert goals[58]["每千人口托位数达到4.45个"]["measure"] == "level"


def test_an_outcome_under_zhengqu_is_a_stretch_milestone_and_every_goal_of_its_sentence_a_stretch(seed_draft):
    goals = _indicators(seed_draft[0])
    # 年内力争山东光大线路、神力索具完成股改，海推重工实现新三板挂牌。
    assert [(q, i["comparator"], i.get("stretch"), i.get("owner")) for q, i in goals[14].items()] == [
        ("山东光大线路、神力索具完成股改", "milestone", True, "区金融和国资管理局"),
        ("海推重工实现新三板挂牌", "milestone", True, "区金融和国资管理局")]
    assert goals[5]["力争金属新材料产业规模突破100亿元"]["stretch"] is True


def test_aliases_are_drafted_from_the_unit_names(seed_draft):
    out = seed_draft[0]
    drafted = {u["name"]: u.get("aliases", []) for u in parse_yaml(out.read_text(encoding="utf-8"), str(out))["units"]}
    shipped = parse_yaml(CATALOGUE.read_text(encoding="utf-8"), str(CATALOGUE))
    assert drafted["区经济发展局"] == ["经济发展局", "经发局"]
    assert drafted["区投资促进局"] == ["投资促进局", "投促局"]
    assert drafted["市生态环境局经开区分局"] == ["生态环境分局"]
    assert drafted["市卫健委经开区管理办公室"] == ["卫健办"]
    assert drafted["市商贸物流园区管理服务中心商务服务部"] == ["商务服务部"]
    for unit in shipped["units"]:  # every drafted alias is one the office chose
        assert drafted[unit["name"]] and set(drafted[unit["name"]]) <= set(unit.get("aliases", [])), unit["name"]


def test_an_alias_that_would_name_two_units_is_left_out():
    from gdtrack.drafting.aliases import draft_aliases

    assert draft_aliases(["区财政局", "县财政局", "区党政办公室"]) == {
        "区财政局": [], "县财政局": [], "区党政办公室": ["党政办公室", "党政办"]}


def test_remits_counts_of_projects_units_and_numbering_in_a_plan_of_our_own():
    d = _draft("h_sharper_goals.txt")
    t1, t2, t3, t4, t5, t6 = d.tasks

    def read(task):
        return [(g.quote, g.comparator, g.target, g.unit, g.measure, g.stretch, g.owner) for g in task.goals]

    assert read(t1) == [
        ("新增托位120个", ">=", 120, "个", "cumulative", False, "区卫生健康局"),
        ("每千人口托位数达到4.2个/千人", ">=", 4.2, "个/千人", "level", False, "区卫生健康局"),
        ("城乡低保标准在上年基础上提高8%", "delta_pct", 8, None, "level", False, "区民政局")]
    # 年内力争2家企业完成股改，1家企业实现新三板挂牌、新增规上企业10家: 力争 holds for all three
    assert read(t2) == [
        ("年内力争2家企业完成股改", ">=", 2, "家", "cumulative", True, "区金融服务中心"),
        ("1家企业实现新三板挂牌", ">=", 1, "家", "cumulative", True, "区金融服务中心"),
        ("新增规上企业10家", ">=", 10, "家", "cumulative", True, None)]  # 规上企业: 工信, the first lead
    # 10亿元 is the size of the projects counted: with no count, at least one such project
    assert read(t3) == [("签约亿元以上项目20个", ">=", 20, "个", "cumulative", False, None),
                        ("力争10亿元以上项目实现突破", ">=", 1, "个", "cumulative", True, None)]
    assert "“10亿元以上项目”是规模档次" in t3.goals[1].notes[0]
    assert read(t4) == [("PM2.5平均浓度下降到38微克/立方米以下", "<=", 38, "微克/立方米", "level", False, None),
                        ("空气质量优良天数比率稳定在70%以上", ">=", 70, "%", "level", False, None)]
    assert read(t5) == [("粮食产量稳定在12万吨以上", ">=", 12, "万吨", "cumulative", False, None),
                        ("规上工业企业中有研发活动的企业超过50家", ">=", 51, "家", "level", False, "区科技局")]
    # （1） and （2） number the list: not in the quotes, and listed as numbering
    assert read(t6) == [("新建口袋公园5个", ">=", 5, "个", "cumulative", False, None),
                        ("完成老旧小区改造12个", ">=", 12, "个", "cumulative", False, None)]
    assert {(s.text, s.why) for s in t6.skipped} == {("1", "numbering"), ("2", "numbering")}
    assert "请核定 owner" in t6.goals[0].notes[-1]  # 口袋公园: neither lead unit's named remit
    assert d.aliases["区发展和改革局"] == ["发展和改革局"] and d.aliases["区卫生健康局"] == ["卫生健康局", "卫健局"]


def test_the_owner_is_written_and_reported_for_the_reviewer(cli, tmp_path):
    out = tmp_path / "draft.yaml"
    result = cli("draft", FIXTURES / "h_sharper_goals.txt", "--report", "-o", out)
    assert result.exit_code == 0, result.output
    assert "  1.1  >= 120 个  “新增托位120个”  [由 区卫生健康局 报送]" in result.stdout
    drafted = parse_yaml(out.read_text(encoding="utf-8"), str(out))
    assert drafted["tasks"][0]["indicators"][0]["owner"] == "区卫生健康局"
    assert drafted["units"][0] == {"name": "区发展和改革局", "aliases": ["发展和改革局"]}
    english = cli("draft", "--lang", "en", FIXTURES / "h_sharper_goals.txt", "--report", "-o", tmp_path / "en.yaml")
    assert "[reported by 区卫生健康局]" in english.stdout and "“托位” is 区卫生健康局's remit" in english.stdout
