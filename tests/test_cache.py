"""The cache of cleanly loaded files (gdtrack.files.cache): a second run answers the same without parsing anything;
nothing stale, damaged or foreign is ever used; a cache that cannot be used is no cache, never an error."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from gdtrack.files import cache as cache_module
from gdtrack.files import loading
from gdtrack.files.cache import ModelCache, default_folder
from gdtrack.files.loading import load
from gdtrack.models import Catalogue, ProgressFile

from .conftest import CATALOGUE, PROGRESS


def status(cli, cat, prog, *more):
    result = cli("status", "--as-of", "2023-09-30", "-c", cat, "-p", prog, *more)
    assert result.exit_code == 0, result.output
    return result


def indicator(result, ind_id):
    return next(i for i in json.loads(result.stdout)["indicators"] if i["id"] == ind_id)


@pytest.fixture
def parsed(monkeypatch):
    """The files read from their text from now on (the cache spares the others), by the fast reader or the strict
    one: each is first offered to the clean path (loading.clean)."""
    calls = []
    real, read = loading.clean, loading.read_bytes

    def spy(text, model, max_nodes):
        calls.append(calls_of[-1])
        return real(text, model, max_nodes)

    calls_of: list[str] = []

    def reading(path, display=None, limit=None):
        calls_of.append(display or str(path))
        return read(path, display, limit)

    monkeypatch.setattr(loading, "clean", spy)
    monkeypatch.setattr(loading, "read_bytes", reading)
    return calls


def test_the_second_run_answers_from_the_cache(cli, cache_folder, parsed):
    first = status(cli, CATALOGUE, PROGRESS)
    files = 2 + len(list(PROGRESS.glob("*.yaml")))  # the catalogue, the nodes file beside it, the progress files
    assert len(parsed) == files
    assert len(list(cache_folder.glob("*.pickle"))) == files  # one entry per file
    second = status(cli, CATALOGUE, PROGRESS)
    assert len(parsed) == files  # nothing parsed again
    assert second.stdout == first.stdout and second.stderr == first.stderr
    assert json.loads(status(cli, CATALOGUE, PROGRESS, "-f", "json").stdout)["left_out"] == {}


def test_an_edited_file_is_read_again(cli, mini_data):
    cat, prog = mini_data
    assert indicator(status(cli, cat, prog, "-f", "json"), "1.1")["actual"] == 21
    path = prog / "区经济发展局.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 21", "value: 27"), encoding="utf-8")
    edited = indicator(status(cli, cat, prog, "-f", "json"), "1.1")
    assert edited["actual"] == 27 and edited["completion"] == 0.9  # 27 / 30


def test_a_file_with_problems_is_never_cached(cli, mini_data, cache_folder):
    cat, prog = mini_data
    bad = prog / "区农业服务中心.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("value: 2", "vaule: 2"), encoding="utf-8")
    for _ in range(2):
        result = status(cli, cat, prog)
        assert "未纳入" in result.stderr and "区农业服务中心.yaml" in result.stderr
    assert len(list(cache_folder.glob("*.pickle"))) == 2  # the catalogue and the good progress file


def test_problems_found_by_the_checks_are_said_on_every_run(cli, mini_data):
    cat, prog = mini_data
    other = prog / "区农业服务中心.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace('"2.1"', '"2.9"'), encoding="utf-8")  # no such goal
    runs = [status(cli, cat, prog) for _ in range(2)]
    assert "未纳入" in runs[0].stderr and "2.9" in runs[0].stderr
    assert runs[1].stderr == runs[0].stderr and runs[1].stdout == runs[0].stdout


@pytest.mark.parametrize("damage", [
    lambda blob: blob[:40],  # cut short
    lambda blob: blob[:32] + b"\x80\x05 not a pickle",  # the right digest, garbage after it
    lambda blob: b"",  # emptied
])
def test_a_damaged_entry_is_a_miss(cli, mini_data, cache_folder, parsed, damage):
    cat, prog = mini_data
    first = status(cli, cat, prog)
    for entry in cache_folder.glob("*.pickle"):
        entry.write_bytes(damage(entry.read_bytes()))
    assert status(cli, cat, prog).stdout == first.stdout
    assert len(parsed) == 2 * 3  # the catalogue and both progress files, read again
    assert status(cli, cat, prog).stdout == first.stdout
    assert len(parsed) == 2 * 3  # and stored again


class _Opens:
    """A pickle that would create a file when loaded, were its class allowed."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def test_an_entry_naming_anything_but_gdtrack_models_is_refused(tmp_path, cache_folder):
    raw = (PROGRESS / "区经济发展局.yaml").read_bytes()
    cache = ModelCache(cache_folder)
    marker = tmp_path / "pwned"
    cache.put("p.yaml", ProgressFile, raw, _Opens(marker))
    assert cache.get("p.yaml", ProgressFile, raw) is None
    assert not marker.exists()


