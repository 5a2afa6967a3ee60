"""The clean path's YAML reader: `yaml-rs` (a Rust YAML reader, ~10× PyYAML's C loader; see bench/README.md), kept
to the strict rules of :mod:`gdtrack.files.parsing` or not used at all.

yaml-rs reads YAML 1.2 and knows nothing of our rules, so a file is given to it only when a cheap look at the text
and a walk over what it built show that the strict reader would build exactly the same data. Anything else is a
miss (:data:`MISS`) and the caller reads the file the strict way, which then says what is wrong, with its line:

- in the text (a few searches, each starting with a literal character): anchors, aliases and tags (``&`` ``*``
  ``!`` starting a token), merge keys (``<<``), tabs, directives and document markers, characters libyaml refuses,
  quoted dates (yaml-rs makes dates of them), every number YAML 1.1 and 1.2 read differently (leading zeros,
  ``0x`` / ``0o`` / ``0b``, underscores, exponents, ``-.5``, ``1:30``), a block scalar ending a file that has no
  final line break, and flow collections (``[a, b]``) over several lines or with a scalar starting with an
  indicator;
- in the data (one walk, which also counts the values against the node limit and keeps one copy of short texts
  as the strict reader does): a text that YAML 1.1 would have read as something else (``yes``, ``off``, a date that
  does not exist), an empty block scalar, a key that is not a text, an infinite or NaN number, an integer of more
  digits than :data:`gdtrack.files.parsing.MAX_DIGITS`, a date with a time, a document that is not a mapping or a
  list;
- whatever yaml-rs refuses (syntax, duplicate keys, nesting deeper than 256).

Where yaml-rs is not installed (no wheel for the platform) every file is a miss: the strict reader alone.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Any

try:
    from yaml_rs import loads as _loads
except ImportError:  # pragma: no cover - no wheel for this platform: PyYAML's reader alone
    _loads = None

MISS: Any = object()
"""Returned when the file must be read by the strict reader (gdtrack.files.parsing.parse_yaml)."""

# Each search starts with a literal character, which the regular-expression engine finds at memchr's pace.
_GUARDS = tuple(re.compile(p) for p in (
    r"[^\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]",  # what libyaml refuses (and NEL, LS, PS)
    r'"[0-9]{4}-', r"'[0-9]{4}-",  # a quoted date: yaml-rs reads it as a date, YAML as a text
    # numbers YAML 1.1 and yaml-rs read differently: exponents, underscores (yaml-rs reads _1, -_1 and _.5 as
    # numbers too), sexagesimal (1:30), leading zeros and 0x / 0o / 0b, a sign before a point (-.5)
    r"e(?<=[0-9]e)", r"E(?<=[0-9]E)", r"_(?<=[\s\[{,+\-0-9.]_)", r":(?<=[0-9]:)[0-9]",
    r"0(?<=[\s\[{,]0)[0-9_xXoObB]", r"0(?<=[\s\[{,][-+]0)[0-9_xXoObB]", r"\.(?<=[-+]\.)[0-9]",
))
# An anchor, an alias or a tag where a token starts (`&` and `*` followed by a space are only words: R & D)
_TOKEN_MARK = re.compile(r"!(?<=[\s\[{,]!)|[&*](?<=[\s\[{,][&*])[^\s]")
_LONE_CR = re.compile(r"\r(?!\n)")


_FLOW_ODD = re.compile(r"[\[{,][ ]*[|>?%@`:\-]|:[\]},]")


def _odd_flow(text: str) -> bool:
    """Flow collections (`[a, b]`, `{k: v}`) written other than on one line with plain or quoted words: where
    yaml-rs and libyaml part (a scalar starting with an indicator, a key with no value before the end, a collection
    over several lines)."""
    if _FLOW_ODD.search(text):
        return True
    for line in text.splitlines():
        if ("[" in line or "{" in line or "]" in line or "}" in line) and \
                line.count("[") + line.count("{") != line.count("]") + line.count("}"):
            return True
    return False


def _suspect(text: str) -> bool:
    """The text has something the strict reader reads otherwise or refuses (see the module's docstring)."""
    if "<<" in text or "\t" in text or "\ufeff" in text or ("\r" in text and _LONE_CR.search(text)):
        return True  # a merge key; tabs, a BOM inside, a lone CR: the strict reader's own messages
    if not text.endswith("\n") and ("|" in text or ">" in text):
        return True  # a block scalar may end the file: yaml-rs adds the line break the file does not have
    if ("[" in text or "{" in text) and _odd_flow(text):
        return True
    head = " " + text[:8]  # the first token, which no character precedes
    if text.startswith(("---", "...", "%")) or "\n---" in text or "\n..." in text or "\n%" in text:
        return True  # document markers and directives: one document per file, said by the strict reader
    if ("&" in text or "*" in text or "!" in text) and (_TOKEN_MARK.search(text) or _TOKEN_MARK.search(head)):
        return True
    return any(g.search(text) or g.search(head) for g in _GUARDS)


# What YAML 1.1 reads a plain scalar as, when not a text (PyYAML's implicit resolvers, which the strict reader
# uses, copied here so that this module needs no PyYAML).
_YAML11_TYPED = re.compile(
    r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"  # bool
    r"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"  # float
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"  # int
    r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
    r"|<<|~|null|Null|NULL|="  # merge, null, value
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}"  # timestamp (its other form has a time, which _GUARD already sent away)
)
# ... and those of them yaml-rs reads as the same value when plain: a text yaml-rs left a text was then quoted,
# and is a text for the strict reader too.
_SAME_IN_12 = re.compile(r"[-+]?(?:0|[1-9][0-9]*)|[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)|true|True|TRUE|false|False|FALSE"
                         r"|~|null|Null|NULL|=")
