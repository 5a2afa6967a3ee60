"""`gdtrack record` and `gdtrack import`: add figures to a unit's progress file, or refuse with a reason.
Nothing is lost: the file is edited round-trip and written atomically, and only after the result passes the
same checks as `gdtrack check`. Several figures go in one read → modify → validate → write
(:func:`record_many`), so a batch is written whole or not at all; that whole sequence holds the file's lock
(:func:`gdtrack.files.writing.locked`), so concurrent writers of one file wait for each other instead of overwriting
each other's figures."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from gdtrack.checks.decisions import check_requests
from gdtrack.checks.rules import MAX_VALUE, check_progress
from gdtrack.diagnostics import Diagnostic, LoadError, errors_in, said, worded
from gdtrack.files.loading import MAX_FILE_BYTES, MAX_NODES, decode, number_hint_key, read_bytes, validate
from gdtrack.files.parsing import locate, parse_yaml
from gdtrack.files.safeio import UnsafeTarget, ensure_replaceable
from gdtrack.files.safeio import say as safe_say
from gdtrack.files.unitnames import mismatch, name_problem
from gdtrack.files.unitnames import said as names_said
from gdtrack.files.writing import atomic_write, load_roundtrip, locked
from gdtrack.models import (
    MILESTONE_STATES,
    STATE_WORDS,
    Attachment,
    Catalogue,
    ProgressFile,
    milestone_state,
    step_names,
)
from gdtrack.values import Frozen, Value, frozen, record
from gdtrack.words import Message, Said, word
from gdtrack.words import text as text_of

if TYPE_CHECKING:
    from gdtrack.files.writing import Piece

_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


def _words(key: str, hint: str | None = "", **values: object) -> dict[str, Message | None]:
    """A refusal's message and hint as Messages (`said`, `advice`): `diag.record.<key>` in gdtrack/words."""
    said, advice = worded("diag.record", key, hint, **values)
    return {"said": said, "advice": advice}


class RecordError(Said, Exception):
    """A refusal: `said` says why, `advice` what to do (Messages; `message`/`hint` are their English,
    `message_zh`/`hint_zh` their Chinese, `str()` the English); nothing was written."""

    def __init__(self, said: Message, advice: Message | None = None, diagnostics: list[Diagnostic] | None = None,
                 refusals: list[Refusal] | None = None):
        super().__init__(text_of(said, "en"))
        self.said, self.advice = said, advice
        self.diagnostics = diagnostics or []
        self.refusals = refusals or []  # per item of a batch, when the refusal is about particular items


@frozen
class Item(Frozen):
    """One figure to record. A `value` of None is a blank line to fill in later (as a template has)."""

    indicator: str
    value: float | int | str | None
    note: str | None = None
    evidence: str | None = None
    comment: str | None = None  # a blank line's goal and target, written after it as a YAML comment
    attachments: tuple[Attachment, ...] = ()  # evidence files already stored (gdtrack.repository.evidence)


@frozen
class Reply(Frozen):
    """A reply to 督办 (a `responses:` entry): the measures (整改措施) for a goal and the date they take effect by
    (整改时限); its date (`replied`) is the report date it comes with."""

    indicator: str
    measures: str
    by: dt.date


@frozen
class Request(Frozen):
    """A request for more time on a goal (延期申请, an `extensions:` entry), made on `requested`."""

    indicator: str
    to: dt.date
    reason: str
    requested: dt.date


@frozen
class Refusal(Said, Frozen):
    """Why the item at `index` of a batch was refused: `said`, `advice` (Messages; `message`, `hint`, `message_zh`,
    `hint_zh` their words). `said` names the figure when its values hold its `id`."""

    index: int
    said: Message
    advice: Message | None = None
    old: float | int | str | None = None  # a clash with a figure already recorded: that figure


Action = Literal["recorded", "changed", "unchanged"]


@record
class Outcome(Value):
    item: Item
    action: Action
    old: float | int | str | None = None  # the value replaced (with force)


@record
class Batch(Value):
    """What `record_many` did (or, with dry_run, would do)."""

    path: Path
    created_file: bool = False
    created_report: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    replies: int = 0  # replies to 督办 added or changed
    requests: int = 0  # requests for more time added
    before: str | None = None  # the text edited (None: no file yet)
    text: str | None = None  # the text written (or, with dry_run, that would be): the edit decided

    def count(self, action: Action) -> int:
        return sum(o.action == action for o in self.outcomes)

    @property
    def unchanged(self) -> bool:
        return all(o.action == "unchanged" for o in self.outcomes) and not self.replies and not self.requests


