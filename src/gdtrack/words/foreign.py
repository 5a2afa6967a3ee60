"""Other programs' messages as gdtrack's Messages: the operating system's (`OSError`), PyYAML's, tomllib's, the csv
module's and Unicode decoding's. Their text is English; a Chinese run would print it inside a Chinese line. Each
known message gets a key (`foreign.<kind>.<name>`, worded in both tables); an unknown one keeps the program's own
words as data, behind a key that says whose words they are.

Like the rest of this package it imports nothing of gdtrack.
"""

from __future__ import annotations

import errno
import functools
import re

from gdtrack.words import Message

_OS = {getattr(errno, name) for name in (
    "ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "ENOSPC", "EROFS", "EEXIST", "ELOOP", "ENAMETOOLONG", "EBUSY",
    "EXDEV", "EMFILE", "ENOTEMPTY", "EIO", "EDQUOT", "ETXTBSY", "EINVAL") if hasattr(errno, name)}


def os_reason(exc: BaseException) -> Message:
    """Why the system refused: its errno in words (`foreign.os.ENOENT`, …); a decoding error as one; otherwise the
    system's own text with its code."""
    if isinstance(getattr(exc, "said", None), Message):  # gdtrack's own refusal dressed as an OSError
        return exc.said  # type: ignore[attr-defined]
    if isinstance(exc, UnicodeDecodeError):
        return Message("foreign.decode", encoding=exc.encoding, at=exc.start + 1)
    number = getattr(exc, "errno", None)
    if isinstance(number, int) and number in _OS:
        return Message(f"foreign.os.{errno.errorcode[number]}")
    code = errno.errorcode.get(number, "") if isinstance(number, int) else ""
    return Message("foreign.os.other", code=code or type(exc).__name__,
                   text=getattr(exc, "strerror", None) or str(exc))


# PyYAML's problems (scanner, parser, composer, constructor): a pattern each, the quoted character kept as data
_YAML = (  # compiled on first use (_compiled): a run that meets no problem compiles none
    (r"^mapping values are not allowed here", "mapping_values"),
    (r"^could not find expected ':'", "no_colon"),
    (r"^found character (?P<ch>.+) that cannot start any token", "bad_start"),
    (r"^found unexpected end of stream", "end_of_stream"),
    (r"^found unknown escape character (?P<ch>.+)", "escape"),
    (r"^expected <block end>, but found (?P<ch>.+)", "block_end"),
    (r"^(?:expected|did not find expected) ',' or '\]'", "flow_sequence"),
    (r"^(?:expected|did not find expected) ',' or '\}'", "flow_mapping"),
    (r"^did not find expected key", "no_key"),
    (r"^did not find expected '-' indicator", "no_dash"),
    (r"^did not find expected node content", "no_content"),
    (r"^found undefined alias ?(?P<ch>.*)", "alias"),
    (r"^found duplicate anchor", "anchor"),
    (r"^expected a single document in the stream", "documents"),
    (r"^found a tab character", "tab"),
    (r"^found unhashable key", "unhashable"),
    (r"^block sequence entries are not allowed here", "sequence_here"),
    (r"^expected alphabetic or numeric character, but found (?P<ch>.+)", "anchor_name"),
    (r"^expected '<document start>', but found (?P<ch>.+)", "document_start"),
    (r"^unacceptable character (?P<ch>#x[0-9a-fA-F]+)", "character"),
    (r"^could not determine a constructor for the tag (?P<ch>.+)", "tag"),
)

# tomllib's (Python 3.11+), without its "(at line L, column C)", which the caller turns into a place
_TOML = (  # compiled on first use (_compiled): a run that meets no problem compiles none
    (r"^Expected '=' after a key in a key/value pair", "no_equals"),
    (r"^Expected newline or end of document after a statement", "one_per_line"),
    (r"^Invalid value", "value"),
    (r"^Invalid statement", "statement"),
    (r"^Invalid initial character for a key part", "key"),
    (r"^Cannot overwrite a value", "twice"),
    (r"^Cannot declare (?P<ch>.+) twice", "table_twice"),
    (r"^Duplicate inline table key (?P<ch>.+)", "twice"),
    (r"^Cannot (?:mutate immutable|redefine) namespace (?P<ch>.+)", "table_twice"),
    (r"^Expected '\]' at the end of a table declaration", "table_end"),
    (r"^Expected '\]\]' at the end of an array declaration", "table_end"),
    (r"^Unclosed array", "array"),
    (r"^Unclosed inline table", "inline_table"),
    (r"^Unterminated string", "string"),
    (r"^Unescaped '\\\\' in a string", "backslash"),
    (r"^Invalid hex value|^Escaped character is not a Unicode scalar value", "escape"),
    (r"^Invalid date or datetime", "date"),
    (r"^(?:Illegal|Found invalid) character (?P<ch>.+)", "character"),
    (r"^Expected (?P<ch>.+)", "expected"),
)

# the csv module's
_CSV = (  # compiled on first use (_compiled): a run that meets no problem compiles none
    (r"field larger than field limit", "field_size"),
    (r"line contains NUL", "nul"),
    (r"new-line character seen in unquoted field", "newline"),
    (r"unexpected end of data", "end"),
    (r"'.' expected after '.'", "quote"),
)


@functools.cache
def _compiled(table: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p), key) for p, key in table]


def _match(kind: str, table: tuple[tuple[str, str], ...], said: str) -> Message:
    for pattern, key in _compiled(table):
        found = pattern.search(said)
        if found:
            return Message(f"foreign.{kind}.{key}", ch=found.groupdict().get("ch") or "")
    return Message(f"foreign.{kind}.other", text=said)


def workbook_problem(exc: BaseException) -> Message:
    """Why openpyxl could not open a workbook: not a zip (an old .xls, a renamed file), damaged, or its own words."""
    import zipfile

    if isinstance(exc, zipfile.BadZipFile):
        return Message("foreign.xlsx.not_zip")
    if isinstance(exc, (KeyError, EOFError, zipfile.LargeZipFile)) or type(exc).__name__ in ("ParseError", "XMLSyntaxError"):
        return Message("foreign.xlsx.damaged")
    if isinstance(exc, OSError):
        return os_reason(exc)
    return Message("foreign.xlsx.other", code=type(exc).__name__)


def yaml_problem(problem: str | None, context: str | None = None) -> Message:
    """A PyYAML problem (the context only when the problem is unknown: it says where the parser was)."""
    found = _match("yaml", _YAML, problem or "")
    if found.key.endswith(".other"):
        return Message("foreign.yaml.other", text=" ".join(s for s in (context, problem) if s))
    return found


def toml_problem(said: str) -> Message:
    return _match("toml", _TOML, said.strip())


def csv_problem(said: str) -> Message:
    return _match("csv", _CSV, said)
