"""Shell completion: unit names and their aliases, indicator ids, from the catalogue the command would read.

The shell asks while the user presses Tab (after `gdtrack --install-completion`), so these functions are quick
and quiet: the catalogue comes through the model cache like every read command's, and any problem at all (no
catalogue, a broken one, an unreadable folder) gives no suggestions, never a message or a traceback.

Which catalogue: the one the command line typed so far names (--catalogue, or GDTRACK_CATALOGUE), else the
default path, as click resolves them before asking.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

Candidates = list[tuple[str, str]]
"""(value, help): the help is shown by the shells that show one (zsh, fish, PowerShell)."""

_FALLBACK = ("GDTRACK_CATALOGUE", "data/tasks_2023.yaml")


def _catalogue(ctx: Any) -> Any | None:
    """The catalogue of the command being completed, or None."""
    from gdtrack.files.cache import default_cache
    from gdtrack.files.loading import load
    from gdtrack.models import Catalogue

    given = (getattr(ctx, "params", None) or {}).get("catalogue")
    path = Path(given or os.environ.get(_FALLBACK[0]) or _FALLBACK[1])
    if not path.is_file():
        return None
    return load(path, Catalogue, str(path), default_cache()).model


def unit_candidates(cat: Any, incomplete: str) -> Candidates:
    """Every full name and alias that starts with `incomplete`, in the catalogue's order, each with its unit."""
    typed = incomplete.strip()
    out: Candidates = []
    for unit in cat.units:
        for name in (unit.name, *unit.aliases):
            if name.startswith(typed):
                out.append((name, unit.name if name != unit.name else ""))
    return out


def indicator_candidates(cat: Any, incomplete: str, unit: str | None = None) -> Candidates:
    """Every indicator id that starts with `incomplete`, with its name; with `unit`, only those it owns or
    co-leads (those `record` takes from it)."""
    typed = incomplete.strip()
    return [(ind.id, ind.name) for task, ind in cat.indicators()
            if ind.id.startswith(typed) and (unit is None or unit == cat.owner(task, ind) or unit in task.lead_units)]


def complete_unit(ctx: Any, incomplete: str) -> Candidates:
    """--unit and the UNIT arguments."""
    try:
        cat = _catalogue(ctx)
        return unit_candidates(cat, incomplete) if cat is not None else []
    except Exception:  # noqa: BLE001 - completion never fails: no suggestions instead
        return []


def complete_indicator(ctx: Any, incomplete: str) -> Candidates:
    """The ID arguments (explain, history); record's figures (ID=VALUE or ID VALUE): only its unit's, and not
    those already typed."""
    try:
        cat = _catalogue(ctx)
        if cat is None or "=" in incomplete:
            return []
        params = getattr(ctx, "params", None) or {}
        unit = params.get("unit")
        typed = {figure.split("=")[0] for figure in params.get("figures") or ()}
        return [c for c in indicator_candidates(cat, incomplete, cat.resolve_unit(unit) if isinstance(unit, str)
                                                else None) if c[0] not in typed]
    except Exception:  # noqa: BLE001 - completion never fails: no suggestions instead
        return []
