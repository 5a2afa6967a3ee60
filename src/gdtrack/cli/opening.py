"""Opening the plan a command works on: gdtrack.repository.opened, with its notices said on stderr and its
errors turned into one message and an exit code. One evaluation per run: `snapshot` gives it to the command."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from gdtrack.cli.printing import fail, parse_date, problems, warn

if TYPE_CHECKING:
    from gdtrack.engine.snapshot import Snapshot
    from gdtrack.repository.opened import Located, Repository, RepositoryError

T = TypeVar("T")


@functools.cache
def cache():
    """The user's cache of loaded files, found (and any warning about it said) once per run."""
    from gdtrack.cli.printing import lang
    from gdtrack.files.cache import default_cache

    return default_cache(lang=lang())


def stop(exc: RepositoryError) -> NoReturn:
    """A RepositoryError said (its diagnostics first, with their lines), then the exit."""
    if exc.diagnostics:
        problems(exc.diagnostics, exc.lines)
    fail(exc.key, exc.hint, code=exc.code, hint_values=exc.hint_values, **exc.values)


def guarded(call: Callable[[], T]) -> T:
    """The library's answer, or its RepositoryError said and the run stopped."""
    from gdtrack.repository.opened import RepositoryError

    try:
        return call()
    except RepositoryError as exc:
        stop(exc)


def where(plan: str | None, catalogue: Path | None, progress: Path | None) -> Located:
    """The catalogue and progress folder of this run (see gdtrack.repository.opened.locate); its notices said."""
    from gdtrack.cli.printing import protect
    from gdtrack.repository.opened import locate

    found = guarded(lambda: locate(plan, catalogue, progress))
    protect(found)  # -o may not replace its files
    for notice in found.notices:
        warn(notice.key, **notice.values)
    found.notices.clear()
    return found


def repository(plan: str | None, catalogue: Path | None, progress: Path | None, *,
               with_progress: bool = True) -> Repository:
    """The plan opened for reading, through the cache; what it says without stopping is said on stderr."""
    from gdtrack.repository.opened import open_repository

    located = where(plan, catalogue, progress)
    repo = guarded(lambda: open_repository(located=located, with_progress=with_progress, cache=cache()))
    for notice in repo.notices:
        if notice.diagnostics:
            problems(notice.diagnostics, repo.workspace.source_lines())
        else:
            warn(notice.key, **notice.values)
    return repo


def snapshot(repo: Repository, as_of: str | None, unit: str | None = None, chapter: int | None = None, *,
             git_days: bool = False) -> Snapshot:
    """The run's one evaluation, at --as-of (checked; without it the latest report date, said), narrowed to --unit
    and --chapter; `git_days`: reports without their `submitted` day dated by their commit (报送率, 及时率, 考核)."""
    query = parse_date(as_of) if as_of is not None else None
    if query is None:  # said, so that nobody signs a document dated by surprise
        latest = repo.latest_report()
        if latest:
            warn("cli.as_of_latest", d=latest)
        else:
            warn("cli.as_of_today", d=repo.query_date(None))
    return guarded(lambda: repo.snapshot(query, unit, chapter, git_days=git_days))


def read(run, document: bool = False, git_days: bool = False) -> tuple[Repository, Snapshot]:
    """The plan of this run opened, and its one evaluation at --as-of, narrowed to --unit and --chapter. For a
    `document`, a progress file left out stops the run unless --allow-partial (gdtrack.repository.opened);
    `git_days` for the commands that show 及时率 or scores."""
    repo = repository(run.plan, run.catalogue, run.progress)
    if document and not run.allow_partial:
        guarded(repo.require_complete)
    return repo, snapshot(repo, run.as_of, run.unit, run.chapter, git_days=git_days)


def result(snap: Snapshot, indicator_id: str, example: str):
    found = snap.result(indicator_id)
    if found is None:
        fail("cli.no_indicator", "cli.indicator_hint", id=indicator_id, hint_values={"example": example})
    return found