def test_an_entry_is_used_only_for_its_bytes_its_model_and_this_release(cache_folder, monkeypatch):
    path = PROGRESS / "区经济发展局.yaml"
    raw = path.read_bytes()
    model = load(path, ProgressFile).model
    cache = ModelCache(cache_folder)
    cache.put(path, ProgressFile, raw, model)
    assert cache.get(path, ProgressFile, raw) == model
    assert cache.get(path, ProgressFile, raw + b"\n") is None  # one byte more
    assert cache.get(path, Catalogue, raw) is None  # another model
    cache.put(path, Catalogue, raw, model)  # a model of the wrong type under this key
    assert cache.get(path, Catalogue, raw) is None
    monkeypatch.setattr(cache_module, "__version__", "0.0.0-other")
    assert ModelCache(cache_folder).get(path, ProgressFile, raw) is None  # written by another release


def test_check_always_reads_afresh(cli, cache_folder, parsed):
    files = 2 + len(list(PROGRESS.glob("*.yaml")))  # the catalogue, the nodes file beside it, the progress files
    assert cli("check", "-c", CATALOGUE, "-p", PROGRESS).exit_code == 0
    assert len(parsed) == files and not cache_folder.exists()  # parsed everything, stored nothing
    status(cli, CATALOGUE, PROGRESS)
    assert cli("check", "-c", CATALOGUE, "-p", PROGRESS).exit_code == 0
    assert len(parsed) == 3 * files  # status filled the cache; check still parsed every file


def test_off_writes_nothing(cli, mini_data, cache_folder, monkeypatch):
    monkeypatch.setenv("GDTRACK_CACHE", "off")
    cat, prog = mini_data
    status(cli, cat, prog)
    assert not cache_folder.exists()


def test_a_cache_that_cannot_be_written_is_no_cache(cli, mini_data, cache_folder):
    cat, prog = mini_data
    cache_folder.write_text("a file where the folder should be", encoding="utf-8")
    first = status(cli, cat, prog)
    assert status(cli, cat, prog).stdout == first.stdout
    assert cache_folder.read_text(encoding="utf-8") == "a file where the folder should be"


