"""`gdtrack import`: filled forms read (gdtrack.repository.forms), checked, and written through `record`'s one path
(gdtrack.repository.recording.record_many), one batch: a form with any error writes nothing, and with
`all_or_nothing` one form with an error writes none, every form's lock held from its check to the last write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

from gdtrack.diagnostics import Diagnostic, Loc, error, errors_in, warning
from gdtrack.models import Attachment, Catalogue, ProgressFile
from gdtrack.repository import evidence as ev
from gdtrack.repository.evidence import Vetted
from gdtrack.repository.forms import Form, cell_text, check_form, msg, owner_figures, read_form, zh_state
from gdtrack.repository.recording import Batch, Item, RecordError, Reply, Request, record_many, write_decided
from gdtrack.values import Value, record
from gdtrack.words import Lang, Message
from gdtrack.words import text as worded
from gdtrack.words.foreign import os_reason


@record
class Imported(Value):
    """One form's outcome: its diagnostics, what was (or would be) written, and whether it was written."""

    form: Form
    diagnostics: list[Diagnostic] = field(default_factory=list)
    batch: Batch | None = None
    target: Path | None = None
    written: bool = False
    files: dict[int, list[Vetted]] = field(default_factory=dict)  # entry index → its evidence files, vetted
    stored: list[tuple[Attachment, bool]] = field(default_factory=list)  # what was stored, and whether newly
    root: Path = Path()  # the data repository's root, where its evidence files are stored
    attached: dict[int, tuple[Attachment, ...]] = field(default_factory=dict)  # entry index → its Attachments

    @property
    def errors(self) -> list[Diagnostic]:
        return errors_in(self.diagnostics)

    @property
    def blank(self) -> bool:
        """Nothing filled in, and nothing else wrong: not imported, and said so."""
        return self.form.blank and not self.errors

    @property
    def refused(self) -> int:
        """Rows with at least one error (the form's top counts as one)."""
        return len({d.loc[:4] if d.loc[:1] == ("reports",) and len(d.loc) >= 4 else () for d in self.errors})


def import_forms(
    cat: Catalogue,
    paths: list[Path],
    unit_files: dict[str, str],
    broken: set[str],
    folder: Path,
    *,
    force: bool = False,
    reason: str | None = None,
    all_or_nothing: bool = False,
    today: dt.date | None = None,
    files: Iterable[ProgressFile] = (),
    root: Path | None = None,
    returned: Mapping[str, Mapping[dt.date, str]] | None = None,
    progress: Callable[[int], None] = lambda _n: None,
) -> list[Imported]:
    """Read, check and record each form; a form with any error writes nothing (with `all_or_nothing`, one
    form with an error writes none). `unit_files` maps units to their progress files, `broken` holds those
    with errors (left alone), `folder` is where a unit without a file gets one, `files` the progress files as
    they are (to say which co-led figures will not count). A figure already recorded is changed only with
    `force` and a `reason` (written as `revised: {reason: …}`). A blank form (nothing filled in) is not imported
    and is said to be blank; beside a filled form of the same unit and date, the filled one is imported.
    Evidence files a form names (佐证材料文件, beside the form) are judged with the form, stored under `root` (the
    data repository's root; default: the one of `folder`) only when its figures are written, and removed again
    if that write fails. `returned`: per unit, its reports the office sent back (date → the reason a correction
    is written with): a form correcting one needs no `force`. Requests for more time on a form's rows (申请延期至,
    延期理由) are written under `extensions:`, dated the day of the import. Each unit's forms are decided together
    and its file written once. `progress` is told of each step done, two a form: read and checked, then decided
    and written (or found to have nothing to write)."""
    files = list(files)
    root = root if root is not None else ev.root_of(folder)
    back = returned or {}
    reported = owner_figures(cat, files)  # once for the batch, not once a form
    results = []
    for path in paths:  # each form read once (read-only), then checked
        form = read_form(path, cat)  # a report sent back is corrected on a form of its own date: not a stale form
        result = Imported(form, check_form(cat, form, today, files=files, reported=reported,
                                           force=force or form.as_of in back.get(form.unit or "", {})), root=root)
        result.diagnostics += _vet_files(result)
        results.append(result)
        progress(1)
    filled = {(r.form.unit, r.form.as_of): r.form.shown for r in results if not r.form.blank}
    seen: dict[tuple[str, dt.date], str] = {}
    for result in results:
        form = result.form
        unit, day = form.unit, form.as_of
        if result.errors or unit is None or day is None:
            continue
        if form.blank:
            other = filled.get((unit, day))
            result.diagnostics.append(form.at(warning(form.shown, "blank-form", msg(
                "blank-other" if other else "blank", unit=unit, date=day, other=other or ""),
                msg("blank_hint"), ("unit",))))
            continue
        if (unit, day) in seen:
            result.diagnostics.append(form.at(error(form.shown, "duplicate-report", msg(
                "twice", unit=unit, date=day, other=seen[unit, day]), msg("twice_hint"), ("unit",))))
            continue
        seen[unit, day] = form.shown
        shown = unit_files.get(unit)
        if shown in broken:
            result.diagnostics.append(form.at(error(form.shown, "broken-file", msg(
                "broken-file", unit=unit, file=shown), msg("broken-file_hint"), ("unit",))))
            continue
        result.target = Path(shown) if shown else folder / f"{unit}.yaml"
    groups: dict[Path, list[Imported]] = {}  # each unit's file, with its forms in the order given
    for result in results:
        if result.target is not None:
            groups.setdefault(result.target.resolve(), []).append(result)
    progress(sum(r.target is None for r in results))  # nothing to write for these
    with _all_locked(list(groups) if all_or_nothing else []):  # no writer between check and write
        for path, group in groups.items():
            with _all_locked([] if all_or_nothing else [path]):  # one unit's forms decided and written together
                _decide(cat, group, force, reason, today, returned=returned)
                if not all_or_nothing:
                    _write(cat, group, force, reason, today, returned=returned)
            progress(len(group))
        if all_or_nothing and any(r.errors for r in results):
            return results
        for group in groups.values() if all_or_nothing else ():
            _write(cat, group, force, reason, today, returned=returned)
    return results


