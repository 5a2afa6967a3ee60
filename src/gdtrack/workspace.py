"""A catalogue and its progress folder, loaded and checked together: the models the engine needs,
the files that had to be left out, and every Diagnostic with its line filled in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .checks import check_catalogue, check_progress, check_source
from .diagnostics import Diagnostic, error, sort_key
from .loading import LoadError, load, locate, progress_paths, read_text
from .models import Catalogue, ProgressFile

DEFAULT_CATALOGUE = "data/tasks_2023.yaml"
DEFAULT_PROGRESS = "data/progress"
CATALOGUE_ENV = "GDTRACK_CATALOGUE"
PROGRESS_ENV = "GDTRACK_PROGRESS"


@dataclass
class Workspace:
    catalogue_path: str
    catalogue: Catalogue | None = None
    progress: list[ProgressFile] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # progress file → why it was left out
    diagnostics: list[Diagnostic] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def source_lines(self) -> dict[str, list[str]]:
        return {p: t.splitlines() for p, t in self.texts.items() if any(d.path == p for d in self.diagnostics)}


def open_workspace(
    catalogue_path: str | os.PathLike[str],
    progress_dir: str | os.PathLike[str] | None = None,
    *,
    source: str | os.PathLike[str] | None = None,
) -> Workspace:
    """Load and check everything. Never raises for bad content; see `.diagnostics` and `.skipped`."""
    ws = Workspace(str(catalogue_path))
    loaded = load(catalogue_path, Catalogue, str(catalogue_path))
    ws.texts[loaded.path] = loaded.text
    ws.diagnostics += loaded.diagnostics
    cat = ws.catalogue = loaded.model
    if cat is not None:
        ws.diagnostics += check_catalogue(cat, loaded.path)
        if source is not None:
            try:
                ws.diagnostics += check_source(cat, loaded.path, read_text(source), str(source))
            except LoadError as exc:
                ws.diagnostics.append(exc.diagnostic)
    if progress_dir is not None and Path(progress_dir).is_dir():
        for path in progress_paths(progress_dir):
            shown = str(path)
            pf = load(path, ProgressFile, shown)
            ws.texts[shown] = pf.text
            found = list(pf.diagnostics)
            if pf.model is not None and cat is not None:
                found += check_progress(cat, pf.model, shown)
            ws.diagnostics += found
            problems = [d for d in found if d.severity == "error"]
            if problems:
                ws.skipped[shown] = problems[0].message + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else "")
            elif pf.model is not None:
                ws.progress.append(pf.model)
    elif progress_dir is not None and Path(progress_dir).exists():
        ws.diagnostics.append(error(str(progress_dir), "not-a-folder", "the progress location is not a folder",
                                    "point --progress at the folder holding one YAML file per unit"))
    if ws.diagnostics:
        ws.diagnostics = sorted(locate(ws.diagnostics, ws.texts), key=sort_key)
    return ws
