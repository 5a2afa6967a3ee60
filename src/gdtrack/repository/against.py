"""`check --against REF`: what was merged is history, wherever its files are now.

The commit compared with is where the branch left REF (their merge base). Every plan that commit's gdtrack.toml
names (else its data/progress) is compared with the same plan now, wherever gdtrack.toml puts it:

- a plan gone from gdtrack.toml (`plan-removed`), a progress folder moved without `moved = {from, reason}`
  (`progress-moved`), a unit's file gone (`removed-file`), a progress folder or file that is a symlink
  (`history-symlink`: a link can point anywhere, with no history);
- in each unit's file: a report removed (`removed-report`), a figure changed or removed (`revised-figure`), a
  note or evidence of a past figure changed (`revised-entry`), a start value (`revised-baseline`) or a reply
  (`revised-reply`) changed or removed, a report or figure dated before the newest period already reported
  (`backdated-report`);
- in the catalogue: a goal removed, or its target, comparator, due date, owner, 力争, measure or start value
  changed, or the policy changed (`catalogue-changed`);
- the office's decisions file is a log: a merged review, extension decision or closure changed or removed, or
  the file gone (`decisions-rewritten`, always an error: a decision is corrected by a later one); a unit's merged
  request for more time changed or removed (`revised-request`).

A change that carries `revised: {reason: …}` (with visible words) is a warning the office sees; without it, an
error. Filling a blank past value, and writing a milestone word in Chinese instead of English or back, change
nothing. Git is read with the `git` command, as in gdtrack.repository.revisions.
"""

from __future__ import annotations

import posixpath
import subprocess
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdtrack.diagnostics import Diagnostic, Loc, error, warning
from gdtrack.models import Catalogue, ProgressFile, milestone_state
from gdtrack.repository.revisions import base_commit, blobs, git, line_in, old_model, relative, repo_root, shown_value
from gdtrack.values import Frozen, Value, frozen, record
from gdtrack.words import Message

if TYPE_CHECKING:
    from gdtrack.checks.workspace import Workspace
    from gdtrack.repository.opened import Located

def say(key: str, **values: Any) -> Message:
    """The message `against.<key>` of gdtrack/words (`gone_hint`, `changed_hint` … are revisions.*)."""
    return Message(f"revisions.{key}" if key in _REVISIONS else f"against.{key}", values)


_REVISIONS = frozenset({"changed", "revised", "gone_figure", "gone_report", "changed_hint", "gone_hint"})
DEFAULT_PROGRESS = "data/progress"
GOAL_FIELDS = ("target", "comparator", "due", "owner", "stretch", "measure", "baseline", "baseline_from")


@frozen
class Then(Frozen):
    """Where a plan's files were at the commit compared with (paths from the repository's root)."""

    progress: str
    catalogue: str
    decisions: str = ""  # its decisions file (gdtrack.toml's `decisions`, else beside the catalogue)


@record
class Now(Value):
    """A plan as it is: its files, why its progress folder moved (if it did), and where to say so."""

    progress: Path
    catalogue: Path
    nodes: Path | None
    moved: tuple[str, str] | None
    where: str
    removed: dict[str, str] = field(default_factory=dict)  # unit → why its file was removed (gdtrack.toml)
    decisions: Path | None = None  # its decisions file, when gdtrack.toml names one


def against(ws: Workspace, located: Located, ref: str) -> list[Diagnostic]:
    """Every change to what REF's merge base holds, of every plan (see the module's text)."""
    project = located.project
    root = repo_root(project.root if project is not None else located.catalogue.absolute().parent)
    base = base_commit(root, ref)
    then = _plans_then(root, base, located)
    now = _plans_now(located)
    out: list[Diagnostic] = []
    for name, was in then.items():
        if name not in now:
            shown = str(project.toml) if project is not None else str(located.progress)
            out.append(error(shown, "plan-removed", say("plan_gone", plan=name, ref=ref),
                             say("plan_gone_hint", plan=name)))
            continue
        plan = now[name]
        links = _links(plan.progress)
        out += links
        if links:
            continue  # a link has no history of its own: nothing behind it is compared
        where = relative(plan.progress, root)
        if where != was.progress and (plan.moved is None or plan.moved[0] != was.progress):
            out.append(error(plan.where, "progress-moved", say("moved", now=where, was=was.progress, ref=ref),
                             say("moved_hint", was=was.progress)))
        current = ws if plan.progress == located.progress else _opened(plan)
        out += _units(current, root, base, was.progress, plan, ref)
        if current.catalogue is not None:
            out += _catalogue(current, root, base, was.catalogue, ref)
            out += _decisions(current, root, base, was.decisions, ref)
    return out


