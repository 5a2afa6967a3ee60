"""Issue 24, deliver 6: system faults are messages. A full or closed stdout, a file-size limit, an unreadable
progress folder: one clear message and a non-zero exit, never a traceback; `-o` never replaces the plan's own files;
the cache never follows a symlink and prunes only the files it made."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CATALOGUE, NODES, PROGRESS

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX shells, /dev/full and ulimit")


def gdtrack_sh(command: str, cwd: Path, tmp_path: Path, limit: str = "") -> tuple[int, str]:
    """Run `gdtrack COMMAND` under sh, with the shell's redirections (after `limit`, such as a ulimit); its stderr
    goes to a file of its own."""
    err = tmp_path / "stderr.txt"
    env = {**os.environ, "GDTRACK_CACHE": "off", "GDTRACK_LANG": "zh"}
    script = f'{limit}exec "{sys.executable}" -m gdtrack {command} 2>"{err}"'
    done = subprocess.run(["sh", "-c", script], cwd=cwd, env=env, timeout=120)
    return done.returncode, err.read_text(encoding="utf-8")


@posix
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_is_said_and_the_run_fails(tmp_path):
    code, err = gdtrack_sh(f'status --as-of 2023-09-30 -c "{CATALOGUE}" -p "{PROGRESS}" >/dev/full', tmp_path, tmp_path)
    assert code == 1 and "输出未能写完" in err and "Traceback" not in err, err


@posix
def test_a_closed_stdout_is_said_and_a_file_output_still_works(tmp_path):
    code, err = gdtrack_sh(f'status --as-of 2023-09-30 -c "{CATALOGUE}" -p "{PROGRESS}" >&-', tmp_path, tmp_path)
    assert code == 1 and "标准输出已关闭" in err and "Traceback" not in err, err
    out = tmp_path / "台账.csv"
    code, err = gdtrack_sh(f'export --as-of 2023-09-30 -c "{CATALOGUE}" -p "{PROGRESS}" -o "{out}" >&-', tmp_path,
                           tmp_path)
    assert code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf"), err


@posix
def test_output_cut_short_by_a_file_size_limit_is_not_a_success(tmp_path):
    """`ulimit -f 1` lets one block through (512 bytes in sh): the status table is some 20 KB. It exited 0."""
    out = tmp_path / "status.txt"
    code, err = gdtrack_sh(f'status --as-of 2023-09-30 -c "{CATALOGUE}" -p "{PROGRESS}" >"{out}"', tmp_path, tmp_path)
    whole = out.stat().st_size
    assert code == 0 and whole > 4096, err
    command = f'status --as-of 2023-09-30 -c "{CATALOGUE}" -p "{PROGRESS}" >"{out}"'
    code, err = gdtrack_sh(command, tmp_path, tmp_path, limit="ulimit -f 1; ")
    cut = out.stat().st_size
    assert code == 1 and cut < whole, err
    assert f"系统只写入了 {cut} 字节，共 {whole} 字节" in err and "Traceback" not in err


def test_output_never_replaces_the_plan_files(cli, tmp_path, monkeypatch):
    shutil.copytree(CATALOGUE.parent, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    before = {p: p.read_bytes() for p in (tmp_path / "data").rglob("*.yaml")}
    plan_file, in_folder = "它是计划的数据文件", "它在进度文件夹"
    for target, words in [("data/tasks_2023.yaml", plan_file), ("data/nodes_2023.yaml", plan_file),
                          ("data/progress/区财政局.yaml", in_folder), ("data/progress/台账.csv", in_folder)]:
        result = cli("export", "--as-of", "2023-09-30", "-f", "csv", "-o", target)
        assert result.exit_code == 2 and words in result.output and "另选一个文件名" in result.output, result.output
        result = cli("status", "--as-of", "2023-09-30", "-o", target)
        assert result.exit_code == 2, result.output
    assert {p: p.read_bytes() for p in (tmp_path / "data").rglob("*.yaml")} == before
    assert not (tmp_path / "data" / "progress" / "台账.csv").exists()
    assert cli("export", "--as-of", "2023-09-30", "-f", "csv", "-o", "台账.csv").exit_code == 0


def test_a_progress_folder_that_cannot_be_listed_is_one_message(cli, tmp_path, monkeypatch):
    """Permissions cannot be taken from root (CI runs as root), so the folder's listing fails as it would."""
    import gdtrack.checks.workspace as workspace

    def refused(folder):
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(workspace, "progress_paths", refused)
    result = cli("check", "-c", CATALOGUE, "-p", PROGRESS)
    assert result.exit_code == 1 and "无法读取进度文件夹" in result.output and "权限" in result.output, result.output
    assert "Traceback" not in result.output


@posix
def test_the_cache_never_follows_a_symlink_nor_prunes_what_it_did_not_make(tmp_path):
    other = tmp_path / "someone-elses"
    other.mkdir()
    files = [other / "0123456789abcdef0123456789abcdef.pickle", other / ".gdtrack-cache-x.tmp", other / "key"]
    long_ago = time.time() - 90 * 24 * 3600
    for path in files:
        path.write_bytes(b"not the cache's")
        os.utime(path, (long_ago, long_ago))
    link = tmp_path / "cache"
    link.symlink_to(other)
    env = {**os.environ, "GDTRACK_CACHE": str(link)}
    done = subprocess.run([sys.executable, "-m", "gdtrack", "status", "--as-of", "2023-09-30", "-c", str(CATALOGUE),
                           "-p", str(PROGRESS)], capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120)
    assert done.returncode == 0 and "是符号链接" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert all(p.exists() for p in files) and sorted(p.name for p in other.iterdir()) == sorted(p.name for p in files)
    assert NODES.exists()
