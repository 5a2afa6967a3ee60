"""`gdtrack record`: add one figure to a unit's progress file, or refuse with a reason. Nothing is lost:
the file is edited round-trip and written atomically, and only after the result passes the same checks
as `gdtrack check`; the whole read → modify → write holds the file's lock (:func:`gdtrack.writing.locked`), so
concurrent writers of one file wait for each other instead of overwriting each other's figures."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .checks import check_progress
from .diagnostics import Diagnostic, LoadError
from .loading import decode, number_hint, read_bytes, validate
from .models import MILESTONE_STATES, Catalogue, ProgressFile
from .parsing import locate, parse_yaml
from .safeio import UnsafeTarget, ensure_replaceable
from .safeio import say as safe_say
from .unitnames import mismatch, name_problem, say
from .writing import atomic_write, load_roundtrip, locked

_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


class RecordError(Exception):
    """A refusal: the message says why, the hint what to do; nothing was written."""

    def __init__(self, message: str, hint: str | None = None, diagnostics: list[Diagnostic] | None = None):
        super().__init__(message)
        self.hint = hint
        self.diagnostics = diagnostics or []


@dataclass
class Recorded:
    path: Path
    created_file: bool = False
    created_report: bool = False
    old: float | str | None = None  # the value replaced with --force
    unchanged: bool = False
    notes: list[str] = field(default_factory=list)


def parse_value(text: str) -> float | int | str:
    """A value typed on the command line: a plain number or a milestone word, nothing else."""
    text = text.strip()
    if text in MILESTONE_STATES:
        return text
    if _NUMBER.fullmatch(text):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    raise RecordError(f"{text!r} is not a number or a milestone state", number_hint(text))


def progress_text_for(unit: str) -> str:
    return (f"# {unit} 进度报送文件（gdtrack）\n"
            f"unit: {unit}\n"
            "reports:\n")


def record(
    cat: Catalogue,
    path: Path,
    unit: str,
    indicator: str,
    value: float | int | str,
    as_of: dt.date,
    *,
    note: str | None = None,
    evidence: str | None = None,
    force: bool = False,
    today: dt.date | None = None,
) -> Recorded:
    """Add (or with `force`, change) one entry in `path`, the progress file of `unit`."""
    found = cat.by_id.get(indicator)
    if found is None:
        raise RecordError(f"indicator {indicator!r} is not in the catalogue",
                          f"see `gdtrack template {unit}` for the indicators {unit} reports")
    task, ind = found
    owner = cat.owner(task, ind)
    if unit != owner and unit not in task.lead_units:
        raise RecordError(f"indicator {indicator} belongs to {owner}; {unit} does not lead task {task.id}",
                          f"only {owner} (or a co-lead of task {task.id}) records it")
    if ind.is_milestone != isinstance(value, str):
        raise RecordError(
            f"indicator {indicator} is a milestone: its value is one of {', '.join(MILESTONE_STATES)}"
            if ind.is_milestone else f"indicator {indicator} needs a number ({ind.unit or 'no unit'})")

    if (problem := unit_file_problem(path, unit)) is not None:
        raise RecordError(problem, say("unit-name-hint"))
    path.parent.mkdir(parents=True, exist_ok=True)
    _warm_up(cat, unit)
    # Read → modify → validate → rename under the file's lock: a writer waiting for it then reads what the one
    # before it wrote, so no figure is lost and the no-overwrite rule holds however many write at once.
    with locked(path):
        text = _current_text(path)
        created_file = text is None
        doc = load_roundtrip(progress_text_for(unit) if text is None else text)
        result = Recorded(path, created_file=created_file)
        _apply(doc.data, indicator, value, as_of, note, evidence, force, result)
        if result.unchanged:
            return result
        new_text = doc.dump()
        problems = _validate(cat, new_text, str(path), today)
        if problems:
            raise RecordError(f"the result would not pass `gdtrack check`; {path} was not changed",
                              "fix the problems below first", problems)
        atomic_write(path, new_text)
    return result


def _warm_up(cat: Catalogue, unit: str) -> None:
    """Import and build, before taking the lock, what the locked section needs (ruamel.yaml, the validators), so
    that the lock is held for the edit alone: other writers of the file wait that much less."""
    doc = load_roundtrip(progress_text_for(unit))
    _validate(cat, doc.dump() + "  []\n", "<warm-up>", None)


def unit_file_problem(path: Path, unit: str) -> str | None:
    """Why `path` cannot be the progress file of `unit` (in both languages), or None: the unit's name must be a
    safe file name and the file must be named after it, so a write never lands anywhere else."""
    problem = name_problem(unit)
    if problem is None and path.name not in (f"{unit}.yaml", f"{unit}.yml"):
        problem = mismatch(path, unit, str(path)).message
    return problem


def _current_text(path: Path) -> str | None:
    """The file's text as it is now (read under the lock), BOM and CRLF kept; None when there is no file yet.
    A symlink, a FIFO, a device, a file over the size limit or one not in UTF-8 is refused, unread."""
    try:
        ensure_replaceable(path)
    except UnsafeTarget as exc:
        hint = "record-link-hint" if path.is_symlink() else "not-a-regular-file-hint"
        raise RecordError(exc.strerror, safe_say(hint)) from None
    if not path.exists():
        return None
    shown = str(path)
    try:
        raw = read_bytes(path, shown)
        decode(raw, shown)  # a GBK or UTF-16 file gets its usual message
    except LoadError as exc:
        raise RecordError(f"{path} cannot be read; it was not changed", exc.diagnostic.hint,
                          [exc.diagnostic]) from None
    return raw.decode("utf-8")  # keeps the BOM, which load_roundtrip notes and dump writes back


def _apply(data, indicator, value, as_of, note, evidence, force, result: Recorded) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if data.get("reports") is None:
        data["reports"] = CommentedSeq()
    reports = data["reports"]
    report = next((r for r in reports if r.get("as_of") == as_of), None)
    if report is None:
        report = CommentedMap([("as_of", as_of), ("entries", CommentedSeq())])
        later = [i for i, r in enumerate(reports) if isinstance(r.get("as_of"), dt.date) and r["as_of"] > as_of]
        reports.insert(later[0] if later else len(reports), report)
        result.created_report = True
    if report.get("entries") is None:
        report["entries"] = CommentedSeq()
    entry = next((e for e in report["entries"] if str(e.get("indicator")) == indicator), None)
    if entry is not None:
        old = entry.get("value")
        if old == value and (note is None or entry.get("note") == note) and (
                evidence is None or entry.get("evidence") == evidence):
            result.unchanged = True
            return
        if not force:
            raise RecordError(
                f"{indicator} already has {old!r} on {as_of}; not changing it to {value!r}",
                "pass --force to replace the recorded value (the old and new values are printed)")
        result.old = old
        entry["value"] = value
        for key, text in (("note", note), ("evidence", evidence)):
            if text is not None:
                entry[key] = text
        return
    new = CommentedMap([("indicator", DoubleQuotedScalarString(indicator)), ("value", value)])
    if note is not None:
        new["note"] = note
    if evidence is not None:
        new["evidence"] = evidence
    report["entries"].append(new)


def _validate(cat: Catalogue, text: str, shown: str, today: dt.date | None) -> list[Diagnostic]:
    try:
        data = parse_yaml(text, shown)
    except LoadError as exc:
        return [exc.diagnostic]
    model, problems = validate(data, ProgressFile, shown)
    if model is not None:
        problems = [d for d in check_progress(cat, model, shown, today=today) if d.severity == "error"]
        if (wrong := mismatch(Path(shown), model.unit, shown)) is not None:  # the file is named after its unit
            problems.append(wrong)
    return locate(problems, {shown: text})