def _plans_then(root: Path, base: str, located: Located) -> dict[str, Then]:
    """Each plan of the commit compared with: from its gdtrack.toml, else its data/progress and catalogue."""
    import tomllib

    project = located.project
    toml = relative(project.toml, root) if project is not None else "gdtrack.toml"
    (raw,) = blobs(root, [f"{base}:{toml}"])
    plans: dict[str, Then] = {}
    if raw is not None:
        try:
            data = tomllib.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            data = {}
        folder = posixpath.dirname(toml)
        for name, entry in (data.get("plans") or {}).items():
            if isinstance(entry, dict) and isinstance(entry.get("progress"), str):
                catalogue = _norm(folder, str(entry.get("catalogue", "")))
                decisions = entry.get("decisions")
                plans[name] = Then(_norm(folder, entry["progress"]), catalogue,
                                   _norm(folder, decisions) if isinstance(decisions, str) else _beside(catalogue))
    if not plans:  # no gdtrack.toml then: data/progress if a gdtrack.toml has moved it since, else where it is now
        listed = project is not None and git(["ls-tree", "--name-only", base, "--", DEFAULT_PROGRESS], root).strip()
        name = located.plan.name if located.plan is not None else ""
        catalogue = relative(located.catalogue, root)
        plans[name] = Then(DEFAULT_PROGRESS if listed else relative(located.progress, root), catalogue,
                           _beside(catalogue))
    if project is None and "" not in plans:  # gdtrack.toml gone: the run's folder stands for the newest plan
        plans = {"": plans[max(plans)]}
    return plans


def _plans_now(located: Located) -> dict[str, Now]:
    project = located.project
    if project is None:
        return {"": Now(located.progress, located.catalogue, None, None, str(located.progress))}
    out = {name: Now(p.progress, p.catalogue, p.nodes, p.moved, p.where, p.removed, p.decisions)
           for name, p in project.plans.items()}
    if located.plan is not None:  # the run's own --catalogue/--progress stand for its plan
        out[located.plan.name] = Now(located.progress, located.catalogue, located.nodes, located.plan.moved,
                                     located.plan.where, located.plan.removed, located.decisions)
    return out


def _beside(catalogue: str) -> str:
    from gdtrack.files.project import decisions_beside

    return decisions_beside(catalogue).as_posix() if catalogue else ""


def _norm(folder: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(folder, path)) if path else ""


def _opened(plan: Now) -> Workspace:
    from gdtrack.checks.workspace import open_workspace

    return open_workspace(plan.catalogue, plan.progress, nodes=plan.nodes, decisions=plan.decisions)


def _links(folder: Path) -> list[Diagnostic]:
    """A progress folder (or a folder above it) or a progress file that is a symlink: its target has no history."""
    out = []
    if any(p.is_symlink() for p in (folder, *folder.absolute().parents)):
        out.append(error(str(folder), "history-symlink", say("link_folder", folder=folder), say("link_hint")))
    elif folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix in (".yaml", ".yml") and path.is_symlink():
                out.append(error(str(path), "history-symlink", say("link_file", path=path), say("link_hint")))
    return out


# ── the units' files ───────────────────────────────────────────────────────────────────────────


def _units(ws: Workspace, root: Path, base: str, was: str, plan: Now, ref: str) -> list[Diagnostic]:
    folder = plan.progress
    try:
        listing = git(["ls-tree", "-z", "--name-only", base, "--", f"{was}/"], root)
    except subprocess.CalledProcessError:
        return []
    names = [n for n in listing.decode("utf-8", "surrogateescape").split("\0")
             if n.endswith((".yaml", ".yml")) and not posixpath.basename(n).startswith(".")]
    now = {pf.unit: pf for pf in ws.progress}
    out: list[Diagnostic] = []
    for name, raw in zip(names, blobs(root, [f"{base}:{n}" for n in names]), strict=True):
        old, old_text = old_model(raw, name)
        if old is None:
            continue
        shown = ws.unit_files.get(old.unit)
        new = now.get(old.unit)
        if new is None and shown is not None:
            continue  # the unit's file has errors now: `check` reports them already
        if new is None:
            fields = {"unit": old.unit, "path": name, "ref": ref, "n": len(old.reports)}
            if old.unit in plan.removed:  # recorded in gdtrack.toml: said, not failed
                out.append(warning(str(folder), "removed-file", say("gone_file_revised", reason=plan.removed[old.unit],
                                                                     **fields)))
            else:
                out.append(error(str(folder), "removed-file", say("gone_file", **fields), say("gone_file_hint")))
            continue
        out += compare(old, old_text, new, shown, ref)
    return out


