"""Validated files kept between runs: the office runs `gdtrack status` many times between two edits of the
data, and need not parse and validate unchanged YAML each time.

An entry holds the model of one file that loaded without a single problem, under a name made from the file's
path, so there is at most one entry per file ever read. It is used only when its tag matches: HMAC-SHA256, under
a secret key of the user's, of the entry itself, of the file's exact bytes and of everything that turns bytes into
a model (every module of gdtrack, the pydantic, PyYAML and Python versions). Anything else is a miss and the
file is read the slow way: a changed byte, another release, a damaged entry, an entry written by anyone who does
not hold the key, an unreadable folder. A file that does not parse or validate is never stored, so its messages
always come from a fresh read. The results of the checks (on one file, and across files) are kept too, in one
entry per catalogue and folder (:class:`Memo`), each under the digests of every file it read and the query date:
a changed file is checked again, an unchanged one is not. Entries are pickles, unpickled only once their tag is
verified, by an unpickler that builds nothing but gdtrack's own models, dates, Diagnostics and Messages; each
model is stored as its class and its fields' values and rebuilt without validation (see _Pickler).

Who can feed it: nobody but the user. The folder must be the user's own and not writable by group or others
(POSIX; on Windows the folder under %LOCALAPPDATA% is private already and modes are not checked), or it is not
used, which a command says once on stderr. The key (`key`, 32 random bytes, mode 0600) is created in it
exclusively on first use. Temporary files are created exclusively (mkstemp) in the folder, then renamed.

Pruning: an entry not used for PRUNE_AFTER_DAYS days is deleted, as are temporary files left by an interrupted
run, by the first write of a day (a `.pruned` stamp remembers when).

Where: the folder in $GDTRACK_CACHE (`off` turns the cache off), else gdtrack's folder in the user's cache
folder. Deleting it is always safe. `gdtrack check`, the CI gate, does not use it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import os
import pickle
import re
import stat
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from gdtrack import __version__, models
from gdtrack.values import Frozen, frozen
from gdtrack.words import Lang, Message, Said, text
from gdtrack.words.foreign import os_reason

ENV = "GDTRACK_CACHE"
OFF = ("off", "0", "no", "false")
KEY = "key"
PRUNE_AFTER_DAYS = 30
"""Entries not used for this many days are deleted."""
_DAY = 24 * 3600
_STAMP = ".pruned"
_FORMAT = b"gdtrack model cache 3"
_TAG = hashlib.sha256().digest_size
_KEY_BYTES = 32
_POSIX = sys.platform != "win32"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)

@frozen
class Unsafe(Said, Frozen):
    """Why the cache is not used (`said`) and what to do (`advice`), as Messages (`cache.<key>` in gdtrack/words)."""

    said: Message
    advice: Message


def _unsafe_message(folder: Path, why: str, err: Message | str = "") -> Unsafe:
    return Unsafe(Message("cache.unsafe", folder=folder, why=Message(f"cache.{why}", err=err)), Message("cache.fix"))


def default_folder(environ: Mapping[str, str] = os.environ) -> Path | None:
    """$GDTRACK_CACHE, else the platform's user cache folder + gdtrack; None when turned off."""
    setting = environ.get(ENV, "").strip()
    if setting.lower() in OFF:
        return None
    if setting:
        return Path(setting)
    try:
        home = Path.home()
    except RuntimeError:  # no home directory (a bare CI container): no cache rather than an error
        return None
    if sys.platform == "win32":
        base = Path(environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        base = Path(environ.get("XDG_CACHE_HOME") or home / ".cache")
    return base / "gdtrack"


def _warn(problem: Unsafe, lang: Lang) -> None:
    message, hint = problem.text(lang)
    sys.stderr.write(text(Message("cache.warning", message=message, fix=hint), lang) + "\n")


def default_cache(environ: Mapping[str, str] = os.environ,
                  warn: Callable[[Unsafe, Lang], None] = _warn, lang: Lang | None = None) -> ModelCache | None:
    """The user's cache, or None when it is off or its folder cannot be trusted (then `warn` says why, once, in
    `lang`: by default English when GDTRACK_LANG is en, else Chinese)."""
    folder = default_folder(environ)
    if folder is None:
        return None
    cache = ModelCache(folder)
    problem = cache.problem()
    if problem is not None:
        warn(problem, lang or ("en" if environ.get("GDTRACK_LANG", "").strip() == "en" else "zh"))
        return None
    return cache


class ModelCache:
    """Models of cleanly loaded files, one entry per file, keyed by the file's bytes and tagged with the user's key."""

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)
        self._salt: bytes | None = None
        self._key: bytes | None = None
        self._problem: Unsafe | None = None
        self._opened = False

    def problem(self) -> Unsafe | None:
        """Why this cache cannot be used, with what to do, or None when it can."""
        self._open()
        return self._problem

    def get(self, path: str | os.PathLike[str], model: type, raw: bytes) -> Any | None:
        """The model stored for these exact bytes of `path`, or None."""
        value = self._read(self._entry(path, model), model.__qualname__, hashlib.sha256(raw).digest())
        return value if type(value) is model else None

    def put(self, path: str | os.PathLike[str], model: type, raw: bytes, value: Any) -> None:
        """Store `value` as the model of these bytes of `path`; a cache that cannot be written is no cache."""
        self._write(self._entry(path, model), model.__qualname__, hashlib.sha256(raw).digest(), value)

    def recall(self, name: str) -> dict[Any, Any] | None:
        """The results stored under `name` (see :class:`Memo`), or None."""
        value = self._read(self._entry(name, _MEMO), _MEMO, b"")
        return value if type(value) is dict else None

    def remember(self, name: str, results: dict[Any, Any]) -> None:
        """Store `results` under `name`, in place of what was there."""
        self._write(self._entry(name, _MEMO), _MEMO, b"", results)

    def storable(self, value: Any) -> bool:
        """`value` can be stored and read back (the unpickler builds nothing but models, dates, Diagnostics and
        Messages)."""
        try:
            _Unpickler(io.BytesIO(_dumps(value))).load()
        except Exception:  # noqa: BLE001 - anything it cannot store is simply not stored
            return False
        return True

    def prune(self, now: float | None = None) -> int:
        """Delete entries not used for PRUNE_AFTER_DAYS days, and temporary files older than an hour; how many."""
        now = time.time() if now is None else now
        gone = 0
        if self.folder.is_symlink():
            return 0
        with contextlib.suppress(OSError), os.scandir(self.folder) as found:
            for item in found:  # only the files the cache made: its entries' and temporary files' own names
                old = PRUNE_AFTER_DAYS * _DAY if _ENTRY_NAME.fullmatch(item.name) else \
                    3600 if item.name.startswith(_TEMP_PREFIX) and item.name.endswith(".tmp") else None
                with contextlib.suppress(OSError):
                    if old is not None and item.is_file(follow_symlinks=False) and \
                            now - item.stat(follow_symlinks=False).st_mtime > old:
                        os.unlink(item.path)
                        gone += 1
        return gone

    # ── inside ──

    def _open(self) -> bytes | None:
        """The key, once the folder is found safe (made private if new); None, with `_problem` set, if not."""
        if not self._opened:
            self._opened = True
            why, err = _unsafe(self.folder)
            if why is None:
                self._key = _key(self.folder / KEY)
                why = "bad_key" if self._key is None else None
            if why is not None:
                self._problem = _unsafe_message(self.folder, why, err)
        return self._key

    def _entry(self, path: str | os.PathLike[str], kind: type | str) -> Path:
        kind = kind if isinstance(kind, str) else kind.__qualname__
        key = f"{kind}\0{path if kind == _MEMO else os.path.abspath(path)}".encode("utf-8", "surrogatepass")
        return self.folder / f"{hashlib.sha256(key).hexdigest()[:32]}.{'memo' if kind == _MEMO else 'pickle'}"

    def _tag(self, key: bytes, kind: str, digest: bytes, payload: bytes | memoryview) -> bytes:
        h = hmac.new(key, self.salt, hashlib.sha256)
        h.update(kind.encode() + b"\0")
        h.update(digest)
        h.update(payload)
        return h.digest()

    def _read(self, entry: Path, kind: str, digest: bytes) -> Any | None:
        """What `entry` holds, if its tag is right for `kind` and `digest` (the file's bytes' SHA-256), or None."""
        try:
            key = self._open()
            if key is None:
                return None
            blob = entry.read_bytes()
            payload = memoryview(blob)[_TAG:]
            if not hmac.compare_digest(blob[:_TAG], self._tag(key, kind, digest, payload)):
                return None  # damaged, stale, or not written with this user's key: never unpickled
            value = _Unpickler(io.BytesIO(payload)).load()
            if time.time() - entry.stat().st_mtime > _DAY:
                os.utime(entry)  # used: pruning goes by when an entry was last used
        except Exception:  # noqa: BLE001 - a missing or damaged entry is a miss, whatever it raises
            return None
        return value

    def _write(self, entry: Path, kind: str, digest: bytes, value: Any) -> None:
        temp = None
        try:
            key = self._open()
            if key is None:
                return
            payload = _dumps(value)
            import tempfile  # here: a warm run writes nothing

            fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=self.folder)  # O_EXCL, mode 0600
            with os.fdopen(fd, "wb") as fh:
                fh.write(self._tag(key, kind, digest, payload) + payload)
            os.replace(temp, entry)  # readers see the old entry or the new one, never half
            temp = None
            self._prune_daily()
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)

    def _prune_daily(self) -> None:
        stamp = self.folder / _STAMP
        try:
            if time.time() - stamp.stat().st_mtime < _DAY:
                return
        except FileNotFoundError:
            pass
        stamp.touch(mode=0o600)
        self.prune()

    @property
    def salt(self) -> bytes:
        if self._salt is None:
            self._salt = _salt()
        return self._salt


