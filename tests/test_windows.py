"""On a Chinese Windows console Python writes GBK; redirected, gdtrack writes UTF-8 anyway, and csv starts with a
BOM so Excel shows Chinese. Run as real processes with PYTHONIOENCODING=gbk, the closest a POSIX machine gets."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import CATALOGUE, csv_table


def gdtrack(*args, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    return subprocess.run([sys.executable, "-m", "gdtrack", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, timeout=60, check=False)


def test_redirected_output_is_utf8_on_a_gbk_console(mini_data, tmp_path):
    cat, prog = mini_data
    template = gdtrack("template", "区农业服务中心", "--as-of", "2023-10-31", "-c", cat, cwd=tmp_path)
    assert template.returncode == 0, template.stderr.decode("utf-8", "replace")
    text = template.stdout.decode("utf-8")  # not GBK: these bytes would not decode
    assert "unit: 区农业服务中心" in text
    # gdtrack accepts the file it wrote (`gdtrack template 区农业服务中心 > 区农业服务中心.yaml`)
    (prog / "区农业服务中心.yaml").write_bytes(template.stdout)
    check = gdtrack("check", "-c", cat, "-p", prog, cwd=tmp_path)
    assert check.returncode == 0, check.stdout.decode("utf-8", "replace")
    assert "✓".encode() in check.stdout  # not in GBK at all: written as UTF-8, not replaced


def test_csv_to_a_file_starts_with_a_bom(mini_data, tmp_path):
    cat, prog = mini_data
    for command in ("status", "lagging"):
        out = gdtrack(command, "--as-of", "2023-09-30", "-f", "csv", "-c", cat, "-p", prog, cwd=tmp_path)
        assert out.returncode == 0
        assert out.stdout.startswith(b"\xef\xbb\xbf")
        assert out.stdout.decode("utf-8-sig").startswith("测试计划\n")  # the title, then the headline, then the table
        assert csv_table(out.stdout.decode("utf-8"))[0][0] == "编号"


def test_errors_on_stderr_are_utf8_too(tmp_path):
    wrong = gdtrack("template", "经发", "-c", CATALOGUE, cwd=tmp_path)
    assert wrong.returncode == 2
    assert "是否是指 区经济发展局" in wrong.stderr.decode("utf-8")
