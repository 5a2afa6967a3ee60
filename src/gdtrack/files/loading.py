"""Files in: read them safely, parse them (:mod:`gdtrack.files.parsing`), validate them into models, report Diagnostics.

The happy path is: bytes → a cached model if these exact bytes were loaded cleanly before (:mod:`gdtrack.files.cache`);
else UTF-8 text → the fast reader (:mod:`gdtrack.files.fastyaml`), or PyYAML's C loader with our strict
constructor (:mod:`gdtrack.files.parsing`) for what it cannot vouch for → the clean path's validator
(:mod:`gdtrack.files.fastvalidate`), or pydantic for what that one cannot vouch for, which words every problem.
Line numbers are only looked up (by composing the file again, node by node) when there is a problem to report.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
import typing
from collections.abc import Callable, Iterable
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from gdtrack import models
from gdtrack.diagnostics import Diagnostic, LoadError, Loc, did_you_mean, said
from gdtrack.files.fastvalidate import MISS
from gdtrack.files.fastvalidate import accept as fast_accept
from gdtrack.files.fastvalidate import read as fast_read
from gdtrack.files.safeio import read_bounded
from gdtrack.models import Catalogue, Invalid, NodesFile
from gdtrack.values import Value, record
from gdtrack.words import Message
from gdtrack.words.foreign import os_reason

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError

    from gdtrack.files.cache import ModelCache

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Progress files over this size are refused (a year of monthly reports for a department is a few KiB)."""
MAX_CATALOGUE_BYTES = 16 * 1024 * 1024
"""The catalogue's limit: a province's county plans (bench ×100: 11,900 indicators) take 4.3 MB."""
MAX_NODES = 50_000
"""A progress file may hold this many YAML values (scalars, lists, mappings); a department's year of monthly
reports holds a few hundred, about one per 14 bytes. Memory grows with values, not bytes: `[0,0,0,…]` is one value
per 2 bytes, each a few hundred bytes once parsed. So parsing stops at this many, and `check` of any progress file
within the limits peaks at ~125 MB (measured, worst shape: 50,000 values that are each a problem; gdtrack itself
takes 34 MB), i.e. memory ≤ ~45× MAX_FILE_BYTES, where a 20 MB file could take 2 GB before."""
MAX_CATALOGUE_NODES = 1_000_000
"""The catalogue's: bench ×100 holds 252,807."""

CATALOGUE_MB = "GDTRACK_CATALOGUE_MB"
"""An environment variable that raises the catalogue's limits for a plan larger than any county's or province's
(bench ×1000: 68,000 tasks, 46 MB): N MiB (16 to 1,024) and 62,500 values a MiB. Progress files keep theirs."""


def catalogue_limits(shown: str) -> tuple[int, int]:
    """The catalogue's size and value limits: the defaults, or those GDTRACK_CATALOGUE_MB sets. A setting that is
    not a whole number from 16 to 1,024 is a LoadError: the plan is not read with a limit nobody chose."""
    raw = os.environ.get(CATALOGUE_MB, "").strip()
    if not raw:
        return MAX_CATALOGUE_BYTES, MAX_CATALOGUE_NODES
    mib = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else 0
    if not 16 <= mib <= 1024:
        raise LoadError(said(shown, "too-large", "setting", name=CATALOGUE_MB, value=raw))
    return mib * 1024 * 1024, mib * 62_500


MAX_SCHEMA_PROBLEMS = 200
"""At most this many schema problems are reported per file; the rest are counted."""

M = TypeVar("M")


@record
class Loaded(Generic[M], Value):
    """One file: its parsed data, the model if it is valid, and its problems."""

    path: str
    model: M | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    data: Any = None
    digest: bytes = b""  # the SHA-256 of its bytes, when it was read with a cache: results of checks go by it

    @property
    def ok(self) -> bool:
        return self.model is not None


# ── reading ────────────────────────────────────────────────────────────────────────────────────


