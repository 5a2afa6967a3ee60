"""The office's decisions written down: reviews of reports (审核: accept, or send back with a reason), decisions on
extension requests (延期审批) and closures (销号), each appended to the plan's decisions file
(decisions_2023.yaml beside tasks_2023.yaml, or where gdtrack.toml's `decisions` says), and a unit's request for
more time (延期申请), added to its progress file.

The decisions file is a log: an entry is appended, never changed, and says who decided, on which day and why
(`check --against` fails on an entry changed or removed once merged). Each write is read → append → validate →
rename under the file's lock, like every write of a progress file: it is whole or not at all, and a write that
`check` would refuse is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gdtrack.engine.decisions import Extension, digest
from gdtrack.files.writing import atomic_write, load_roundtrip, locked
from gdtrack.models import Closure, ExtensionDecision, ReviewDecision, plain_data
from gdtrack.repository.opened import Repository, RepositoryError
from gdtrack.values import Frozen, frozen

USER_ENV = "GDTRACK_USER"
"""Who decides, when --by is not given: this variable, else the login name."""


def decider(by: str | None) -> str:
    """The name written as `by:`: the one given, else $GDTRACK_USER, else the login name."""
    name = (by or os.environ.get(USER_ENV) or "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name on this system (a container): ask for it
            name = ""
    if not name:
        raise RepositoryError("decide.no_by", "decide.no_by_hint")
    return name


def _day(day: dt.date | None, today: dt.date | None) -> dt.date:
    today = today or dt.date.today()
    day = day or today
    if day > today:
        raise RepositoryError("decide.future", "decide.future_hint", day=day, today=today)
    return day


@frozen
class Written(Frozen):
    """What a decision wrote: the entry, the file, and whether it made the file."""

    entry: Any
    path: Path
    created: bool


def review_report(repo: Repository, unit: str, as_of: dt.date, accept: bool, reason: str | None, by: str | None,
                  day: dt.date | None = None, today: dt.date | None = None) -> Written:
    """审核: accept the unit's report of `as_of`, or send it back with `reason`. The report's figures as reviewed are
    kept as a digest: a later change is a resubmission (after a return) or no longer what was accepted."""
    name = repo.unit(unit)
    report = next((r for pf in repo.progress if pf.unit == name for r in pf.reports if r.as_of == as_of), None)
    if report is None or not report.entries:
        dates = [r.as_of.isoformat() for pf in repo.progress if pf.unit == name for r in pf.reports if r.entries]
        raise RepositoryError("decide.no_report", "decide.no_report_hint", unit=name, date=as_of,
                              hint_values={"dates": "、".join(dates) or "—", "unit": name})
    if not accept and not (reason or "").strip():
        raise RepositoryError("decide.need_reason", "decide.need_reason_hint")
    day = _day(day, today)
    if day < as_of:
        raise RepositoryError("decide.before_report", "decide.future_hint", day=day, date=as_of, today=day)
    state = repo.office(day).review(name, as_of)
    fingerprint = digest(report)
    if state.latest is not None and state.latest.digest == fingerprint and \
            state.latest.decision == ("accept" if accept else "return"):
        raise RepositoryError("decide.same", "decide.same_hint", code=1, unit=name, date=as_of,
                              day=state.latest.decided, by=state.latest.by)
    entry = ReviewDecision(unit=name, as_of=as_of, decision="accept" if accept else "return",
                           reason=(reason or "").strip() or None, by=decider(by), decided=day, digest=fingerprint)
    return _append(repo, "reviews", entry)


def decide_extension(repo: Repository, unit: str, goal: str, approve: bool, reason: str | None, by: str | None,
                     day: dt.date | None = None, today: dt.date | None = None) -> tuple[Written, Extension]:
    """延期审批: approve the unit's latest request for more time on `goal`, or refuse it with `reason`."""
    name = repo.unit(unit)
    day = _day(day, today)
    ext = repo.office(day).extensions.get(goal)
    if ext is None or ext.unit != name:
        raise RepositoryError("decide.no_request", "decide.no_request_hint", unit=name, id=goal,
                              hint_values={"unit": name, "id": goal})
    if ext.decision is not None:
        raise RepositoryError("decide.decided", "decide.decided_hint", code=1, unit=name, id=goal, to=ext.request.to,
                              day=ext.decision.decided, by=ext.decision.by, hint_values={"unit": name, "id": goal})
    if not approve and not (reason or "").strip():
        raise RepositoryError("decide.need_reason", "decide.need_reason_hint")
    entry = ExtensionDecision(unit=name, goal=goal, to=ext.request.to, decision="approve" if approve else "refuse",
                              reason=(reason or "").strip() or None, by=decider(by), decided=day)
    return _append(repo, "extensions", entry), ext