@record
class Recorded(Value):
    path: Path
    created_file: bool = False
    created_report: bool = False
    old: float | str | None = None  # the value replaced with --force
    unchanged: bool = False
    notes: list[str] = field(default_factory=list)


def parse_value(text: str) -> float | int | str:
    """A value typed on the command line or in a form: a plain number, or a word — a milestone's state (English or
    Chinese, stored in English) or the name of a step (checked against the indicator when it is recorded). Text
    with digits that is not a plain number (`12家`, `1,110`, `４０`) is refused with what to write instead."""
    text = text.strip()
    if text in MILESTONE_STATES:
        return text
    if text in STATE_WORDS:
        return STATE_WORDS[text]
    if _NUMBER.fullmatch(text):
        # An integer stays an integer, digit for digit (through float, 9007199254740993 would become …992);
        # the size is checked on the text first, as int() refuses over 4,300 digits.
        whole = text.lstrip("+-").split(".")[0].lstrip("0")
        number = float(text) if "." in text else int(text) if len(whole) <= 16 else None
        if number is None or abs(number) >= MAX_VALUE:
            raise RecordError(**_words("range", value=text if len(text) <= 40 else text[:37] + "…"))
        return number
    if text and not any(ch.isdigit() for ch in text):
        return text
    hint, values = number_hint_key(text)
    raise RecordError(**_words("not_value", hint, value=text, **values))


def parse_figures(args: list[str]) -> list[tuple[str, str]]:
    """The figures of a `record` command line: `ID VALUE` (one figure), or `ID=VALUE` pairs (any number)."""
    pairs = [a.partition("=") for a in args]
    if not any(sep for _, sep, _ in pairs):
        if len(args) == 2:
            return [(args[0].strip(), args[1])]
        raise RecordError(**_words("pairs" if args else "pairs_nothing", "pairs", got=" ".join(args)))
    bad = [a for a, (_, sep, _) in zip(args, pairs, strict=True) if not sep]
    if bad:
        raise RecordError(**_words("not_pair", bad=" ".join(bad)))
    return [(key.strip(), value) for key, _, value in pairs]


def items_from(pairs: list[tuple[str, str]], note: str | None = None, evidence: str | None = None,
               cat: Catalogue | None = None, unit: str | None = None) -> list[Item]:
    """Items from typed (ID, VALUE) pairs; every value that is not a number or a word is refused, and with the
    catalogue and the unit, every figure the unit cannot record at all: all of them named in one refusal."""
    items, refusals = [], []
    for i, (key, text) in enumerate(pairs):
        try:
            item = Item(key, parse_value(text), note, evidence)
        except RecordError as exc:
            refusals.append(Refusal(i, exc.said, exc.advice))
            continue
        items.append(item)
        if cat is not None and unit is not None and (why := _refuse(cat, unit, i, item)) is not None:
            refusals.append(why)
    if refusals:
        raise RecordError(**_words("refused", n=len(refusals)), refusals=refusals)
    return items


def progress_text_for(unit: str) -> str:
    return (word("template.new_file", "zh", unit=unit) + "\n"
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
    reason: str | None = None,
    today: dt.date | None = None,
) -> Recorded:
    """Add (or with `force` and a `reason`, change) one entry in `path`, the progress file of `unit`."""
    try:
        batch = record_many(cat, path, unit, as_of, [Item(indicator, value, note, evidence)], force=force,
                            reason=reason, today=today)
    except RecordError as exc:
        if len(exc.refusals) == 1:  # one figure: its own reason is the message
            first = exc.refusals[0]
            raise RecordError(first.said, first.advice) from None
        raise
    outcome = batch.outcomes[0]
    return Recorded(path, created_file=batch.created_file, created_report=batch.created_report,
                    old=outcome.old if outcome.action == "changed" else None,
                    unchanged=outcome.action == "unchanged")


