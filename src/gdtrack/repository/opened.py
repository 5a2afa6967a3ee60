"""An opened data repository: the library the CLI calls, usable from Python without Typer.

    from gdtrack.repository.opened import open_repository

    repo = open_repository()                     # gdtrack.toml from here up (its latest plan), else data/…
    snap = repo.snapshot("2023-09-30")           # one evaluation of the plan, with its start values
    for r in snap.shown.results:
        print(r.id, r.status, r.completion)
    print([e.id for e in snap.supervised])       # 督办 or above

One place decides which catalogue and progress folder a run uses (`locate`: --catalogue/--progress, else the plan
of gdtrack.toml, else data/tasks_2023.yaml and data/progress), loads and checks them (checks.workspace), resolves
the start values that `baseline_from` takes from earlier plans, and evaluates once (`snapshot`). Problems are
`RepositoryError` values: a words key, its values, a hint key and an exit code, worded by the CLI; what a run
should say without stopping (files left out, start values that could not be carried) is in `notices`.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import field
from pathlib import Path

from gdtrack.checks.workspace import Workspace, open_workspace
from gdtrack.diagnostics import Diagnostic, did_you_mean
from gdtrack.engine.evaluation import default_query_date, evaluate
from gdtrack.engine.snapshot import Snapshot
from gdtrack.files.project import Plan, Project, ProjectError, find_project
from gdtrack.models import Catalogue, ProgressFile
from gdtrack.values import Frozen, Value, frozen, record

DEFAULT_CATALOGUE = Path("data/tasks_2023.yaml")
DEFAULT_PROGRESS = Path("data/progress")


class RepositoryError(Exception):
    """A problem that stops a run: the words key of its message and hint, their values, the exit code (2 for a
    usage error, 1 for a problem in the data), and the diagnostics behind it, if any."""

    def __init__(self, key: str, hint: str | None = None, *, code: int = 2, hint_values: dict | None = None,
                 diagnostics: list[Diagnostic] | None = None, lines: dict[str, list[str]] | None = None,
                 **values: object):
        super().__init__(key)
        self.key, self.hint, self.code, self.values = key, hint, code, values
        self.hint_values = hint_values or {}
        self.diagnostics = diagnostics or []
        self.lines = lines or {}


@frozen
class Notice(Frozen):
    """Something a run says on stderr and goes on: a words key and its values, or diagnostics to print."""

    key: str | None = None
    values: dict = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()


@record
class Located(Value):
    """The catalogue and progress folder a run uses, and the gdtrack.toml plan they came from (if any)."""

    catalogue: Path
    progress: Path
    project: Project | None = None
    plan: Plan | None = None
    notices: list[Notice] = field(default_factory=list)

    @property
    def nodes(self) -> Path | None:
        """The nodes file gdtrack.toml names for the plan, if it names one (else: the one beside the catalogue)."""
        return None if self.plan is None or self.plan.nodes is None else _shown(self.plan.nodes)

    @property
    def decisions(self) -> Path | None:
        """The decisions file gdtrack.toml names for the plan, if it names one (else: the one beside the catalogue)."""
        return None if self.plan is None or self.plan.decisions is None else _shown(self.plan.decisions)

    @property
    def decisions_file(self) -> Path:
        """Where the office's decisions are kept (whether the file exists yet or not)."""
        from gdtrack.files.project import decisions_beside

        return self.decisions or decisions_beside(self.catalogue)

    def earlier(self, cache=None):
        """The repository's plans, as gdtrack.repository.earlier sees them from this plan."""
        from gdtrack.repository.earlier import Earlier

        project, plan = self.project, self.plan
        return Earlier(project.plans if project else {}, plan.name if plan else None, cache)


