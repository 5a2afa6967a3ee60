"""YAML out: round-trip edits that keep every comment, key order, quote and blank line, written atomically.

PyYAML's dump drops comments, so edits go through ruamel.yaml's round-trip mode. A file's BOM and line
endings are kept as they were. Writes go to a temporary file in the same folder, then replace the old
file in one rename, so an interrupted run leaves the old file whole.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class RoundTrip:
    """A document loaded for editing, and how to write it back the way it was."""

    data: Any
    yaml: Any
    bom: bool = False
    crlf: bool = False

    def dump(self) -> str:
        buf = io.StringIO()
        self.yaml.dump(self.data, buf)
        text = buf.getvalue()
        if self.crlf:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "") + text


def _yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a long note
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def load_roundtrip(text: str) -> RoundTrip:
    """Parse `text` for editing, guessing its indentation so that untouched lines come back unchanged."""
    from ruamel.yaml.util import load_yaml_guess_indent

    bom = text.startswith("\ufeff")
    body = text.removeprefix("\ufeff")
    crlf = "\r\n" in body
    body = body.replace("\r\n", "\n")
    _, indent, block_seq_indent = load_yaml_guess_indent(body)
    offset = block_seq_indent if block_seq_indent is not None else 2
    sequence = max(indent or 0, offset + 2)  # the dash needs room: "  - key" is sequence 4, offset 2
    y = _yaml(mapping=2 if offset else sequence, sequence=sequence, offset=offset)
    return RoundTrip(y.load(body), y, bom, crlf)


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write `content` (text as UTF-8) to `path` through a temporary file in the same folder and one rename."""
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); keep the mode a file being replaced had, and give a new one
        # the mode any other new file gets (0666 less the umask), so a bulletin is readable by colleagues.
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
