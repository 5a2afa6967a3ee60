"""gdtrack.values: a class made with `record` / `frozen` behaves as the same class made with `dataclass` (repr,
equality, hashing, refusals, replace, fields, pickle, copy, pydantic), though its methods are shared or made late."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from gdtrack.values import Frozen, Value, frozen, maker, record


def _point(name: str, decorate):
    class P(Frozen):
        x: int
        y: int = 0
        tags: list[str] = dataclasses.field(default_factory=list)

        def __post_init__(self) -> None:
            if self.x < 0:
                raise ValueError("x < 0")

    P.__name__ = P.__qualname__ = name  # before the decorator: pickle finds it by this module's name
    return decorate(P)


def _box(name: str, decorate):
    class B(Value):
        name: str
        size: int = 1
        seen: list[int] = dataclasses.field(default_factory=list)

    B.__name__ = B.__qualname__ = name
    return decorate(B)


Point = _point("Point", frozen(slots=True))
Box = _box("Box", record(kw_only=True))
PlainPoint = _point("PlainPoint", frozen)  # neither slotted nor keyword-only
PlainBox = _box("PlainBox", record)
BOTH = pytest.mark.parametrize(("Point", "Box"), [(Point, Box), (PlainPoint, PlainBox)], ids=["slotted", "plain"])


@frozen
class Label(Frozen):
    text: str


@dataclasses.dataclass(frozen=True, slots=True)
class StdPoint:
    x: int
    y: int = 0
    tags: list[str] = dataclasses.field(default_factory=list)


@BOTH
def test_made_as_a_dataclass_is_made(Point, Box):  # noqa: N803
    p = Point(1)
    assert (p.x, p.y, p.tags) == (1, 0, [])
    assert Point(2, 3, ["a"]) == Point(x=2, y=3, tags=["a"])
    assert Point(1).tags is not Point(1).tags  # a fresh list each time, as default_factory says
    with pytest.raises(ValueError, match="x < 0"):
        Point(-1)  # __post_init__ runs
    with pytest.raises(TypeError):
        Point()  # x is required
    if Box is PlainBox:
        assert Box("x", 2) == Box(name="x", size=2)
    else:
        with pytest.raises(TypeError):
            Box("x")  # keyword-only
    assert Box(name="b").seen == []


@BOTH
def test_repr_equality_and_hash_are_a_dataclasses(Point, Box):  # noqa: N803
    assert repr(Point(1, 2, ["a"])) == repr(StdPoint(1, 2, ["a"])).replace("StdPoint", Point.__name__)
    assert repr(Box(name="b")) == f"{Box.__name__}(name='b', size=1, seen=[])"
    assert Point(1) == Point(1) and Point(1) != Point(2) and Point(1) != StdPoint(1)
    assert hash(Label("a")) == hash(Label("a")) == hash(("a",))
    assert len({Label("a"), Label("a"), Label("b")}) == 2
    with pytest.raises(TypeError):
        hash(Box(name="b"))  # a mutable one is not hashable, as an eq dataclass is not


@BOTH
def test_a_frozen_one_refuses_assignment_and_a_record_takes_it(Point, Box):  # noqa: N803
    p = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.y
    b = Box(name="b")
    b.size = 3
    assert b.size == 3


@BOTH
def test_replace_fields_pickle_and_copy_see_a_dataclass(Point, Box):  # noqa: N803
    p = Point(1, 2, ["a"])
    assert dataclasses.is_dataclass(Point) and [f.name for f in dataclasses.fields(Point)] == ["x", "y", "tags"]
    assert Point(1, y=2).y == 2 and Box(name="c", size=2).size == 2  # made again: the same, once compiled
    assert dataclasses.replace(p, y=5) == Point(1, 5, ["a"])
    with pytest.raises(ValueError):
        dataclasses.replace(p, x=-1)  # replace goes through __init__, and so __post_init__
    assert pickle.loads(pickle.dumps(p)) == p
    assert copy.copy(p) == p and copy.deepcopy(p) == p and copy.deepcopy(p).tags is not p.tags
    b = Box(name="b", seen=[1])
    assert pickle.loads(pickle.dumps(b)) == b and copy.copy(b) == b
    assert dataclasses.asdict(b) == {"name": "b", "size": 1, "seen": [1]}


@BOTH
def test_pydantic_validates_into_them(Point, Box):  # noqa: N803
    from pydantic import TypeAdapter, ValidationError

    p = TypeAdapter(Point).validate_python({"x": 1, "tags": ["a"]})
    assert p == Point(1, 0, ["a"]) and type(p) is Point
    with pytest.raises(ValidationError):
        TypeAdapter(Point).validate_python({"x": -1})  # its __post_init__, as for a dataclass
    assert TypeAdapter(Box).validate_python({"name": "b"}) == Box(name="b")


def test_what_it_does_not_do_is_refused_when_declared():
    with pytest.raises(TypeError, match="init=False"):
        @record
        class A(Value):
            x: int = dataclasses.field(default=0, init=False)
    with pytest.raises(TypeError, match="keyword-only"):
        @record
        class B(Value):
            x: int
            y: int = dataclasses.field(default=0, kw_only=True)
    with pytest.raises(TypeError, match="non-default argument 'y' follows default argument"):
        @record
        class C(Value):  # as the dataclass decorator says, at once, not at the first C(...)
            x: int = 0
            y: int
    @record(kw_only=True)
    class D(Value):  # keyword-only: a required field may follow one with a default
        x: int = 0
        y: int
    assert D(y=1) == D(x=0, y=1)


def test_a_class_without_its_base_is_refused_at_once():
    with pytest.raises(TypeError, match="must derive from gdtrack.values.Frozen"):
        @frozen
        class A(Value):
            x: int
    with pytest.raises(TypeError, match="must derive from gdtrack.values.Value"):
        @record
        class B(Frozen):
            x: int
    with pytest.raises(TypeError, match="must derive from gdtrack.values.Value"):
        @record
        class C:
            x: int


@BOTH
def test_a_maker_makes_what_init_makes_from_every_fields_value(Point, Box):  # noqa: N803
    point = maker(Point)(3, 4, ("a",))  # (a tuple, so that it hashes)
    assert point == Point(3, 4, ("a",)) and type(point) is Point and hash(point) == hash(Point(3, 4, ("a",)))
    box = maker(Box)("b", 2, [1])
    assert box == Box(name="b", size=2, seen=[1])
    with pytest.raises(ValueError, match="x < 0"):  # its own check runs, as __init__ runs it
        maker(Point)(-1, 0, [])
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 5
    box.size = 3  # a record's fields are set as usual
    assert box.size == 3 and pickle.loads(pickle.dumps(point)) == point
