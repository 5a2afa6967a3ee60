"""`check` refuses control characters and over-long text in every free-text field, with the field's line;
`record` refuses them too, writing nothing."""

from __future__ import annotations

import json

import pytest

from gdtrack.checks.text import MAX_TASK_TEXT, MAX_TEXT

ECON = "区经济发展局.yaml"


def check_json(cli, cat, prog):
    result = cli("check", "-c", cat, "-p", prog, "-f", "json")
    return result.exit_code, json.loads(result.stdout)


def errors(diags, code):
    return [d for d in diags if d["code"] == code]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("written", "char", "pos", "says"), [
    (r'note: "已建成\v15个"', "U+000B", 4, "Shift+Enter"),  # Word's manual line break
    (r'note: "\e[2J\e]0;pwned\a已建成15个"', "U+001B", 1, "ESC ["),  # a pasted terminal sequence
    (r'note: "已建成\t15个"', "U+0009", 4, "tab"),
    (r'note: "已建成15个\u202e"', "U+202E", 7, "text-direction"),
])
def test_a_control_character_in_a_note_is_an_error_with_its_line(cli, mini_data, written, char, pos, says):
    cat, prog = mini_data
    edit(prog / ECON, "note: 已建成15个", written)  # line 8 of the file
    code, diags = check_json(cli, cat, prog)
    (d,) = errors(diags, "control-char")
    assert code == 1 and d["line"] == 9 and d["path"].endswith(ECON)
    assert char in d["message"] and f"at character {pos}" in d["message"] and says in d["message"]
    assert "控制字符" in d["message_zh"] and d["hint_zh"].startswith("删除它") and "控制字符" not in d["message"]


def test_evidence_and_revision_reasons_are_text_too(cli, mini_data):
    cat, prog = mini_data
    edit(prog / ECON, "evidence: 经发局9月台账",
         'evidence: "经发局\\x07台账"\n        revised: {reason: "口径\\x1b调整"}')
    _, diags = check_json(cli, cat, prog)
    assert [(d["line"], d["message"].split("`")[1]) for d in errors(diags, "control-char")] == \
        [(15, "evidence"), (16, "reason")]


def test_a_newline_is_fine(cli, mini_data):
    cat, prog = mini_data
    edit(prog / ECON, "note: 已建成15个", 'note: "已建成15个\\n另有3个在建"')
    assert check_json(cli, cat, prog)[0] == 0


def test_text_length_limit(cli, mini_data):
    cat, prog = mini_data
    edit(prog / ECON, "note: 已建成15个", "note: " + "长" * MAX_TEXT)
    assert check_json(cli, cat, prog)[0] == 0
    edit(prog / ECON, "note: " + "长" * MAX_TEXT, "note: " + "长" * (MAX_TEXT + 1))
    code, diags = check_json(cli, cat, prog)
    (d,) = errors(diags, "text-too-long")
    assert code == 1 and d["line"] == 9 and "2,001" in d["message"] and "2,000" in d["message"]


def test_the_catalogue_text_is_checked_with_its_line(cli, mini):
    cat = mini(replace={22: r'        name: "新建5G基站\e[31m"', 18: "    text: 大力发展数字经济。新建5G基站30个以上。"
                        + "。" * MAX_TASK_TEXT})
    code, diags = check_json(cli, cat, cat.parent / "none")
    assert code == 1
    assert [(d["code"], d["line"]) for d in diags if d["code"] in ("control-char", "text-too-long")] == \
        [("text-too-long", 18), ("control-char", 22)]


def test_record_refuses_a_control_character_and_writes_nothing(cli, mini_data):
    cat, prog = mini_data
    before = (prog / ECON).read_text(encoding="utf-8")
    result = cli("record", "区经济发展局", "1.1", "25", "--as-of", "2023-10-31", "--note", "新增\v4个",
                 "--evidence", "台账", "-c", cat, "-p", prog)
    assert result.exit_code == 1 and "control-char" in result.stderr and "U+000B" in result.stderr
    assert "Traceback" not in result.output and "\v" not in result.stderr
    assert (prog / ECON).read_text(encoding="utf-8") == before


def test_status_leaves_such_a_file_out_and_says_so(cli, mini_data):
    cat, prog = mini_data
    edit(prog / ECON, "note: 已建成15个", r'note: "\e[2J"')
    result = cli("status", "--as-of", "2023-09-30", "-c", cat, "-p", prog)
    assert result.exit_code == 0 and f"未纳入 {prog / ECON}：" in result.stderr and "\x1b" not in result.output


def test_a_lone_carriage_return_ending_a_note_is_found_before_the_next_text(cli, mini_data):
    """The texts of a progress file are searched as one first: a CR that ends one note, before the next text
    (which starts with a line break), is still a lone CR, with its own line; a CRLF inside a note is text."""
    cat, prog = mini_data
    edit(prog / ECON, "note: 已建成15个", 'note: "已建成15个\\r"')
    edit(prog / ECON, "evidence: 经发局9月台账", 'evidence: "\\n经发局9月台账"')
    _, diags = check_json(cli, cat, prog)
    assert [(d["line"], d["message"].split("`")[1]) for d in errors(diags, "control-char")] == [(9, "note")]
    edit(prog / ECON, 'note: "已建成15个\\r"', 'note: "已建成15个\\r\\n另有3个在建"')
    assert errors(check_json(cli, cat, prog)[1], "control-char") == []