STARTS = frozenset("yYnNtTfFoO0123456789+-.<~=\n")
"""The first characters of the texts YAML 1.1 may read as something else (see text_rule)."""
_INF = float("inf")
_intern = sys.intern
BIG = 10**30  # gdtrack.files.parsing.MAX_DIGITS digits; not imported: that module imports PyYAML
"""Integers are read by the strict reader only when -BIG < n < BIG."""
_datetime = dt.datetime


class _Miss(Exception):
    pass


def read(text: str, max_nodes: int | None = None) -> Any:
    """The data of one YAML document, exactly as the strict reader would build it, or MISS."""
    data = built(text)
    return MISS if data is MISS else vouch(data, max_nodes)


def built(text: str) -> Any:
    """What yaml-rs builds of a text the cheap look lets through (a mapping or a list), not yet walked: MISS for a
    text the strict reader must read. Only :func:`vouch` (or a walk that applies the same rules to every value,
    gdtrack.files.fastvalidate's) says whether the strict reader would build the same."""
    if _loads is None or _suspect(text):
        return MISS
    try:
        data = _loads(text, parse_datetime=True)
    except Exception:  # noqa: BLE001 - whatever it refuses, the strict reader words
        return MISS
    if data.__class__ is not dict and data.__class__ is not list:
        return MISS  # a document that is one scalar (or empty): never a gdtrack file, said by the strict reader
    return data


def vouch(data: Any, max_nodes: int | None = None) -> Any:
    """`data` (from :func:`built`), its short texts interned, if the strict reader would build exactly that and
    it holds no more than `max_nodes` values; else MISS."""
    try:
        count = _walk(data)
    except (_Miss, RecursionError):
        return MISS
    if max_nodes is not None and count > max_nodes:
        return MISS  # the strict reader stops at the limit and says where
    return data


def most_values(text: str) -> int:
    """At least as many as the values (scalars, lists, mappings) of a text :func:`built` reads: besides the
    document itself, every value is a key or a value of a mapping (each pair has its `:`, or `?`, or a `,` or `{`
    in a flow mapping) or an item of a list (after its `-`, or its `[` or `,`); each of these characters is counted
    as if it made two. Anchors and aliases, which could repeat a value without one, never get this far."""
    return 1 + 2 * sum(text.count(c) for c in ":-?[{,")


def text_rule(value: str) -> None:
    """A text yaml-rs built: refused (_Miss) if, plain, YAML 1.1 reads it as something yaml-rs does not. The walk
    applies it to every text that starts with a character of :data:`STARTS` and is not in :data:`CHECKED` (and so
    does gdtrack.files.fastvalidate's, which then gives the data to :func:`vouch`, or the file to the strict
    reader)."""
    if value[0] == "\n" and not value.strip("\n"):
        raise _Miss  # an empty block scalar (`note: |`): yaml-rs reads a line break, libyaml nothing
    if _YAML11_TYPED.fullmatch(value) and not _SAME_IN_12.fullmatch(value):
        raise _Miss  # e.g. `yes`, `1._`, or 2023-02-30 (yaml-rs makes a date of every date that exists)
    if len(CHECKED) > 100_000:
        CHECKED.clear()
    CHECKED.add(value)


CHECKED: set[str] = set()  # texts found fine already: ids ("7.1") repeat in every report


def _leaf(value: Any) -> int:
    kind = value.__class__
    if kind is str:
        if value[:1] in STARTS:
            text_rule(value)
    elif kind is float:
        if value != value or value in (_INF, -_INF):
            raise _Miss  # NaN and infinity: the strict reader's own words
    elif kind is int:
        if not -BIG < value < BIG:
            raise _Miss  # more digits than parsing.MAX_DIGITS: refused there, with its line
    elif kind is _datetime:
        raise _Miss  # a time of day: the strict reader's conversion
    return 1


def _walk(node: Any) -> int:
    """The values in `node` (itself included); raises _Miss at the first one the strict reader would read
    otherwise. Short texts in mappings are interned, as the strict reader does."""
    n = 1
    starts, checked, intern = STARTS, CHECKED, _intern
    if node.__class__ is dict:
        for key, value in node.items():
            if key.__class__ is not str:
                raise _Miss  # a number, a date or a list as a key: the strict reader's rules
            if key not in checked and key[:1] in starts:
                text_rule(key)
            kind = value.__class__
            if kind is str:
                if value not in checked and value[:1] in starts:
                    text_rule(value)
                if len(value) <= 40:
                    node[key] = intern(value)  # one copy of each short value, as parsing.Loader keeps
                n += 2
            elif kind is dict or kind is list:
                n += _walk(value) + 1
            else:
                n += 1 + _leaf(value)
        return n
    for value in node:
        kind = value.__class__
        if kind is str:
            if value not in checked and value[:1] in starts:
                text_rule(value)
            n += 1
        elif kind is dict or kind is list:
            n += _walk(value)
        else:
            n += _leaf(value)
    return n
