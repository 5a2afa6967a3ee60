"""`gdtrack record`: add one figure to a unit's progress file, or refuse with a reason. Nothing is lost:
the file is edited round-trip and written atomically, and only after the result passes the same checks
as `gdtrack check`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .checks import MAX_VALUE, check_progress
from .diagnostics import Diagnostic, LoadError
from .loading import number_hint, validate
from .models import MILESTONE_STATES, Catalogue, ProgressFile
from .parsing import locate, parse_yaml
from .writing import atomic_write, load_roundtrip

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
        # An integer stays an integer, digit for digit (through float, 9007199254740993 would become …992);
        # the size is checked on the text first, as int() refuses over 4,300 digits.
        whole = text.lstrip("+-").split(".")[0].lstrip("0")
        number = float(text) if "." in text else int(text) if len(whole) <= 16 else None
        if number is None or abs(number) >= MAX_VALUE:
            raise RecordError(f"{text if len(text) <= 40 else text[:37] + '…'} is out of range: a figure is below "
                              "10^15 in size / 数值超出范围（绝对值须小于 10^15）",
                              "type the figure in the goal's unit (万元, 亿元) / 以指标单位填写实际数字")
        return number
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

    created_file = not path.exists()
    text = progress_text_for(unit) if created_file else path.read_bytes().decode("utf-8")  # keeps BOM and CRLF
    try:
        doc = load_roundtrip(text)
    except Exception as exc:  # noqa: BLE001 - ruamel's errors have no common base worth naming; none may escape
        raise RecordError(f"{path} cannot be read as YAML ({type(exc).__name__}); it was not changed",
                          "run `gdtrack check` to see the problem with its line") from None
    result = Recorded(path, created_file=created_file)
    _apply(doc.data, indicator, value, as_of, note, evidence, force, result)
    if result.unchanged:
        return result
    new_text = doc.dump()
    problems = _validate(cat, new_text, str(path), today)
    if problems:
        raise RecordError(f"the result would not pass `gdtrack check`; {path} was not changed",
                          "fix the problems below first", problems)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, new_text)
    return result


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
    return locate(problems, {shown: text})
