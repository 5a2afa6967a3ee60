"""A catalogue and its progress folder, loaded and checked together: the models the engine needs,
the files that had to be left out, and every Diagnostic with its line filled in."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import field
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from gdtrack.checks.decisions import check_decisions, check_requests
from gdtrack.checks.nodes import apply_nodes, check_nodes, check_stated
from gdtrack.diagnostics import Diagnostic, errors_in, said, sort_key
from gdtrack.files.loading import LoadError, load, progress_paths, read_text
from gdtrack.files.project import decisions_beside, nodes_beside
from gdtrack.files.safeio import outside_link
from gdtrack.files.settling import settling
from gdtrack.files.unitnames import mismatch, stray_files
from gdtrack.models import Catalogue, DecisionsFile, NodesFile, ProgressFile
from gdtrack.values import Value, record
from gdtrack.words import Message, text
from gdtrack.words.foreign import os_reason

if TYPE_CHECKING:
    from gdtrack.engine.evaluation import Start
    from gdtrack.files.cache import Memo, ModelCache


def _rule(name: str) -> Callable[..., list[Diagnostic]]:
    """The check `name` of gdtrack.checks.rules, imported when it first runs: on a warm run every result comes
    from the memo, and the rules (with the numerals and targets they read) are not imported at all."""

    def run(*args: object, **kwargs: object) -> list[Diagnostic]:
        from gdtrack.checks import rules

        return getattr(rules, name)(*args, **kwargs)

    return run


@record
class Workspace(Value):
    """What one run read of a plan: the catalogue with its counted nodes, the nodes and decisions files, the
    progress files that loaded and why any other was left out, and every problem the checks found."""

    catalogue_path: str
    catalogue: Catalogue | None = None  # the plan's goals, with the nodes file's counted nodes in place
    nodes_path: str | None = None  # the nodes file read (None: there is none)
    nodes: NodesFile | None = None
    decisions_path: str | None = None  # the office's decisions file read (None: there is none)
    decisions: DecisionsFile | None = None  # reviews, extension decisions, closures
    progress: list[ProgressFile] = field(default_factory=list)
    left_out: dict[str, Message] = field(default_factory=dict)  # progress file → why it was left out
    found: list[Diagnostic] = field(default_factory=list)  # as the checks made them, without lines
    texts: dict[str, str] = field(default_factory=dict)  # filled only for files with problems, when asked
    unit_files: dict[str, str] = field(default_factory=dict)  # unit → its progress file (valid or not)
    sealed: set[str] = field(default_factory=set)  # files never to be opened, not even to quote a line
    not_reported: list[str] = field(default_factory=list)  # with require_reports: units missing the month
    read: list[str] = field(default_factory=list)  # every progress file read, valid or not
    carried: dict[str, Start] = field(default_factory=dict)  # start values from earlier plans (earlier.py)
    as_read: dict[str, ProgressFile] = field(default_factory=dict)  # each clean progress file whole, blanks kept

    @property
    def skipped(self) -> dict[str, str]:
        """Each progress file left out, with why in English (`left_out` has the Messages, to word in any
        language)."""
        return {path: text(why, "en") for path, why in self.left_out.items()}

    @cached_property
    def diagnostics(self) -> list[Diagnostic]:
        """Every problem with its line and column, in file order.

        Lines are looked up here, only when asked: the files with problems are read again and composed node by
        node, so loading them never kept their text or positions.
        """
        if not self.found:
            return []
        from gdtrack.files.parsing import locate

        self._read({d.path for d in self.found if d.line is None})
        return sorted(locate(self.found, self.texts), key=sort_key)

    @property
    def errors(self) -> list[Diagnostic]:
        return errors_in(self.found)

    def source_lines(self) -> dict[str, list[str]]:
        """The lines of the files that have problems, to quote them under their messages."""
        paths = {d.path for d in self.diagnostics}
        self._read(paths)
        return {p: t.splitlines() for p, t in self.texts.items() if p in paths}

    def _read(self, paths: set[str]) -> None:
        for path in paths - set(self.texts) - self.sealed:
            with contextlib.suppress(LoadError):  # unreadable: its message says so, without a line
                self.texts[path] = read_text(path)


def open_workspace(
    catalogue_path: str | os.PathLike[str],
    progress_dir: str | os.PathLike[str] | None = None,
    *,
    source: str | os.PathLike[str] | None = None,
    nodes: str | os.PathLike[str] | None = None,
    decisions: str | os.PathLike[str] | None = None,
    as_of: dt.date | None = None,
    require_reports: bool = False,
    today: dt.date | None = None,
    cache: ModelCache | None = None,
) -> Workspace:
    """Load and check everything. Never raises for bad content; see `.diagnostics` and `.skipped`.

    `as_of` is the office's query date: reports older than the month before it are flagged as stale (without
    it, today is used while the plan period runs). `require_reports` asks every owning unit for a report dated
    in the month of `as_of`. With a `cache`, files whose exact bytes loaded cleanly before are not parsed again.
    `nodes`: the nodes file (节点目标 the plan does not state); by default the one beside the catalogue, if any;
    `decisions` the office's decisions file (reviews, extensions, closures), the same way.
    """
    today = today or dt.date.today()
    with settling() as settle:  # each file's models out of the cyclic collector's way while the rest load
        ws = Workspace(str(catalogue_path))
        memo = _memo(cache, catalogue_path, progress_dir)
        loaded = load(catalogue_path, Catalogue, str(catalogue_path), cache)
        ws.found += loaded.diagnostics
        cat = ws.catalogue = loaded.model
        loaded.data = None  # the catalogue's parsed YAML (as large as its models), not held while the folder is read
        settle()
        state = (loaded.digest,)  # what the checks' results depend on: the catalogue's bytes, then the nodes file's
        if cat is not None:
            ws.found += memo.get(("catalogue", *state, loaded.path),
                                 partial(_rule("check_catalogue"), cat, loaded.path))
            if source is not None:
                try:
                    from gdtrack.checks.rules import check_source
                    from gdtrack.checks.targets import check_numbers
                    from gdtrack.files.documents import plan_text

                    ws.found += check_source(cat, loaded.path, plan_text(source), str(source))
                    ws.found += check_numbers(cat, loaded.path)  # every number of the plan accounted for
                    ws.found += check_stated(cat, loaded.path)  # the catalogue's nodes are the plan's own
                except LoadError as exc:
                    ws.found.append(exc.diagnostic)
            state += _load_nodes(ws, cat, nodes, cache, memo)
            cat = ws.catalogue
        digests: list[bytes] = []  # of the files in ws.progress
        if progress_dir is not None and Path(progress_dir).is_dir():
            try:
                _load_progress(ws, cat, Path(progress_dir), today, as_of, require_reports, cache,
                               (memo, state, digests), settle)
            except OSError as exc:  # the folder cannot be listed (permissions, a vanished mount): one message
                ws.found.append(said(str(progress_dir), "unreadable", "folder", why=os_reason(exc)))
        elif progress_dir is not None and Path(progress_dir).exists():
            ws.found.append(said(str(progress_dir), "not-a-folder", "progress"))
        if cat is not None:
            ws.found += memo.get(("baselines", *state, loaded.path, tuple(digests)),
                                 partial(_rule("check_baselines"), cat, loaded.path, ws.progress))
            _load_decisions(ws, cat, decisions, today, cache)
        memo.save()
        return ws


def _load_decisions(ws: Workspace, cat: Catalogue, decisions: str | os.PathLike[str] | None, today: dt.date,
                    cache: ModelCache | None) -> None:
    """The office's decisions file, checked against the catalogue and the progress files read."""
    path = Path(decisions) if decisions is not None else decisions_beside(ws.catalogue_path)
    if decisions is None and not path.is_file():
        return
    ws.decisions_path = shown = str(path)
    loaded = load(path, DecisionsFile, shown, cache)
    ws.found += loaded.diagnostics
    if loaded.model is not None:
        ws.decisions = loaded.model
        ws.found += check_decisions(cat, loaded.model, shown, ws.progress, today)


