"""YAML out: round-trip edits that keep every comment, key order, quote and blank line, written atomically.

PyYAML's dump drops comments, so edits go through ruamel.yaml's round-trip mode. A file's BOM and line
endings are kept as they were. Writes go to a temporary file in the same folder, then replace the old
file in one rename, so an interrupted run leaves the old file whole.

Temporary files are named `.NAME.XXXXXXXX.gdtrack.tmp` and lock files `.NAME.lock`: hidden, so gdtrack never
reads them as progress files, and matched by `.*.tmp` / `.*.lock` in `.gitignore`. A temporary file is removed on
every exit Python sees (an error, Ctrl-C, SIGTERM or SIGHUP during the write); one left by a killed process is
removed by the next gdtrack run that writes into its folder once it is STALE_SECONDS old. A write never replaces a
symlink or anything but a regular file (:func:`gdtrack.files.safeio.ensure_replaceable`).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gdtrack.files.safeio import ensure_replaceable, say
from gdtrack.values import Value, record
from gdtrack.words import Said, text

LOCK_TIMEOUT = 120.0
"""Seconds a writer waits for another one writing the same file (a write takes well under a second)."""
STALE_SECONDS = 300
"""A temporary file this old was left by a killed process: the next write into its folder removes it."""
TEMP_SUFFIX = ".gdtrack.tmp"
_TEMP = re.compile(r"\..+\.[A-Za-z0-9_]{8}" + re.escape(TEMP_SUFFIX))  # mkstemp's 8 random characters


@record
class RoundTrip(Value):
    """A document loaded for editing, and how to write it back the way it was."""

    data: Any
    yaml: Any
    bom: bool = False
    crlf: bool = False

    def dump(self) -> str:
        buf = io.StringIO()
        self.yaml.dump(self.data, buf)
        text = buf.getvalue()
        if self.crlf:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "") + text


def _yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a long note
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def load_roundtrip(text: str) -> RoundTrip:
    """Parse `text` for editing, guessing its indentation so that untouched lines come back unchanged."""
    bom, crlf, body = _plain_lines(text)
    y = _yaml_for(body)
    return RoundTrip(y.load(body), y, bom, crlf)


def _plain_lines(text: str) -> tuple[bool, bool, str]:
    """Whether `text` starts with a BOM and has CRLF line endings, and its body without either."""
    bom = text.startswith("\ufeff")
    body = text.removeprefix("\ufeff")
    crlf = "\r\n" in body
    return bom, crlf, body.replace("\r\n", "\n")


class _Unloaded:
    """ruamel's indentation guess reads the text line by line, then loads it whole; the load is not wanted."""

    def load(self, _text: str) -> None:
        return None


def _yaml_for(body: str) -> Any:
    """A round-trip YAML that writes with the indentation `body` has (guessed from its lines only)."""
    from ruamel.yaml.util import load_yaml_guess_indent

    _, indent, block_seq_indent = load_yaml_guess_indent(body, yaml=_Unloaded())
    offset = block_seq_indent if block_seq_indent is not None else 2
    sequence = max(indent or 0, offset + 2)  # the dash needs room: "  - key" is sequence 4, offset 2
    return _yaml(mapping=2 if offset else sequence, sequence=sequence, offset=offset)


@record
class Piece(Value):
    """One item of a top-level block sequence (`reports:`), loaded for editing alone: a round-trip document
    `{key: [item]}` (or `{key: []}` to which a new item is appended), the rest of the file kept as text. An edit
    then costs the item's round trip, not the whole file's (ruamel's round trip reads ~10× slower than a parse)."""

    doc: RoundTrip  # the item's own document; its dump's first line is `key:`
    before: str
    after: str
    bom: bool = False
    crlf: bool = False
    new: bool = False  # a new item: written by files.emitting where it can, as ruamel would write it

    def dump(self) -> str:
        (key,) = self.doc.data  # an edit elsewhere in the file (another top-level key) has no place here
        if len(self.doc.data[key]) > 1:
            raise ValueError(f"a piece of `{key}:` holds one item, not {len(self.doc.data[key])}")
        body = self._emitted(key) if self.new else None
        if body is None:
            body = self.doc.dump()
        text = self.before + body[body.index("\n") + 1:] + self.after
        if self.crlf:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "") + text

    def _emitted(self, key: str) -> str | None:
        from gdtrack.files.emitting import emit_item, same_data

        items = self.doc.data[key]
        if len(items) != 1:
            return None
        y = self.doc.yaml
        body = emit_item(key, items[0], (y.map_indent, y.sequence_indent, y.sequence_dash_offset))
        return body if body is not None and same_data(body, {key: list(items)}) else None