def _shown(path: Path) -> Path:
    """A path as the user would type it from the current folder."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return path


def locate(plan: str | None = None, catalogue: Path | None = None, progress: Path | None = None) -> Located:
    """An explicit catalogue/progress (or its env var) wins; else the plan's, from the gdtrack.toml found from here
    up (`plan`, else the latest); else data/tasks_2023.yaml and data/progress in the current folder."""
    try:
        project = find_project()
        if project is None:
            if plan is not None:
                raise RepositoryError("plan.no_toml", "plan.no_toml_hint", plan=plan, cwd=Path.cwd())
            return Located(catalogue or DEFAULT_CATALOGUE, progress or DEFAULT_PROGRESS)
        chosen = project.plan(plan)
    except ProjectError as exc:
        if plan is None and catalogue is not None and progress is not None:  # the toml is not needed: say, go on
            return Located(catalogue, progress, notices=[Notice(exc.key, dict(exc.values))])
        raise RepositoryError(exc.key, exc.hint, hint_values=dict(exc.values), **exc.values) from None
    if catalogue is None and not chosen.catalogue.is_file():
        raise RepositoryError("plan.missing_catalogue", "plan.missing_catalogue_hint",
                              where=chosen.lines["catalogue"], plan=chosen.name, path=_shown(chosen.catalogue),
                              hint_values={"path": _shown(chosen.catalogue)})
    return Located(catalogue or _shown(chosen.catalogue), progress or _shown(chosen.progress), project, chosen)


def data_files(located: Located | None = None) -> list[tuple[Path, str]]:
    """The plan's own files, which no output (`-o`) may replace: each plan's catalogue, nodes file and progress
    folder (`"folder"`: nothing may be written inside it) and gdtrack.toml, from the run's location and from the
    gdtrack.toml found from here up, else the default data/ paths. Resolved, for comparing."""
    from gdtrack.files.project import decisions_beside, nodes_beside

    found: list[tuple[Path, str]] = []

    def add(catalogue: Path, progress: Path, nodes: Path | None, decisions: Path | None) -> None:
        found.extend([(catalogue, "file"), (nodes or nodes_beside(catalogue), "file"),
                      (decisions or decisions_beside(catalogue), "file"), (progress, "folder")])

    if located is not None:
        add(located.catalogue, located.progress, located.nodes, located.decisions)
    try:
        project = find_project()
    except ProjectError:
        project = None
    if project is not None:
        found.append((project.toml, "file"))
        for plan in project.plans.values():
            add(plan.catalogue, plan.progress, plan.nodes, plan.decisions)
    else:
        add(DEFAULT_CATALOGUE, DEFAULT_PROGRESS, None, None)
    return [(path.resolve(), kind) for path, kind in found]


def require_catalogue(catalogue: Path) -> None:
    if catalogue.is_dir():
        raise RepositoryError("cli.catalogue_is_folder", "cli.catalogue_hint", path=catalogue)
    if not catalogue.is_file():
        raise RepositoryError("cli.catalogue_missing", "cli.catalogue_hint", path=catalogue)


@record
class Repository(Value):
    """A plan opened for reading: its workspace (catalogue, progress files, diagnostics), where it came from, and
    the start values carried from earlier plans."""

    workspace: Workspace
    located: Located
    notices: list[Notice] = field(default_factory=list)

    @property
    def catalogue(self) -> Catalogue:
        return self.workspace.catalogue  # type: ignore[return-value] - open_repository refuses a broken one

    @property
    def progress(self) -> list[ProgressFile]:
        return self.workspace.progress

    @property
    def skipped(self) -> dict[str, str]:
        """Progress files left out (file → why)."""
        return self.workspace.skipped

    @property
    def unread(self) -> tuple[str, ...]:
        """The units whose progress file was left out (it could not be read, or has errors), catalogue order."""
        left = {u for u, path in self.workspace.unit_files.items() if path in self.skipped}
        left |= {Path(path).stem for path in self.skipped}  # a file that cannot be parsed says its unit by its name
        return tuple(u.name for u in self.catalogue.units if u.name in left)

    @property
    def sample(self) -> bool:
        """The figures, or the nodes the goals follow, are invented samples: every document says so."""
        return any(pf.sample for pf in self.progress) or self.catalogue.nodes_sample

    def earlier(self, cache=None):
        """The repository's plans, as gdtrack.repository.earlier sees them from the plan in use."""
        return self.located.earlier(cache)

    def unit(self, name: str) -> str:
        """The unit's full name, given its full name or one of its aliases; any other name is a RepositoryError
        with the closest name as its hint."""
        cat = self.catalogue
        full = cat.resolve_unit(name)
        if full is None:
            close = did_you_mean(name, list(cat.unit_lookup))
            if close:
                raise RepositoryError("cli.no_unit", "cli.did_you_mean", name=name,
                                      hint_values={"name": cat.unit_lookup[close]})
            raise RepositoryError("cli.no_unit", "cli.unit_hint", name=name)
        return full

    def chapter(self, number: int | None) -> int | None:
        if number is not None and number not in {c.number for c in self.catalogue.chapters}:
            last = max(c.number for c in self.catalogue.chapters)
            raise RepositoryError("cli.no_chapter", "cli.chapter_hint", n=number, hint_values={"last": last})
        return number

    def tasks(self, unit: str | None = None, chapter: int | None = None) -> list:
        """The plan's tasks, those `unit` (a name or alias) leads and/or those of `chapter`."""
        name = None if unit is None else self.unit(unit)
        self.chapter(chapter)
        return [t for t in self.catalogue.tasks
                if (chapter is None or t.chapter == chapter) and (name is None or name in t.lead_units)]

    def from_root(self, path: Path) -> str:
        """A path as written from the data repository's root (for CODEOWNERS), else as given."""
        project = self.located.project
        if project is not None:
            try:
                return path.resolve().relative_to(project.root.resolve()).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def query_date(self, as_of: dt.date | str | None, today: dt.date | None = None) -> dt.date:
        """`as_of`, or today clamped to the plan period."""
        if as_of is None:
            return default_query_date(self.catalogue, today or dt.date.today())
        return as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of)

    def latest_report(self) -> dt.date | None:
        """The newest report date with a figure in the progress files, within the plan period (None: none yet)."""
        plan = self.catalogue.plan
        dates = [r.as_of for pf in self.progress for r in pf.reports
                 if plan.period_start <= r.as_of <= plan.period_end and any(e.value is not None for e in r.entries)]
        return max(dates, default=None)

    def snapshot(self, as_of: dt.date | str | None = None, unit: str | None = None,
                 chapter: int | None = None, *, git_days: bool = False) -> Snapshot:
        """The one evaluation of the run, at `as_of` (default: the latest report date in the data, else today
        within the plan period), narrowed to `unit` (a name or alias) and `chapter`. `git_days`: reports without
        their `submitted` day take the day of their commit (`committed_days`), for 报送率, 及时率 and the scores."""
        query = self.query_date(as_of if as_of is not None else self.latest_report())
        chosen = None if unit is None else self.unit(unit)
        office = self.office(query)
        ev = evaluate(self.catalogue, self.progress, query, self.workspace.carried, self.unread, office)
        return Snapshot(ev, tuple(self.progress), chosen, self.chapter(chapter), self.unread,
                        self.committed_days() if git_days else None)

    def committed_days(self) -> dict[str, dict[dt.date, dt.date]]:
        """unit → as_of → the day of the commit that first had a figure in each report written without its
        `submitted` day, where the progress folder is in git (gdtrack.repository.committed; else none)."""
        from gdtrack.repository.committed import committed_days

        paths = self.workspace.unit_files
        return committed_days((Path(paths[pf.unit]), pf) for pf in self.progress if pf.unit in paths)

    def office(self, query: dt.date):
        """The office's decisions in force at `query` (engine.decisions): reviews, extensions, closures."""
        from gdtrack.engine.decisions import office_at

        cat = self.catalogue
        rules = cat.plan.policy.review
        return office_at(self.workspace.decisions, self.progress, query, {ind.id: cat.due(ind) for _, ind in
                         cat.indicators()}, rules.count_unreviewed, rules.count_returned)

    def require_complete(self) -> None:
        """A document (bulletin, 督办单, ledger, 催报, 督办清单) is not made from partial data without saying so: with
        a progress file left out this is a RepositoryError naming the files and units (--allow-partial to go on)."""
        if self.skipped:
            raise RepositoryError("cli.partial", "cli.partial_hint", code=1, n=len(self.skipped),
                                  files=list(self.skipped), units=list(self.unread) or ["—"])

    def bulletin(self, snap: Snapshot, since: dt.date | None = None):
        """The monthly bulletin at the snapshot's date against `since` (default: the report date before it), from
        the snapshot's own evaluation, escalations, 考核 scores and 报送率 / 及时率: it says what every other view
        says."""
        from gdtrack.engine.bulletin import build

        return build(self.catalogue, self.progress, snap.query, since, self.workspace.carried, now=snap.evaluation,
                     escalated=snap.all_escalations, unread=snap.unread, scores=snap.scores, arrivals=snap.timeliness,
                     office_on=self.office)

    def open_goals(self, snap: Snapshot, cache=None) -> list:
        """The earlier plans' goals still open in this plan's period (a 2023—2024 goal, seen from the 2024 plan)."""
        if self.located.plan is None:
            return []
        from gdtrack.repository.earlier import open_goals

        return open_goals(self.catalogue, snap.query, self.earlier(cache), snap.unit)


