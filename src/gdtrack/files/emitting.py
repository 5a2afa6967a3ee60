"""A new report written as ruamel.yaml would write it, without ruamel's serializer (issue 27: an import of 2,100
forms spent a third of its time there, 4 ms a report).

Only what `record` and `import` build for a new report is written here: mappings and lists (ruamel's
CommentedMap / CommentedSeq, or plain ones) of dates, integers, decimals written plainly, ids quoted
(DoubleQuotedScalarString) and texts that any YAML reader takes as texts when written plainly, in the block layout
gdtrack's files use (mappings indented by 2, list items by 2 with their dash). Anything else (a comment, a text
that needs quotes, an unusual float, another layout) is None, and the caller lets ruamel write it; so is a result
that the fast reader does not read back as the same data. The tests hold it to ruamel's own output.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# A text written plainly: it starts with a CJK character or a letter, or with a number followed by one (5G基站,
# 2个项目: never a number, a date or a time to any YAML reader; not 1e5, 0x1F, 0o7, 0b1), and holds nothing YAML
# could read otherwise (no `:`, `#`, quotes, brackets, control characters, leading or trailing blanks, line breaks).
_PLAIN = re.compile(r"(?:[\u4e00-\u9fff\u3400-\u4dbfA-Za-z]"
                    r"|[0-9]+(?:\.[0-9]+)?(?=[\u3400-\u9fffAC-DF-NP-WYZac-df-np-wyz]))"
                    r"[^\x00-\x1f\x7f:#'\"\[\]{}&*!|>@`\\\u2028\u2029\ufeff]*")
_WORDS = re.compile(r"(?i)(y|yes|n|no|true|false|on|off|null|nan|inf|infinity)")  # YAML 1.1 and 1.2 words
_DOUBLE = re.compile(r"[\x20-\x21\x23-\x5b\x5d-\x7e\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]*")  # no " or \


class _Unwritable(Exception):
    pass


def emit_item(key: str, item: Any, layout: tuple[int, int, int]) -> str | None:
    """`key:` and the one list item under it, as lines (`key:\\n  - …`), or None when it is not ours to write."""
    if layout != (2, 4, 2):
        return None
    try:
        lines = [f"{key}:"]
        _item(item, 2, lines)
    except _Unwritable:
        return None
    return "\n".join(lines) + "\n"


def _comments(node: Any) -> bool:
    ca = getattr(node, "ca", None)
    return ca is not None and bool(ca.items or ca.comment or getattr(ca, "end", None))


def _item(node: Any, dash: int, lines: list[str]) -> None:
    """One list item whose dash sits at column `dash`."""
    if _comments(node):
        raise _Unwritable
    if isinstance(node, dict):
        if not node:
            raise _Unwritable
        first = True
        for k, v in node.items():
            _pair(k, v, dash + 2, lines, prefix=" " * dash + "- " if first else None)
            first = False
        return
    if isinstance(node, list):
        raise _Unwritable  # a list in a list: never one of ours
    lines.append(" " * dash + "- " + _scalar(node).rstrip())


def _pair(key: Any, value: Any, indent: int, lines: list[str], prefix: str | None = None) -> None:
    if not isinstance(key, str) or not re.fullmatch(r"[a-z_]+", key):
        raise _Unwritable
    head = (prefix if prefix is not None else " " * indent) + key + ":"
    if isinstance(value, dict):
        if not value or _comments(value):
            raise _Unwritable
        lines.append(head)
        for k, v in value.items():
            _pair(k, v, indent + 2, lines)
    elif isinstance(value, list):
        if not value or _comments(value):
            raise _Unwritable  # ruamel writes an empty list as `[]`: rare here, and left to it
        lines.append(head)
        for item in value:
            _item(item, indent + 2, lines)
    else:
        text = _scalar(value)
        lines.append(head + (" " + text if text else ""))


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is dt.date:  # exactly: a datetime (a date's subclass) is ruamel's to write
        return value.isoformat()
    if type(value) is int:
        return str(value)
    if type(value) is float:
        text = repr(value)
        if not re.fullmatch(r"-?[0-9]+\.[0-9]+", text):
            raise _Unwritable  # exponents, inf, nan: ruamel's own spelling
        return text
    if isinstance(value, str):
        if type(value).__name__ == "DoubleQuotedScalarString":
            if not _DOUBLE.fullmatch(value):
                raise _Unwritable
            return f'"{value}"'
        if type(value) is not str or not _PLAIN.fullmatch(value) or value != value.strip() or _WORDS.fullmatch(
                value) or "  " in value or " -" in value:
            raise _Unwritable
        return value
    raise _Unwritable


def same_data(text: str, expected: Any) -> bool:
    """Whether the fast reader reads `text` back as `expected` (plain mappings, lists and scalars)."""
    from gdtrack.files.fastyaml import MISS
    from gdtrack.files.fastyaml import read as fast_read

    got = fast_read(text)
    return got is not MISS and got == _plain(expected)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node
