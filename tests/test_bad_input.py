"""Every kind of bad input gets one clear message with file and line; nothing is written; no traceback."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from gdtrack.files import loading, parsing

GOOD_HEAD = "unit: 区农业服务中心\nreports:\n  - as_of: 2023-09-30\n    entries:\n      - indicator: \"2.1\"\n"


def entry_value(text: str) -> str:
    """A file whose line 6 is `value: <text>`."""
    return GOOD_HEAD + f"        value: {text}\n        evidence: 台账\n"


# (name, file content or bytes, line, words the message must contain)
CASES = [
    ("yaml-syntax", GOOD_HEAD + "        value: [1, 2\n", 7, "YAML syntax"),
    ("tab-indent", GOOD_HEAD + "\tvalue: 1\n", 6, "tab"),
    ("duplicate-key", entry_value("1") + "        value: 2\n", 8, "duplicate key 'value'"),
    ("unknown-key", GOOD_HEAD + "        vaule: 1\n", 6, "did you mean `value`?"),
    ("id-as-number", GOOD_HEAD.replace('"2.1"', "2.1") + "        value: 1\n", 5, "read as the number 2.1"),
    ("units-in-number", entry_value('"12家"'), 6, "e.g. value: 12"),
    ("percent", entry_value('"40%"'), 6, "e.g. value: 40"),
    ("thousands-comma", entry_value('"1,110"'), 6, "e.g. value: 1110"),
    ("full-width", entry_value("１２"), 6, "全角数字"),
    ("nan", entry_value(".nan"), 6, ".nan and .inf"),
    ("inf", entry_value(".inf"), 6, ".nan and .inf"),
    ("negative", entry_value("-3"), 6, "negative"),
    ("slash-date", GOOD_HEAD.replace("2023-09-30", "2023/9/30") + "        value: 1\n", 3, "YYYY-MM-DD"),
    ("chinese-date", GOOD_HEAD.replace("2023-09-30", "2023年9月30日") + "        value: 1\n", 3, "YYYY-MM-DD"),
    ("impossible-date", GOOD_HEAD.replace("2023-09-30", "2023-02-30") + "        value: 1\n", 3, "not a real date"),
    ("yes-no", entry_value("no"), 6, "boolean false"),
    ("octal-0o", entry_value("0o12"), 6, "plain decimal"),
    ("octal-0", entry_value("012"), 6, "reads it as 10"),
    ("sexagesimal", entry_value("1:30"), 6, "reads it as 90"),
    ("gbk", (GOOD_HEAD + "        value: 1\n        note: 剩余两处\n").encode("gbk"), 1, "GBK"),
    ("utf16", (GOOD_HEAD + "        value: 1\n").encode("utf-16"), 1, "UTF-16"),
    ("empty", "", None, "empty"),
    ("top-level-list", "- unit: 区农业服务中心\n", 1, "must be a mapping"),
    ("python-tag", GOOD_HEAD + "        value: !!python/object/apply:os.system [echo hi]\n", 6, "!!python/object"),
    ("custom-tag", GOOD_HEAD + "        value: !num 12\n", 6, "tag !num"),
    ("billion-laughs",
     "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
     "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
     "i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n", 1, "aliases"),
    ("not-owned", GOOD_HEAD.replace('"2.1"', '"1.1"') + "        value: 3\n", 5, "belongs to 区经济发展局"),
    ("milestone-word-for-number", entry_value("done"), 6, "needs a number"),
]


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.parent.rglob("*") if p.is_file()}


@pytest.mark.parametrize(("name", "content", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_progress_file(cli, mini_data, name, content, line, words):
    cat, prog = mini_data
    bad = prog / "区农业服务中心.yaml"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    before = digest(prog)
    result = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    where = f"{bad}:{line}:" if line else f"{bad}: error"
    assert where in result.output, result.output
    assert words in result.output, result.output
    # read commands go on with the valid files and say which one they left out (default run: Chinese, cli.left_out)
    status = cli("status", "--as-of", "2023-09-30", "-c", cat, "-p", prog)
    assert status.exit_code == 0, status.output
    assert f"未纳入 {bad}：" in status.stderr, status.stderr
    assert "1.1" in status.stdout and "未纳入统计" in status.stdout
    assert digest(prog) == before  # nothing was written


def test_a_late_report_date_in_the_past_is_accepted(cli, mini_data):
    """2023-12-31, the plan's last day, is in the past today: no date error, only the missing evidence."""
    cat, prog = mini_data
    (prog / "区农业服务中心.yaml").write_text(GOOD_HEAD.replace("2023-09-30", "2023-12-31") + "        value: 1\n",
                                         encoding="utf-8")
    result = cli("check", "-c", cat, "-p", prog, "-f", "json")
    assert result.exit_code == 0, result.output
    codes = {d["code"] for d in json.loads(result.stdout) if d["path"].endswith("区农业服务中心.yaml")}
    assert codes == {"no-evidence"}