def close_goal(repo: Repository, goal: str, reason: str, by: str | None, evidence: str | None = None,
               day: dt.date | None = None, today: dt.date | None = None, attach: Sequence[Path] = ()) -> Written:
    """销号: close `goal` with `reason` (and the evidence, in words, and as files: `attach`, stored as the office's
    evidence, gdtrack.repository.evidence); it keeps the status it has on that day. Every file is judged before any
    is stored, and the files stored anew are removed again if the decision cannot be written."""
    if goal not in repo.catalogue.by_id:
        raise RepositoryError("cli.no_indicator", "cli.indicator_hint", id=goal, hint_values={"example": "1.1"})
    if not (reason or "").strip():
        raise RepositoryError("decide.need_reason", "decide.need_reason_hint")
    day = _day(day, today)
    done = repo.office(dt.date.max).closed(goal)
    if done is not None:
        raise RepositoryError("decide.closed", "decide.closed_hint", code=1, id=goal, day=done.decided, by=done.by)
    from gdtrack.repository import evidence as ev

    who = decider(by)
    root = ev.evidence_root(repo.located)
    try:
        vetted = [ev.vet_evidence(Path(source)) for source in attach]
    except ev.EvidenceError as exc:
        raise RepositoryError(exc.said.key, exc.advice.key, hint_values=dict(exc.advice.values),
                              **dict(exc.said.values)) from None
    stored = [ev.store_vetted(root, v, None, day) for v in vetted]
    entry = Closure(goal=goal, reason=reason.strip(), by=who, decided=day, evidence=(evidence or "").strip() or None,
                    attachments=[a for a, _ in stored])
    try:
        return _append(repo, "closures", entry)
    except BaseException:
        ev.discard(root, [a for a, new in stored if new])
        raise


_HEADER = ("# 督查督办部门的决定：审核、延期审批、销号（由 gdtrack review / close 追加，已合并的记录不得修改）\n"
           "# The office's decisions: reviews, extension decisions, closures (appended by gdtrack review and close;\n"
           "# an entry once merged is never changed).\n")


def _append(repo: Repository, kind: str, entry: Any) -> Written:
    """Append `entry` to the list `kind` of the plan's decisions file: read → append → validate → rename, under
    the file's lock."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from gdtrack.checks.decisions import check_decisions
    from gdtrack.diagnostics import errors_in
    from gdtrack.files.loading import LoadError, validate
    from gdtrack.files.parsing import locate, parse_yaml
    from gdtrack.models import DecisionsFile

    path = repo.located.decisions_file
    cat = repo.catalogue
    fields = CommentedMap()
    for key, value in plain_data(entry, drop_none=True).items():
        if key in ("goal",):
            value = DoubleQuotedScalarString(value)
        elif isinstance(value, dt.date):  # a date object of its own: a shared one would be written as an *alias
            value = dt.date.fromordinal(value.toordinal())
        if value == [] or value is None:
            continue
        fields[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        created = not path.exists()
        text = (f"{_HEADER}plan: {cat.plan.document_number}\n" if created
                else path.read_text(encoding="utf-8-sig"))
        try:
            doc = load_roundtrip(text)
        except Exception:  # noqa: BLE001 - ruamel's errors have no common base; none may escape
            raise RepositoryError("cli.decisions_errors", "cli.run_check", code=1, path=path, n=1) from None
        if doc.data.get(kind) is None:
            doc.data[kind] = CommentedSeq()
        doc.data[kind].append(fields)
        new = doc.dump()
        shown = str(path)
        try:
            model, problems = validate(parse_yaml(new, shown), DecisionsFile, shown)
        except LoadError as exc:
            model, problems = None, [exc.diagnostic]
        if model is not None:
            problems = errors_in(check_decisions(cat, model, shown, repo.progress, dt.date.max))
        if problems:
            raise RepositoryError("decide.would_fail", "cli.run_check", code=1, path=path, n=len(problems),
                                  diagnostics=locate(problems, {shown: new}), lines={shown: new.splitlines()})
        atomic_write(path, new)
    return Written(entry, path, created)
