"""YAML syntax errors in plain words, for the mistakes a clerk typing with a Chinese input method makes.

PyYAML says "while scanning a simple key could not find expected ':'" and points at the line after the
mistake. Given the text and where PyYAML stopped, :func:`explain` finds the likely cause on that line or
above it and says what it is and what to type instead, in words of every language, at its own line and column:
a full-width colon `：` or a full-width space `　` where the key's colon should be, a colon without the space
after it (`value:12`), and an unquoted `: ` inside a note.
"""

from __future__ import annotations

import re

from gdtrack.values import Frozen, frozen
from gdtrack.words import Message

_KEY = r"^(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*)"
# the key's colon mistyped, nearest cause first: full-width colon, colon + full-width space, full-width space, no space
_MISTYPED = [
    ("full_colon", re.compile(_KEY + r"(?P<sep>[ \u3000]*：[ \u3000]*)(?P<value>.*)$")),
    ("colon_full_space", re.compile(_KEY + r"(?P<sep>:\u3000+)(?P<value>.*)$")),
    ("full_space", re.compile(_KEY + r"(?P<sep>\u3000+)(?P<value>\S.*)$")),
    ("no_space", re.compile(_KEY + r"(?P<sep>:)(?P<value>[^\s:#].*)$")),
]
NEARBY = 3
"""How many lines above the reported one the cause is looked for: PyYAML stops on the line after it, or, at the end
of a mapping, a line or two later."""
_KEY_VALUE = re.compile(_KEY + r": +(?P<value>[^\"'#\s].*)$")


@frozen
class Explained(Frozen):
    line: int  # 1-based
    col: int
    message: Message
    hint: Message


def said(word: str, **kw: str) -> Message:
    """`yamlhelp.<word>` in gdtrack/words, filled in."""
    return Message(f"yamlhelp.{word}", kw)


def explain(text: str, line: int, col: int) -> Explained | None:
    """The likely cause of a YAML syntax error PyYAML reports at `line`, `col` (1-based), if it is one we know."""
    lines = text.splitlines()
    if not 0 < line <= len(lines) + 1:
        return None
    here = lines[line - 1] if line <= len(lines) else ""
    m = _KEY_VALUE.match(here)
    if m and col > m.start("value") and ": " in m["value"] + " ":
        value = m["value"].rstrip()
        return _said("colon_in_text", line, col, m["key"], value.replace('"', '\\"'))
    for no in range(min(line, len(lines)), max(line - NEARBY, 0), -1):
        for kind, pattern in _MISTYPED:
            m = pattern.match(lines[no - 1])
            if m:
                return _said(kind, no, m.start("sep") + 1, m["key"], m["value"].strip() or "…")
    return None


def _said(kind: str, line: int, col: int, key: str, value: str) -> Explained:
    return Explained(line, col, said(kind, key=key, value=value), said(f"{kind}_hint", key=key, value=value))
