"""The clean path's validator: a model from data that every rule of :mod:`gdtrack.models` accepts, without pydantic.

pydantic is the authority on what a file may hold, and the only one that words a problem; but importing it and
building its validators costs more than a day's files take to read (a run with no cache spends most of its time
there). So a file is first given to a validator made here from the same declarations (each field's type, its
:class:`gdtrack.models.Rule`, the models' own checks). It accepts a file only when pydantic would build the same
model from it, value for value and type for type, and otherwise gives up (:data:`MISS`) without saying why: the
caller then validates the file with pydantic, which accepts it or says what is wrong, as before.

On the clean path (:func:`read`) the same walk also applies the fast reader's rules to every value
(gdtrack.files.fastyaml: texts YAML 1.1 reads otherwise, integers of more than 30 digits), so that a clean file
is walked once, not once by the reader and once by the validator.

Each model's check is made as Python source (one function of plain comparisons a model) and compiled. Those of
whole files on the clean path are written out (gdtrack/files/fastchecks.py, :func:`generate`), so that Python keeps
them compiled between runs; a test fails while that module is not what the models declare.

It is stricter than pydantic wherever being exact would cost code: texts must be `str` itself, lists `list`,
numbers finite; a pattern's `$` is the end of the text (pydantic's regular expressions do not match before a final
line break, Python's do). A declaration it cannot read (a type or a rule it does not know) is refused when its
validator is first built (:class:`Unsupported`), and tests build every model's, so a model cannot slip off the
fast path unseen. What it accepts is compared with pydantic's result in tests (tests/test_fast_validate.py),
over every shipped and test file and thousands of changes to them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import sys
import typing
from collections.abc import Callable
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, TypeVar

from gdtrack import models
from gdtrack.models import Rule
from gdtrack.values import maker

M = TypeVar("M")

MISS: Any = object()
"""Returned when the data must be validated by pydantic (it has a problem, or one this validator cannot rule out)."""


class Unsupported(TypeError):
    """A declaration this validator does not know how to check exactly as pydantic does (a bug of gdtrack: tests
    build the validator of every model)."""


class _No(Exception):
    """Raised inside a validator to give up; :func:`accept` turns it into MISS."""


Check = Callable[[Any], Any]
"""Takes a value as YAML gives it, returns it as the model holds it, or raises."""

_RULE_KEYS = frozenset({"strict", "min_length", "max_length", "pattern", "ge", "le", "allow_inf_nan"})


def _end_anchored(pattern: str) -> re.Pattern[str]:
    # pydantic's patterns are Rust regular expressions, searched: `$` only at the very end. Python's `$` also
    # matches before a final line break ("1.1\n"), so it is read as `\Z`.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


_BASE = {  # what every module of checks holds, and the expression that makes it in a written one
    "_No": "_No", "_MISSING": "dataclasses.MISSING", "_INF": "math.inf", "_float": "float", "_list": "list",
    "_dict": "dict", "_str": "str", "_int": "int", "_STARTS": "fastyaml.STARTS", "_CHECKED": "fastyaml.CHECKED",
    "_text": "fastyaml.text_rule", "_intern": "sys.intern", "_BIG": "fastyaml.BIG",
}
_TYPES = {str: "str", int: "int", float: "float", bool: "bool", list: "list", dict: "dict", dt.date: "dt.date",
          NoneType: "type(None)"}


def _expr(value: Any) -> str:
    """The expression that makes `value` in a written module of checks (see :func:`generate`)."""
    if value is None or type(value) in (bool, int, float, str):
        return repr(value)
    if type(value) is frozenset:
        return f"frozenset(({''.join(_expr(v) + ', ' for v in sorted(value, key=_expr))}))"
    if value in _TYPES:
        return _TYPES[value]
    if getattr(value, "__module__", None) == models.__name__ and getattr(models, value.__qualname__.split(".")[0],
                                                                          None) is not None:
        return f"models.{value.__qualname__}"  # a model, or a function of the models (a factory, a check)
    raise Unsupported(f"{value!r}: no expression for it")


class _Code:
    """The source of one module of checks, built field by field: each model's check is one function of plain
    comparisons (Python calls no function per value), compiled once (a check per value as a closure took half as
    long again as pydantic's at ×100)."""

    def __init__(self, reading: bool = False) -> None:
        from gdtrack.files import fastyaml  # its rules, when a file is read (a run on cached files needs none)

        made_from = {"dataclasses": dataclasses, "math": math, "sys": sys, "fastyaml": fastyaml, "_No": _No}
        self.space: dict[str, Any] = {k: eval(e, made_from) for k, e in _BASE.items()}  # noqa: S307 - _BASE's own
        self.exprs: dict[str, str] = {}  # the names made here → the expressions that make their values
        self.known: dict[str, str] = {}  # and back: one name for each value
        self.functions: list[str] = []
        self.models: dict[type, str] = {}
        self.reading = reading

    def plain(self, word: str) -> None:
        """A field's name or a choice, which a file holds as a plain text: one the fast reader's rules let through
        (else the file would never be accepted here)."""
        try:
            if word[:1] in self.space["_STARTS"]:
                self.space["_text"](word)
        except Exception:  # noqa: BLE001 - any refusal of the rule
            raise Unsupported(f"{word!r}: YAML 1.1 reads it as something other than a text") from None

    def name(self, value: Any, expr: str | None = None) -> str:
        """A name for `value` in the checks' module; `expr` makes it in a written one (default: _expr's)."""
        expr = expr or _expr(value)
        if expr in self.known:
            return self.known[expr]
        key = self.known[expr] = f"_c{len(self.exprs)}"
        self.space[key] = value
        self.exprs[key] = expr
        return key

    def value(self, tp: Any, x: str) -> tuple[list[str], frozenset[type]]:
        """Lines that check the variable `x` against the type `tp` (and convert it, as pydantic does), raising _No,
        and the Python types of what they can accept."""
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is Annotated:
            base, *meta = args
            if not all(isinstance(m, Rule) for m in meta):
                raise Unsupported(f"{tp!r}: only Rule annotations")
            return self.scalar(base, meta, x)
        if tp in (str, int, float, bool, dt.date):
            raise Unsupported(f"{tp!r} without its Rule (pydantic would coerce it)")
        if origin is Literal:
            if not all(type(c) is str for c in args):
                raise Unsupported(f"Literal{list(args)}: only texts")
            for c in args:
                self.plain(c)
            return [f"if type({x}) is not _str or {x} not in {self.name(frozenset(args))}: raise _No"], frozenset({str})
        if origin is UnionType or origin is typing.Union:
            return self.union(args, x)
        if origin is list:
            item = self.function(args[0])
            return [f"if type({x}) is not _list: raise _No", f"{x} = [{item}(i) for i in {x}]"], frozenset({list})
        if origin is dict:
            key, each = self.function(args[0]), self.function(args[1])
            return [f"if type({x}) is not _dict: raise _No",
                    f"{x} = {{{key}(k): {each}(i) for k, i in {x}.items()}}"], frozenset({dict})
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return [f"{x} = {self.model(tp)}({x})"], frozenset({dict})
        raise Unsupported(f"a field of type {tp!r}")

    def scalar(self, base: Any, rules: list[Rule], x: str) -> tuple[list[str], frozenset[type]]:
        kw: dict[str, Any] = {}
        for rule in rules:
            kw.update(rule.kw)
        if set(kw) - _RULE_KEYS or kw.get("strict") is not True:
            raise Unsupported(f"{base!r} with {kw!r}: only strict values with {sorted(_RULE_KEYS)} are read here")
        lo, hi = kw.get("ge"), kw.get("le")
        bounds = [f"{x} < {self.name(lo)}"] if lo is not None else []
        bounds += [f"{x} > {self.name(hi)}"] if hi is not None else []
        if base is str:
            if bounds:
                raise Unsupported("bounds on a text")
            least, most = kw.get("min_length", 0), kw.get("max_length")
            refused = [f"type({x}) is not _str"]
            refused += [f"not {x}"] if least == 1 else [f"len({x}) < {least}"] if least else []
            refused += [f"len({x}) > {most}"] if most is not None else []
            if "pattern" in kw:
                search = _end_anchored(kw["pattern"]).search
                refused.append(f"{self.name(search, f're.compile({search.__self__.pattern!r}).search')}({x}) is None")
            lines, accepted = [f"if {' or '.join(refused)}: raise _No"], frozenset({str})
            if self.reading:  # the fast reader's rule for texts, and one copy of each short text (its walk's)
                lines += [f"if {x}[:1] in _STARTS and {x} not in _CHECKED: _text({x})",
                          f"if len({x}) <= 40: {x} = _intern({x})"]
        elif base is float:  # a whole number becomes a float (OverflowError past a float's range: left to pydantic)
            big = f" and -_BIG < {x} < _BIG" if self.reading else ""
            lines = [f"if type({x}) is _int{big}: {x} = _float({x})",
                     f"elif type({x}) is not _float: raise _No",
                     f"if not -_INF < {x} < _INF{''.join(f' or {b}' for b in bounds)}: raise _No"]
            accepted = frozenset({int, float})
        elif base is int:
            if {"min_length", "max_length", "pattern", "allow_inf_nan"} & set(kw):
                raise Unsupported("text rules on a whole number")
            bounds += [f"not -_BIG < {x} < _BIG"] if self.reading else []
            lines, accepted = [f"if {' or '.join([f'type({x}) is not _int', *bounds])}: raise _No"], frozenset({int})
        elif base is bool or base is dt.date:
            if set(kw) != {"strict"}:
                raise Unsupported(f"rules on a {base.__name__}")
            lines, accepted = [f"if type({x}) is not {self.name(base)}: raise _No"], frozenset({base})
        else:
            raise Unsupported(f"a value of type {base!r}")
        lines += [f"{x} = {self.name(r.after)}({x})" for r in rules if r.after is not None]
        return lines, accepted

    def union(self, members: tuple[Any, ...], x: str) -> tuple[list[str], frozenset[type]]:
        parts = [self.value(m, x) for m in members if m is not NoneType]
        seen: set[type] = set()
        for _, accepted in parts:
            if seen & accepted:  # pydantic's smart union would then choose between them; here no choice is made
                raise Unsupported(f"a union whose members accept the same kind of value: {members!r}")
            seen |= accepted
        if len(parts) == 1:
            lines = parts[0][0]
        else:
            lines = []
            for i, (inner, accepted) in enumerate(parts):
                lines.append(f"{'if' if i == 0 else 'elif'} type({x}) in {self.name(accepted)}:")
                lines += [f"    {line}" for line in inner]
            lines.append("else: raise _No")
        if NoneType not in members:
            return lines, frozenset(seen)
        return [f"if {x} is not None:", *(f"    {line}" for line in lines)], frozenset(seen | {NoneType})

    def function(self, tp: Any) -> str:
        """The name of a function that checks one value of `tp` (an item of a list, a key or value of a mapping)."""
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self.model(tp)
        lines, _ = self.value(tp, "x")
        name = f"_v{len(self.functions)}"
        self.functions.append(f"def {name}(x):\n" + "".join(f"    {line}\n" for line in lines) + "    return x\n")
        return name

    def model(self, cls: type) -> str:
        if cls in self.models:
            return self.models[cls]
        if getattr(cls, "__pydantic_config__", {}).get("extra") != "forbid":
            raise Unsupported(f"{cls.__name__}: unknown keys must be refused")
        if "__get_pydantic_core_schema__" in cls.__dict__ and not hasattr(cls, "__given__"):
            raise Unsupported(f"{cls.__name__}: a pydantic hook without its __given__ check")
        name = self.models[cls] = f"_m_{cls.__name__}"
        types = typing.get_type_hints(cls, vars(models), include_extras=True)
        fields = dataclasses.fields(cls)
        for f in fields:
            self.plain(f.name)
        required = frozenset(f.name for f in fields
                             if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        body = [f"if type(v) is not _dict or not (v.keys() <= {self.name(frozenset(f.name for f in fields))}"
                f" and {self.name(required)} <= v.keys()): raise _No"]
        for i, f in enumerate(fields):
            x = f"a{i}"
            lines, _ = self.value(types[f.name], x)
            if f.name in required:
                body += [f"{x} = v[{f.name!r}]", *lines]
                continue
            if f.default is None and lines[0] == f"if {x} is not None:":  # missing: None, as given
                body += [f"{x} = v.get({f.name!r})", *lines]
                continue
            default = (f"{self.name(f.default_factory)}()" if f.default_factory is not dataclasses.MISSING
                       else self.name(f.default))
            body += [f"{x} = v.get({f.name!r}, _MISSING)", f"if {x} is _MISSING: {x} = {default}", "else:",
                     *(f"    {line}" for line in lines)]
        # made as its __init__ makes it: its own checks (__post_init__) run, as they do when pydantic builds it
        made = self.name(maker(cls), f"maker({_expr(cls)})")
        body.append(f"made = {made}({', '.join(f'a{i}' for i in range(len(fields)))})")
        if hasattr(cls, "__given__"):
            body.append(f"{self.name(cls.__given__)}(v, made)")
        body.append("return made")
        self.functions.append(f"def {name}(v):\n" + "".join(f"    {line}\n" for line in body))
        return name

    def compiled(self) -> dict[str, Any]:
        space = dict(self.space)
        exec("".join(self.functions), space)  # noqa: S102 - the source is made here, from the models' declarations
        return space


_BUILT: dict[tuple[type, bool], Check] = {}

ROOTS: tuple[type, ...] = (models.Catalogue, models.ProgressFile, models.NodesFile, models.DecisionsFile)
"""The models of whole files, whose checks are written out (gdtrack/files/fastchecks.py, by :func:`generate`):
Python keeps that module compiled, so a run reads them instead of compiling them (10 ms of a 0.15 s run)."""


def validator(model: type, reading: bool = False) -> Check:
    """The check of a model (the written one of a ROOT, else built the first time; raises Unsupported for a
    declaration it cannot read): it returns the model or raises. `reading`: it also applies the fast reader's
    rules to every value (see :func:`read`)."""
    try:
        return _BUILT[model, reading]
    except KeyError:
        pass
    check = None
    if model in ROOTS:
        from gdtrack.files import fastchecks

        check = fastchecks.CHECKS.get((model.__name__, reading))
    if check is None:
        code = _Code(reading)
        name = code.model(model)
        check = code.compiled()[name]
    _BUILT[model, reading] = check
    return check


HEADER = '''"""The clean path's checks of whole files, written by gdtrack.files.fastvalidate from the models'
declarations: do not edit. `python -m gdtrack.files.fastvalidate` writes it again (tests/test_fast_validate.py
fails until it is current)."""

# fmt: off
# ruff: noqa
import dataclasses
import datetime as dt
import math
import re
import sys

from gdtrack import models
from gdtrack.files import fastyaml
from gdtrack.values import maker


class _No(Exception):
    """Raised to give up on a file: gdtrack.files.fastvalidate then answers MISS for it."""


'''


def generate() -> str:
    """The source of gdtrack/files/fastchecks.py: the checks of every ROOT that also apply the fast reader's rules
    (the clean path's; the plain ones, for what missed it or comes from a form, are built when first needed)."""
    parts = [HEADER, "".join(f"{k} = {e}\n" for k, e in _BASE.items() if k != e)]
    code = _Code(reading=True)
    table = [(root.__name__, True, code.model(root)) for root in ROOTS]
    parts += ["\n", "".join(f"{k} = {e}\n" for k, e in code.exprs.items()), "\n\n", "\n\n".join(code.functions)]
    parts.append("\n\nCHECKS = {\n" + "".join(f"    ({n!r}, {r}): {f},\n" for n, r, f in table) + "}\n")
    return "".join(parts)


def accept(model: type[M], data: Any) -> M:
    """`data` as a `model` if pydantic would build exactly that from it; else MISS (validate it with pydantic)."""
    check = validator(model)
    try:
        return check(data)
    except Exception:  # noqa: BLE001 - a value refused, a model that does not hold together, a number past a
        return MISS  # float's range: whatever it is, pydantic says it (or raises it) on the way back


def read(model: type[M], data: Any) -> M:
    """What yaml-rs built of a file (gdtrack.files.fastyaml.built, not walked) as a `model`, in one walk: the model
    if the strict reader would have built the same data (the fast reader's rules hold for every value: texts,
    whole numbers) and pydantic the same model from it; else MISS, and the caller vouches for the data
    (fastyaml.vouch) and validates it the usual way. Values are not counted against a node limit: for a file
    whose text cannot hold more values than its limit (gdtrack.files.loading.clean)."""
    check = validator(model, reading=True)
    try:
        return check(data)
    except Exception:  # noqa: BLE001 - as accept
        return MISS


if __name__ == "__main__":  # python -m gdtrack.files.fastvalidate: write fastchecks.py again
    from pathlib import Path

    Path(__file__).with_name("fastchecks.py").write_text(generate(), encoding="utf-8")
