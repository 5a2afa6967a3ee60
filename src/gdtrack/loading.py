"""YAML in: read files safely, parse with PyYAML's C loader, validate into models, report Diagnostics.

The happy path is: bytes → UTF-8 text → `yaml.load(CSafeLoader)` → pydantic. Line numbers are
only looked up (by composing the file again, node by node) when there is a problem to report.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

from .diagnostics import Diagnostic, Loc, error
from .models import Catalogue

try:  # the C loader is the floor of our speed; fall back to the pure-Python one where libyaml is missing
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Files over this size are refused (a year of monthly reports for a department is a few KiB)."""

M = TypeVar("M")


class Refused(yaml.MarkedYAMLError):
    """YAML that PyYAML would accept but we do not: it would silently become something else."""

    def __init__(self, code: str, problem: str, mark: Any, hint: str | None = None):
        super().__init__(problem=problem, problem_mark=mark)
        self.code, self.hint = code, hint


_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SAFE = yaml.constructor.SafeConstructor
_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_Scalar, _Sequence = yaml.ScalarNode, yaml.SequenceNode
_intern = sys.intern
# The implicit resolvers by a scalar's first character ('' for the empty scalar), wildcards appended: the
# table yaml.resolver.BaseResolver.resolve walks, built once.
_WILDCARD = tuple(_BaseLoader.yaml_implicit_resolvers.get(None, ()))
_IMPLICIT = {first: (*rs, *_WILDCARD) for first, rs in _BaseLoader.yaml_implicit_resolvers.items() if first is not None}



class Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The C safe loader with a strict constructor of our own.

    It builds plain dicts, lists and scalars in one pass and refuses what YAML 1.1 would silently turn into
    something else: duplicate keys (PyYAML keeps the last), anchors and aliases (and with them "billion laughs"
    bombs), every explicit tag (`!!python/object` …), yes/no/on/off as booleans, octal / hex / sexagesimal /
    underscored numbers (`012` is 10, `1:30` is 90), and impossible dates (2023-02-30).
    """

    # PyYAML's C parser calls back into Python for every node it composes, to resolve the node's tag and to track
    # path resolvers. These give the same answers as yaml.resolver.BaseResolver for a loader with no path
    # resolvers (ours has none), without its per-call lookups and list concatenation: at a province's scale
    # that is millions of calls.

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is _Scalar:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is _Sequence else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def construct_document(self, node: yaml.Node) -> Any:
        self._seen: set[int] = set()
        try:
            return self._build(node)
        finally:
            self._seen = set()

    # The hot path: most nodes are plain strings, handled inline without a call.

    def _build(self, node: yaml.Node) -> Any:
        kind = node.__class__
        if kind is _Scalar:
            return node.value if node.tag == _STR else self._scalar(node, node.tag)
        if id(node) in self._seen:  # a collection met twice is an alias: refuse before anything multiplies
            raise Refused("yaml-alias", "anchors and aliases (&name / *name) are not allowed", node.start_mark,
                          "write each value out in full")
        self._seen.add(id(node))
        if kind is _Sequence:
            if node.tag != _SEQ:
                raise self._tag(node)
            return [c.value if c.__class__ is _Scalar and c.tag == _STR else self._build(c)
                    for c in node.value]
        if node.tag != _MAP:
            raise self._tag(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is _Scalar and key_node.tag == _STR:
                key = key_node.value
            elif key_node.tag == _TAG + "merge":
                raise Refused("yaml-alias", "merge keys (<<) are not allowed", key_node.start_mark,
                              "write each value out in full")
            else:
                key = self._build(key_node)
                try:
                    hash(key)
                except TypeError:
                    raise Refused("yaml-syntax", "a key must be a plain word or number",
                                  key_node.start_mark) from None
            if key in mapping:
                raise Refused("duplicate-key", f"duplicate key {key!r}: it already appears in this mapping",
                              key_node.start_mark, "each key may appear once; delete or merge the repeated one")
            if value_node.__class__ is _Scalar and value_node.tag == _STR:
                text = value_node.value
                # one copy of each short value: ids, units and sources repeat across thousands of entries
                mapping[key] = _intern(text) if len(text) <= 40 else text
            else:
                mapping[key] = self._build(value_node)
        return mapping

    def _scalar(self, node: yaml.ScalarNode, tag: str) -> Any:
        value = node.value
        if tag == _STR:
            return value
        if tag == _TAG + "int":
            if not _DECIMAL_INT.fullmatch(value):
                raise Refused("yaml-number", f"{value!r} is an ambiguous number (YAML 1.1 reads it as "
                              f"{_SAFE.construct_yaml_int(self, node)})", node.start_mark,
                              "write plain decimal digits, or put the text in quotes")
            return int(value)
        if tag == _TAG + "float":
            if _DECIMAL_FLOAT.fullmatch(value):
                return float(value)
            if value.lower() in (".nan", ".inf", "+.inf", "-.inf"):
                return _SAFE.construct_yaml_float(self, node)  # refused later, with its field named
            raise Refused("yaml-number", f"{value!r} is an ambiguous number", node.start_mark,
                          "write plain decimal digits, or put the text in quotes")
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "value":  # a lone `=`: YAML 1.1's "default value" key type, which PyYAML cannot build
            return value
        if tag == _TAG + "bool":
            if value in ("true", "false", "True", "False", "TRUE", "FALSE"):
                return value.lower() == "true"
            raise Refused("yaml-bool", f"{value!r} would be read as the boolean "
                          f"{str(_SAFE.construct_yaml_bool(self, node)).lower()}", node.start_mark,
                          f'write true or false, or "{value}" in quotes if you mean the word')
        if tag == _TAG + "timestamp":
            m = _ISO_DATE.fullmatch(value)
            try:
                if m:
                    return dt.date(int(m[1]), int(m[2]), int(m[3]))
                return _SAFE.construct_yaml_timestamp(self, node)
            except ValueError:
                raise Refused("bad-date", f"{value} is not a real date", node.start_mark,
                              "check the day of the month (YYYY-MM-DD)") from None
        raise self._tag(node)

    @staticmethod
    def _tag(node: yaml.Node) -> Refused:
        return Refused("yaml-tag", f"the tag {node.tag.replace(_TAG, '!!')} is not allowed", node.start_mark,
                       "gdtrack reads plain YAML only: remove the `!…` tag")


@dataclass
class Loaded(Generic[M]):
    """One file: its parsed data, the model if it is valid, and its problems."""

    path: str
    model: M | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    data: Any = None

    @property
    def ok(self) -> bool:
        return self.model is not None


class LoadError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


# ── reading ────────────────────────────────────────────────────────────────────────────────────


def read_text(path: str | os.PathLike[str], display: str | None = None) -> str:
    """The file's text: UTF-8 (a BOM and CRLF line endings are fine); anything else is a LoadError."""
    shown = display or str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                error(shown, "too-large", f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                      "split it, or check that this is the file you meant")
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise LoadError(error(shown, "not-found", "file not found",
                              "check the path, or set it with --catalogue / --progress")) from None
    except IsADirectoryError:
        raise LoadError(error(shown, "not-a-file", "this is a folder, not a YAML file")) from None
    except OSError as exc:
        raise LoadError(error(shown, "unreadable", f"cannot read the file: {exc.strerror}")) from None
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise LoadError(error(shown, "encoding", "the file is UTF-16, not UTF-8",
                              "save it as UTF-8 (in Notepad: Save As → Encoding: UTF-8)").at(1, 1))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = "save the file as UTF-8"
        try:
            raw.decode("gb18030")
            what = "the file is not UTF-8; it looks like GBK/GB18030, as saved by some Windows editors"
            hint = f"convert it with: iconv -f GB18030 -t UTF-8 {shown} -o {shown}.utf8 && mv {shown}.utf8 {shown}" \
                   " (or in Notepad: Save As → Encoding: UTF-8)"
        except UnicodeDecodeError:
            what = f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        raise LoadError(error(shown, "encoding", what, hint).at(line, 1)) from None
    if not text.strip():
        raise LoadError(error(shown, "empty", "the file is empty", "see the README for the file's format"))
    return text