def _decide(cat: Catalogue, group: list[Imported], force: bool, reason: str | None, today: dt.date | None,
            stored: bool = False, returned: Mapping[str, Mapping[dt.date, str]] | None = None) -> None:
    """One unit's forms, in order, each edit made on the text the one before it left (dry runs: nothing written),
    so that the file is written once (`_write`). With `stored`, the forms' evidence is stored already."""
    text: str | None = None
    for result in group:
        if result.errors:
            continue
        _record(cat, result, force, reason, today, dry_run=True, returned=returned, base=text, stored=stored)
        if result.batch is not None:
            text = result.batch.text


def _write(cat: Catalogue, group: list[Imported], force: bool, reason: str | None, today: dt.date | None,
           returned: Mapping[str, Mapping[dt.date, str]] | None = None) -> None:
    """Write one unit's file once, with the edits `_decide` made, after storing its forms' evidence files (and
    deciding again on them if they were stored under other names than planned); a failed write removes them."""
    done = [r for r in group if r.batch is not None and not r.errors]
    if not done or all(r.batch.unchanged and not r.batch.created_report for r in done):
        return
    try:
        got = [_attached(r, r.root, dry_run=False) for r in done]
        if any(g != r.attached for g, r in zip(got, done, strict=True)):
            for g, r in zip(got, done, strict=True):
                r.attached = g
            _decide(cat, done, force, reason, today, stored=True, returned=returned)  # a name taken meanwhile
            done = [r for r in done if r.batch is not None and not r.errors]
        if done:
            write_decided(done[0].target, done[0].batch.before, done[-1].batch.text)
        for result in done:
            result.written = not result.batch.unchanged
    except (RecordError, OSError) as exc:
        for result in done:
            _undo(result, result.root)
            result.batch = None
            result.diagnostics.append(error(str(result.target), "unwritable", *(
                (exc.said, exc.advice) if isinstance(exc, RecordError) else
                (msg("unwritable", why=os_reason(exc)), msg("unwritable_hint")))))
    except BaseException:
        for result in done:
            _undo(result, result.root)
        raise


def _all_locked(paths: list[Path]):
    """Every file's lock, taken in one order (so two batches never wait on each other), held until the last write:
    `--all-or-nothing` decides on the files as they are written, not as they were."""
    from contextlib import ExitStack

    from gdtrack.files.writing import locked

    stack = ExitStack()
    try:
        for path in sorted({p.resolve() for p in paths}):
            stack.enter_context(locked(path))
    except BaseException:
        stack.close()
        raise
    return stack


def _vet_files(result: Imported) -> list[Diagnostic]:
    """Each evidence file a form names, judged (nothing stored): a name that leaves the form's folder, a missing
    file or one refused (type, size, name) is an error at its cell."""
    form, out = result.form, []
    for index, names in form.files.items():
        loc: Loc = ("reports", 0, "entries", index, "files")
        for name in names:
            parts = name.replace("\\", "/").split("/")
            try:
                source = form.path.parent.joinpath(*parts)
                if (name.startswith(("/", "\\")) or ":" in parts[0] or any(p in ("", ".", "..") for p in parts)
                        or not source.resolve().is_relative_to(form.path.parent.resolve())):  # nor through a link
                    raise ev.EvidenceError("outside", file=name)
                result.files.setdefault(index, []).append(ev.vet_evidence(source))
            except ev.EvidenceError as exc:
                out.append(form.at(error(form.shown, "evidence-refused", exc.said, exc.advice, loc)))
    return out


