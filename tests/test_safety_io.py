"""Attacks on gdtrack's files (issue 15): each is reproduced, and the outcome is a clear message, an exit code,
nothing written where it must not be, nothing read that must not be, and no traceback."""

from __future__ import annotations

import fnmatch
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gdtrack.diagnostics import LoadError
from gdtrack.files import loading, safeio, writing
from gdtrack.files.safeio import UnsafeTarget, ensure_replaceable
from gdtrack.files.unitnames import name_problem, unit_file
from gdtrack.words import text

from .conftest import ROOT

posix = pytest.mark.skipif(os.name == "nt", reason="symlinks, FIFOs and signals as on POSIX")
UNIT = "区经济发展局"
SECRET = "AKIA-SECRET-TOKEN-123"


def record(cli, cat, prog, *args):
    return cli("record", *args, "-c", cat, "-p", prog)


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder`: a file's bytes, a link's target."""
    out: dict[str, bytes | str] = {}
    for p in sorted(folder.rglob("*")):
        key = str(p.relative_to(folder))
        out[key] = os.readlink(p) if p.is_symlink() else p.read_bytes() if p.is_file() else "dir"
    return out


# ── unit names are file names ─────────────────────────────────────────────────────────────────────

BAD_NAMES = [("../../x", "'/'"), ("/tmp/x", "'/'"), ("a\\b", "'\\'"), ("..", "'..'"), (".hidden", "'..'"),
             ("CON", "CON is a device name"), ("nul.txt", "nul is a device name"), ("COM1", "COM1"),
             ("LPT9", "LPT9"), ("区财政局.", "ends with a dot"), ("区财政局 ", "ends with a dot or a space"),
             ('a"b', "'\"'"), ("a<b", "'<'"), ("a|b", "'|'"), ("a?b", "'?'"), ("a*b", "'*'"), ("C:x", "':'"),
             ("a\x01b", "U+0001"), ("a\x7fb", "U+007F"), ("区" * 80, "at most 228")]


@pytest.mark.parametrize(("name", "words"), BAD_NAMES, ids=[repr(n[:12]) for n, _ in BAD_NAMES])
def test_unit_names_that_are_not_file_names(name, words):
    problem = name_problem(name)
    assert problem is not None and words in text(problem, "zh") + text(problem, "en")
    assert "不能用作文件名" in text(problem, "zh") and "cannot be a file name" in text(problem, "en")  # each language


@pytest.mark.parametrize("name", ["区经济发展局", "区党工委（纪工委）", "区城乡建设和交通局", "CONSOLE", "COM10", "a.b",
                                  "区" * 76])
def test_ordinary_unit_names_pass(name):
    assert name_problem(name) is None


@pytest.mark.parametrize("name", ["../../x", "/tmp/x"])
def test_a_unit_named_like_a_path_is_a_check_error_and_record_writes_nothing(cli, mini_data, mini, tmp_path, name):
    _, prog = mini_data
    outside = Path(name + ".yaml") if name.startswith("/") else None
    seen = outside.stat().st_mtime_ns if outside is not None and outside.exists() else None
    quoted = name.replace("\\", "\\\\")
    cat = mini(replace={10: f'  - name: "{quoted}"', 32: f'    lead_units: ["{quoted}"]'})
    before = tree(tmp_path)
    result = cli("check", "-c", cat, "-p", prog)
    assert result.exit_code == 1
    assert f"{cat}:10:" in result.output and "[unit-name]" in result.output and "Traceback" not in result.output
    rec = record(cli, cat, prog, name, "2.1", "0", "--as-of", "2023-10-31")
    assert rec.exit_code == 1 and "Traceback" not in rec.output
    assert tree(tmp_path) == before
    assert not (tmp_path.parent / "x.yaml").exists()  # where ../../x.yaml from the progress folder is
    if outside is not None:  # /tmp/x.yaml untouched
        assert (outside.stat().st_mtime_ns if outside.exists() else None) == seen


def test_record_never_builds_a_path_out_of_the_progress_folder(tmp_path):
    """Even if a bad name got past `check`, the file's path is checked again, links resolved."""
    prog = tmp_path / "progress"
    prog.mkdir()
    assert unit_file(prog, UNIT) == prog / f"{UNIT}.yaml"
    for name in ("../x", "/tmp/x", "a/../../x", ".."):
        with pytest.raises(ValueError, match="cannot be a file name"):
            unit_file(prog, name)


# ── a file's name matches its unit; other files are named ───────────────────────────────────────────


def test_a_file_named_for_another_unit_is_refused(cli, mini_data):
    cat, prog = mini_data
    wrong = prog / f"zz-{UNIT}.yaml"
    (prog / "区农业服务中心.yaml").rename(wrong)  # holds `unit: 区农业服务中心` on line 1
    result = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    assert result.exit_code == 1
    assert f"{wrong}:1:1: error: the file name zz-{UNIT}.yaml" in result.output and "不符" not in result.output
    assert "does not match the unit 区农业服务中心" in result.output and "[unit-mismatch]" in result.output
    assert "rename the file to 区农业服务中心.yaml" in result.output
    status = cli("status", "--as-of", "2023-09-30", "-c", cat, "-p", prog)
    assert status.exit_code == 0 and f"未纳入 {wrong}：" in status.stderr and "left out" not in status.stderr
    # record does not write into the wrongly named file, nor start a second file beside it
    rec = record(cli, cat, prog, "区农业服务中心", "2.1", "1", "--as-of", "2023-10-31")
    assert rec.exit_code == 1 and "有错误，请先修正再录入" in rec.output
    assert sorted(p.name for p in prog.iterdir() if not p.name.startswith(".")) == [wrong.name, f"{UNIT}.yaml"]


def test_files_gdtrack_does_not_read_are_named(cli, mini_data):
    cat, prog = mini_data
    (prog / "区农业服务中心.yaml").rename(prog / "区农业服务中心.YAML")
    for name in ("区经济发展局.yml.bak", "台账.xlsx", "说明.txt"):
        (prog / name).write_text(f"{SECRET}\n", encoding="utf-8")
    for hidden in (f".{UNIT}.yaml.lock", ".gitkeep", f".{UNIT}.yaml.abcd1234.gdtrack.tmp"):
        (prog / hidden).write_bytes(b"")
    (prog / "archive").mkdir()
    result = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    assert result.exit_code == 0, result.output  # warnings
    named = [line.split(": warning")[0] for line in result.output.splitlines() if "[not-progress-file]" in line]
    assert named == [str(prog / n) for n in ("区农业服务中心.YAML", "区经济发展局.yml.bak", "台账.xlsx", "说明.txt")]
    assert "rename it to 区农业服务中心.yaml" in result.output and "rename it to 区经济发展局.yml" in result.output
    assert "lower-case .yaml or .yml" in result.output and "小写" not in result.output
    assert SECRET not in result.output  # named, not read
    assert cli("check", "--lang", "en", "--strict", "-c", cat, "-p", prog).exit_code == 1


def test_yml_stays_a_progress_file(cli, mini_data):
    cat, prog = mini_data
    (prog / "区农业服务中心.yaml").rename(prog / "区农业服务中心.yml")
    result = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    assert result.exit_code == 0 and "not-progress-file" not in result.output and "2 progress file(s)" in result.output
    rec = record(cli, cat, prog, "区农业服务中心", "2.1", "1", "--as-of", "2023-10-31", "--evidence", "台账")
    assert rec.exit_code == 0 and "区农业服务中心.yml" in rec.output
    assert not (prog / "区农业服务中心.yaml").exists()


# ── links, loops, FIFOs, devices ────────────────────────────────────────────────────────────────────


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "credentials"
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


@posix
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_link_out_of_the_folder_is_never_read(cli, mini_data, secret, fmt, monkeypatch):
    cat, prog = mini_data
    link = prog / "creds.yaml"
    link.symlink_to(secret)
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(safeio.os, "open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k))
    result = cli("check", "-c", cat, "-p", prog, "--format", fmt)
    assert result.exit_code == 1
    assert "symlink-outside" in result.output and str(link) in result.output
    assert SECRET not in result.output
    assert str(link) not in opened and str(secret) not in opened


@posix
def test_a_link_to_dev_zero_is_refused_at_once(cli, mini_data):
    cat, prog = mini_data
    (prog / "zero.yaml").symlink_to("/dev/zero")
    result = cli("check", "-c", cat, "-p", prog)
    assert result.exit_code == 1 and "symlink-outside" in result.output


@posix
def test_a_symlink_loop_is_named_and_the_rest_goes_on(cli, mini_data):
    cat, prog = mini_data
    (prog / "loop.yaml").symlink_to("loop.yaml")
    (prog / "a.yaml").symlink_to("b.yaml")
    (prog / "b.yaml").symlink_to("a.yaml")
    result = cli("check", "--lang", "en", "-c", cat, "-p", prog)
    assert result.exit_code == 1 and "Traceback" not in result.output
    for name in ("loop.yaml", "a.yaml", "b.yaml"):
        assert f"{prog / name}: error: this is a symbolic link that loops" in result.output
    assert "符号链接循环指向自身" not in result.output
    assert "loops back on itself; it cannot be read [symlink-loop]" in result.output
    status = cli("status", "--as-of", "2023-09-30", "-c", cat, "-p", prog)
    assert status.exit_code == 0 and f"未纳入 {prog / 'loop.yaml'}：符号链接循环指向自身" in status.stderr


@posix
def test_a_fifo_does_not_hang_any_command(mini_data, tmp_path):
    """Run as a real process with a deadline: a read of the FIFO would block for ever."""
    cat, prog = mini_data
    os.mkfifo(prog / "aaa-pipe.yaml")  # sorts first: `report` also looks at the first file for the sample mark
    for command in (["check"], ["report", "--as-of", "2023-09-30"]):
        done = subprocess.run([sys.executable, "-m", "gdtrack", *command, "-c", str(cat), "-p", str(prog)],
                              capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert "Traceback" not in done.stderr
        said = done.stdout + done.stderr
        if command == ["check"]:  # in Chinese only
            assert "这不是普通文件（命名管道），未读取" in said and "this is not a regular file" not in said, done
        else:  # left out and named: a bulletin is not made from partial data
            assert f"{prog / 'aaa-pipe.yaml'}" in said, done
        assert done.returncode == 1


@posix
def test_reading_refuses_devices_without_reading_them():
    with pytest.raises(LoadError) as caught:
        loading.read_bytes("/dev/zero")
    assert caught.value.diagnostic.code == "not-a-regular-file"
    assert "a device" in caught.value.diagnostic.message


def test_a_read_stops_at_the_limit_even_if_the_file_grew(tmp_path, monkeypatch):
    """The size seen by stat may be stale; the read itself never takes more than the limit + 1 bytes."""
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 5000)
    real_stat, real_read = os.stat, os.read
    asked: list[int] = []
    monkeypatch.setattr(safeio.os, "stat", lambda p, *a, **k: os.stat_result(
        (*real_stat(p)[:6], 10, *real_stat(p)[7:])))  # stat says 10 bytes
    monkeypatch.setattr(safeio.os, "read", lambda fd, n: asked.append(n) or real_read(fd, n))
    with pytest.raises(LoadError) as caught:
        safeio.read_bounded(path, 100, str(path))
    assert caught.value.diagnostic.code == "too-large" and "grew past the limit of 100" in str(caught.value)
    assert sum(asked) <= 101


@posix
@pytest.mark.parametrize(("where", "zh", "en"), [
    ("outside", ["[symlink-outside]", "有错误，请先修正再录入"], ["[symlink-outside]", "fix them before recording"]),
    ("inside", ["是符号链接，gdtrack 不会经由链接写入或替换它", "把链接换成文件本身"],
     ["is a symbolic link", "replace the link with the file itself"])])
def test_record_refuses_to_write_through_a_link(cli, mini_data, tmp_path, where, zh, en):
    cat, prog = mini_data
    own = prog / f"{UNIT}.yaml"
    target = tmp_path / "outside.yaml" if where == "outside" else prog / "store" / "real.yaml"
    target.parent.mkdir(exist_ok=True)
    own.rename(target)
    own.symlink_to(target)
    before = target.read_bytes()
    for lang, words in (([], zh), (["--lang", "en"], en)):
        result = record(cli, cat, prog, UNIT, "1.1", "25", "--as-of", "2023-10-31", *lang)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert all(w in result.output for w in words), result.output
        assert target.read_bytes() == before and own.is_symlink()


# ── -o writes only to a regular file or a new path ──────────────────────────────────────────────────


@posix
@pytest.mark.parametrize("command", [["report", "--as-of", "2023-09-30"], ["export", "--as-of", "2023-09-30"]])
def test_output_refuses_a_symlink(cli, mini_data, tmp_path, command):
    cat, prog = mini_data
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to(target)
    result = cli(*command, "-c", cat, "-p", prog, "-o", link, "--lang", "en")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "is a symbolic link" in result.output and "是符号链接" not in result.output
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me\n"


@posix
def test_output_refuses_a_fifo_and_a_folder(cli, mini_data, tmp_path):
    cat, prog = mini_data
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    result = cli("report", "--as-of", "2023-09-30", "-c", cat, "-p", prog, "-o", fifo, "--lang", "en")
    assert result.exit_code == 1 and "is a named pipe" in result.output and "命名管道" not in result.output
    with pytest.raises(UnsafeTarget) as refused:
        ensure_replaceable(fifo)
    assert "是命名管道，不是普通文件" in text(refused.value.said, "zh")
    assert refused.value.message_zh.endswith("不会覆盖它")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    folder = tmp_path / "out.md"
    folder.mkdir()
    result = cli("report", "--as-of", "2023-09-30", "-c", cat, "-p", prog, "-o", folder)
    assert result.exit_code == 1 and "是文件夹，不是普通文件" in result.output and folder.is_dir()


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="making a device node needs root")
def test_output_refuses_a_device(cli, mini_data, tmp_path):
    """As root, `-o /dev/null` once turned /dev/null into a regular file; here a copy of /dev/null is the target."""
    cat, prog = mini_data
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.lstat("/dev/null").st_rdev)
    result = cli("report", "--as-of", "2023-09-30", "-c", cat, "-p", prog, "-o", null, "--lang", "en")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "is a device, not a regular file" in result.output and "设备" not in result.output
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_still_writes_a_new_file_and_replaces_a_regular_one(cli, mini_data, tmp_path):
    cat, prog = mini_data
    out = tmp_path / "new" / "通报.md"
    for _ in range(2):
        result = cli("report", "--as-of", "2023-09-30", "-c", cat, "-p", prog, "-o", out)
        assert result.exit_code == 0 and out.is_file() and not out.is_symlink()


# ── temporary files and locks ───────────────────────────────────────────────────────────────────────


def test_ctrl_c_during_a_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(writing.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        writing.atomic_write(target, "new\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]
    assert target.read_text(encoding="utf-8") == "old\n"


@posix
def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    ready = tmp_path / "ready"
    script = (
        "import os, sys, time\n"
        "from gdtrack.files import writing\n"
        "def slow(fd):\n"
        f"    open({str(ready)!r}, 'w').close()\n"
        "    time.sleep(30)\n"
        "writing.os.fsync = slow\n"
        f"writing.atomic_write({str(target)!r}, 'new\\n')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert any(p.name.endswith(writing.TEMP_SUFFIX) for p in tmp_path.iterdir())  # inside the write window
    proc.terminate()
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + 15 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "ready"]
    assert target.read_text(encoding="utf-8") == "old\n"


def test_the_next_write_removes_stale_temporary_files(cli, mini_data):
    cat, prog = mini_data
    stale = prog / f".{UNIT}.yaml.k3j9x0qa{writing.TEMP_SUFFIX}"  # left by a writer killed with -9
    fresh = prog / f".{UNIT}.yaml.a1b2c3d4{writing.TEMP_SUFFIX}"  # another writer's, still being written
    mine = prog / ".notes.tmp"  # not gdtrack's
    for p in (stale, fresh, mine):
        p.write_text("partial", encoding="utf-8")
    old = time.time() - writing.STALE_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(mine, (old, old))
    assert record(cli, cat, prog, UNIT, "1.1", "25", "--as-of", "2023-10-31").exit_code == 0
    assert not stale.exists() and fresh.exists() and mine.exists()


def test_a_writer_that_cannot_get_the_lock_gives_up_cleanly(cli, mini_data, monkeypatch, tmp_path):
    cat, prog = mini_data
    path = prog / f"{UNIT}.yaml"
    before = path.read_bytes()
    monkeypatch.setattr(writing, "LOCK_TIMEOUT", 0.3)
    held = tmp_path / "held"
    script = ("import sys, time\nfrom gdtrack.files import writing\n"
              f"with writing.locked({str(path)!r}):\n    open({str(held)!r}, 'w').close()\n    time.sleep(30)\n")
    holder = subprocess.Popen([sys.executable, "-c", script])  # another gdtrack in the middle of a write
    try:
        deadline = time.monotonic() + 30
        while not held.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        result = record(cli, cat, prog, UNIT, "1.1", "25", "--as-of", "2023-10-31", "--lang", "en")
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "another gdtrack has been writing" in result.output and "另一个 gdtrack 正在写入" not in result.output
    assert "run the same command again" in result.output
    assert path.read_bytes() == before
    # the holder was killed: its lock went with it, and the same command now goes through
    assert record(cli, cat, prog, UNIT, "1.1", "25", "--as-of", "2023-10-31").exit_code == 0


def test_the_lock_is_reentrant_within_a_process(tmp_path):
    """An import may hold a unit's lock around many `recording.record` calls, each of which takes it again."""
    path = tmp_path / f"{UNIT}.yaml"
    with writing.locked(path), writing.locked(path, timeout=0.1):
        writing.atomic_write(path, "unit: x\n")
    with writing.locked(path, timeout=0.1):  # released once the outer one ends
        pass


def test_gdtracks_own_files_are_hidden_and_ignored_by_git(mini_data):
    """Lock and temporary files start with a dot (gdtrack never reads them as progress files) and match the
    patterns of `.gitignore` that the README asks a data repository to keep."""
    patterns = [line.strip() for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()]
    _, prog = mini_data
    names = [writing.lock_path(prog / f"{UNIT}.yaml").name, f".{UNIT}.yaml.k3j9x0qa{writing.TEMP_SUFFIX}"]
    for name in names:
        assert name.startswith(".") and any(fnmatch.fnmatch(name, p) for p in patterns), name
    assert loading.progress_paths(prog) == sorted(prog / n for n in ("区农业服务中心.yaml", f"{UNIT}.yaml"))


@posix
def test_record_refuses_a_fifo_in_place_of_the_units_file(cli, mini_data):
    cat, prog = mini_data
    own = prog / f"{UNIT}.yaml"
    own.unlink()
    os.mkfifo(own)
    result = record(cli, cat, prog, UNIT, "1.1", "25", "--as-of", "2023-10-31")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "这不是普通文件（命名管道）" in result.output and "not a regular file" not in result.output
    english = record(cli, cat, prog, UNIT, "1.1", "25", "--as-of", "2023-10-31", "--lang", "en")
    assert english.exit_code == 1 and "Traceback" not in english.output
    assert "not a regular file (a named pipe)" in english.output and "命名管道" not in english.output
    assert stat.S_ISFIFO(os.lstat(own).st_mode)


def test_record_refuses_a_file_named_for_it_that_holds_another_unit(cli, mini_data):
    cat, prog = mini_data
    own = prog / f"{UNIT}.yaml"
    (prog / "区农业服务中心.yaml").unlink()
    own.write_text(own.read_text(encoding="utf-8").replace(f"unit: {UNIT}", "unit: 区农业服务中心"),
                   encoding="utf-8")
    before = own.read_bytes()
    result = record(cli, cat, prog, UNIT, "1.1", "25", "--as-of", "2023-10-31")
    assert result.exit_code == 1 and "[unit-mismatch]" in result.output and "有错误，请先修正再录入" in result.output
    assert own.read_bytes() == before


def test_an_import_scans_the_folder_for_stale_files_once(cli, tmp_path, monkeypatch):
    """Two units' forms imported in one run write two files into one folder: the stale temporary file is removed,
    and the folder is looked through once, not once a write (each write adds a lock file to the folder, so a sweep
    whenever it changed made an import of 2,100 forms look through 4,200 names 2,100 times)."""
    from openpyxl import load_workbook

    from .plus import plus_data

    cat, prog = plus_data(tmp_path)
    stale = prog / f".{UNIT}.yaml.k3j9x0qa{writing.TEMP_SUFFIX}"
    stale.write_text("partial", encoding="utf-8")
    old = time.time() - writing.STALE_SECONDS - 60
    os.utime(stale, (old, old))
    forms = []
    for unit in (UNIT, "区农业服务中心"):
        form = tmp_path / f"{unit}.xlsx"
        made = cli("template", unit, "--as-of", "2023-10-31", "-o", form, "-c", cat, "-p", prog)
        assert made.exit_code == 0, made.output
        wb = load_workbook(form)
        ws = wb.active
        row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value and ws.cell(r, 9).value is None)
        ws.cell(row, 9).value = 3
        wb.save(form)
        forms.append(form)
    swept = []
    real = writing.sweep_stale_temps
    monkeypatch.setattr(writing, "sweep_stale_temps",
                        lambda folder, now=None: swept.append(folder) or real(folder, now))
    done = cli("import", *forms, "-c", cat, "-p", prog)
    assert done.exit_code == 0, done.output
    assert done.output.count("记录 1 项") == 2
    assert not stale.exists() and [Path(f).resolve() for f in swept] == [prog.resolve()]