# ── parsing ────────────────────────────────────────────────────────────────────────────────────


def parse_yaml(text: str, shown: str) -> Any:
    """Parse one YAML document with the safe C loader; syntax errors become a LoadError with a line."""
    if "\t" in text:
        for no, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise LoadError(error(shown, "tab-indent", "a tab is used for indentation; YAML allows only spaces",
                                      "replace the tab with spaces").at(no, len(line) - len(stripped) + 1))
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a SafeLoader subclass
    except Refused as exc:
        mark = exc.problem_mark
        raise LoadError(error(shown, exc.code, exc.problem, exc.hint).at(mark.line + 1, mark.column + 1)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        raise LoadError(error(shown, "yaml-syntax", f"YAML syntax: {what}",
                              "check the indentation and the `key: value` form on this line and the one above")
                        .at(mark.line + 1 if mark else None, mark.column + 1 if mark else None)) from None
    except yaml.YAMLError as exc:
        raise LoadError(error(shown, "yaml-syntax", f"YAML: {exc}")) from None
    except RecursionError:
        raise LoadError(error(shown, "yaml-syntax", "the YAML is nested too deeply",
                              "a progress file needs only four levels")) from None


# ── validation ─────────────────────────────────────────────────────────────────────────────────

_UNION_TAGS = ("float", "int", "str", "bool", "date", "none")


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    """Drop pydantic's union-branch and validator tags ('float', "literal['done']", …) from a location."""
    return tuple(p for p in loc if isinstance(p, int) or ("[" not in p and p not in _UNION_TAGS))


def _known_keys(model: type) -> set[str]:
    keys: set[str] = set()
    todo, seen = [model], set()
    while todo:
        m = todo.pop()
        seen.add(m)
        fields = m.__pydantic_fields__
        keys |= set(fields)
        for f in fields.values():
            for arg in _walk_types(f.annotation):
                if isinstance(arg, type) and hasattr(arg, "__pydantic_fields__") and arg not in seen:
                    todo.append(arg)
    return keys


@functools.cache
def adapter(model: type) -> TypeAdapter:
    """The validator of a model or pydantic dataclass, built once."""
    return TypeAdapter(model)


def _walk_types(tp: Any) -> Iterable[Any]:
    yield tp
    for arg in getattr(tp, "__args__", ()) or ():
        yield from _walk_types(arg)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off/true/false as a boolean)"
    if isinstance(value, float | int):
        return f"the number {value}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


def number_hint(value: Any) -> str | None:
    """What to write instead of a figure that is not a plain number."""
    if isinstance(value, float):
        return "write a real figure; .nan and .inf are not numbers"
    if not isinstance(value, str):
        return None
    if value.translate(_FULL_WIDTH) != value:
        return f"全角数字: write ASCII digits, e.g. value: {value.translate(_FULL_WIDTH)}"
    if re.match(r"[-+]?0[oxbOXB]", value):
        return "write plain decimal digits, e.g. value: 10"
    digits = re.sub(r"[^0-9.\-]", "", value)
    if digits and digits != value:
        return f"write the bare number without units, commas or %: e.g. value: {digits}"
    return "a number, or for a milestone one of: done, in_progress, not_started, blocked"