_ENTRY_NAME = re.compile(r"[0-9a-f]{32}\.(pickle|memo)")
_MEMO = "memo"  # the kind of an entry of results (Memo); a model's entries are of its class's name


def _dumps(value: Any) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


class Memo:
    """Results of checks, kept between runs under the digests of the files they read: a warm run on unchanged
    files reads them instead of checking again. One entry per `name` (say, a catalogue and its progress folder)
    holds the results this run used, so it never grows beyond one run's. Without a cache every result is
    computed; a result that cannot be stored (see ModelCache.storable) is computed on every run."""

    def __init__(self, cache: ModelCache | None, name: str):
        self._cache, self._name = cache, name
        self._old = (cache.recall(name) if cache is not None else None) or {}
        self._new: dict[Any, Any] = {}
        self._changed = False

    def get(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """The result for `key` (a tuple of the inputs' digests, names and dates): stored, or computed now."""
        if self._cache is None:
            return compute()
        if key in self._old:
            value = self._new[key] = self._old[key]
            return value
        value = compute()
        if self._cache.storable(value):
            self._new[key] = value
            self._changed = True
        return value

    def save(self) -> None:
        """Store what this run used, if it differs from what was stored."""
        if self._cache is not None and (self._changed or self._new.keys() != self._old.keys()):
            self._cache.remember(self._name, self._new)
_TEMP_PREFIX = ".gdtrack-cache-"


def _unsafe(folder: Path) -> tuple[str | None, Message | str]:
    """Why `folder` cannot hold the cache (a key of WORDS, and the system's error), or None; a missing folder is
    created private."""
    try:
        if folder.is_symlink():  # never followed: pruning would delete another folder's files
            return "symlink", ""
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = folder.stat()
    except FileExistsError:
        return "not_folder", ""
    except OSError as exc:
        return "cannot_create", os_reason(exc)
    if not stat.S_ISDIR(st.st_mode):
        return "not_folder", ""
    if _POSIX and st.st_uid != os.getuid():
        return "not_owner", ""
    if _POSIX and st.st_mode & 0o022:
        return "writable", ""
    return None, ""


def _key(path: Path) -> bytes | None:
    """The user's secret: read it, or create it exclusively (O_EXCL, 0600) on first use. None if it is not a
    whole regular file of the user's, private to them."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o600)
    except FileExistsError:
        pass
    except OSError:
        return None
    else:
        import secrets  # here: only the first run makes the key

        key = secrets.token_bytes(_KEY_BYTES)
        try:
            os.write(fd, key)
        finally:
            os.close(fd)
        return key
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY)
    except OSError:  # a symlink (O_NOFOLLOW), unreadable …
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (_POSIX and (st.st_uid != os.getuid() or st.st_mode & 0o077)):
            return None
        key = os.read(fd, _KEY_BYTES + 1)
    finally:
        os.close(fd)
    return key if len(key) == _KEY_BYTES else None


def _salt() -> bytes:
    """A digest of everything that turns a file's bytes into a model: every module of gdtrack (all `*.py` under
    the package, so no module can be forgotten), the pydantic, PyYAML and Python versions. Neither library is
    imported for it: a warm run needs neither. gdtrack's modules count by name, size and time of last change (a
    changed module, a reinstall, a checkout of another commit change them), which is a look at the folder rather
    than a read of every module at every start."""
    from importlib.util import find_spec

    h = hashlib.sha256(_FORMAT)
    for part in (__version__, sys.version):
        h.update(part.encode() + b"\0")
    for name, size, changed in sorted(_modules(str(Path(__file__).parent.parent), "")):
        h.update(f"{name}\0{size}\0{changed}\0".encode("utf-8", "surrogateescape"))
    sources = []
    spec = find_spec("yaml")  # PyYAML's __init__ holds its version
    if spec is not None and spec.origin:
        sources.append(("yaml", Path(spec.origin)))
    spec = find_spec("pydantic")  # pydantic's version.py holds its version and the pydantic-core it requires
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        sources.append(("pydantic", Path(folder) / "version.py"))
    for name, source in sources:
        h.update(name.encode() + b"\0")
        h.update(source.read_bytes())  # an OSError here reaches get/put: then every lookup is a miss
    return h.digest()


def _modules(folder: str, prefix: str) -> list[tuple[str, int, int]]:
    """Each `*.py` under `folder`: its path from there, its size and the time it last changed (ns)."""
    out = []
    with os.scandir(folder) as found:
        for item in found:
            if item.is_dir(follow_symlinks=False):
                if item.name != "__pycache__":
                    out += _modules(item.path, f"{prefix}{item.name}/")
            elif item.name.endswith(".py"):
                st = item.stat()
                out.append((prefix + item.name, st.st_size, st.st_mtime_ns))
    return out


# Only gdtrack's models and dates may be built from an entry: a pickle that names anything else is refused.
_ALLOWED = {("gdtrack.models", m.__name__) for m in models.MODELS} | {
    ("datetime", "date"), ("gdtrack.diagnostics", "Diagnostic"), ("gdtrack.words", "Message")}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _BUILDERS:
            return _BUILDERS[module, name]
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a gdtrack model")
        return super().find_class(module, name)


# ── the entry's form: each model as its class and its fields' values, rebuilt without validation ──
#
# Pickle's own way with a frozen slotted dataclass (the progress files' models) is a Python-level __setstate__
# that looks up the class's fields again for every object; a warm run on a province's files spent a quarter of its
# time there. Here every model is written as (builder, (class, values)), and the builder sets the values with
# object.__setattr__ from a per-class list of field names found once. It knows no model by name: any dataclass of
# gdtrack.models is stored so (its fields only: a catalogue's cached indexes are made again when asked for), and
# anything else is pickled the usual way, still through _Unpickler.

_NEW = object.__new__
_SET = object.__setattr__


def _shape(cls: type) -> tuple[str, ...] | None:
    """The names of the fields that make up an instance of `cls`, if it is a model stored as (class, values)."""
    try:
        return _SHAPES[cls]
    except KeyError:
        pass
    fields = getattr(cls, "__dataclass_fields__", None)
    shape = tuple(fields) if fields is not None and cls in models.MODELS else None
    _SHAPES[cls] = shape
    return shape


_SHAPES: dict[type, tuple[str, ...] | None] = {}


def _build(cls: type, values: tuple[Any, ...]) -> Any:
    """A model from its stored values (see _Pickler); only a class _shape knows."""
    names = _shape(cls)
    if names is None or len(names) != len(values):
        raise pickle.UnpicklingError(f"{cls!r} is not a stored model")
    obj = _NEW(cls)
    for name, value in zip(names, values, strict=True):
        _SET(obj, name, value)
    return obj


_BUILDERS = {(__name__, "_build"): _build}


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        names = _shape(type(obj))
        if names is None:
            return NotImplemented  # pickled as usual (dates; a model of another shape)
        return _build, (type(obj), tuple(getattr(obj, name) for name in names))