def compare(old: ProgressFile, old_text: str, new: ProgressFile, shown: str, ref: str) -> list[Diagnostic]:
    """What `new` changed or removed of `old` (the same unit's file at the commit compared with)."""
    out: list[Diagnostic] = []
    reports = {r.as_of: (ri, r) for ri, r in reversed(list(enumerate(new.reports)))}
    for ori, was in enumerate(old.reports):
        if was.as_of not in reports:
            if any(e.value is not None for e in was.entries) or not was.entries:
                line = line_in(old_text, ("reports", ori, "as_of"))
                out.append(error(shown, "removed-report", say("gone_report", day=was.as_of, line=line, ref=ref,
                                                               n=len(was.entries)), say("gone_hint"), ("reports",)))
            continue
        ri, report = reports[was.as_of]
        entries = {e.indicator: (ei, e) for ei, e in reversed(list(enumerate(report.entries)))}
        for oei, old_entry in enumerate(was.entries):
            if old_entry.value is None:
                continue  # a blank line (a template's) held no figure: filling it in is reporting, not revising
            ei, entry = entries.get(old_entry.indicator, (None, None))
            fields = {"ind": old_entry.indicator, "day": was.as_of, "old": shown_value(old_entry.value), "ref": ref,
                      "line": line_in(old_text, ("reports", ori, "entries", oei, "value"))}
            if entry is None:
                out.append(error(shown, "revised-figure", say("gone_figure", **fields), say("gone_hint"),
                                 ("reports", ri, "as_of")))
                continue
            loc = ("reports", ri, "entries", ei, "value")
            if milestone_state(entry.value) != milestone_state(old_entry.value):  # 推进中 is in_progress
                fields["new"] = shown_value(entry.value)
                if entry.revised is not None:
                    out.append(warning(shown, "revised-figure", say("revised", reason=entry.revised.reason, **fields),
                                       None, loc))
                else:
                    out.append(error(shown, "revised-figure", say("changed", **fields), say("changed_hint"), loc))
            elif (entry.note, entry.evidence) != (old_entry.note, old_entry.evidence):
                out += _changed(shown, "revised-entry", entry.revised, ("reports", ri, "entries", ei),
                                "entry", **fields)
            elif gone := [a.file for a in old_entry.attachments if a not in entry.attachments]:  # adding is not
                out += _changed(shown, "revised-entry", entry.revised, ("reports", ri, "entries", ei),  # revising
                                "entry_files", files="、".join(gone), **fields)
    out += _backdated(old, new, shown)
    out += _baselines(old, new, shown, ref)
    out += _responses(old, new, shown, ref)
    out += _requests(old, new, shown, ref)
    return out


def _requests(old: ProgressFile, new: ProgressFile, shown: str, ref: str) -> list[Diagnostic]:
    """Requests for more time are append-only: each merged one is still there as it was."""
    now = set(new.extensions)
    return [error(shown, "revised-request", say("request_gone", ind=q.indicator, to=q.to, ref=ref),
                  say("log_hint"), ("extensions",)) for q in old.extensions if q not in now]


def _changed(shown: str, code: str, revised: Any, loc: Loc, key: str, **fields: Any) -> list[Diagnostic]:
    """A change to merged history (`against.<key>`): a warning with its reason when it has `revised` (the words of
    `<key>_revised`), else an error."""
    if revised is not None:
        return [warning(shown, code, say(f"{key}_revised", reason=revised.reason, **fields), None, loc)]
    return [error(shown, code, say(key, **fields), say("changed_hint"), loc)]


def _backdated(old: ProgressFile, new: ProgressFile, shown: str) -> list[Diagnostic]:
    """Figures added since, dated before the newest period the file had already reported: each needs a reason."""
    dated = [r.as_of for r in old.reports if any(e.value is not None for e in r.entries)]
    if not dated:
        return []
    newest = max(dated)
    had = {(r.as_of, e.indicator) for r in old.reports for e in r.entries}
    out = []
    for ri, report in enumerate(new.reports):
        if report.as_of >= newest:
            continue
        for ei, entry in enumerate(report.entries):
            if entry.value is not None and (report.as_of, entry.indicator) not in had:
                loc = ("reports", ri, "entries", ei, "indicator")
                fields = {"ind": entry.indicator, "day": report.as_of, "newest": newest}
                if entry.revised is not None:
                    out.append(warning(shown, "backdated-report", say("backdated_revised", reason=entry.revised.reason,
                                                                       **fields), None, loc))
                else:
                    out.append(error(shown, "backdated-report", say("backdated", **fields), say("backdated_hint"),
                                     loc))
    return out


def _baselines(old: ProgressFile, new: ProgressFile, shown: str, ref: str) -> list[Diagnostic]:
    now = {b.indicator: (bi, b) for bi, b in reversed(list(enumerate(new.baselines)))}
    out = []
    for was in old.baselines:
        bi, b = now.get(was.indicator, (None, None))
        fields = {"ind": was.indicator, "old": shown_value(was.value), "ref": ref}
        if b is None:
            out.append(error(shown, "revised-baseline", say("baseline_gone", **fields), say("gone_hint"),
                             ("baselines",)))
        elif (b.value, b.evidence, b.note) != (was.value, was.evidence, was.note):
            fields["new"] = shown_value(b.value)
            out += _changed(shown, "revised-baseline", b.revised, ("baselines", bi, "value"),
                            "baseline", **fields)
    return out


