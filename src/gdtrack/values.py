"""Value classes that cost little to declare: every dataclass of gdtrack is made with :func:`record` (or
:func:`frozen`). It behaves as the dataclass would (`Name(field=…, …)`; equal when of the same class with equal
fields; a frozen one hashes its fields and refuses assignment; `dataclasses.fields`, `replace`, pickle, copy and
pydantic treat it as a dataclass), but what Python 3.11 would generate and compile for each class at import is
shared instead, or made when first needed: `repr`, `==` and `hash` come from one base (:class:`Value`,
:class:`Frozen`), and with `lazy_init` (the models: a cached run builds them without their `__init__`, pydantic
too) `__init__` is compiled the first time an object is made that way, and a frozen one's refusals are the
base's. Declaring gdtrack's classes the dataclass way took a quarter of the daily `gdtrack status`. This module
imports nothing of gdtrack: every layer may use it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
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
    """An `__init__` that, called for the first time, puts the dataclass's own in its place (compiled then, from the
    class's fields) and runs it."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        made = _init_of(cls, frozen)
        if cls.__dict__.get("__init__") is __init__:
            cls.__init__ = made  # type: ignore[misc]
        made(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _init_of(cls: type, frozen: bool) -> Callable[..., None]:
    """The `__init__` the dataclass decorator would have given `cls`: made for a twin declared with the same fields
    (a frozen twin sets them as a frozen dataclass does, past the class's refusal)."""
    fields = dataclasses.fields(cls)
    space: dict[str, Any] = {"__annotations__": dict.fromkeys((f.name for f in fields), Any),  # types: not needed
                             "__module__": cls.__module__,
                             "__qualname__": cls.__qualname__, "__doc__": cls.__name__}  # (no signature to print)
    for f in fields:
        space[f.name] = dataclasses.field(default=f.default, default_factory=f.default_factory, init=f.init,
                                          kw_only=f.kw_only)
    if hasattr(cls, "__post_init__"):
        space["__post_init__"] = cls.__post_init__
    twin = dataclasses.dataclass(type(cls.__name__, (), space), frozen=frozen, repr=False, eq=False,
                                 match_args=False)
    return twin.__init__


@dataclass_transform()
def record(cls: T | None = None, /, *, lazy_init: bool = False, **options: Any) -> T | Callable[[T], T]:
    """`@dataclass(**options)` with repr, == and, frozen, hash from the class's base: the class must derive from
    Frozen when `frozen=True`, else from Value (a TypeError at import says which, so no class goes without them).
    With `lazy_init`, its `__init__` is compiled the first time an object is made that way (for classes whose
    objects are mostly built otherwise: the models, by the cache and by pydantic), and a frozen one's refusals are
    its base's."""

    def make(c: T) -> T:
        given = dict(options)
        frozen = bool(given.get("frozen", False))
        want = Frozen if frozen else Value
        if not issubclass(c, want) or (want is Value and issubclass(c, Frozen)):
            raise TypeError(f"{c.__qualname__} must derive from gdtrack.values.{want.__name__}")
        if not lazy_init or given.get("init", True) is False:
            return dataclasses.dataclass(c, repr=False, eq=False, **given)  # type: ignore[return-value]
        given.pop("frozen", None)
        made = dataclasses.dataclass(c, repr=False, eq=False, init=False, **given)
        made.__init__ = _first_init(made, frozen)
        if frozen and given.get("slots"):
            made.__getstate__, made.__setstate__ = _getstate, _setstate
        return made  # type: ignore[return-value]

    return make if cls is None else make(cls)


@dataclass_transform(frozen_default=True)
def frozen(cls: T | None = None, /, *, lazy_init: bool = False, **options: Any) -> T | Callable[[T], T]:
    """`@record(frozen=True, **options)`: for classes derived from Frozen."""
    return record(cls, lazy_init=lazy_init, frozen=True, **options)