def record_many(
    cat: Catalogue,
    path: Path,
    unit: str,
    as_of: dt.date,
    items: list[Item],
    *,
    force: bool = False,
    reason: str | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
    replies: list[Reply] | tuple[Reply, ...] = (),
    requests: list[Request] | tuple[Request, ...] = (),
    returned: Mapping[dt.date, str] | None = None,
    base: str | None = None,
) -> Batch:
    """Add (or with `force`, change) several entries of one report date in `path`, the progress file of `unit`,
    in one read → modify → validate → write. Any refused item refuses the whole batch: nothing is written.

    A figure already recorded is changed only with `force` and a `reason`, which is written beside it as
    `revised: {reason: …}`; its note is then the new one (an old note is not left beside a new number; the
    evidence stays unless a new one is given). Milestone states are written in the words the file already uses
    (已完成 … where it writes Chinese).
    `replies` are replies to 督办 dated `as_of`, written under `responses:` (one per goal and date: a second
    replaces the first).

    A blank item (value None) adds a blank line for its indicator unless the date already has one; a blank
    line already in the file is filled in without `force`. With `dry_run`, everything but the write happens.
    `requests` are requests for more time (延期申请), written under `extensions:`. `returned`: the report dates
    the office sent back, with why (engine.decisions): their figures are corrected without `force`, the return
    written as the reason, and the report stamped `resubmitted:` (the day it came back, for 及时率).

    `base`: the text to edit instead of the file's (a dry run's `Batch.text`, so that an import decides a unit's
    forms together and writes its file once, :func:`write_decided`); the returned Batch holds the text edited
    (`before`) and the result (`text`).

    This is the only read → modify → validate → write of a progress file (`record`, `import` and
    `template --add-date` all come here), so a lock on the file held around this body covers every writer.
    """
    refusals = [r for i, item in enumerate(items) if (r := _refuse(cat, unit, i, item)) is not None]
    refusals += [r for i, reply in enumerate(replies, len(items)) if (r := _refuse_reply(cat, unit, i, reply))]
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.indicator in seen:
            refusals.append(Refusal(i, **_words("twice", id=item.indicator, n=seen[item.indicator] + 1)))
        seen.setdefault(item.indicator, i)
    if refusals:
        raise _refused(refusals, path)
    if (problem := unit_file_problem(path, unit)) is not None:
        raise RecordError(problem, names_said("unit-name-hint"))
    if not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
    _warm_up(cat, unit)
    # Read → modify → validate → rename under the file's lock: a writer waiting for it then reads what the one
    # before it wrote, so no figure is lost and the no-overwrite rule holds however many write at once.
    with nullcontext() if dry_run else locked(path):  # a dry run writes nothing, not even a lock file
        text = _current_text(path) if base is None else base
        now, plain = _checked(cat, text, str(path), today) if text is not None else ([], None)
        if now:  # as `check` sees it, first
            raise RecordError(**_words("has_errors", path=path), diagnostics=now)
        try:
            piece = _piece(text, plain, as_of) if plain is not None and not (replies or requests) else None
            doc = piece.doc if piece is not None else load_roundtrip(progress_text_for(unit) if text is None else text)
        except Exception as exc:  # noqa: BLE001 - ruamel's errors have no common base worth naming; none may escape
            raise RecordError(**_words("not_yaml", path=path, why=type(exc).__name__)) from None
        batch = Batch(path, created_file=text is None, before=text, text=text)
        chinese = _writes_chinese(plain if plain is not None else doc.data)
        report = _report(doc.data, as_of, batch) if items or not (replies or requests) else None
        back = (returned or {}).get(as_of)  # the office sent this report back: correcting it is what it asked
        for i, item in enumerate(items):
            outcome = _apply(report, item, as_of, force or back is not None, reason or back, chinese)
            if isinstance(outcome, Refusal):
                refusals.append(replace(outcome, index=i))
            else:
                batch.outcomes.append(outcome)
        if refusals:
            raise _refused(refusals, path)
        if report is not None and "submitted" not in report and any(
                o.action == "recorded" and o.item.value is not None for o in batch.outcomes):
            report.insert(1, "submitted", today or dt.date.today())  # 及时率: the day its first figure came in
        if report is not None and back is not None and any(o.action == "changed" for o in batch.outcomes):
            day = dt.date.fromordinal((today or dt.date.today()).toordinal())
            if "resubmitted" in report:
                report["resubmitted"] = day
            else:
                report.insert(2 if "submitted" in report else 1, "resubmitted", day)
        batch.replies = sum(_reply(doc.data, reply, as_of) for reply in replies)
        batch.requests = sum(_request(doc.data, req) for req in requests)
        if batch.unchanged and not batch.created_report:
            return batch
        new_text = piece.dump() if piece is not None else doc.dump()
        problems = _validate(cat, new_text, str(path), today)
        if problems:
            raise RecordError(**_words("would_fail", path=path), diagnostics=problems)
        batch.text = new_text
        if not dry_run:
            atomic_write(path, new_text)
    return batch


