"""Click's and Typer's own words in gdtrack's language: Chinese by default, English with GDTRACK_LANG=en
(gdtrack.cli.clickwords)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from gdtrack.cli import app, clickwords


@pytest.fixture
def words():
    """install(lang) for one test; what it replaced is put back after it."""
    yield clickwords.install
    clickwords.uninstall()


def test_help_in_chinese(words):
    words("zh")
    out = CliRunner().invoke(app, ["--help"]).output
    assert out.startswith("用法：gdtrack [OPTIONS] COMMAND [ARGS]...")
    assert "\n选项:\n" in out and "显示本帮助并退出。" in out
    assert "Usage:" not in out and "Options:" not in out and "Show this message and exit." not in out


def test_help_in_english(words):
    words("en")
    out = CliRunner().invoke(app, ["--help"]).output
    assert out.startswith("Usage: gdtrack [OPTIONS] COMMAND [ARGS]...")
    assert "\nOptions:\n" in out and "Show this message and exit." in out and "用法" not in out


def test_an_unknown_option_in_chinese_and_in_english(words):
    words("zh")
    result = CliRunner().invoke(app, ["status", "--nosuch"])
    assert result.exit_code == 2
    assert result.output == ("用法：gdtrack status [OPTIONS]\n运行 'gdtrack status -h' 查看帮助。\n\n"
                             "错误：没有这个选项：--nosuch\n")
    words("en")
    result = CliRunner().invoke(app, ["status", "--nosuch"])
    assert result.output == ("Usage: gdtrack status [OPTIONS]\nTry 'gdtrack status -h' for help.\n\n"
                             "Error: No such option: --nosuch\n")


def test_a_mistyped_command_is_one_message_in_the_run_language_with_its_suggestion():
    """typer adds "Did you mean" after the message gettext has already worded: both parts in the run's language
    (until stop 36 a Chinese run printed "没有命令 'statu'。. Did you mean 'status'?")."""
    for lang, said in (("zh", "错误：没有命令 'statu'。（是否应为 'status'？）\n"),
                       ("en", "Error: No such command 'statu'. Did you mean 'status'?\n")):
        r = subprocess.run([sys.executable, "-m", "gdtrack", "statu"], capture_output=True, text=True,
                           encoding="utf-8", env=os.environ | {"GDTRACK_LANG": lang, "PYTHONIOENCODING": "utf-8"})
        assert r.returncode == 2
        assert r.stderr.endswith(said), r.stderr
        assert "Did you mean" not in r.stderr or lang == "en"


def test_uninstall_puts_clicks_words_back(words):
    words("zh")
    clickwords.uninstall()
    assert CliRunner().invoke(app, ["status", "--nosuch"]).output.endswith("Error: No such option: --nosuch\n")


@pytest.mark.parametrize(("message", "zh", "en"), [
    ("Got unexpected extra argument (x)", "多余的参数（x）", "Got unexpected extra argument(s) (x)"),
    ("Missing argument 'UNIT'.", "缺少参数 'UNIT'。", "Missing argument 'UNIT'."),
    ("Invalid value for '--as-of': 'x' is not a date", "'--as-of' 的值无效：'x' is not a date",
     "Invalid value for '--as-of': 'x' is not a date"),
    ("Invalid value for '--chapter': Input should be a valid integer, unable to parse string as an integer",
     "'--chapter' 的值无效：应为整数，如 3", "Invalid value for '--chapter': a whole number is expected, such as 3"),
    ("Invalid value for '--lang' (env var: 'GDTRACK_LANG'): Value error, 'fr' is not one of 'zh', 'en'.",
     "'--lang' (env var: 'GDTRACK_LANG') 的值无效：'fr' 不是可选的值（可选：'zh', 'en'）",
     "Invalid value for '--lang' (env var: 'GDTRACK_LANG'): 'fr' is not one of 'zh', 'en'."),
    ("No such option: --statu Did you mean --status?", "没有这个选项：--statu（是否应为 --status？）",
     "No such option: --statu Did you mean --status?"),
    ("something click says that we do not know", "something click says that we do not know",
     "something click says that we do not know"),
])
def test_usage_errors_are_reworded(message, zh, en):
    assert clickwords.reword(message, "zh") == zh
    assert clickwords.reword(message, "en") == en


def test_gettext_msgids_fall_back_to_the_english():
    assert clickwords.translate("Options", "zh") == "选项"
    assert clickwords.translate("Options", "en") == "Options"
    assert clickwords.translate("A msgid gdtrack has no word for", "zh") == "A msgid gdtrack has no word for"


def _run(*args: str, lang: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GDTRACK_LANG"} | ({"GDTRACK_LANG": lang} if lang else {})
    return subprocess.run([sys.executable, "-m", "gdtrack", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=60)


@pytest.mark.parametrize(("lang", "usage", "error"), [
    (None, "用法：", "错误：没有这个选项：--nosuch"),
    ("en", "Usage: ", "Error: No such option: --nosuch"),
])
def test_the_installed_cli_speaks_its_language(lang, usage, error):
    assert _run("--help", lang=lang).stdout.startswith(usage)
    bad = _run("status", "--nosuch", lang=lang)
    assert bad.returncode == 2 and error in bad.stderr
    number = _run("status", "--chapter", "三", lang=lang)  # what pydantic says, in the run's language
    assert number.returncode == 2 and "Input should be" not in number.stderr
    assert ("应为整数" if lang is None else "a whole number is expected") in number.stderr


def test_lang_on_the_command_line_chooses_the_language_of_help_too():
    """`--help --lang en` (help texts are fixed when the CLI is imported: the entry point reads --lang first)."""
    en = _run("status", "--help", "--lang", "en", lang=None).stdout
    assert en.startswith("Usage: ") and "Options:" in en and "用法" not in en and "示例" not in en
    assert "Example:" in en
    zh = _run("status", "--lang=zh", "--help", lang="en").stdout
    assert zh.startswith("用法：") and "示例：" in zh and "Example:" not in zh