def read_bytes(path: str | os.PathLike[str], display: str | None = None, limit: int | None = None) -> bytes:
    """The file's bytes; a missing, oversized or unreadable file, a FIFO, a device or a symlink loop is a
    LoadError (see :func:`gdtrack.files.safeio.read_bounded`). `limit`: the size limit (default MAX_FILE_BYTES)."""
    shown = display or str(path)
    try:
        return read_bounded(path, limit or MAX_FILE_BYTES, shown)  # regular files only, never more than the limit
    except FileNotFoundError:
        raise LoadError(said(shown, "not-found", "file")) from None
    except IsADirectoryError:
        raise LoadError(said(shown, "not-a-file", "folder")) from None
    except OSError as exc:
        raise LoadError(said(shown, "unreadable", "file", why=os_reason(exc))) from None


def read_text(path: str | os.PathLike[str], display: str | None = None) -> str:
    """The file's text: UTF-8 (a BOM and CRLF line endings are fine); anything else is a LoadError."""
    shown = display or str(path)
    return decode(read_bytes(path, shown), shown)


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 text from a file's bytes; UTF-16, GBK and other encodings, and an empty file, are a LoadError."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise LoadError(said(shown, "encoding", "utf16").at(1, 1))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            found = said(shown, "encoding", "gbk", shown=shown)
        except UnicodeDecodeError:
            found = said(shown, "encoding", "bytes", byte=f"{raw[exc.start]:02x}", offset=exc.start)
        raise LoadError(found.at(line, 1)) from None
    if not text.strip():
        raise LoadError(said(shown, "empty", "file"))
    return text


# ── validation ─────────────────────────────────────────────────────────────────────────────────

_UNION_TAGS = ("float", "int", "str", "bool", "date", "none")


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    """Drop pydantic's union-branch and validator tags ('float', "literal['done']", …) from a location."""
    return tuple(p for p in loc if isinstance(p, int)
                 or ("[" not in p and p not in _UNION_TAGS and not p.startswith(("constrained-", "function-"))))


def _known_keys(model: type) -> set[str]:
    keys: set[str] = set()
    todo, seen = [model], set()
    while todo:
        m = todo.pop()
        seen.add(m)
        hints = typing.get_type_hints(m, vars(models))
        keys |= {f.name for f in dataclasses.fields(m)}
        for f in dataclasses.fields(m):
            for arg in _walk_types(hints[f.name]):
                if isinstance(arg, type) and dataclasses.is_dataclass(arg) and arg not in seen:
                    todo.append(arg)
    return keys


@functools.cache
def adapter(model: type) -> TypeAdapter:
    """The validator of a model (gdtrack.models), built once, the first time a file of its kind is validated:
    pydantic is imported here, never by a run whose files all come from the cache."""
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def validated(model: type[M], data: Any) -> M:
    """`data` (a dict, as YAML gives it) as a `model`, validated with every rule of the schema; raises pydantic's
    ValidationError. For models made from what comes from outside (a file, a form, the command line)."""
    made = fast_accept(model, data)
    return adapter(model).validate_python(data) if made is MISS else made


def _walk_types(tp: Any) -> Iterable[Any]:
    yield tp
    for arg in getattr(tp, "__args__", ()) or ():
        yield from _walk_types(arg)


def _describe(value: Any) -> Callable[[str], str]:
    """What a value was, in a language: a value of `said` (gdtrack.diagnostics) that differs by language."""
    from gdtrack.words import word

    if isinstance(value, bool):
        return lambda lang: word("diag.got.bool", lang, value=str(value).lower())  # type: ignore[arg-type]
    if isinstance(value, float | int):
        return lambda lang: word("diag.got.number", lang, value=value)  # type: ignore[arg-type]
    text = repr(value)
    text = text if len(text) <= 60 else text[:57] + "…"
    return lambda _lang: text


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