def _piece(text: str, data: Any, as_of: dt.date) -> Piece | None:
    """The report dated `as_of` (or the place for it, in date order) loaded for editing alone, the rest of the
    file kept as its text: a write then costs about one parse of the file, not a round trip of all of it. None
    when the file is not laid out plainly enough (see files.writing.load_piece): then the whole file is edited."""
    from gdtrack.files.writing import load_piece

    reports = data.get("reports") if isinstance(data, dict) else None
    if not isinstance(reports, list) or not reports or not all(isinstance(r, dict) for r in reports):
        return None
    found = [i for i, r in enumerate(reports) if r.get("as_of") == as_of]
    if found:
        return load_piece(text, "reports", found[0], len(reports))
    later = [i for i, r in enumerate(reports) if isinstance(r.get("as_of"), dt.date) and r["as_of"] > as_of]
    return load_piece(text, "reports", later[0] if later else len(reports), len(reports), new=True)


def write_decided(path: Path, before: str | None, text: str) -> None:
    """Write `text`, decided by dry runs of `record_many` on `before` (the file's text then, None: no file), under
    the file's lock; refused if the file changed since (a writer that takes no lock: an editor)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):  # re-entrant: an import holds it from its dry runs to here
        if _current_text(path) != before:
            raise RecordError(**_words("changed_since", path=path))
        atomic_write(path, text)


_WARM: set[int] = set()  # the catalogues warmed up in this process (an import records many files with one)


def _warm_up(cat: Catalogue, unit: str) -> None:
    """Import and build, before taking the lock, what the locked section needs (ruamel.yaml, the validators), so
    that the lock is held for the edit alone: other writers of the file wait that much less. Once a process:
    what it builds is kept."""
    if id(cat) in _WARM:
        return
    doc = load_roundtrip(progress_text_for(unit))
    _validate(cat, doc.dump() + "  []\n", "<warm-up>", None)
    _WARM.add(id(cat))


def unit_file_problem(path: Path, unit: str) -> Message | None:
    """Why `path` cannot be the progress file of `unit`, or None: the unit's name must be a
    safe file name and the file must be named after it, so a write never lands anywhere else."""
    problem = name_problem(unit)
    if problem is None and path.name not in (f"{unit}.yaml", f"{unit}.yml"):
        problem = mismatch(path, unit, str(path)).said
    return problem


def _current_text(path: Path) -> str | None:
    """The file's text as it is now (read under the lock), BOM and CRLF kept; None when there is no file yet.
    A symlink, a FIFO, a device, a file over the size limit or one not in UTF-8 is refused, unread."""
    try:
        ensure_replaceable(path)
    except UnsafeTarget as exc:
        hint = "record-link-hint" if path.is_symlink() else "not-a-regular-file-hint"
        raise RecordError(exc.said, safe_say(hint)) from None
    if not path.exists():
        return None
    shown = str(path)
    try:
        raw = read_bytes(path, shown)
        decode(raw, shown)  # a GBK or UTF-16 file gets its usual message
    except LoadError as exc:
        raise RecordError(**{**_words("unreadable", None, path=path), "advice": exc.diagnostic.advice},
                          diagnostics=[exc.diagnostic]) from None
    return raw.decode("utf-8")  # keeps the BOM, which load_roundtrip notes and dump writes back


def add_blanks(cat: Catalogue, path: Path, unit: str, as_of: dt.date,
               comments: dict[str, str] | None = None) -> Batch:
    """`template --add-date`: a report dated `as_of` in `path` with a blank line for each indicator `unit` owns
    (the ones it already has are left as they are); `comments` (goal id → text: its name and target) are written
    after each new line's id."""
    comments = comments or {}
    return record_many(cat, path, unit, as_of, [Item(ind.id, None, comment=comments.get(ind.id))
                                                 for _, ind in cat.owned.get(unit, [])])