def carry(ws: Workspace, earlier) -> list[Diagnostic]:
    """Resolve the catalogue's `baseline_from` to start values (ws.carried); the problems join ws's diagnostics."""
    if ws.catalogue is None or not any(ind.baseline_from for _, ind in ws.catalogue.indicators()):
        return []
    from gdtrack.repository.earlier import carried_starts

    ws.carried, problems = carried_starts(ws.catalogue, ws.catalogue_path, earlier)
    ws.found += problems
    return problems


def open_repository(plan: str | None = None, catalogue: Path | None = None, progress: Path | None = None, *,
                    with_progress: bool = True, cache=None, located: Located | None = None) -> Repository:
    """Open a plan for reading (the cache of cleanly loaded files speeds it up; `check` reads afresh instead).

    A catalogue with errors is a RepositoryError carrying them; progress files with errors are left out and named
    in `notices`, with the start values that could not be carried."""
    located = located or locate(plan, catalogue, progress)
    require_catalogue(located.catalogue)
    folder = located.progress if with_progress else None
    ws = open_workspace(located.catalogue, folder, nodes=located.nodes, decisions=located.decisions, cache=cache)
    plan_files = {ws.catalogue_path, ws.nodes_path, ws.decisions_path}  # no run rests on half of them
    if ws.catalogue is None or any(d.path in plan_files for d in ws.errors):
        errors = [d for d in ws.diagnostics if d.path in plan_files and d.severity == "error"]
        of_catalogue = ws.catalogue is None or any(d.path == ws.catalogue_path for d in errors)
        path = ws.catalogue_path if of_catalogue else errors[0].path
        key = {ws.nodes_path: "cli.nodes_errors", ws.decisions_path: "cli.decisions_errors"}.get(path,
                                                                                                 "cli.catalogue_errors")
        if not of_catalogue:
            errors = [d for d in errors if d.path == path]
        raise RepositoryError(key, "cli.run_check", code=1, path=located.catalogue if of_catalogue else path,
                              n=len(errors), diagnostics=errors, lines=ws.source_lines())
    repo = Repository(ws, located, list(located.notices))
    repo.notices += [Notice("cli.left_out", {"path": path, "why": why}) for path, why in ws.left_out.items()]
    if folder is not None and carry(ws, repo.earlier(cache)):
        shown = tuple(d for d in ws.diagnostics if d.loc[-1:] == ("baseline_from",))
        repo.notices.append(Notice(diagnostics=shown))
    if folder is not None and not folder.exists():
        repo.notices.append(Notice("cli.no_progress", {"path": folder}))
    return repo
