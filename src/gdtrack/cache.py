"""Validated files kept between runs: the office runs `gdtrack status` many times between two edits of the
data, and need not parse and validate unchanged YAML each time.

An entry holds the model of one file that loaded without a single problem, under a name made from the file's
path, so there is at most one entry per file ever read. It is used only when its digest matches: SHA-256 of
the file's exact bytes and of everything that turns bytes into a model (gdtrack's reading and model code,
the pydantic, PyYAML and Python versions). Anything else is a miss and the file is read the slow way: a
changed byte, another release, a damaged or foreign entry, an unreadable folder. A file that does not parse or
validate is never stored, so its messages always come from a fresh read; the checks across files run on every
run, cached models or not. Entries are pickles, read back by an unpickler that builds nothing but gdtrack's own
models and dates.

Where: the folder in $GDTRACK_CACHE (`off` turns the cache off), else gdtrack's folder in the user's cache
folder. Deleting it is always safe. `gdtrack check`, the CI gate, does not use it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import __version__, models

ENV = "GDTRACK_CACHE"
OFF = ("off", "0", "no", "false")
_FORMAT = b"gdtrack model cache 1"
_DIGEST = hashlib.sha256().digest_size
# The code that turns a file's bytes into a model: a change to any of it (an editable install between two
# releases) must not serve models built by the old code.
_SOURCES = ("models.py", "loading.py", "parsing.py")


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


def default_cache(environ: Mapping[str, str] = os.environ) -> ModelCache | None:
    folder = default_folder(environ)
    return ModelCache(folder) if folder is not None else None


class ModelCache:
    """Models of cleanly loaded files, one entry per file, keyed by the file's bytes."""

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)
        self._salt: bytes | None = None

    def get(self, path: str | os.PathLike[str], model: type, raw: bytes) -> Any | None:
        """The model stored for these exact bytes of `path`, or None."""
        try:
            blob = self._entry(path, model).read_bytes()
            if blob[:_DIGEST] != self._digest(model, raw):
                return None
            value = _Unpickler(io.BytesIO(memoryview(blob)[_DIGEST:])).load()
        except Exception:  # noqa: BLE001 - a missing, damaged or foreign entry is a miss, whatever it raises
            return None
        return value if type(value) is model else None

    def put(self, path: str | os.PathLike[str], model: type, raw: bytes, value: Any) -> None:
        """Store `value` as the model of these bytes of `path`; a cache that cannot be written is no cache."""
        target = self._entry(path, model)
        temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            blob = self._digest(model, raw) + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            self.folder.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(blob)
            os.replace(temp, target)  # readers see the old entry or the new one, never half of one
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            with contextlib.suppress(OSError):
                temp.unlink()

    def _entry(self, path: str | os.PathLike[str], model: type) -> Path:
        key = f"{model.__qualname__}\0{os.path.abspath(path)}".encode("utf-8", "surrogatepass")
        return self.folder / f"{hashlib.sha256(key).hexdigest()[:32]}.pickle"

    def _digest(self, model: type, raw: bytes) -> bytes:
        h = hashlib.sha256(self.salt)
        h.update(model.__qualname__.encode())
        h.update(b"\0")
        h.update(raw)
        return h.digest()

    @property
    def salt(self) -> bytes:
        if self._salt is None:
            self._salt = _salt()
        return self._salt


def _salt() -> bytes:
    from importlib.util import find_spec

    from pydantic.version import VERSION as pydantic_version

    h = hashlib.sha256(_FORMAT)
    for part in (__version__, sys.version, pydantic_version):
        h.update(part.encode() + b"\0")
    here = Path(__file__).parent
    sources = [here / name for name in _SOURCES]
    spec = find_spec("yaml")  # PyYAML's __init__ holds its version; read it rather than import PyYAML
    if spec is not None and spec.origin:
        sources.append(Path(spec.origin))
    for source in sources:
        h.update(source.read_bytes())  # an OSError here reaches get/put: then every lookup is a miss
    return h.digest()


# Only gdtrack's models and dates may be built from an entry: a pickle that names anything else is refused.
_ALLOWED = {
    ("gdtrack.models", name) for name, obj in vars(models).items()
    if isinstance(obj, type) and obj.__module__ == models.__name__
} | {("datetime", "date")}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a gdtrack model")
        return super().find_class(module, name)
