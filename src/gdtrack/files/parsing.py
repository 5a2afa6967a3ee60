"""YAML text in, plain data out: PyYAML's C parser with a strict constructor of our own, and, when a problem
needs its line, the node a location points at.

Imported only when a file has to be parsed: a run whose files all come from the cache (see
:mod:`gdtrack.files.cache`) never imports PyYAML.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Any

import yaml

from gdtrack.diagnostics import Diagnostic, LoadError, Loc, error, said
from gdtrack.files.fastyaml import MISS
from gdtrack.files.fastyaml import read as fast_read
from gdtrack.files.yamlhelp import explain
from gdtrack.files.yamlhelp import said as yaml_said
from gdtrack.words.foreign import yaml_problem

try:  # the C loader is the floor of our speed; fall back to the pure-Python one where libyaml is missing
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class Refused(yaml.MarkedYAMLError):
    """YAML that PyYAML would accept but we do not: it would silently become something else."""

    def __init__(self, code: str, key: str, mark: Any, /, hint: str | None = "", **values: Any):
        """`key`, `hint` and `values` word it as :func:`gdtrack.diagnostics.said` does."""
        self.code, self.key, self.hint, self.values = code, key, hint, values
        super().__init__(problem=self.diagnostic("").message, problem_mark=mark)

    def diagnostic(self, shown: str) -> Diagnostic:
        return said(shown, self.code, self.key, hint=self.hint, **self.values)


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

    budget = -1  # how many more nodes may be composed; negative: no limit (see parse_yaml)

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        self.budget -= 1  # called for every node as it is composed: the one place to stop before memory is spent
        if self.budget == 0:
            raise Refused("too-large", "values", None)
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
            raise Refused("yaml-alias", "anchor", node.start_mark)
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
                raise Refused("yaml-alias", "merge", key_node.start_mark, hint="anchor")
            else:
                key = self._build(key_node)
                try:
                    hash(key)
                except TypeError:
                    raise Refused("yaml-syntax", "key", key_node.start_mark) from None
            if key in mapping:
                raise Refused("duplicate-key", "key", key_node.start_mark, key=key)
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
                reads = self._yaml11(node)
                raise Refused("yaml-number", "reads" if reads is not None else "ambiguous", node.start_mark,
                              hint="ambiguous", value=_shown(value), reads=reads)
            if len(value) > MAX_DIGITS and len(value.lstrip("+-")) > MAX_DIGITS:
                raise _out_of_range(value, node)  # before int(): Python refuses over 4,300 digits with a ValueError
            return int(value)
        if tag == _TAG + "float":
            if _DECIMAL_FLOAT.fullmatch(value):
                number = float(value)
                if number in (_INF, -_INF):
                    raise _out_of_range(value, node)
                return number
            if value.lower() in (".nan", ".inf", "+.inf", "-.inf"):
                return _SAFE.construct_yaml_float(self, node)  # refused later, with its field named
            raise Refused("yaml-number", "ambiguous", node.start_mark, value=repr(value))
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "value":  # a lone `=`: YAML 1.1's "default value" key type, which PyYAML cannot build
            return value
        if tag == _TAG + "bool":
            if value in ("true", "false", "True", "False", "TRUE", "FALSE"):
                return value.lower() == "true"
            raise Refused("yaml-bool", "word", node.start_mark, value=value,
                          as_bool=str(_SAFE.construct_yaml_bool(self, node)).lower())
        if tag == _TAG + "timestamp":
            m = _ISO_DATE.fullmatch(value)
            try:
                if m:
                    return dt.date(int(m[1]), int(m[2]), int(m[3]))
                return _SAFE.construct_yaml_timestamp(self, node)
            except ValueError:
                raise Refused("bad-date", "date", node.start_mark, value=value) from None
        raise self._tag(node)

    def _yaml11(self, node: yaml.ScalarNode) -> int | None:
        """What YAML 1.1 would make of a non-decimal integer (012 → 10), when that is short to say."""
        if len(node.value) > MAX_DIGITS:
            return None
        return _SAFE.construct_yaml_int(self, node)

    @staticmethod
    def _tag(node: yaml.Node) -> Refused:
        return Refused("yaml-tag", "tag", node.start_mark, tag=node.tag.replace(_TAG, "!!"))


MAX_DIGITS = 30
"""A plain integer of more digits is refused (`number-range`): no plan counts beyond 10^30, and Python will not
even read one of more than 4,300 digits."""
_INF = float("inf")


def _shown(value: str) -> str:
    return repr(value) if len(value) <= 40 else repr(value[:37]) + "…"


def _out_of_range(value: str, node: yaml.ScalarNode) -> Refused:
    if "." in value or "e" in value.lower():
        return Refused("number-range", "overflow", node.start_mark, hint="field", value=_shown(value))
    return Refused("number-range", "digits", node.start_mark, hint="field", value=_shown(value),
                   n=f"{len(value.lstrip('+-')):,}", max=MAX_DIGITS)


# ── parsing ────────────────────────────────────────────────────────────────────────────────────


def parse_yaml(text: str, shown: str, max_nodes: int | None = None, fast: bool = True) -> Any:
    """Parse one YAML document; syntax errors become a LoadError with a line.

    With `max_nodes`, a document of more values (scalars, lists, mappings) is refused while it is being read.
    The fast reader (:mod:`gdtrack.files.fastyaml`) is tried first unless `fast` is false (the caller tried it);
    whatever it cannot vouch for is read by the safe C loader with our strict constructor.
    """
    if "\t" in text:
        for no, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise LoadError(error(shown, "tab-indent", yaml_said("tab"), yaml_said("tab_hint"))
                                .at(no, len(line) - len(stripped) + 1))
    if fast and (data := fast_read(text, max_nodes)) is not MISS:
        return data
    loader = Loader(text)
    if max_nodes is not None:
        loader.budget = max_nodes + 1
    try:
        return loader.get_single_data()
    except Refused as exc:
        mark, d = exc.problem_mark, exc.diagnostic(shown)
        raise LoadError(d.at(mark.line + 1, mark.column + 1) if mark else d) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        known = explain(text.removeprefix("\ufeff"), mark.line + 1, mark.column + 1) if mark else None
        if known is not None:  # a typing slip we can name: say it in plain words, at its own line
            raise LoadError(error(shown, "yaml-syntax", known.message, known.hint).at(known.line, known.col)) from None
        raise LoadError(said(shown, "yaml-syntax", "syntax", what=yaml_problem(exc.problem, exc.context))
                        .at(mark.line + 1 if mark else None, mark.column + 1 if mark else None)) from None
    except yaml.YAMLError as exc:
        raise LoadError(said(shown, "yaml-syntax", "other", what=yaml_problem(str(exc).split("\n")[0]))) from None
    except RecursionError:
        raise LoadError(said(shown, "yaml-syntax", "deep")) from None
    finally:
        loader.dispose()


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
        if d.line is None and d.loc and d.path in texts:  # no loc: the whole file (a file too large to read)
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