def test_bom_and_crlf_are_accepted(cli, mini_data):
    cat, prog = mini_data
    path = prog / "区农业服务中心.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (GOOD_HEAD + "        value: 1\n        evidence: x\n").replace("\n", "\r\n")
                     .encode("utf-8"))
    result = cli("check", "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output


def test_report_in_the_future_is_refused(cli, mini_data):
    import datetime as dt

    cat, prog = mini_data
    text = (prog / "区农业服务中心.yaml").read_text(encoding="utf-8")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    # a catalogue whose period runs to next year, so the date is inside the plan but still in the future
    cat.write_text(cat.read_text(encoding="utf-8").replace("period_end: 2023-12-31",
                                                          f"period_end: {tomorrow.year + 1}-12-31"), encoding="utf-8")
    (prog / "区农业服务中心.yaml").write_text(text.replace("2023-09-30", tomorrow.isoformat()), encoding="utf-8")
    result = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    assert result.exit_code == 1
    assert f"{prog / '区农业服务中心.yaml'}:7:" in result.output and "in the future" in result.output


def test_file_over_the_size_limit(cli, mini_data, monkeypatch):
    cat, prog = mini_data
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 100)
    result = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    assert result.exit_code == 1
    assert "over the limit of 100" in result.output


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_symlink_out_of_the_folder(cli, mini_data, tmp_path):
    cat, prog = mini_data
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("unit: 区经济发展局\nreports: []\n", encoding="utf-8")
    (prog / "link.yaml").symlink_to(outside)
    result = cli("check", "-c", cat, "-p", prog)
    assert result.exit_code == 1
    assert "outside" in result.output and "link.yaml" in result.output


def test_two_files_for_one_unit(cli, mini_data):
    cat, prog = mini_data
    (prog / "copy.yaml").write_text((prog / "区经济发展局.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    assert result.exit_code == 1
    # files are read in name order, so the second one read is the one refused
    expected = f"{prog / '区经济发展局.yaml'}:2:1: error: 区经济发展局 already reports in {prog / 'copy.yaml'}"
    assert expected in result.output


def test_bad_catalogue_encoding(cli, mini):
    path = mini()
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    result = cli("check", "-c", path)
    assert result.exit_code == 1
    assert "GBK/GB18030" in result.output and "iconv -f GB18030 -t UTF-8" in result.output


def test_plain_yaml_reads_as_pyyaml_reads_it():
    """The strict loader resolves tags itself (fast path); every value it accepts must come out as PyYAML's own
    safe loader reads it: same value, same type."""
    import yaml

    doc = (
        "a: text\nb: 中文 说明\nc: 12\nd: -3\ne: 0\nf: 4.5\ng: .5\nh: -1.25e3\ni: 2023-09-30\nj: ~\nk: null\n"
        "l:\nm: true\nn: False\no: '12'\np: \"2023-09-30\"\nq: 'yes'\nr: a-b\nt: '~'\nu: +7\nv: 1e3\n"
        "w: [1, two, 3.0, 2024-12-31, ~]\nx: {y: nested, z: 2}\n'1.10': quoted key\n2: number key\n"
        "note: 新增市级平台12家以上\nnone: None\n"
    )
    ours = parsing.parse_yaml(doc, "doc.yaml")
    theirs = yaml.load(doc, Loader=yaml.SafeLoader)  # noqa: S506 - the safe loader
    assert ours == theirs
    assert [type(v) for v in ours.values()] == [type(v) for v in theirs.values()]
    assert ours["c"] == 12 and ours["o"] == "12" and ours["l"] is None and ours["none"] == "None"
    # where PyYAML gives up on a lone `=` (YAML 1.1's value key), it is just the text
    assert parsing.parse_yaml("note: =\n", "doc.yaml") == {"note": "="}
