"""Issue 24, deliver 4: text from the plan and the departments is inert in every output. Names with HTML, Markdown
image and link syntax, a bare URL and a line break that would start a heading or a CI command: the Markdown bulletin
(every section, 七 and 八 included), the lagging list, 催报's text, and `check --format github` keep them data.
Zero-width and bidirectional characters are refused by `check`, with their line."""

from __future__ import annotations

import json
import re
import shutil

from gdtrack.diagnostics import error
from gdtrack.views.problems import format_github

from .conftest import CATALOGUE, NODES, PROGRESS

EVIL = (r'![x](http://evil.example/p.png) [点我](https://evil.example) <img src=x onerror=alert(1)>'
        r'\n# 假标题\n::warning::注入')


def evil_plan(tmp_path):
    """The shipped plan with every goal's name made hostile (the files otherwise as shipped)."""
    text = CATALOGUE.read_text(encoding="utf-8")
    text, n = re.subn(r'^(        name: ")', lambda m: m.group(1) + EVIL.replace('"', '\\"') + " ", text, flags=re.M)
    assert n == 119
    (tmp_path / "tasks_2023.yaml").write_text(text, encoding="utf-8")
    shutil.copy(NODES, tmp_path)
    return tmp_path / "tasks_2023.yaml"


def assert_inert(out: str):
    assert "<img" not in out and "onerror=alert" not in out.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "](http" not in out.replace(r"\](http", "")  # no link or image: [ and ] are escaped
    assert "http://evil" not in out and "https://evil" not in out  # a bare URL is not made a link
    lines = out.splitlines()
    assert not [line for line in lines if line.startswith(("# 假标题", "::warning::"))], out


def test_the_markdown_bulletin_is_inert_in_every_section(cli, tmp_path):
    cat = evil_plan(tmp_path)
    result = cli("report", "--as-of", "2023-10-31", "-c", cat, "-p", PROGRESS)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for section in ("七、督办事项", "八、年底预判"):
        body = out.split(section)[1].split("\n## ")[0]
        assert "&lt;img src=x" in body and r"\!\[x\]" in body, section  # the names are there, as text
    assert_inert(out)


def test_the_lagging_list_and_remind_are_inert(cli, tmp_path):
    cat = evil_plan(tmp_path)
    md = cli("lagging", "--as-of", "2023-09-30", "-f", "markdown", "-c", cat, "-p", PROGRESS)
    assert md.exit_code == 0 and "&lt;img src=x" in md.stdout
    assert_inert(md.stdout)
    for fmt in ("text", "markdown"):
        remind = cli("remind", "--as-of", "2023-10-20", "-f", fmt, "-c", cat, "-p", PROGRESS)
        assert remind.exit_code == 0 and "假标题" in remind.stdout, remind.output
        assert not [line for line in remind.stdout.splitlines() if line.startswith(("# 假标题", "::warning::"))]


def test_github_annotations_show_control_characters_of_a_file_name():
    out = format_github([error("data/progress/\x1b]52;c;ZXZpbA==\x07x.yaml", "schema", "bad \x1b[31mred")])
    assert "\x1b" not in out and "\x07" not in out and "␛" in out and out.count("\n") == 0


def test_zero_width_and_bidi_characters_are_refused_with_their_line(cli, tmp_path):
    shutil.copytree(PROGRESS, tmp_path / "progress")
    path = tmp_path / "progress" / "区财政局.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("note: ") + len("note: ")
    for ch, code in (("\u200b", "U+200B"), ("\u202e", "U+202E"), ("\u2060", "U+2060")):
        changed = text[:first] + f'"有{ch}字" #' + text[first:]
        path.write_text(changed, encoding="utf-8")
        result = cli("check", "-c", CATALOGUE, "-p", tmp_path / "progress", "-f", "json")
        found = [d for d in json.loads(result.stdout) if d["code"] == "control-char"]
        assert result.exit_code == 1 and len(found) == 1 and code in found[0]["message_zh"], result.output
        assert "note:" in changed.splitlines()[found[0]["line"] - 1]


def test_the_form_writes_the_plans_words_as_text_and_import_prints_its_cells_inert(cli, tmp_path):
    """A task or unit name such as =cmd|' /C calc'!A0 was a live formula in the form sent to departments; a CSV
    form's unit cell reached the terminal raw in import's summary."""
    from openpyxl import load_workbook

    from .plus import plus_data
    from .test_forms import import_

    cat, prog = plus_data(tmp_path)
    text = cat.read_text(encoding="utf-8").replace("name: 新建5G基站", "name: \"=cmd|' /C calc'!A0\"")
    cat.write_text(text, encoding="utf-8")
    form = tmp_path / "经发局.xlsx"
    assert cli("template", "经发局", "--as-of", "2023-10-31", "-o", form, "-c", cat, "-p", prog).exit_code == 0
    cells = [c for row in load_workbook(form).active.iter_rows() for c in row if c.value == "=cmd|' /C calc'!A0"]
    assert cells and all(c.data_type == "s" for c in cells)  # text, not a formula
    csv_form = tmp_path / "经发局.csv"
    csv_form.write_text("报送表\n报送单位,\x1b]52;c;ZXZpbA==\x07区经济发展局\x1b[2J,截至日期,2023-10-31\n\n"
                        "编号,分工,指标,目标,单位,原文,上次报送数值,上次报送日期,本期数值,说明,佐证/数据来源\n"
                        "1.1,本单位,x,,,,,,25,,台账\n", encoding="utf-8")
    result = import_(cli, cat, prog, csv_form)
    assert "\x1b" not in result.output and "\x07" not in result.output and "Traceback" not in result.output
