"""What gdtrack may open, and how much of it it reads.

Only regular files are opened: a FIFO, a device or a socket is named in a diagnostic and never opened for
reading (a FIFO would hang every command, /dev/zero would fill the memory), a symlink loop is named as such, and
a progress file that links out of its folder is never opened at all, not even to quote a line of it. Reads stop
at a limit even when the file grows while it is read. Writes never replace a symlink or a device (see
:mod:`gdtrack.files.writing`).

Messages here are Messages (`safeio.<key>` in gdtrack/words), worded where they are printed.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from gdtrack.diagnostics import Diagnostic, LoadError, error
from gdtrack.words import Message, Said, text


def say(key: str, **values: object) -> Message:
    """The message `safeio.<key>` of gdtrack/words, filled from `values` (a value may itself be a Message, see
    `kind`)."""
    return Message(f"safeio.{key}", values)


def _kind_key(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "folder"
    return "other"


def kind(mode: int) -> Message:
    """What a file that is not a regular file is: 命名管道 / a named pipe."""
    return say(_kind_key(mode))


def not_regular(shown: str, mode: int) -> Diagnostic:
    return error(shown, "not-a-regular-file", say("not-a-regular-file", kind=kind(mode)),
                 say("not-a-regular-file-hint"))


def outside_link(path: str | os.PathLike[str], inside: str | os.PathLike[str], shown: str) -> Diagnostic | None:
    """Why the entry `path` of folder `inside` must not be opened, judged by its link alone (lstat, readlink,
    stat: nothing is opened); None for a regular file or a link that stays inside.

    A link that loops, dangles or points out of `inside` is refused; what it points to is read by
    :func:`read_bounded`, which refuses anything but a regular file.
    """
    try:
        if not stat.S_ISLNK(os.lstat(path).st_mode):
            return None
        os.stat(path)
    except FileNotFoundError:
        return error(shown, "not-found", say("broken-link", target=_link_text(path)), say("broken-link-hint"))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return error(shown, "symlink-loop", say("symlink-loop"), say("symlink-loop-hint"))
        return None  # read_bounded names it
    target = Path(os.path.realpath(path))
    if not target.is_relative_to(os.path.realpath(inside)):
        return error(shown, "symlink-outside", say("symlink-outside", target=target), say("symlink-outside-hint"))
    return None


def _link_text(path: str | os.PathLike[str]) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


# Never block on a FIFO swapped in between the stat and the open; on Windows, never translate line endings.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


def read_bounded(path: str | os.PathLike[str], limit: int, shown: str) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; anything else is a LoadError.

    The file is looked at (stat) before it is opened, and looked at again through the open descriptor, so a FIFO,
    a device or a socket is never read; the read stops at `limit` + 1 bytes even if the file grows meanwhile.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise LoadError(error(shown, "not-found", say("broken-link", target=_link_text(path)),
                                  say("broken-link-hint"))) from None
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LoadError(error(shown, "symlink-loop", say("symlink-loop"), say("symlink-loop-hint"))) from None
        raise
    mode, size = st.st_mode, st.st_size
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(mode):
        raise LoadError(not_regular(shown, mode))
    if size > limit:
        raise LoadError(_too_large(shown, say("too-large", size=size, limit=limit)))
    fd = os.open(path, _READ_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # swapped for something else after the first look
            raise LoadError(not_regular(shown, mode))
        chunks, total, want = [], 0, size + 1  # the whole file and its end in one read, as a rule
        while total <= limit:
            chunk = os.read(fd, min(want, limit + 1 - total))
            want = _CHUNK
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:
        raise LoadError(_too_large(shown, say("grew", limit=limit)))
    return b"".join(chunks)


def _too_large(shown: str, message: Message) -> Diagnostic:
    return error(shown, "too-large", message, say("too-large-hint"))


class UnsafeTarget(Said, OSError):
    """A write refused because its target is a symlink or not a regular file: `said` says why, `advice` what to
    do (Messages); `strerror`, `message` and `hint` are their English, `message_zh`, `hint_zh` their Chinese."""

    def __init__(self, said: Message, advice: Message):
        super().__init__(errno.EPERM, text(said, "en"))
        self.said, self.advice = said, advice


def ensure_replaceable(path: str | os.PathLike[str]) -> None:
    """Raise UnsafeTarget unless `path` is a regular file or does not exist yet: a write must never replace a
    symlink (nor write through it), a device, a FIFO, a socket or a folder. Looks at the link itself (lstat)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise UnsafeTarget(say("write-link", path=path), say("write-link-hint"))
    if not stat.S_ISREG(mode):
        raise UnsafeTarget(say("write-special", path=path, kind=kind(mode)), say("write-special-hint"))