def load_piece(text: str, key: str, index: int, count: int, new: bool = False) -> Piece | None:
    """Item `index` of the block sequence under the top-level `key` (which has `count` items), or with `new` the
    place before it (`index` = `count`: after the last), loaded for editing alone; None when the file is not laid
    out as plainly as that (a flow sequence, the key twice, items not found where the parse found them, an item
    whose round trip would not give back its own text), so the caller edits the whole document instead."""
    bom, crlf, body = _plain_lines(text)
    lines = body.splitlines(keepends=True)
    heads = [i for i, line in enumerate(lines) if re.match(rf"{re.escape(key)}:[ \t]*(#.*)?$", line.rstrip("\n"))]
    if len(heads) != 1 or not 0 <= index <= count - (0 if new else 1):
        return None
    starts, end, indent = [], len(lines), None
    for i in range(heads[0] + 1, len(lines)):
        line = lines[i]
        stripped = line.lstrip(" ")
        if not stripped.strip() or stripped.startswith("#"):
            continue  # blank lines and comments go with the item before them
        lead = len(line) - len(stripped)
        if indent is None:
            indent = lead
        if lead == indent and (stripped.startswith("- ") or stripped.rstrip() == "-"):
            starts.append(i)
        elif lead <= indent:
            end = i
            break
    if len(starts) != count or count == 0:
        return None
    bounds = [*starts, end]
    y = _yaml_for(body)
    if new:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        cut = bounds[index]
        doc = RoundTrip(CommentedMap([(key, CommentedSeq())]), y)
        return Piece(doc, "".join(lines[:cut]), "".join(lines[cut:]), bom, crlf, new=True)
    own = f"{key}:\n" + "".join(lines[bounds[index]:bounds[index + 1]])
    doc = RoundTrip(y.load(own), y)
    if doc.dump() != own:
        return None
    return Piece(doc, "".join(lines[:bounds[index]]), "".join(lines[bounds[index + 1]:]), bom, crlf)


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


class LockTimeout(Said, OSError):
    """Another writer held the file's lock for LOCK_TIMEOUT seconds: `said`, `advice` (Messages; `hint` is the
    advice in English, `str()` the message in English)."""

    def __init__(self, path: Path, waited: float):
        self.said, self.advice = say("lock-timeout", path=path, seconds=round(waited)), say("lock-timeout-hint")
        super().__init__(text(self.said, "en"))


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of `path`: `.NAME.lock` beside it, hidden and ignored by gdtrack and by `.gitignore`."""
    target = Path(path)
    return target.with_name(f".{target.name}.lock")


_held = threading.local()  # the lock files this thread holds, and how deeply


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on `path` (through its lock file) for the whole read → modify → write.

    Every gdtrack process that writes `path` takes this lock first, so two writers never work from the same old
    text: the second one waits, then reads what the first one wrote. The lock is an OS lock (flock, or
    LockFileEx on Windows) taken by filelock: it goes away with the process, however the process ends, so a
    killed writer never leaves the file locked. Raises LockTimeout after `timeout` (LOCK_TIMEOUT) seconds.
    Re-entrant within a thread: a caller may hold the lock around several `recording.record` calls.
    """
    key = os.path.realpath(lock_path(path))
    held = vars(_held).setdefault("counts", {})
    if held.get(key):  # this thread holds it already (an import around many records): the outer lock covers it
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    from filelock import FileLock, Timeout

    wait = LOCK_TIMEOUT if timeout is None else timeout
    lock = FileLock(key, timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeout(Path(path), wait) from None
    held[key] = 1
    try:
        yield
    finally:
        del held[key]
        lock.release()


_SWEPT: set[str] = set()
"""The folders this process has swept, before its first write into each. Once is enough: a temporary file left by
a writer killed while this process runs is younger than STALE_SECONDS, so a second sweep would keep it too. (An
import writing 2,100 files in one folder scans it once; sweeping whenever the folder changed scanned it at every
write, since each write adds a lock file: 2,100 scans of 4,200 names.)"""


def sweep_stale_temps(folder: str | os.PathLike[str], now: float | None = None) -> list[Path]:
    """Remove gdtrack's temporary files in `folder` older than STALE_SECONDS (left by a killed process)."""
    now = time.time() if now is None else now
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not _TEMP.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_SECONDS:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


class _Terminated(SystemExit):
    """SIGTERM or SIGHUP arrived during a write: unwind (removing the temporary file), then exit 128 + signal."""


@contextlib.contextmanager
def _signals_unwind() -> Iterator[None]:
    """While a temporary file exists, let SIGTERM and SIGHUP unwind the stack like Ctrl-C does, so `finally`
    blocks run; their earlier handlers come back afterwards. Only the main thread can set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    old = {}

    def unwind(signum: int, _frame: Any) -> None:
        raise _Terminated(128 + signum)

    try:
        for sig in wanted:
            old[sig] = signal.signal(sig, unwind)
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def atomic_write(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write `content` (text as UTF-8) to `path` through a temporary file in the same folder and one rename.

    Refuses (UnsafeTarget, an OSError) to replace a symlink, a device, a FIFO, a socket or a folder; removes the
    folder's stale temporary files first.
    """
    target = Path(path)
    ensure_replaceable(target)
    folder = os.path.abspath(target.parent)
    if folder not in _SWEPT:
        sweep_stale_temps(target.parent)
        _SWEPT.add(folder)
    data = content.encode("utf-8") if isinstance(content, str) else content
    with _signals_unwind():
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            # mkstemp makes the file private (0600); keep the mode a file being replaced had, and give a new one
            # the mode any other new file gets (0666 less the umask), so a bulletin is readable by colleagues.
            os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
            ensure_replaceable(target)  # once more, just before the rename: nothing was swapped in meanwhile
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
