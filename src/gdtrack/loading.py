"""YAML in: read files safely, parse with PyYAML's C loader, validate into models, report Diagnostics.

The happy path is: bytes → UTF-8 text → `yaml.load(CSafeLoader)` → pydantic. Line numbers are
only looked up (by composing the file again, node by node) when there is a problem to report.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Loc, error
from .models import Catalogue, ProgressFile

try:  # the C loader is the floor of our speed; fall back to the pure-Python one where libyaml is missing
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Files over this size are refused (a year of monthly reports for a department is a few KiB)."""

M = TypeVar("M", bound=BaseModel)


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that refuses duplicate keys (plain PyYAML silently keeps the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                seen = key in mapping
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, "found an unhashable key", key_node.start_mark
                ) from None
            if seen:
                raise _DuplicateKey(
                    "while constructing a mapping", node.start_mark, f"found duplicate key {key!r}",
                    key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_mapping)


@dataclass
class Loaded(Generic[M]):
    """One file: its text (kept for locating problems), the model if it is valid, and its problems."""

    path: str
    text: str = ""
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
    except _DuplicateKey as exc:
        mark = exc.problem_mark
        raise LoadError(error(shown, "duplicate-key", exc.problem.capitalize(),
                              "each key may appear once in a mapping; delete or merge the repeated one")
                        .at(mark.line + 1, mark.column + 1)) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        tag_hint = "gdtrack reads plain YAML only: remove the `!!…` tag" if "tag" in (exc.problem or "") else None
        raise LoadError(error(shown, "yaml-tag", f"YAML: {exc.problem}", tag_hint)
                        .at(mark.line + 1 if mark else None, mark.column + 1 if mark else None)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        raise LoadError(error(shown, "yaml-syntax", f"YAML syntax: {what}",
                              "check the indentation and the `key: value` form on this line and the one above")
                        .at(mark.line + 1 if mark else None, mark.column + 1 if mark else None)) from None
    except yaml.YAMLError as exc:
        raise LoadError(error(shown, "yaml-syntax", f"YAML: {exc}")) from None


# ── validation ─────────────────────────────────────────────────────────────────────────────────

_UNION_TAGS = ("float", "int", "str", "bool", "date", "none")


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    """Drop pydantic's union-branch and validator tags ('float', "literal['done']", …) from a location."""
    return tuple(p for p in loc if isinstance(p, int) or ("[" not in p and p not in _UNION_TAGS))


def _known_keys(model: type[BaseModel]) -> set[str]:
    keys: set[str] = set()
    todo = [model]
    while todo:
        m = todo.pop()
        keys |= set(m.model_fields)
        for f in m.model_fields.values():
            for arg in _walk_types(f.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel) and arg is not m:
                    todo.append(arg)
    return keys


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


def translate(exc: ValidationError, shown: str, model: type[BaseModel]) -> list[Diagnostic]:
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
        if kind == "extra_forbidden":
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
            if isinstance(value, str):
                hint = "write the bare number without units, commas or %, in ASCII digits: e.g. value: 12"
            elif isinstance(value, bool):
                hint = 'put words in quotes, e.g. value: "no"'
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
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, translate(exc, shown, model)


def load(path: str | os.PathLike[str], model: type[M], display: str | None = None) -> Loaded[M]:
    """Read, parse and validate one file. Never raises for bad content: problems are in `.diagnostics`."""
    shown = display or str(path)
    result: Loaded[M] = Loaded(shown)
    try:
        result.text = read_text(path, shown)
        result.data = parse_yaml(result.text, shown)
    except LoadError as exc:
        result.diagnostics.append(exc.diagnostic)
        return result
    result.model, result.diagnostics = validate(result.data, model, shown)
    return result


def load_catalogue(path: str | os.PathLike[str]) -> Loaded[Catalogue]:
    return load(path, Catalogue)


def progress_paths(folder: str | os.PathLike[str]) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def load_progress(folder: str | os.PathLike[str]) -> list[Loaded[ProgressFile]]:
    return [load(p, ProgressFile) for p in progress_paths(folder)]


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