def _refused(refusals: list[Refusal], path: Path) -> RecordError:
    refusals.sort(key=lambda r: r.index)
    return RecordError(**_words("refused_file", "refused", n=len(refusals), path=path), refusals=refusals)


def _refuse(cat: Catalogue, unit: str, index: int, item: Item) -> Refusal | None:
    """Why `unit` cannot record `item` at all, whatever its file holds."""
    found = cat.by_id.get(item.indicator)
    if found is None:
        return Refusal(index, **_words("unknown", id=item.indicator, unit=unit))
    task, ind = found
    owner = cat.owner(task, ind)
    if unit != owner and unit not in task.lead_units:
        return Refusal(index, **_words("not_owned", id=item.indicator, owner=owner, unit=unit, task=task.id))
    if item.value is not None and ind.is_milestone != isinstance(item.value, str):
        key = "milestone" if ind.is_milestone else "number" if ind.unit else "number_no_unit"
        return Refusal(index, **_words(key, id=item.indicator, states=", ".join(MILESTONE_STATES), unit=ind.unit))
    allowed = (*MILESTONE_STATES, *step_names(ind))
    if ind.is_milestone and isinstance(item.value, str) and item.value not in allowed:
        return Refusal(index, **_words("state", value=item.value, id=ind.id,
                                       words="、".join([*STATE_WORDS, *step_names(ind)])))
    return None


def _refuse_reply(cat: Catalogue, unit: str, index: int, reply: Reply) -> Refusal | None:
    """Why `unit` cannot reply on the goal: only its owner replies to 督办."""
    found = cat.by_id.get(reply.indicator)
    if found is None:
        return Refusal(index, **_words("unknown", id=reply.indicator, unit=unit))
    owner = cat.owner(*found)
    if owner != unit:
        return Refusal(index, **_words("reply_not_owned", id=reply.indicator, owner=owner, unit=unit))
    return None


def _writes_chinese(data) -> bool:
    """The file writes its milestone states in Chinese (已完成 …): more of its states are Chinese than English."""
    words = [e.get("value") for r in data.get("reports") or [] for e in (r.get("entries") or [])
             if isinstance(e.get("value"), str)]
    chinese = sum(w in STATE_WORDS for w in words)
    return chinese > 0 and chinese >= sum(w in MILESTONE_STATES for w in words)


def _in_words(value, chinese: bool):
    """A state in the file's words: Chinese where the file writes Chinese, else as given (a step name as it is)."""
    if chinese and value in MILESTONE_STATES:
        return next(w for w, state in STATE_WORDS.items() if state == value)
    return value


def _reply(data, reply: Reply, as_of: dt.date) -> int:
    """Write `reply` dated `as_of` under `responses:`: 1 if added or changed, 0 if it was there already."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if data.get("responses") is None:
        data["responses"] = CommentedSeq()
    found = next((r for r in data["responses"] if str(r.get("indicator")) == reply.indicator
                  and r.get("replied") == as_of), None)
    if found is not None:
        if found.get("measures") == reply.measures and found.get("by") == reply.by:
            return 0
        found["measures"], found["by"] = reply.measures, dt.date.fromordinal(reply.by.toordinal())
        return 1
    fresh = dt.date.fromordinal  # a date object of its own: one shared with the report would be written as *alias
    data["responses"].append(CommentedMap([("indicator", DoubleQuotedScalarString(reply.indicator)),
                                           ("measures", reply.measures), ("by", fresh(reply.by.toordinal())),
                                           ("replied", fresh(as_of.toordinal()))]))
    return 1


def _request(data, req: Request) -> int:
    """Write a request for more time under `extensions:`: 1 if added, 0 if the same one is there already."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if data.get("extensions") is None:
        data["extensions"] = CommentedSeq()
    if any(str(r.get("indicator")) == req.indicator and r.get("to") == req.to for r in data["extensions"]):
        return 0
    fresh = dt.date.fromordinal
    data["extensions"].append(CommentedMap([("indicator", DoubleQuotedScalarString(req.indicator)),
                                            ("to", fresh(req.to.toordinal())), ("reason", req.reason),
                                            ("requested", fresh(req.requested.toordinal()))]))
    return 1