def test_where_the_cache_lives(tmp_path):
    assert default_folder({"GDTRACK_CACHE": "off"}) is None
    assert default_folder({"GDTRACK_CACHE": "OFF "}) is None
    assert default_folder({"GDTRACK_CACHE": str(tmp_path)}) == tmp_path
    if sys.platform not in ("win32", "darwin"):
        assert default_folder({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "gdtrack"


# ── no one else can feed it ────────────────────────────────────────────────────────────────────

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="modes and owners are POSIX's")


def test_an_entry_written_with_another_key_is_refused(cli, mini_data, cache_folder, parsed):
    """Whoever can write the folder but does not hold the key cannot make status show invented figures."""
    cat, prog = mini_data
    path = prog / "区经济发展局.yaml"
    assert indicator(status(cli, cat, prog, "-f", "json"), "1.1")["actual"] == 21
    invented = prog.parent / "invented.yaml"
    invented.write_text(path.read_text(encoding="utf-8").replace("value: 21", "value: 30"), encoding="utf-8")
    model = load(invented, ProgressFile).model
    other = tmp_key_cache(cache_folder.parent / "other")  # an attacker's cache, with its own key
    other.put(path, ProgressFile, path.read_bytes(), model)  # the invented model, for the real file's exact bytes
    entry = other._entry(path, ProgressFile)
    (cache_folder / entry.name).write_bytes(entry.read_bytes())  # planted in the user's folder
    assert indicator(status(cli, cat, prog, "-f", "json"), "1.1")["actual"] == 21  # refused: read afresh
    assert parsed.count(str(path)) == 2


def tmp_key_cache(folder):
    folder.mkdir(mode=0o700)
    return ModelCache(folder)


@posix_only
@pytest.mark.parametrize("mode", [0o770, 0o777, 0o702])
def test_a_folder_others_can_write_is_not_used_and_says_so(cli, mini_data, cache_folder, parsed, mode):
    cat, prog = mini_data
    cache_folder.mkdir(mode=0o700)
    cache_folder.chmod(mode)
    runs = [status(cli, cat, prog) for _ in range(2)]
    assert len(parsed) == 2 * 3  # every file parsed on both runs: no cache
    assert list(cache_folder.iterdir()) == []  # nothing written, not even a key
    for run in runs:
        assert run.stderr.count("可被其他用户写入") == 1 and "writable by group or others" not in run.stderr
        assert "chmod 700" in run.stderr
    assert runs[0].stdout == runs[1].stdout


@posix_only
def test_a_new_folder_and_its_key_are_private(cli, mini_data, cache_folder):
    cat, prog = mini_data
    status(cli, cat, prog)
    assert cache_folder.stat().st_mode & 0o777 == 0o700
    key = cache_folder / "key"
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32
    assert all(p.stat().st_mode & 0o077 == 0 for p in cache_folder.iterdir())  # entries private too (mkstemp)


@posix_only
def test_a_key_others_can_read_or_a_damaged_key_disables_the_cache(cli, mini_data, cache_folder, parsed):
    cat, prog = mini_data
    status(cli, cat, prog)
    key = cache_folder / "key"
    key.chmod(0o644)
    result = status(cli, cat, prog)
    assert "key" in result.stderr and len(parsed) == 2 * 3
    key.chmod(0o600)
    key.write_bytes(b"short")
    assert "key" in status(cli, cat, prog).stderr and len(parsed) == 3 * 3


def test_pruning_removes_entries_unused_for_30_days_and_leftover_temporary_files(cache_folder, mini_data):
    cat, prog = mini_data
    cache = ModelCache(cache_folder)
    raw = cat.read_bytes()
    model = load(cat, Catalogue).model
    cache.put(cat, Catalogue, raw, model)
    cache.put(prog / "x.yaml", Catalogue, raw, model)
    old, recent = cache._entry(cat, Catalogue), cache._entry(prog / "x.yaml", Catalogue)
    leftover = cache_folder / ".gdtrack-cache-abc.tmp"  # a temporary file of its own
    leftover.write_bytes(b"half")
    now = time.time()
    day = 24 * 3600
    os.utime(old, (now - 31 * day, now - 31 * day))
    os.utime(recent, (now - 29 * day, now - 29 * day))
    os.utime(leftover, (now - 2 * 3600, now - 2 * 3600))
    foreign = [cache_folder / "notes.pickle", cache_folder / ".other.tmp"]  # not the cache's: its names are its own
    for path in foreign:
        path.write_bytes(b"someone else's")
        os.utime(path, (now - 90 * day, now - 90 * day))
    assert cache.prune() == 2
    assert sorted(p.name for p in cache_folder.iterdir()) == sorted([".pruned", "key", recent.name,
                                                                     "notes.pickle", ".other.tmp"])
    assert cache.get(cat, Catalogue, raw) is None and cache.get(prog / "x.yaml", Catalogue, raw) == model


def test_the_first_write_of_a_day_prunes(cache_folder, mini_data):
    cat, _ = mini_data
    cache = ModelCache(cache_folder)
    raw = cat.read_bytes()
    model = load(cat, Catalogue).model
    cache.put(cat, Catalogue, raw, model)  # the first write: prunes (nothing yet) and stamps the day
    leftover = cache_folder / ".gdtrack-cache-abc.tmp"  # a temporary file of its own
    leftover.write_bytes(b"half")
    os.utime(leftover, (time.time() - 7200, time.time() - 7200))
    cache.put(cat, Catalogue, raw, model)
    assert leftover.exists()  # pruned once a day, not at every write
    os.utime(cache_folder / ".pruned", (time.time() - 2 * 24 * 3600,) * 2)
    cache.put(cat, Catalogue, raw, model)
    assert not leftover.exists()


def test_a_hit_counts_as_use(cache_folder, mini_data):
    cat, _ = mini_data
    cache = ModelCache(cache_folder)
    raw = cat.read_bytes()
    cache.put(cat, Catalogue, raw, load(cat, Catalogue).model)
    (entry,) = cache_folder.glob("*.pickle")
    long_ago = time.time() - 29 * 24 * 3600
    os.utime(entry, (long_ago, long_ago))
    assert cache.get(cat, Catalogue, raw) is not None
    assert time.time() - entry.stat().st_mtime < 60  # used today: not pruned for another 30 days
    assert cache.prune() == 0


def test_the_digest_covers_every_module_of_gdtrack(cache_folder, monkeypatch, tmp_path):
    """Issue 11: a change to any module (not only a hand-kept list) makes entries misses."""
    import shutil

    from gdtrack.files import cache as module

    package = tmp_path / "pkg"
    shutil.copytree(Path(module.__file__).parent.parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(module, "__file__", str(package / "files" / "cache.py"))
    before = module._salt()
    (package / "views" / "svg.py").write_text("# changed\n", encoding="utf-8")
    assert module._salt() != before


def test_the_digest_covers_the_pydantic_release_without_importing_it(monkeypatch, tmp_path):
    """A pydantic upgrade (it validates every file) makes entries misses; finding its release imports nothing, so a
    warm run needs no pydantic (gdtrack.cli.coercion, gdtrack.models)."""
    import importlib.machinery
    import importlib.util

    from gdtrack.files import cache as module

    real = importlib.util.find_spec

    def release(version: str) -> bytes:
        folder = tmp_path / version / "pydantic"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "version.py").write_text(f"VERSION = '{version}'\n", encoding="utf-8")
        spec = importlib.machinery.ModuleSpec("pydantic", None, is_package=True)
        spec.submodule_search_locations = [str(folder)]
        monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec if name == "pydantic" else real(name))
        return module._salt()

    assert release("2.14.4") != release("2.15.0")
    assert release("2.14.4") == module._salt()  # the same release: the same digest