def number_hint_key(value: Any) -> tuple[str | None, dict[str, str]]:
    """The words key (`diag.number.….hint`) of what to write instead of a figure that is not a plain number, and
    its values; (None, {}) when there is nothing to say."""
    if isinstance(value, float):
        return "diag.number.nan.hint", {}
    if not isinstance(value, str):
        return None, {}
    if value.translate(_FULL_WIDTH) != value:
        return "diag.number.full_width.hint", {"fixed": value.translate(_FULL_WIDTH)}
    if re.fullmatch(r"[-+]?[0-9.]+[eE][-+]?[0-9]+", value):
        return "diag.number.exponent.hint", {}
    if re.match(r"[-+]?0[oxbOXB]", value):
        return "diag.number.radix.hint", {}
    digits = re.sub(r"[^0-9.\-]", "", value)
    if digits and digits != value:
        return "diag.number.digits.hint", {"digits": digits}
    return "diag.number.other.hint", {}


def pydantic_said(err: Any) -> Message:
    """One of pydantic's errors (a dict of `ValidationError.errors()`) in gdtrack's words: a model's own refusal
    (models.Invalid) as it says it, each error type gdtrack can meet as `diag.pydantic.<type>` filled from the
    error's context, any other as `diag.pydantic.other` (its type named, pydantic's English left out)."""
    from gdtrack.words import TABLES

    kind, ctx = err["type"], err.get("ctx") or {}
    if isinstance(ctx.get("error"), Invalid):
        return ctx["error"].said
    key = f"diag.pydantic.{kind}"
    if kind == "value_error" or key not in TABLES["zh"]:  # every table has every key
        return Message("diag.pydantic.other", kind=kind)
    return Message(key, {k: _ctx_text(k, v) for k, v in ctx.items()})


def _ctx_text(name: str, value: Any) -> str:
    text = str(value).replace(" or ", ", ") if name == "expected" else str(value)  # 'a', 'b' or 'c'
    return text if len(text) <= 60 else text[:57] + "…"


def translate(exc: ValidationError, shown: str, model: type) -> list[Diagnostic]:
    """pydantic's errors → one Diagnostic per location, worded for someone editing YAML."""
    known = sorted(_known_keys(model))
    by_loc: dict[Loc, list[dict[str, Any]]] = {}
    for err in exc.errors(include_url=False):
        by_loc.setdefault(_clean_loc(err["loc"]), []).append(err)
    out: list[Diagnostic] = []
    if len(by_loc) > MAX_SCHEMA_PROBLEMS:  # a file of thousands of bad values: the first ones say what is wrong
        more = len(by_loc) - MAX_SCHEMA_PROBLEMS
        by_loc = dict(list(by_loc.items())[:MAX_SCHEMA_PROBLEMS])
        out.append(said(shown, "schema", "more", more=f"{more:,}"))
    for loc, errs in by_loc.items():
        first = errs[0]
        kind, value = first["type"], first.get("input")
        name = next((p for p in reversed(loc) if isinstance(p, str)), "document")
        hint: str | None = ""
        values: dict[str, Any] = {"name": name}
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):
            key, values["close"] = "unknown_key", did_you_mean(name, known)
            hint = "close" if values["close"] else ""
        elif kind == "missing":
            key = "missing"
        elif name in ("id", "indicator", "goal") and isinstance(value, float | int) and not isinstance(value, bool):
            key, values["value"] = "id_number", value
        elif name == "value" and len(errs) > 1:
            key, values["got"] = "value", _describe(value)
            hint, more_values = number_hint_key(value)
            values.update(more_values)
        elif kind in ("date_type", "date_from_datetime_parsing", "date_parsing") or (
            kind.startswith("date") and isinstance(value, str)
        ):
            key, values["got"] = "date", _describe(value)
        else:  # what pydantic says, in our words (`diag.pydantic.<type>`), never pydantic's English
            key = "other_value_error" if kind == "value_error" else "other"
            values.update(text=pydantic_said(first), got=_describe(value))
            hint = "finite" if kind == "finite_number" else None
        out.append(said(shown, "schema", key, loc, hint=hint, **values))
    return out