def _report(data, as_of: dt.date, batch: Batch):
    """The report dated `as_of` in the round-trip document, made (in date order) if it is not there."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if data.get("reports") is None:
        data["reports"] = CommentedSeq()
    reports = data["reports"]
    report = next((r for r in reports if r.get("as_of") == as_of), None)
    if report is None:
        report = CommentedMap([("as_of", as_of), ("entries", CommentedSeq())])
        later = [i for i, r in enumerate(reports) if isinstance(r.get("as_of"), dt.date) and r["as_of"] > as_of]
        reports.insert(later[0] if later else len(reports), report)
        batch.created_report = True
    if report.get("entries") is None:
        report["entries"] = CommentedSeq()
    return report


def _apply(report, item: Item, as_of: dt.date, force: bool, reason: str | None = None,
           chinese: bool = False) -> Outcome | Refusal:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    indicator, note, evidence = item.indicator, item.note, item.evidence
    value = _in_words(item.value, chinese)
    entry = next((e for e in report["entries"] if str(e.get("indicator")) == indicator), None)
    if entry is not None:
        old = entry.get("value")
        if value is None or (milestone_state(old) == milestone_state(value) and (
                note is None or entry.get("note") == note) and (
                evidence is None or entry.get("evidence") == evidence)):
            # the same figure: new evidence files are added to it (adding evidence rewrites no history)
            return Outcome(item, "recorded" if _attach(entry, item.attachments) else "unchanged")
        if old is not None and not force:
            return Refusal(-1, **_words("already", id=indicator, old=repr(old), date=as_of, value=repr(value)),
                           old=old)
        if old is not None and not (reason or "").strip():
            return Refusal(-1, **_words("no_reason", id=indicator, old=repr(old), date=as_of, value=repr(value)),
                           old=old)
        entry["value"] = value
        for key, text in (("note", note), ("evidence", evidence)):
            if text is not None:
                entry[key] = text
            elif key == "note" and old is not None and key in entry:  # a correction: the old note explained the
                del entry[key]  # old number; the source (evidence) may well be the same, and stays until replaced
        if old is not None:
            entry["revised"] = CommentedMap([("reason", reason.strip())])
        _attach(entry, item.attachments)
        return Outcome(item, "recorded" if old is None else "changed", old)
    new = CommentedMap([("indicator", DoubleQuotedScalarString(indicator)), ("value", value)])
    if item.comment:
        new.yaml_add_eol_comment(item.comment, "indicator")
    if note is not None or value is None:
        new["note"] = note
    if evidence is not None or value is None:
        new["evidence"] = evidence
    _attach(new, item.attachments)
    report["entries"].append(new)
    return Outcome(item, "recorded")


def _attach(entry, attachments: tuple[Attachment, ...]) -> bool:
    """Add to the entry's `attachments:` those it does not name yet (by file); True if any was added."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    named = {str(a.get("file")) for a in entry.get("attachments") or [] if hasattr(a, "get")}
    fresh = [a for a in dict.fromkeys(attachments) if a.file not in named]
    if not fresh:
        return False
    if entry.get("attachments") is None:
        entry["attachments"] = CommentedSeq()
    for a in fresh:
        entry["attachments"].append(CommentedMap([("file", a.file), ("sha256", a.sha256), ("bytes", a.bytes)]))
    return True


def _validate(cat: Catalogue, text: str, shown: str, today: dt.date | None) -> list[Diagnostic]:
    """The errors `check` would find in `text` as the progress file `shown`: its size and number of values
    included (a file over them would drop out of every view)."""
    return _checked(cat, text, shown, today)[0]


def _checked(cat: Catalogue, text: str, shown: str, today: dt.date | None) -> tuple[list[Diagnostic], Any]:
    """:func:`_validate`'s errors, and the data parsed (None when it does not parse), read once for both."""
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        return [said(shown, "too-large", "write", size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}")], None
    try:
        data = parse_yaml(text, shown, max_nodes=MAX_NODES)
    except LoadError as exc:
        return [exc.diagnostic], None
    model, problems = validate(data, ProgressFile, shown)
    if model is not None:
        problems = errors_in(check_progress(cat, model, shown, today=today) + check_requests(cat, model, shown))
    return locate(problems, {shown: text}), data