def _responses(old: ProgressFile, new: ProgressFile, shown: str, ref: str) -> list[Diagnostic]:
    """Replies are append-only: each merged reply is still there as it was (measures, 时限, date of reply)."""
    def key(r: Any) -> tuple:
        return r.indicator, r.measures, r.by, r.replied

    now = [key(r) for r in new.responses]
    out = []
    for ri, was in enumerate(old.responses):
        if key(was) in now:
            continue
        same = new.responses[ri] if ri < len(new.responses) and new.responses[ri].indicator == was.indicator \
            else None
        fields = {"ind": was.indicator, "by": was.by, "ref": ref}
        if same is None:
            out.append(error(shown, "revised-reply", say("reply_gone", **fields), say("gone_hint"), ("responses",)))
        else:
            out += _changed(shown, "revised-reply", same.revised, ("responses", ri, "measures"),
                            "reply", **fields)
    return out


# ── the catalogue ──────────────────────────────────────────────────────────────────────────────


def _catalogue(ws: Workspace, root: Path, base: str, was: str, ref: str) -> list[Diagnostic]:
    from gdtrack.diagnostics import LoadError
    from gdtrack.files.loading import decode, validate
    from gdtrack.files.parsing import parse_yaml

    (raw,) = blobs(root, [f"{base}:{was}"]) if was else (None,)
    if raw is None:
        return []
    try:
        old, _ = validate(parse_yaml(decode(raw, was), was), Catalogue, was)
    except LoadError:
        return []
    if old is None:
        return []
    cat, shown = ws.catalogue, ws.catalogue_path
    where = {ind.id: (ti, ii, ind) for ti, t in enumerate(cat.tasks) for ii, ind in enumerate(t.indicators)}
    out: list[Diagnostic] = []
    for _, was_ind in old.indicators():
        if was_ind.id not in where:
            out.append(error(shown, "catalogue-changed", say("goal_gone", id=was_ind.id, ref=ref),
                             say("goal_gone_hint"), ("tasks",)))
            continue
        ti, ii, ind = where[was_ind.id]
        changed = [f for f in GOAL_FIELDS if getattr(ind, f) != getattr(was_ind, f)]
        if changed:
            fields = {"id": ind.id, "fields": ", ".join(f"{f}: {_field(getattr(was_ind, f))} → "
                                                        f"{_field(getattr(ind, f))}" for f in changed), "ref": ref}
            out += _changed(shown, "catalogue-changed", ind.revised, ("tasks", ti, "indicators", ii, "id"),
                            "goal", **fields)
    policy, was_policy = cat.plan.policy, old.plan.policy
    if replace(policy, revised=None) != replace(was_policy, revised=None):
        out += _changed(shown, "catalogue-changed", policy.revised, ("plan", "policy"),
                        "policy", ref=ref)
    return out


def _decisions(ws: Workspace, root: Path, base: str, was: str, ref: str) -> list[Diagnostic]:
    """The office's merged decisions are all still there, unchanged and in their place (a log: appended only)."""
    from gdtrack.diagnostics import LoadError
    from gdtrack.files.loading import decode, validate
    from gdtrack.files.parsing import parse_yaml
    from gdtrack.models import DecisionsFile

    (raw,) = blobs(root, [f"{base}:{was}"]) if was else (None,)
    if raw is None:
        return []
    try:
        old, _ = validate(parse_yaml(decode(raw, was), was), DecisionsFile, was)
    except LoadError:
        return []
    if old is None:
        return []
    new, shown = ws.decisions, ws.decisions_path or was
    if new is None:
        if ws.decisions_path is not None:
            return []  # the file has errors now: `check` reports them already
        return [error(shown, "decisions-rewritten", say("decisions_gone", path=was, ref=ref), say("log_hint"))]
    out: list[Diagnostic] = []
    for kind in ("reviews", "extensions", "closures"):
        then, now = getattr(old, kind), getattr(new, kind)
        for i, entry in enumerate(then):
            if i >= len(now) or now[i] != entry:
                out.append(error(shown, "decisions-rewritten", say("decision_changed", kind=kind, n=i + 1, ref=ref),
                                 say("log_hint"), (kind, min(i, len(now) - 1)) if now else (kind,)))
                break  # the rest of the list has moved with it: said once
    return out


def _field(value: Any) -> str:
    return "—" if value is None else shown_value(value) if isinstance(value, float | int) else str(value)