def translate(exc: ValidationError, shown: str, model: type) -> list[Diagnostic]:
    """pydantic's errors → one Diagnostic per location, worded for someone editing YAML."""
    known = sorted(_known_keys(model))
    by_loc: dict[Loc, list[dict[str, Any]]] = {}
    for err in exc.errors(include_url=False):
        by_loc.setdefault(_clean_loc(err["loc"]), []).append(err)
    out: list[Diagnostic] = []
    for loc, errs in by_loc.items():
        first = errs[0]
        kind, value = first["type"], first.get("input")
        name = next((p for p in reversed(loc) if isinstance(p, str)), "document")
        hint = None
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):
            msg = f"unknown key `{name}`"
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "remove it; see the README for the allowed keys"
        elif kind == "missing":
            msg = f"missing required key `{name}`"
            hint = f"add `{name}:` here"
        elif name in ("id", "indicator") and isinstance(value, float | int) and not isinstance(value, bool):
            msg = f"`{name}` was read as the number {value}, not as an id"
            hint = f'quote it: {name}: "{value}" (YAML reads 1.10 as 1.1, so ids must always be in quotes)'
        elif name == "value" and len(errs) > 1:
            msg = f"`value` must be a number or one of done, in_progress, not_started, blocked; got {_describe(value)}"
            hint = number_hint(value)
        elif kind in ("date_type", "date_from_datetime_parsing", "date_parsing") or (
            kind.startswith("date") and isinstance(value, str)
        ):
            msg = f"`{name}` must be a date, got {_describe(value)}"
            hint = "write dates as YYYY-MM-DD without quotes, e.g. 2023-09-30"
        else:
            text = first["msg"].removeprefix("Value error, ")
            msg = f"`{name}`: {text}" + ("" if kind == "value_error" else f", got {_describe(value)}")
            if kind == "finite_number":
                hint = "write a real number; .nan and .inf are not figures"
        out.append(error(shown, "schema", msg, hint, loc))
    return out


def validate(data: Any, model: type[M], shown: str) -> tuple[M | None, list[Diagnostic]]:
    if not isinstance(data, dict):
        got = "a list" if isinstance(data, list) else _describe(data)
        return None, [error(shown, "not-a-mapping", f"the top level must be a mapping of keys, got {got}",
                            "see the README for the file's format").at(1, 1)]
    try:
        return adapter(model).validate_python(data), []
    except ValidationError as exc:
        return None, translate(exc, shown, model)


def load(path: str | os.PathLike[str], model: type[M], display: str | None = None) -> Loaded[M]:
    """Read, parse and validate one file. Never raises for bad content: problems are in `.diagnostics`."""
    shown = display or str(path)
    result: Loaded[M] = Loaded(shown)
    try:
        result.data = parse_yaml(read_text(path, shown), shown)
    except LoadError as exc:
        result.diagnostics.append(exc.diagnostic)
        return result
    result.model, result.diagnostics = validate(result.data, model, shown)
    return result


def load_catalogue(path: str | os.PathLike[str]) -> Loaded[Catalogue]:
    return load(path, Catalogue)


def progress_paths(folder: str | os.PathLike[str]) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))



# ── locating problems (only when there are some) ───────────────────────────────────────────────


def _node_at(root: yaml.Node, loc: Loc) -> yaml.Node:
    """The deepest node along `loc`; for a mapping key, the key's node (that is where the line starts)."""
    node = root
    for i, part in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    node = key_node if i == len(loc) - 1 else value_node
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def locate(diagnostics: list[Diagnostic], texts: dict[str, str]) -> list[Diagnostic]:
    """Fill in line and column of every Diagnostic that has a YAML `loc` but no line yet."""
    roots: dict[str, yaml.Node | None] = {}
    out = []
    for d in diagnostics:
        if d.line is None and d.path in texts:
            if d.path not in roots:
                try:
                    roots[d.path] = yaml.compose(texts[d.path], Loader=_BaseLoader)
                except yaml.YAMLError:
                    roots[d.path] = None
            root = roots[d.path]
            if root is not None:
                mark = _node_at(root, d.loc).start_mark
                d = d.at(mark.line + 1, mark.column + 1)
        out.append(d)
    return out
