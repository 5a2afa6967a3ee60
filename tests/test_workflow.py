"""Templates, schemas, CODEOWNERS, the 报送 check and the progress warnings, through the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re

import yaml

from .conftest import CATALOGUE, MINI, ROOT


def test_template_lists_the_units_goals_and_becomes_valid_when_filled(cli, mini_data):
    cat, prog = mini_data
    result = cli("template", "区经济发展局", "--as-of", "2023-10-31", "-c", cat)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# yaml-language-server: $schema=../../schema/progress.schema.json\n")
    assert '      - indicator: "1.1"' in text and "新建5G基站30个以上" in text and "≥ 30 个" in text
    assert '"2.1"' not in text  # owned by 区农业服务中心
    filled = text.replace("value:    # 数字，单位 个", "value: 26").replace("evidence:", "evidence: 台账")
    (prog / "区经济发展局.yaml").write_text(filled, encoding="utf-8")
    assert cli("check", "--lang", "en", "-c", cat, "-p", prog).exit_code == 0
    # left blank, the template is a valid file whose goals are not reported yet
    (prog / "区经济发展局.yaml").write_text(text, encoding="utf-8")
    assert cli("check", "--lang", "en", "-c", cat, "-p", prog).exit_code == 0
    rows = json.loads(cli("status", "--as-of", "2023-10-31", "-f", "json", "-c", cat, "-p", prog).stdout)
    assert [(r["id"], r["actual"], r["status"]) for r in rows["indicators"]][0] == ("1.1", None, "no_report")
    # a blank line's indicator id is still checked
    (prog / "区经济发展局.yaml").write_text(text.replace('"1.1"', '"1.9"'), encoding="utf-8")
    wrong = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    line = text.splitlines().index('      - indicator: "1.1"') + 1
    assert wrong.exit_code == 1 and f"区经济发展局.yaml:{line}:9: error: indicator '1.9' is not in the catalogue" \
        in wrong.output


def test_template_then_record_on_a_fresh_file(cli, mini_data):
    """The README's clerk path: a template written to the progress folder, then `record` fills its blank line."""
    cat, prog = mini_data
    path = prog / "区经济发展局.yaml"
    path.unlink()
    assert cli("template", "区经济发展局", "--as-of", "2023-10-31", "-o", path, "-c", cat).exit_code == 0
    template = path.read_text(encoding="utf-8")
    result = cli("record", "区经济发展局", "1.1", "24", "--as-of", "2023-10-31", "--evidence", "台账",
                 "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.count("- indicator:") == 1 and "value: 24 # 数字，单位 个" in text  # filled in, not added
    assert len(text.splitlines()) == len(template.splitlines()) + 1  # and the day it was sent (及时率)
    assert f"    submitted: {dt.date.today()}" in text.splitlines()
    rows = json.loads(cli("status", "--as-of", "2023-10-31", "-f", "json", "-c", cat, "-p", prog).stdout)
    assert rows["indicators"][0]["actual"] == 24 and rows["indicators"][0]["completion"] == 0.8


def test_template_to_a_file_never_overwrites(cli, mini_data):
    cat, prog = mini_data
    target = prog / "区经济发展局.yaml"
    before = target.read_text(encoding="utf-8")
    result = cli("template", "区经济发展局", "-o", target, "-c", cat)
    assert result.exit_code == 2 and f"{target} 已存在，不会覆盖" in result.output
    assert target.read_text(encoding="utf-8") == before
    fresh = prog.parent / "new" / "x.yaml"
    assert cli("template", "区经济发展局", "-o", fresh, "-c", cat).exit_code == 0
    assert fresh.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_template_for_the_real_plan(cli):
    text = cli("template", "区农业服务中心", "-c", CATALOGUE).stdout
    ids = re.findall(r'- indicator: "([0-9.]+)"', text)
    owned = ["23.1", "29.1", "41.1", "41.2", "41.3", "42.1", "42.2", "43.1"]
    # then those of the tasks it co-leads, reported by another unit: 28 (市生态环境局经开区分局's two goals), 33 and
    # 44 (区城乡建设和交通局's), 40 and 43.2 (市自然资源和规划局经开区分局's), each group in the catalogue's order, as
    # on the form (issue 23: the unit's own goals first)
    co_led = ["28.1", "28.2", "33.1", "40.1", "43.2", "44.1", "44.2", "44.3", "44.4", "44.5"]
    assert ids == owned + co_led
    assert text.count("协办：责任单位") == len(co_led)
    assert "#     协办：责任单位 区城乡建设和交通局 报送，以其数字为准" in text
    assert "粮食播种面积不低于15.3万亩" in text
    assert cli("template", "农业中心", "-c", CATALOGUE).exit_code == 2


def test_template_lists_co_led_goals_and_a_filled_one_counts(cli, tmp_path):
    from .plus import plus_data

    cat, prog = plus_data(tmp_path)  # 区经济发展局 owns 1.1 and 1.2 and co-leads task 3 (3.1, 区农业服务中心's)
    text = cli("template", "经发局", "--as-of", "2023-10-31", "-c", cat).stdout
    assert re.findall(r'- indicator: "([0-9.]+)"', text) == ["1.1", "1.2", "3.1"]
    lines = text.splitlines()
    at = lines.index('      - indicator: "3.1"')
    assert lines[at - 3:at - 1] == ["      # 3.1 新增高标准农田 — 目标 ≥ 1000 亩",
                                    "      #     协办：责任单位 区农业服务中心 报送，以其数字为准"]
    assert "# 标“协办”的指标由责任单位报送" in text
    own = cli("template", "区农业服务中心", "-c", cat).stdout  # it owns 2.1 and 3.1: nothing co-led
    assert re.findall(r'- indicator: "([0-9.]+)"', own) == ["2.1", "3.1"] and "协办" not in own
    english = cli("template", "经发局", "--lang", "en", "-c", cat).stdout
    assert "#     co-lead: 区农业服务中心 reports it, and its figure wins" in english
    # left blank it checks clean; a co-lead's figure counts while the owner has none
    path = prog / "区经济发展局.yaml"
    path.write_text(text, encoding="utf-8")
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0
    lines[at + 1] = "        value: 600"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0
    rows = json.loads(cli("status", "--as-of", "2023-10-31", "-f", "json", "-c", cat, "-p", prog).stdout)
    assert next(r for r in rows["indicators"] if r["id"] == "3.1")["actual"] == 600


def test_schema_is_json_schema_of_the_models_and_the_shipped_copy_is_current(cli):
    for kind in ("progress", "catalogue", "nodes"):
        out = cli("schema", kind).stdout
        schema = json.loads(out)
        assert schema["additionalProperties"] is False
        assert (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8") == out, (
            f"regenerate with: gdtrack schema {kind} > schema/{kind}.schema.json")
    progress = json.loads(cli("schema", "progress").stdout)
    assert set(progress["required"]) == {"unit"}
    assert cli("schema", "tasks").exit_code == 2


def test_codeowners_maps_files_to_reviewers(cli, mini_data):
    cat, prog = mini_data
    with_reviewers = MINI.replace("  - name: 区经济发展局\n",
                                  '  - name: 区经济发展局\n    reviewers: ["@zone/jingfa", "@li"]\n')
    cat.write_text(with_reviewers, encoding="utf-8")
    out = cli("codeowners", "-c", cat, "-p", prog).stdout
    assert f"/{prog.as_posix()}/区经济发展局.yaml @zone/jingfa @li" in out
    assert f"# /{prog.as_posix()}/区农业服务中心.yaml  (区农业服务中心: no `reviewers`" in out


def test_require_reports_lists_the_missing_units(cli, mini_data):
    cat, prog = mini_data
    ok = cli("check", "--lang", "en", "--require-reports", "--as-of", "2023-09-30", "-c", cat, "-p", prog)
    assert ok.exit_code == 0, ok.output
    june = cli("check", "--lang", "en", "--require-reports", "--as-of", "2023-06-15", "-c", cat, "-p", prog)
    assert june.exit_code == 1
    assert "区农业服务中心 has no report dated in 2023-06 (未报送)" in june.output
    assert "未报送 not reported (1): 区农业服务中心" in june.output


def test_progress_warnings(cli, mini_data):
    cat, prog = mini_data
    path = prog / "区经济发展局.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 21", "value: 12"), encoding="utf-8")
    result = cli("check", "--lang", "en", "--as-of", "2023-12-15", "-c", cat, "-p", prog)
    assert result.exit_code == 0  # warnings only
    out = result.output
    assert f"{path}:13:9: warning: indicator 1.1: 12 on 2023-09-30 is lower than 15 on 2023-06-30" in out
    assert f"{path}:7:9: warning: indicator 1.1 on 2023-06-30 has no `evidence`" in out
    # the latest report (09-30) is older than 11-30, the month-end before the query date, and 1.1 is open
    assert f"{path}:10:5: warning: 区经济发展局: the latest report is dated 2023-09-30, before 2023-11-30" in out
    assert cli("check", "--lang", "en", "--strict", "-c", cat, "-p", prog).exit_code == 1


def test_check_json_codes(cli, mini_data):
    cat, prog = mini_data
    (prog / "区农业服务中心.yaml").write_text("unit: 区农业服务中心\nreports:\n  - as_of: 2023-09-30\n    entries:\n"
                                         "      - indicator: \"2.1\"\n        value: 012\n", encoding="utf-8")
    rows = json.loads(cli("check", "-f", "json", "-c", cat, "-p", prog).stdout)
    bad = [r for r in rows if r["severity"] == "error"]
    assert [(r["code"], r["line"], r["col"]) for r in bad] == [("yaml-number", 6, 16)]
    assert set(rows[0]) == {"path", "line", "col", "severity", "code", "key", "values", "message", "hint",
                            "message_zh", "hint_zh"}


def test_pre_commit_hook_and_example_workflow_run_the_gate():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "gdtrack-check" and hooks[0]["entry"] == "gdtrack check"
    assert hooks[0]["language"] == "python" and hooks[0]["pass_filenames"] is False
    workflow = yaml.safe_load((ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    # the gate fails on errors and on goals still pending review (issue 22)
    assert any(s.get("run") == "gdtrack check --format github --fail-on review" for s in steps)
