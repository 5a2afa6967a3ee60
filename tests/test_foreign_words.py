"""Other programs' messages (the system's, PyYAML's, tomllib's, the csv module's) are said in the run's language:
a Chinese run prints no English words but data and codes, an English run no Chinese but data (issue 20)."""

from __future__ import annotations

import errno
import re

import pytest

from gdtrack.words import text
from gdtrack.words.foreign import csv_problem, os_reason, toml_problem, yaml_problem

HEAD = "unit: 区农业服务中心\nreports:\n  - as_of: 2023-09-30\n    entries:\n"
# an English word of three letters or more, outside backquotes (the codes in [..] are taken out first)
ENGLISH = re.compile(r"(?<![`\w])[A-Za-z]{3,}(?![`\w])")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _line(out: str, path) -> str:
    return next(line for line in out.splitlines() if line.startswith(str(path)))


def _words_only(line: str, path) -> str:
    """The line without the path, the code in brackets and backquoted spans (data and codes)."""
    line = line.replace(str(path), "")
    return re.sub(r"\[[a-z-]+\]|`[^`]*`", "", line)


@pytest.mark.parametrize(("body", "zh", "en"), [
    ('      - indicator: "2.1"\n        value: 1\n        evidence: "台账\n',
     "文件在引号闭合之前就结束了", "the file ends before the quote is closed"),
    ("      - [2.1, 1\n", "方括号 [ ] 中的列表应以逗号分隔、以 ] 结束", "a list in [ ] is separated by commas"),
    ("      - {indicator: 2.1\n", "花括号 { } 中应以逗号分隔、以 } 结束", "a mapping in { } is separated by commas"),
])
def test_a_yaml_syntax_error_is_said_in_the_language_of_the_run(cli, mini_data, body, zh, en):
    cat, prog = mini_data
    bad = prog / "区农业服务中心.yaml"
    bad.write_text(HEAD + body, encoding="utf-8")
    chinese = _line(cli("check", "-c", cat, "-p", prog).output, bad)
    assert f"YAML 语法错误：{zh}" in chinese, chinese
    assert not ENGLISH.findall(_words_only(chinese, bad).replace("YAML", "")), chinese
    english = _line(cli("check", "--lang", "en", "-c", cat, "-p", prog).output, bad)
    assert f"YAML syntax: {en}" in english and not HAN.search(english.replace(str(bad), "")), english


def test_a_broken_gdtrack_toml_is_said_in_chinese_with_its_line(cli, tmp_path):
    (tmp_path / "cwd" / "gdtrack.toml").write_text('default = "2023"\n[plans.2023\n', encoding="utf-8")
    result = cli("status")
    assert result.exit_code == 2
    assert "gdtrack.toml:2:12：不是有效的 TOML：节名后缺少 ]" in result.output, result.output
    assert "Expected" not in result.output
    english = cli("status", "--lang", "en").output
    assert "gdtrack.toml:2:12: not valid TOML: a ] is missing after the section name" in english, english


def test_an_output_that_cannot_be_written_says_why_in_chinese(cli, mini_data, tmp_path):
    cat, prog = mini_data
    (tmp_path / "是文件").write_text("", encoding="utf-8")
    target = tmp_path / "是文件" / "滞后事项.md"
    result = cli("lagging", "-c", cat, "-p", prog, "--as-of", "2023-09-30", "--format", "markdown", "-o", target)
    assert result.exit_code == 1
    assert "已有同名的文件或文件夹" in result.output and "File exists" not in result.output, result.output
    english = cli("lagging", "--lang", "en", "-c", cat, "-p", prog, "--as-of", "2023-09-30", "--format",
                  "markdown", "-o", target).output
    assert "a file or folder of that name already exists" in english, english
    assert not HAN.search(english.replace(str(target), "")), english


def test_each_foreign_message_has_words_in_both_languages():
    said = [os_reason(OSError(errno.ENOSPC, "No space left on device")),
            os_reason(UnicodeDecodeError("utf-8", b"\xb9", 0, 1, "invalid start byte")),
            yaml_problem("mapping values are not allowed here"),
            toml_problem("Expected '=' after a key in a key/value pair"),
            csv_problem("line contains NUL")]
    zh = [text(m, "zh") for m in said]
    assert zh == ["磁盘已满", "第 1 个字节起不是 utf-8 编码的文字",
                  "这里不能再写 `键: 值`（多半是值中有冒号而没有加引号，或缩进有误）", "键后面应有 `=`",
                  "有一行含空字符（NUL），可能不是文本文件"]
    assert [text(m, "en") for m in said][0] == "the disk is full"


def test_an_unknown_foreign_message_keeps_the_programs_words_as_data_and_says_whose():
    unknown = os_reason(OSError(errno.EAGAIN, "Resource temporarily unavailable"))
    assert text(unknown, "zh") == "系统错误 EAGAIN（Resource temporarily unavailable）"
    assert text(yaml_problem("something new", "while parsing"), "zh") == "解析器报告：while parsing something new"
