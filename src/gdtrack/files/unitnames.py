"""A unit's name is the name of its progress file: `区经济发展局` reports in `区经济发展局.yaml`.

So a unit name must be a valid file name on Windows and on POSIX, and nothing that leads out of the progress
folder: no `/` or `\\`, no `..`, no leading dot (gdtrack ignores hidden files), no control character, no name
Windows reserves for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with or without an extension), no trailing
dot or space, none of `<>:"|?*`, and short enough for its temporary file. A progress file's name must match the
`unit:` it holds; lower-case `.yaml` and `.yml` are progress files, anything else in the folder is named in a
warning so that `区财政局.YAML` or `区财政局.yml.bak` is not silently ignored.

Messages here are Messages (`unitnames.<key>` in gdtrack/words), worded where they are printed.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from gdtrack.diagnostics import Diagnostic, error, warning
from gdtrack.models import Catalogue
from gdtrack.words import Message, Said, text

PROGRESS_SUFFIXES = (".yaml", ".yml")
"""Progress files end in lower-case `.yaml` (what gdtrack writes) or `.yml` (accepted: some editors default to
it). Other cases (`.YAML`) are warned about, not read: on Linux, where CI runs, they are other names."""

_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{dev}{n}" for dev in ("COM", "LPT") for n in "123456789¹²³"}
_FORBIDDEN = '<>:"|?*'
MAX_NAME_BYTES = 255 - len(".") - len(".yaml") - len(".XXXXXXXX.gdtrack.tmp")
"""The longest unit name (UTF-8 bytes) whose temporary file `.NAME.yaml.XXXXXXXX.gdtrack.tmp` still fits in the
255 bytes a file name may have."""


def said(key: str, **values: object) -> Message:
    """The message `unitnames.<key>` of gdtrack/words, filled from `values`."""
    return Message(f"unitnames.{key}", values)


def say(key: str, **values: object) -> str:
    """The message `unitnames.<key>` in English: for a caller that prints text already worded (use `said`)."""
    return text(said(key, **values), "en")


class UnitNameError(Said, ValueError):
    """A unit name that cannot be a progress file's name, or a file that would be outside its folder: `said`
    says why, `advice` what to do; `str()` is the English."""

    def __init__(self, message: Message, advice: Message | None = None):
        super().__init__(text(message, "en"))
        self.said, self.advice = message, advice if advice is not None else said("unit-name-hint")


def _why(name: str) -> tuple[str, dict[str, object]] | None:
    for char in "/\\":
        if char in name:
            return "separator", {"char": char}
    if ".." in name or name.startswith("."):
        return "dots", {}
    for char in name:
        if unicodedata.category(char) == "Cc":
            return "control", {"code": ord(char)}
    stem = name.split(".", 1)[0].rstrip(" ")
    if stem.upper() in _RESERVED:
        return "reserved", {"stem": stem}
    if name.endswith((".", " ")):
        return "trailing", {}
    for char in _FORBIDDEN:
        if char in name:
            return "forbidden", {"char": char}
    size = len(name.encode("utf-8", "surrogatepass"))
    if size > MAX_NAME_BYTES:
        return "too-long", {"size": size, "limit": MAX_NAME_BYTES}
    return None


def why_not_a_name(name: str) -> Message | None:
    """Why `name` cannot be a file's name on Windows and on POSIX (the rules above), or None: for other files named
    by departments (evidence files, gdtrack.repository.evidence)."""
    why = _why(name)
    return None if why is None else said(why[0], **why[1])


def _shown(name: str) -> str:
    text = repr(name)  # quoted, control characters escaped
    return text if len(text) <= 60 else text[:57] + "…"


def name_problem(name: str) -> Message | None:
    """Why `name` cannot be a unit's file name, or None when it can."""
    why = _why(name)
    if why is None:
        return None
    key, values = why
    return said("unit-name", name=_shown(name), why=said(key, **values))


def check_unit_names(cat: Catalogue, path: str) -> list[Diagnostic]:
    """`unit-name`: every unit of the catalogue must be usable as a file name."""
    return [error(path, "unit-name", problem, said("unit-name-hint"), ("units", i, "name"))
            for i, unit in enumerate(cat.units) if (problem := name_problem(unit.name)) is not None]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)  # macOS may hand back names decomposed


def is_progress_name(name: str) -> bool:
    return not name.startswith(".") and name.endswith(PROGRESS_SUFFIXES)


def mismatch(path: str | os.PathLike[str], unit: str, shown: str) -> Diagnostic | None:
    """`unit-mismatch`: the file `区经济发展局.yaml` must hold `unit: 区经济发展局`."""
    p = Path(path)
    if _nfc(p.stem) == _nfc(unit) and p.suffix in PROGRESS_SUFFIXES:
        return None
    return error(shown, "unit-mismatch", said("unit-mismatch", file=p.name, unit=unit),
                 said("unit-mismatch-hint", unit=unit), ("unit",))


def stray_files(folder: str | os.PathLike[str]) -> list[Diagnostic]:
    """`not-progress-file`: the files in the progress folder that gdtrack does not read (`区财政局.YAML`,
    `区财政局.yml.bak`, a workbook). Hidden files (gdtrack's own `.NAME.lock`, `.gitkeep`) and folders are not
    named. Nothing is opened: the names are enough."""
    out = []
    try:
        with os.scandir(folder) as entries:
            names = sorted((e.name, e.path) for e in entries
                           if not e.name.startswith(".") and not e.is_dir(follow_symlinks=False))
    except OSError:
        return []
    for name, path in names:
        if is_progress_name(name):
            continue
        stem, suffix = os.path.splitext(name)
        if suffix.lower() in PROGRESS_SUFFIXES:
            hint = said("rename-hint", name=stem + ".yaml")
        elif Path(name).suffixes[:1] and Path(name).suffixes[0] in PROGRESS_SUFFIXES:  # 区财政局.yml.bak
            hint = said("rename-hint", name=name.split(".", 1)[0] + Path(name).suffixes[0])
        else:
            hint = said("move-hint")
        out.append(warning(str(path), "not-progress-file", said("not-progress-file"), hint))
    return out


def unit_file(folder: Path, unit: str) -> Path:
    """The progress file of `unit` in `folder`: `UNIT.yaml`, or an existing `UNIT.yml`. Raises ValueError (its
    a UnitNameError, with its Messages) when the unit's name is not a safe file name or the file would not be directly
    inside `folder` once every link is resolved."""
    problem = name_problem(unit)
    if problem is not None:
        raise UnitNameError(problem)
    path = folder / f"{unit}.yaml"
    if not os.path.lexists(path) and os.path.lexists(folder / f"{unit}.yml"):
        path = folder / f"{unit}.yml"
    ensure_inside(path, folder, unit)
    return path


def ensure_inside(path: Path, folder: Path, unit: str) -> None:
    """Raise ValueError (a UnitNameError) unless `path` is an entry of `folder` itself (links resolved on both
    sides)."""
    where = Path(os.path.realpath(path.parent)) / path.name
    if path.name in ("", ".", "..") or where.parent != Path(os.path.realpath(folder)):
        raise UnitNameError(said("outside", unit=unit, path=where))
