"""The clean path's validator: a model from data that every rule of :mod:`gdtrack.models` accepts, without pydantic.

pydantic is the authority on what a file may hold, and the only one that words a problem; but importing it and
building its validators costs more than a day's files take to read (a run with no cache spends most of its time
there). So a file is first given to a validator made here from the same declarations (each field's type, its
:class:`gdtrack.models.Rule`, the models' own checks). It accepts a file only when pydantic would build the same
model from it, value for value and type for type, and otherwise gives up (:data:`MISS`) without saying why: the
caller then validates the file with pydantic, which accepts it or says what is wrong, as before.

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
import typing
from collections.abc import Callable
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, TypeVar

from gdtrack import models
from gdtrack.models import Rule

M = TypeVar("M")

MISS: Any = object()
"""Returned when the data must be validated by pydantic (it has a problem, or one this validator cannot rule out)."""


class Unsupported(TypeError):
    """A declaration this validator does not know how to check exactly as pydantic does (a bug of gdtrack: tests
    build the validator of every model)."""


class _No(Exception):
    """Raised inside a validator to give up; :func:`accept` turns it into MISS."""


_NO = _No()

Check = Callable[[Any], Any]
"""Takes a value as YAML gives it, returns it as the model holds it, or raises _No."""

_RULE_KEYS = frozenset({"strict", "min_length", "max_length", "pattern", "ge", "le", "allow_inf_nan"})


def _end_anchored(pattern: str) -> re.Pattern[str]:
    # pydantic's patterns are Rust regular expressions, searched: `$` only at the very end. Python's `$` also
    # matches before a final line break ("1.1\n"), so it is read as `\Z`.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _scalar(base: Any, rules: list[Rule]) -> tuple[Check, frozenset[type]]:
    kw: dict[str, Any] = {}
    afters = [r.after for r in rules if r.after is not None]
    for rule in rules:
        kw.update(rule.kw)
    if set(kw) - _RULE_KEYS or kw.get("strict") is not True:
        raise Unsupported(f"{base!r} with {kw!r}: only strict values with {sorted(_RULE_KEYS)} are read here")
    lo, hi = kw.get("ge"), kw.get("le")
    if base is str:
        least, most = kw.get("min_length", 0), kw.get("max_length")
        found = _end_anchored(kw["pattern"]).search if "pattern" in kw else None
        if lo is not None or hi is not None:
            raise Unsupported("bounds on a text")

        def check(v: Any) -> Any:
            if type(v) is not str or len(v) < least or (most is not None and len(v) > most) or (
                    found is not None and found(v) is None):
                raise _NO
            return v
        accepted = frozenset({str})
    elif base is float:
        def check(v: Any) -> Any:
            if type(v) is int:
                try:
                    v = float(v)
                except OverflowError:
                    raise _NO from None
            elif type(v) is not float:
                raise _NO
            if not math.isfinite(v) or (lo is not None and v < lo) or (hi is not None and v > hi):
                raise _NO
            return v
        accepted = frozenset({int, float})
    elif base is int:
        if {"min_length", "max_length", "pattern", "allow_inf_nan"} & set(kw):
            raise Unsupported("text rules on a whole number")

        def check(v: Any) -> Any:
            if type(v) is not int or (lo is not None and v < lo) or (hi is not None and v > hi):
                raise _NO
            return v
        accepted = frozenset({int})
    elif base is bool or base is dt.date:
        if set(kw) != {"strict"}:
            raise Unsupported(f"rules on a {base.__name__}")

        def check(v: Any) -> Any:
            if type(v) is not base:
                raise _NO
            return v
        accepted = frozenset({base})
    else:
        raise Unsupported(f"a value of type {base!r}")
    if not afters:
        return check, accepted

    def checked(v: Any) -> Any:
        v = check(v)
        try:
            for after in afters:
                v = after(v)
        except Exception:  # noqa: BLE001 - whatever it is, pydantic says it (or raises it) on the way back
            raise _NO from None
        return v
    return checked, accepted


def _literal(choices: tuple[Any, ...]) -> tuple[Check, frozenset[type]]:
    if not all(type(c) is str for c in choices):
        raise Unsupported(f"Literal{list(choices)}: only texts")
    allowed = frozenset(choices)

    def check(v: Any) -> Any:
        if type(v) is not str or v not in allowed:
            raise _NO
        return v
    return check, frozenset({str})


def _union(members: tuple[Any, ...], hints: dict[type, Any]) -> tuple[Check, frozenset[type]]:
    nullable = NoneType in members
    parts = [_of(m, hints) for m in members if m is not NoneType]
    seen: set[type] = set()
    for _, accepted in parts:
        if seen & accepted:  # pydantic's smart union would then choose between them; here no choice is made
            raise Unsupported(f"a union whose members accept the same kind of value: {members!r}")
        seen |= accepted
    if len(parts) == 1:
        inner = parts[0][0]
    else:
        by_type = {t: check for check, accepted in parts for t in accepted}

        def inner(v: Any) -> Any:
            check = by_type.get(type(v))
            if check is None:
                raise _NO
            return check(v)
    if not nullable:
        return inner, frozenset(seen)

    def check(v: Any) -> Any:
        return None if v is None else inner(v)
    return check, frozenset(seen | {NoneType})


def _list(item: Any, hints: dict[type, Any]) -> tuple[Check, frozenset[type]]:
    each = _of(item, hints)[0]

    def check(v: Any) -> Any:
        if type(v) is not list:
            raise _NO
        return [each(x) for x in v]
    return check, frozenset({list})


def _dict(key: Any, value: Any, hints: dict[type, Any]) -> tuple[Check, frozenset[type]]:
    each_key, each = _of(key, hints)[0], _of(value, hints)[0]

    def check(v: Any) -> Any:
        if type(v) is not dict:
            raise _NO
        return {each_key(k): each(x) for k, x in v.items()}
    return check, frozenset({dict})


def _model(cls: type, hints: dict[type, Any]) -> tuple[Check, frozenset[type]]:
    if cls in hints:  # a model met again inside itself: its check, once built
        return (lambda v: hints[cls](v)), frozenset({dict})
    if getattr(cls, "__pydantic_config__", {}).get("extra") != "forbid":
        raise Unsupported(f"{cls.__name__}: unknown keys must be refused")
    if "__get_pydantic_core_schema__" in cls.__dict__ and not hasattr(cls, "__given__"):
        raise Unsupported(f"{cls.__name__}: a pydantic hook without its __given__ check")
    hints[cls] = None
    types = typing.get_type_hints(cls, vars(models), include_extras=True)
    fields = dataclasses.fields(cls)
    checks = {f.name: _of(types[f.name], hints)[0] for f in fields}
    names = frozenset(checks)
    required = frozenset(f.name for f in fields
                         if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
    given = getattr(cls, "__given__", None)

    def check(v: Any) -> Any:
        if type(v) is not dict or not (v.keys() <= names and required <= v.keys()):
            raise _NO
        kw = {k: checks[k](x) for k, x in v.items()}
        try:
            made = cls(**kw)  # its own checks (__post_init__) run, as they do when pydantic builds it
            if given is not None:
                given(v, made)
        except Exception:  # noqa: BLE001 - a model that does not hold together: pydantic words it
            raise _NO from None
        return made
    hints[cls] = check
    return check, frozenset({dict})


def _of(tp: Any, hints: dict[type, Any]) -> tuple[Check, frozenset[type]]:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Annotated:
        base, *meta = args
        if not all(isinstance(m, Rule) for m in meta):
            raise Unsupported(f"{tp!r}: only Rule annotations")
        return _scalar(base, meta)
    if tp in (str, int, float, bool, dt.date):
        raise Unsupported(f"{tp!r} without its Rule (pydantic would coerce it)")
    if origin is Literal:
        return _literal(args)
    if origin is UnionType or origin is typing.Union:
        return _union(args, hints)
    if origin is list:
        return _list(args[0], hints)
    if origin is dict:
        return _dict(args[0], args[1], hints)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _model(tp, hints)
    raise Unsupported(f"a field of type {tp!r}")


_BUILT: dict[type, Check] = {}


def validator(model: type) -> Check:
    """The check of a model, built the first time (raises Unsupported for a declaration it cannot read)."""
    try:
        return _BUILT[model]
    except KeyError:
        check = _BUILT[model] = _model(model, {})[0]
        return check


def accept(model: type[M], data: Any) -> M:
    """`data` as a `model` if pydantic would build exactly that from it; else MISS (validate it with pydantic)."""
    try:
        return validator(model)(data)
    except _No:
        return MISS
    except RecursionError:  # deeper than pydantic would go too: it says so
        return MISS