def _attached(result: Imported, root: Path, dry_run: bool) -> dict[int, tuple[Attachment, ...]]:
    """Each entry's Attachments: those its files would get (a dry run), else those they got, stored now."""
    form, out = result.form, {}
    for index, vetted in result.files.items():
        if dry_run:
            out[index] = tuple(ev.plan_evidence(root, v, form.unit, form.as_of) for v in vetted)
            continue
        stored = [ev.store_vetted(root, v, form.unit, form.as_of) for v in vetted]
        result.stored += stored
        out[index] = tuple(a for a, _ in stored)
    return out


def _record(cat: Catalogue, result: Imported, force: bool, reason: str | None, today: dt.date | None,
            dry_run: bool, returned: Mapping[str, Mapping[dt.date, str]] | None = None, base: str | None = None,
            stored: bool = False) -> None:
    """Record one form (with `dry_run`, decide only: `result.batch.text` is the edit, made on `base` when given);
    its evidence files' Attachments are those planned, or with `stored` those they got (`result.attached`)."""
    form, root = result.form, result.root
    replies = [Reply(r["indicator"], r["measures"], r["by"]) for r in form.replies]
    requests = [Request(q["indicator"], q["to"], q["reason"], q["requested"]) for q in form.data.get("extensions", [])]
    try:
        if not stored:
            result.attached = _attached(result, root, dry_run)
        items = [Item(e["indicator"], e["value"], e.get("note"), e.get("evidence"),
                      attachments=result.attached.get(i, ())) for i, e in enumerate(form.entries)]
        result.batch = record_many(cat, result.target, form.unit, form.as_of, items, force=force, reason=reason,
                                   today=today, dry_run=dry_run, replies=replies, requests=requests,
                                   returned=(returned or {}).get(form.unit), base=base)
        result.written = not dry_run and not result.batch.unchanged
    except RecordError as exc:
        _undo(result, root)
        result.batch = None
        result.diagnostics += exc.diagnostics
        for refusal in exc.refusals:
            if refusal.index >= len(form.entries):  # a reply
                loc: Loc = ("responses", refusal.index - len(form.entries), "indicator")
                result.diagnostics.append(form.at(error(form.shown, "not-owned", refusal.said, refusal.advice, loc)))
                continue
            loc = ("reports", 0, "entries", refusal.index, "value")
            entry = form.entries[refusal.index]
            message, hint = refusal.said, refusal.advice
            if refusal.old is not None:
                message = msg("conflict", id=entry["indicator"], date=form.as_of, old=cell_text(zh_state(refusal.old)),
                             new=cell_text(zh_state(entry["value"])))
                hint = msg("conflict_hint" if not force else "no-reason_hint")
            result.diagnostics.append(form.at(error(form.shown, "conflict", message, hint, loc)))
    except OSError as exc:
        _undo(result, root)
        result.diagnostics.append(error(str(result.target), "unwritable",
                                        msg("unwritable", why=os_reason(exc)), msg("unwritable_hint")))
    except BaseException:
        _undo(result, root)
        raise


def _undo(result: Imported, root: Path) -> None:
    """Remove the evidence files this form's write stored anew: the figures and their files, or neither."""
    ev.discard(root, [a for a, new in result.stored if new])
    result.stored = []


def summary_line(result: Imported, lang: Lang = "zh") -> str:
    """One line per form, in `lang`: the form, its unit and date, and what became of its figures."""
    return worded(summary_said(result), lang)


def summary_said(result: Imported) -> Message:
    """One line per form: unit, date, and what became of its figures, as a Message."""
    form, batch = result.form, result.batch
    unit, day = form.unit, form.as_of
    what = (lambda lang: f"{'：' if lang == 'zh' else ': '}{unit} {day}") if unit and day else ""
    kw: dict[str, Any] = {"form": form.shown, "what": what}
    if result.errors:
        key = "line_bad"
        kw["refused"] = result.refused
    elif result.blank:
        key = "line_blank"
    elif not result.written and batch is not None and not batch.unchanged:
        key = "line_held"
    else:
        key = "line_ok"
        count = batch.count if batch is not None else (lambda _action: 0)
        kw |= {"recorded": count("recorded"), "unchanged": count("unchanged"), "changed": count("changed")}
        kw["changed"] = msg("line_changed", changed=kw["changed"]) if kw["changed"] else ""
        kw["replies"] = msg("line_replies", n=batch.replies) if batch is not None and batch.replies else ""
    return msg(key, **kw)