def validate(data: Any, model: type[M], shown: str) -> tuple[M | None, list[Diagnostic]]:
    if not isinstance(data, dict):
        from gdtrack.words import word

        got = (lambda lang: word("diag.got.list", lang)) if isinstance(data, list) else _describe(data)
        return None, [said(shown, "not-a-mapping", "top", got=got).at(1, 1)]
    made = fast_accept(model, data)  # the clean path, without pydantic
    if made is not MISS:
        return made, []
    from pydantic import ValidationError

    try:
        return adapter(model).validate_python(data), []
    except ValidationError as exc:
        return None, translate(exc, shown, model)


def clean(text: str, model: type[M], max_nodes: int) -> tuple[M, Any]:
    """A clean file read and validated in one walk over what the fast reader built, without PyYAML or pydantic
    (gdtrack.files.fastvalidate.read): its model and what the fast reader built; for any other file MISS and what
    the fast reader built (or fastyaml.MISS), for :func:`parse` and :func:`validate`, which say what is wrong.
    That walk does not count values, so a text that may hold more than `max_nodes` (fastyaml.most_values) is left
    to them too: they count."""
    from gdtrack.files import fastyaml

    data = fastyaml.built(text)
    if data is fastyaml.MISS or (len(text) > max_nodes and fastyaml.most_values(text) > max_nodes):
        return MISS, data
    return fast_read(model, data), data


def parse(text: str, shown: str, max_nodes: int, built: Any = None) -> Any:
    """One file's data: the fast reader's on the clean path, which needs no PyYAML; the strict reader's (with
    the problem's line) for whatever the fast one cannot vouch for. `built`: what the fast reader built of the
    text already (fastyaml.built), or MISS if it could not."""
    from gdtrack.files import fastyaml

    if built is None:
        data = fastyaml.read(text, max_nodes)
    else:
        data = built if built is fastyaml.MISS else fastyaml.vouch(built, max_nodes)
    if data is fastyaml.MISS:
        from gdtrack.files.parsing import parse_yaml

        data = parse_yaml(text, shown, max_nodes=max_nodes, fast=False)
    return data


def load(path: str | os.PathLike[str], model: type[M], display: str | None = None,
         cache: ModelCache | None = None) -> Loaded[M]:
    """Read, parse and validate one file. Never raises for bad content: problems are in `.diagnostics`.

    With a cache, a file whose exact bytes loaded cleanly before comes back as that model, unparsed; a file
    that loads cleanly now is stored for next time. Its `data` is then None: only the model is kept.
    """
    shown = display or str(path)
    result: Loaded[M] = Loaded(shown)
    try:
        big = model is Catalogue or model is NodesFile  # a plan's own files, as large as its catalogue
        limit, nodes = catalogue_limits(shown) if big else (MAX_FILE_BYTES, MAX_NODES)
        raw = read_bytes(path, shown, limit)
        if cache is not None:
            result.digest = hashlib.sha256(raw).digest()
        if cache is not None and (hit := cache.get(path, model, raw)) is not None:
            result.model = hit
            return result
        text = decode(raw, shown)
        made, built = clean(text, model, nodes)
        if made is MISS:
            result.data = parse(text, shown, nodes, built)
    except LoadError as exc:
        result.diagnostics.append(exc.diagnostic)
        return result
    if made is MISS:
        result.model, result.diagnostics = validate(result.data, model, shown)
    else:
        result.model = made
    if cache is not None and result.model is not None and not result.diagnostics:
        cache.put(path, model, raw, result.model)
    return result


def load_catalogue(path: str | os.PathLike[str]) -> Loaded[Catalogue]:
    return load(path, Catalogue)


def progress_paths(folder: str | os.PathLike[str]) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
