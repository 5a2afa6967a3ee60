"""The Chinese-IME typing slips in a YAML file, each explained in Chinese and English at its own line."""

from __future__ import annotations

import pytest

from .conftest import MINI_PROGRESS

GOOD = MINI_PROGRESS["区经济发展局.yaml"]
# line 13: `        value: 21`, 14: `        note: 受选址影响，进度偏慢`, 15: `        evidence: 经发局9月台账`


@pytest.mark.parametrize(("old", "new", "where", "words", "hint"), [
    ("value: 21", "value：21", "13:14", "`value` 后面是全角冒号“：”", "改成 value: 21"),
    ("value: 21", "value ：21", "13:14", "`value` 后面是全角冒号“：”", "改成 value: 21"),
    ("value: 21", "value　21", "13:14", "`value` 后面是全角空格“　”", "改成 value: 21"),
    ("value: 21", "value:　21", "13:14", "`value:` 后面是全角空格“　”", "改成 value: 21"),
    ("value: 21", "value:21", "13:14", "`value:` 后面缺少空格", "在冒号后加一个空格：value: 21"),
    ("evidence: 经发局9月台账", "evidence：经发局9月台账", "15:17", "`evidence` 后面是全角冒号",
     "改成 evidence: 经发局9月台账"),
    ('- indicator: "1.1"\n        value: 21', '- indicator："1.1"\n        value: 21', "12:18",
     "`indicator` 后面是全角冒号", '改成 indicator: "1.1"'),
    ("unit: 区经济发展局", "unit:区经济发展局", "2:5", "`unit:` 后面缺少空格",
     "在冒号后加一个空格：unit: 区经济发展局"),
    ("note: 受选址影响，进度偏慢", "note: 完成率: 70%", "14:18", "`note` 的内容里有“: ”（冒号加空格）",
     '给整段内容加英文引号：note: "完成率: 70%"'),
])
def test_ime_slips_in_plain_words(cli, mini_data, old, new, where, words, hint):
    cat, prog = mini_data
    path = prog / "区经济发展局.yaml"
    text = GOOD.replace(old, new, 1) if old != "value: 21" else GOOD.replace("        value: 21", "        " + new)
    assert text != GOOD
    path.write_text(text, encoding="utf-8")
    result = cli("check", "-c", cat, "-p", prog)
    assert result.exit_code == 1
    assert f"{path}:{where}: 错误: {words}" in result.output
    assert " / " not in result.output.split(f"{path}:{where}: 错误: ", 1)[1].splitlines()[0]  # in Chinese only
    assert f"帮助：{hint}" in result.output
    assert "scanning a simple key" not in result.output


def test_a_tab_for_indentation(cli, mini_data):
    cat, prog = mini_data
    path = prog / "区经济发展局.yaml"
    path.write_text(GOOD.replace("        value: 21", "\tvalue: 21"), encoding="utf-8")
    result = cli("check", "-c", cat, "-p", prog)
    assert f"{path}:13:1: 错误: 用 Tab 键缩进了；YAML 只能用空格缩进 [tab-indent]" in result.output
    result = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    assert f"{path}:13:1: error: a tab is used for indentation" in result.output and "Tab 键" not in result.output


def test_other_syntax_errors_keep_yamls_own_words(cli, mini_data):
    cat, prog = mini_data
    path = prog / "区经济发展局.yaml"
    path.write_text(GOOD.replace("value: 21", "value: [21"), encoding="utf-8")
    result = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    assert result.exit_code == 1 and "YAML syntax:" in result.output
