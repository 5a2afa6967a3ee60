"""Value classes that cost little to declare: every dataclass of gdtrack is made with :func:`record` (or
:func:`frozen`). It behaves as the dataclass would (`Name(field=…, …)`; equal when of the same class with equal
fields; a frozen one hashes its fields and refuses assignment; `dataclasses.fields`, `replace`, pickle, copy and
pydantic treat it as a dataclass), but nothing is compiled when it is declared: Python 3.11 generates and compiles
each method of each dataclass at import, and declaring gdtrack's classes that way took a quarter of the daily
`gdtrack status`. Here `repr`, `==`, `hash` and a frozen one's refusals come from one base (:class:`Value`,
:class:`Frozen`), and `__init__` is compiled the first time an object of the class is made that way (the models of
a cached run are built by the cache, and pydantic builds its own, so most classes a run declares never need one).
Supported: fields with or without defaults and default factories, `kw_only`, `slots`, `__post_init__`; anything
else of dataclasses (InitVar, `field(init=False)`, `order`) is refused when the class is declared. This module
imports nothing of gdtrack: every layer may use it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import MemberDescriptorType
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)

_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    try:
        return _NAMES[cls]
    except KeyError:
        names = _NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
        return names


class Value:
    """The base of a value class: its repr lists its fields; two are equal when of the same class with equal fields;
    not hashable (a frozen one is: :class:`Frozen`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in _names(type(self)))})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _names(type(self))
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)


class Frozen(Value):
    """The base of a frozen value class: a Value that hashes its fields and whose fields cannot be assigned or
    deleted (dataclasses.FrozenInstanceError, as a frozen dataclass says)."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in _names(type(self))))

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Frozen) -> list[Any]:  # a slotted frozen class, pickled or copied: its fields' values
    return [getattr(self, n) for n in _names(type(self))]


def _setstate(self: Frozen, state: list[Any]) -> None:
    for name, value in zip(_names(type(self)), state, strict=True):
        object.__setattr__(self, name, value)


def _first_init(cls: type, frozen: bool) -> Callable[..., None]:
    """An `__init__` that, called for the first time, compiles the class's own (as the dataclass decorator would
    have made it), puts it in its place and runs it."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        made = _init_of(cls, frozen)
        if cls.__dict__.get("__init__") is __init__:
            cls.__init__ = made  # type: ignore[misc]
        made(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


_NO_VALUE = object()  # a field with a default factory was not given


def _init_of(cls: type, frozen: bool) -> Callable[..., None]:
    """The `__init__` the dataclass decorator would have given `cls`: each field set in order from its argument,
    its default or a new value of its factory (a frozen one's past its refusal, as a frozen dataclass does), then
    `__post_init__`."""
    fields = dataclasses.fields(cls)
    # the function's own names start with __gdtrack_: no field's name can be one of them
    space: dict[str, Any] = {"__gdtrack_set__": object.__setattr__, "__gdtrack_unset__": _NO_VALUE}
    params, body = [], []
    for i, f in enumerate(fields):
        value = f.name
        if f.default is not dataclasses.MISSING:
            space[f"__gdtrack_d{i}__"] = f.default
            params.append(f"{f.name}=__gdtrack_d{i}__")
        elif f.default_factory is not dataclasses.MISSING:
            space[f"__gdtrack_f{i}__"] = f.default_factory
            params.append(f"{f.name}=__gdtrack_unset__")
            value = f"__gdtrack_f{i}__() if {f.name} is __gdtrack_unset__ else {f.name}"
        else:
            params.append(f.name)
        body.append(f"__gdtrack_set__(self, {f.name!r}, {value})" if frozen else f"self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    star = ["*"] if fields and fields[0].kw_only else []
    source = f"def __init__(self, {', '.join([*star, *params])}):\n    " + "\n    ".join(body or ["pass"]) + "\n"
    exec(source, space)  # noqa: S102 - the source is made here, from the class's own field names
    init = space["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def maker(cls: type) -> Callable[..., Any]:
    """A function that makes an object of `cls` from the values of all its fields, given in their order (no
    defaults, no keywords), as its `__init__` would (each field set, then `__post_init__`), for code that makes
    many (gdtrack.files.fastvalidate): a slotted class's fields are set through their slots' own setters, the
    others in the object's `__dict__`. Twice as fast as `cls(**values)`."""
    names = _names(cls)
    space: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    slots = [next((k.__dict__[n] for k in cls.__mro__ if n in k.__dict__), None) for n in names]
    slotted = all(isinstance(slot, MemberDescriptorType) for slot in slots)
    params = [f"a{i}" for i in range(len(names))]
    body = ["o = _new(_cls)"]
    if slotted and names:
        for i, slot in enumerate(slots):
            space[f"_s{i}"] = slot.__set__
            body.append(f"_s{i}(o, a{i})")
    else:
        body += ["d = o.__dict__", *(f"d[{n!r}] = a{i}" for i, n in enumerate(names))]
    if hasattr(cls, "__post_init__"):
        body.append("o.__post_init__()")
    body.append("return o")
    exec(f"def make({', '.join(params)}):\n    " + "\n    ".join(body) + "\n", space)  # noqa: S102 - made here
    make = space["make"]
    make.__qualname__ = f"{cls.__qualname__}.<make>"
    return make


def _check(c: type) -> None:
    """Refuse at declaration what `_init_of` does not make, and what the dataclass decorator refuses there."""
    fields = dataclasses.fields(c)
    defaulted = None
    for f in fields:
        if not f.init or f.kw_only != fields[0].kw_only:
            raise TypeError(f"{c.__qualname__}.{f.name}: gdtrack.values supports neither init=False nor fields "
                            "keyword-only on their own")
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            if defaulted is not None and not f.kw_only:
                raise TypeError(f"{c.__qualname__}: non-default argument {f.name!r} follows default argument")
        else:
            defaulted = f.name


@dataclass_transform()
def record(cls: T | None = None, /, **options: Any) -> T | Callable[[T], T]:
    """`@dataclass(**options)` with repr, == and, frozen, hash and the refusals from the class's base, and
    `__init__` compiled when first called: the class must derive from Frozen when `frozen=True`, else from Value (a
    TypeError at import says which, so no class goes without them)."""

    def make(c: T) -> T:
        given = dict(options)
        frozen = bool(given.pop("frozen", False))
        want = Frozen if frozen else Value
        if not issubclass(c, want) or (want is Value and issubclass(c, Frozen)):
            raise TypeError(f"{c.__qualname__} must derive from gdtrack.values.{want.__name__}")
        init = given.pop("init", True)
        made = dataclasses.dataclass(c, repr=False, eq=False, init=False, **given)
        _check(made)
        if init:
            made.__init__ = _first_init(made, frozen)
        if frozen and given.get("slots"):
            made.__getstate__, made.__setstate__ = _getstate, _setstate
        return made  # type: ignore[return-value]

    return make if cls is None else make(cls)


@dataclass_transform(frozen_default=True)
def frozen(cls: T | None = None, /, **options: Any) -> T | Callable[[T], T]:
    """`@record(frozen=True, **options)`: for classes derived from Frozen."""
    return record(cls, frozen=True, **options)