def _load_nodes(ws: Workspace, cat: Catalogue, nodes: str | os.PathLike[str] | None,
                cache: ModelCache | None, memo: Memo | _NoMemo) -> tuple[str | bytes, ...]:
    """The nodes file, checked against the catalogue; its counted nodes join the catalogue the engine reads.
    Returns what the checks' results then depend on besides the catalogue."""
    path = Path(nodes) if nodes is not None else nodes_beside(ws.catalogue_path)
    if nodes is None and not path.is_file():
        return ()
    ws.nodes_path = shown = str(path)
    loaded = load(path, NodesFile, shown, cache)
    ws.found += loaded.diagnostics
    if loaded.model is not None:
        ws.nodes = model = loaded.model
        state = (shown, loaded.digest)
        ws.found += memo.get(("nodes", *state, ws.catalogue_path), partial(check_nodes, cat, model, shown))
        ws.catalogue = apply_nodes(cat, model)
        return state
    return (shown, b"invalid")


def _load_progress(ws: Workspace, cat: Catalogue | None, folder: Path, today: dt.date, as_of: dt.date | None,
                   require_reports: bool, cache: ModelCache | None,
                   memo: tuple[Memo | _NoMemo, tuple, list[bytes]], settle: Callable[[], None]) -> None:
    reference = as_of
    if reference is None and cat is not None and cat.plan.period_start <= today <= cat.plan.period_end:
        reference = today
    by_unit: dict[str, tuple[str, ProgressFile]] = {}
    memo, state, digests = memo
    unit_digests: list[tuple[str, str, bytes]] = []
    strays = stray_files(folder)  # named, never opened: not even to quote their first line
    ws.found += strays
    ws.sealed |= {d.path for d in strays}
    for path in progress_paths(folder):
        shown = str(path)
        ws.read.append(shown)
        refused = outside_link(path, folder, shown)  # a link out of the folder, a loop: never opened
        if refused is not None:
            ws.found.append(refused)
            ws.left_out[shown] = refused.said
            ws.sealed.add(shown)
            continue
        pf = load(path, ProgressFile, shown, cache)
        settle()  # its models live until the run ends: the collector need not look at them again
        unit = pf.model.unit if pf.model else pf.data.get("unit") if isinstance(pf.data, dict) else None
        if isinstance(unit, str):
            ws.unit_files.setdefault(unit, shown)
        found = list(pf.diagnostics)
        if pf.model is not None and (wrong := mismatch(path, pf.model.unit, shown)) is not None:
            found.append(wrong)
        if pf.model is not None and cat is not None:
            found += memo.get(("progress", *state, pf.digest, shown, today, reference),
                              partial(_rule("check_progress"), cat, pf.model, shown, today=today, reference=reference))
            found += check_requests(cat, pf.model, shown)
            if pf.model.unit in by_unit:
                found.append(said(shown, "duplicate-unit", "unit", ("unit",), unit=pf.model.unit,
                                  other=by_unit[pf.model.unit][0]))
            else:
                by_unit[pf.model.unit] = (shown, pf.model)
                unit_digests.append((pf.model.unit, shown, pf.digest))
        ws.found += found
        problems = errors_in(found)
        if problems:
            ws.left_out[shown] = (Message("workspace.more", first=problems[0].said, n=len(problems) - 1)
                                  if len(problems) > 1 else problems[0].said)
        elif pf.model is not None:
            digests.append(pf.digest)
            ws.progress.append(pf.model.reported())  # blank entries (a template's) are checked, not counted
            ws.as_read[shown] = pf.model
    if cat is not None:
        ws.found += memo.get(("co-leads", *state, tuple(unit_digests)), partial(_rule("check_co_leads"), cat, by_unit))
    if require_reports and cat is not None:
        from gdtrack.checks.rules import check_reporting, missing_reports

        ws.found += check_reporting(cat, by_unit, as_of or today, str(folder))
        ws.not_reported = missing_reports(cat, by_unit, as_of or today)


class _NoMemo:
    """Every result computed: no cache."""

    def get(self, key: tuple, compute: Callable[[], list[Diagnostic]]) -> list[Diagnostic]:  # noqa: ARG002
        return compute()

    def save(self) -> None:
        pass


def _memo(cache: ModelCache | None, catalogue: str | os.PathLike[str],
          progress: str | os.PathLike[str] | None) -> Memo | _NoMemo:
    """The results of the checks of earlier runs on this catalogue and folder (gdtrack.files.cache.Memo), by the
    digests of the files they read: a warm run on unchanged files checks nothing again."""
    if cache is None:
        return _NoMemo()
    from gdtrack.files.cache import Memo

    where = [os.path.abspath(catalogue), os.path.abspath(progress) if progress is not None else ""]
    return Memo(cache, "checks\0" + "\0".join(where))
