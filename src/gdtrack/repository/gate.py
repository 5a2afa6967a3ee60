"""`gdtrack check`, the data repository's CI gate, as a library call: load and check everything afresh (never
from the cache), against the source document and a git ref if asked, and keep the codes selected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gdtrack.checks.workspace import Workspace, open_workspace
from gdtrack.diagnostics import CODES, Diagnostic, did_you_mean, errors_in
from gdtrack.repository.opened import Located, RepositoryError, carry, require_catalogue
from gdtrack.values import Value, record


@record
class Gate(Value):
    """What `check` found: the workspace it read, the diagnostics kept by --select/--ignore, and whether the
    gate fails (an error; a warning of a `fail_on` code, such as `review` for goals still pending; with `strict`
    anything at all)."""

    workspace: Workspace
    diagnostics: list[Diagnostic]
    strict: bool = False
    fail_on: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        return (bool(errors_in(self.diagnostics)) or (self.strict and bool(self.diagnostics))
                or any(d.code in self.fail_on for d in self.diagnostics))


def codes_of(given: list[str] | None) -> list[str]:
    """The codes --select / --ignore name, each given once or several to a comma (`--select a,b`, as ruff takes)."""
    return [c.strip() for item in given or () for c in item.split(",") if c.strip()]


def known_codes(codes: list[str]) -> None:
    """Every code given to --select / --ignore is registered; the first unknown one is a usage error."""
    for name in codes:
        if name not in CODES:
            close = did_you_mean(name, list(CODES))
            raise RepositoryError("cli.unknown_code", "cli.codes_hint", name=name,
                                  hint_values={"example": close or "no-evidence"})


def run_gate(located: Located, *, source: Path | None = None, as_of: dt.date | None = None,
             require_reports: bool = False, against: str | None = None, select: list[str] | None = None,
             ignore: list[str] | None = None, strict: bool = False, fail_on: list[str] | None = None) -> Gate:
    """Check the catalogue and every progress file of `located` (see gdtrack.repository.opened.locate)."""
    select, ignore, fail_on = codes_of(select), codes_of(ignore), codes_of(fail_on)
    known_codes([*select, *ignore, *fail_on])
    require_catalogue(located.catalogue)
    if source is not None and not source.is_file():
        raise RepositoryError("cli.source_missing", "cli.source_hint", path=source)
    ws = open_workspace(located.catalogue, located.progress, source=source, nodes=located.nodes, as_of=as_of,
                        require_reports=require_reports)
    carry(ws, located.earlier())
    ws.found += evidence_problems(ws, located)
    if against is not None:
        from gdtrack.repository.against import against as against_ref

        ws.found += against_ref(ws, located, against)  # GitError: the CLI says it
    kept = [d for d in ws.diagnostics if (not select or d.code in select) and (not ignore or d.code not in ignore)]
    return Gate(ws, kept, strict, tuple(fail_on))


def evidence_problems(ws: Workspace, located: Located) -> list[Diagnostic]:
    """Every evidence file the clean progress files name, checked against its size and SHA-256, and the stored
    files nothing names (gdtrack.checks.evidence). A file with errors is not read for its attachments."""
    from gdtrack.checks.evidence import check_evidence, named_in
    from gdtrack.repository.evidence import evidence_root

    named = [n for shown, pf in ws.as_read.items() for n in named_in(pf, shown)]
    if ws.decisions is not None:  # the office's: the files of its closures (销号)
        from gdtrack.checks.evidence import Named

        named += [Named(a, ws.decisions_path, ("closures", i), c.goal)
                  for i, c in enumerate(ws.decisions.closures) for a in c.attachments]
    plan = ws.catalogue.plan if ws.catalogue is not None else None
    period = None if plan is None or located.project is None else (plan.period_start, plan.period_end)
    return check_evidence(evidence_root(located), named, period=period)
