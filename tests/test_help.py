"""--help speaks Chinese by default and English with GDTRACK_LANG=en; every command shows how to run it.

The language of --help is chosen once, when gdtrack.cli is imported (typer takes help= as the commands are
declared), so these tests run gdtrack in a fresh Python with the environment a user would have.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from gdtrack.cli import help_lang
from gdtrack.cli.helptext import width, wrap

# Every registered command's --help, rendered by the real app in a fresh process: {name: output}.
ALL_HELP = """
import json
from typer.testing import CliRunner
from gdtrack.cli import app
runner = CliRunner()
names = [c.name or c.callback.__name__ for c in app.registered_commands]
print(json.dumps({name: runner.invoke(app, [name, "--help"]).output for name in names}))
"""


def _env(lang: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GDTRACK_LANG"} | {"COLUMNS": "80", "PYTHONUTF8": "1"}
    return env | ({"GDTRACK_LANG": lang} if lang is not None else {})


def unwrapped(text: str) -> str:
    """Chinese help as one line (a Chinese line breaks between two characters, with no space)."""
    return re.sub(r"\s*\n\s*", "", text)


def gdtrack(*args: str, lang: str | None) -> str:
    done = subprocess.run([sys.executable, "-m", "gdtrack", *args], env=_env(lang), capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module", params=["zh", "en"])
def every_help(request) -> tuple[str, dict[str, str]]:
    lang = request.param
    done = subprocess.run([sys.executable, "-c", ALL_HELP], env=_env(None if lang == "zh" else lang),
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    return lang, json.loads(done.stdout)


def test_the_app_help_is_in_chinese_unless_gdtrack_lang_says_en():
    zh = gdtrack("--help", lang=None)
    assert "重点工作任务跟踪：计划目录、各单位进展、对照序时进度的状态。" in zh
    assert "  示例：gdtrack status --as-of 2023-09-30" in zh.splitlines()
    assert "显示版本号并退出。" in zh  # an option
    assert "检查计划目录和各单位的进展文件，一次列出全部问题。" in zh  # check, in the list of commands
    assert "Example:" not in zh and "Print the version" not in zh
    assert zh.startswith("用法：") and "[OPTIONS] COMMAND [ARGS]..." in zh  # typer's own words, in Chinese too
    assert "为当前的 shell 安装命令补全。" in zh and "Install completion" not in zh  # typer's own options too
    assert "选项" in zh and "命令" in zh and "Usage:" not in zh and "Options" not in zh and "Commands" not in zh

    en = gdtrack("--help", lang="en")
    assert "  Example:  gdtrack status --as-of 2023-09-30" in en.splitlines()
    assert "Print the version and exit." in en
    assert "Validate the catalogue and the progress files" in en
    assert "示例" not in en and "显示版本号" not in en
    assert en.startswith("Usage: ") and "[OPTIONS] COMMAND [ARGS]..." in en and "Options" in en
    assert "用法" not in en and "选项" not in en


def test_status_help_is_in_chinese_unless_gdtrack_lang_says_en():
    zh = gdtrack("status", "--help", lang=None)
    assert zh.splitlines()[2] == "  各目标对照序时进度的完成情况，或按任务、章、单位汇总。"
    assert "  示例：gdtrack status --as-of 2023-09-30 --by chapter" in zh.splitlines()
    assert "查询日期，晚于该日的报送不计。" in unwrapped(zh)  # --as-of
    assert "table, markdown, csv, json（默认：table）。" in unwrapped(zh)  # --format
    assert "Query date" not in zh

    en = gdtrack("status", "--help", lang="en")
    assert en.splitlines()[2].startswith("  Completion against 序时进度 for every goal")
    assert "  Example:  gdtrack status --as-of 2023-09-30 --by chapter" in en.splitlines()
    assert "Query date; reports dated after it are ignored." in " ".join(en.split())
    assert "查询日期" not in en


def test_the_help_language_is_zh_unless_gdtrack_lang_is_en():
    assert help_lang({}) == "zh"
    assert help_lang({"GDTRACK_LANG": "zh"}) == "zh"
    assert help_lang({"GDTRACK_LANG": "fr"}) == "zh"
    assert help_lang({"GDTRACK_LANG": "en"}) == "en"


def test_every_command_shows_an_example_of_itself_in_both_languages(every_help):
    lang, helps = every_help
    assert {"check", "status", "record", "import", "init"} <= set(helps)
    mark = {"zh": "  示例：", "en": "  Example:  "}[lang]
    other = {"zh": "Example:", "en": "示例："}[lang]
    for name, text in helps.items():
        assert text.startswith(f"Usage: gdtrack {name} "), (lang, name, text)
        assert any(line.startswith(f"{mark}gdtrack {name} ") for line in text.splitlines()), (lang, name, text)
        assert other not in text, (lang, name)


def test_help_lines_fit_an_80_column_terminal(every_help):
    """Chinese takes two columns a character: the help is wrapped by columns, not characters. An example is
    kept whole (to be copied), and so is a default too long for the column."""
    lang, helps = every_help
    for name, text in helps.items():
        for line in text.splitlines():
            if "示例：" in line or "Example:" in line or "schema.json" in line:
                continue
            assert width(line) <= 80, (lang, name, line)


def test_chinese_is_wrapped_by_columns_and_a_closing_mark_never_starts_a_line():
    # 计划目录 is 8 columns, "（YAML）。" 10, 默 2: 20; "认：" would make 24
    assert wrap("计划目录（YAML）。默认：gdtrack.toml 中该计划的目录", 20) == [
        "计划目录（YAML）。默", "认：gdtrack.toml 中", "该计划的目录"]
    # 计划目录 fits 8 columns, but 。 may not start the next line, so 录 goes down with it
    assert wrap("计划目录。默认", 8) == ["计划目", "录。默认"]
    # English words stay whole; a word longer than the line is cut
    assert wrap("only these codes", 10) == ["only these", "codes"]
    assert wrap("../../schema/progress.schema.json", 12) == ["../../schema", "/progress.sc", "hema.json"]
