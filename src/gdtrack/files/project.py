"""A data repository's plans: `gdtrack.toml` at its root names each plan's catalogue and progress folder.

    default = "2024"            # optional: the plan commands use without --plan (else the largest key)
    [plans.2023]
    catalogue = "data/tasks_2023.yaml"
    progress = "data/progress/2023"
    nodes = "data/nodes_2023.yaml"  # optional: 节点目标 the plan does not state (default: beside the catalogue)
    decisions = "data/decisions_2023.yaml"  # optional: the office's reviews, extensions, closures (the same)
    moved = {from = "data/progress", reason = "按年份分文件夹"}  # optional: why the progress folder moved since
                                    # the commit `check --against` compares with (without it, a move fails)
    removed = {"区某局" = "2024年起并入区经济发展局"}  # optional: units whose progress file was removed, and why

The root is found by walking up from the current folder, so gdtrack runs from any subfolder; relative paths are
relative to the root. Without a gdtrack.toml nothing changes: data/tasks_2023.yaml and data/progress from the
current folder. Read with the standard library's tomllib; every problem is a `ProjectError` naming the file and
line, worded in gdtrack/words (`plan.*`).
"""

from __future__ import annotations

import os
import re
from dataclasses import field
from pathlib import Path

from gdtrack.values import Frozen, frozen
from gdtrack.words import Lang, Message, text
from gdtrack.words.foreign import os_reason, toml_problem

FILENAME = "gdtrack.toml"
PLAN_KEYS = ("catalogue", "progress")
OPTIONAL_KEYS = ("nodes", "decisions", "moved", "removed")


class ProjectError(Exception):
    """A problem with gdtrack.toml or with --plan: a words key and its values, and a hint key (`key`, `values`,
    `hint`); `said` and `advice` are the same as Messages, `text(lang)` words both."""

    def __init__(self, key: str, hint: str, **values: object):
        super().__init__(key)
        self.key, self.hint, self.values = key, hint, values

    @property
    def said(self) -> Message:
        return Message(self.key, self.values)

    @property
    def advice(self) -> Message:
        return Message(self.hint, self.values)

    def text(self, lang: Lang) -> tuple[str, str]:
        """The message and the hint in exactly `lang`."""
        return text(self.said, lang), text(self.advice, lang)


@frozen
class Plan(Frozen):
    """One plan of gdtrack.toml: its name, catalogue and progress folder, where it is said, and its other files."""

    name: str
    catalogue: Path
    progress: Path
    where: str  # gdtrack.toml:LINE of the plan's table, for messages
    lines: dict[str, str] = field(default_factory=dict)  # key → gdtrack.toml:LINE
    nodes: Path | None = None  # its nodes file, when gdtrack.toml names one (else the one beside the catalogue)
    moved: tuple[str, str] | None = None  # (the folder its progress was in, why it moved), for check --against
    removed: dict[str, str] = field(default_factory=dict)  # unit → why its progress file was removed (--against)
    decisions: Path | None = None  # its decisions file, when gdtrack.toml names one (else the one beside it)


@frozen
class Project(Frozen):
    """gdtrack.toml: the data repository's root, its plans by name, and the one used without --plan."""

    root: Path
    toml: Path
    plans: dict[str, Plan]
    default: str | None = None

    @property
    def latest(self) -> str:
        """The plan used without --plan: `default`, else the largest key (numbers compared as numbers)."""
        return self.default or max(self.plans, key=plan_order)

    def plan(self, name: str | None) -> Plan:
        """The plan called `name` (None: the latest); an unknown name is a ProjectError."""
        name = self.latest if name is None else name.strip()
        if name not in self.plans:
            raise ProjectError("plan.unknown", "plan.unknown_hint", where=_shown(self.toml), plan=name,
                               plans=", ".join(sorted(self.plans, key=plan_order)))
        return self.plans[name]

    def earlier(self, name: str) -> list[Plan]:
        """The plans before `name`, oldest first."""
        return [self.plans[k] for k in sorted(self.plans, key=plan_order) if plan_order(k) < plan_order(name)]


def plan_order(name: str) -> tuple[int, int | str]:
    """2023 < 2024 < 2024b: whole numbers by value, then any other name by its text."""
    return (0, int(name)) if name.isdigit() else (1, name)


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder, from `start` (default: the current folder) up, that holds a gdtrack.toml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / FILENAME).is_file():
            return folder
    return None


def find_project(start: Path | None = None) -> Project | None:
    root = find_root(start)
    return None if root is None else read_project(root / FILENAME)


_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_project(path: Path) -> Project:
    """Read and validate gdtrack.toml; a ProjectError names the line of the first problem."""
    import tomllib

    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError("plan.unreadable", "plan.toml_hint", where=shown,
                           why=os_reason(exc)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _AT_LINE.search(str(exc))
        where = f"{shown}:{found.group(1)}:{found.group(2)}" if found else shown
        why = toml_problem(_AT_LINE.sub("", str(exc)).replace("(at end of document)", ""))
        raise ProjectError("plan.bad_toml", "plan.toml_hint", where=where, why=why) from None
    lines = _key_lines(text)

    def at(*key: str) -> str:
        line = lines.get(key)
        return f"{shown}:{line}" if line else shown

    for key in data:
        if key not in ("plans", "default"):
            raise ProjectError("plan.unknown_key", "plan.keys_hint", where=at(key), field=key)
    plans_data = data.get("plans")
    if not isinstance(plans_data, dict) or not plans_data:
        raise ProjectError("plan.no_plans", "plan.keys_hint", where=at("plans"))
    root = path.parent
    plans: dict[str, Plan] = {}
    for name, entry in plans_data.items():
        if not isinstance(entry, dict):
            raise ProjectError("plan.bad_entry", "plan.keys_hint", where=at("plans", name), plan=name,
                               field="catalogue, progress")
        for key in entry:
            if key not in PLAN_KEYS + OPTIONAL_KEYS:
                raise ProjectError("plan.unknown_key", "plan.keys_hint", where=at("plans", name, key), field=key)
        for key in PLAN_KEYS:
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ProjectError("plan.bad_entry", "plan.keys_hint", where=at("plans", name, key)
                                   if key in entry else at("plans", name), plan=name, field=key)
        for key in ("nodes", "decisions"):
            value = entry.get(key)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ProjectError("plan.bad_entry", "plan.keys_hint", where=at("plans", name, key), plan=name,
                                   field=key)
        nodes, decisions = entry.get("nodes"), entry.get("decisions")
        moved = entry.get("moved")
        if moved is not None and not (isinstance(moved, dict) and set(moved) == {"from", "reason"}
                                      and all(isinstance(v, str) and v.strip() for v in moved.values())):
            raise ProjectError("plan.bad_entry", "plan.moved_hint", where=at("plans", name, "moved"), plan=name,
                               field="moved")
        removed = entry.get("removed", {})
        if not (isinstance(removed, dict) and all(isinstance(v, str) and v.strip() for v in removed.values())):
            raise ProjectError("plan.bad_entry", "plan.removed_hint", where=at("plans", name, "removed"), plan=name,
                               field="removed")
        plans[name] = Plan(name, root / entry["catalogue"], root / entry["progress"], at("plans", name),
                           {key: at("plans", name, key) for key in (*PLAN_KEYS, *OPTIONAL_KEYS)},
                           root / nodes if nodes else None,
                           (moved["from"].strip().rstrip("/"), moved["reason"]) if moved else None, dict(removed),
                           root / decisions if decisions else None)
    default = data.get("default")
    if default is not None and (not isinstance(default, str) or default not in plans):
        raise ProjectError("plan.bad_default", "plan.unknown_hint", where=at("default"), plan=default,
                           plans=", ".join(sorted(plans, key=plan_order)))
    return Project(root, path, plans, default)


def nodes_beside(catalogue: str | os.PathLike[str]) -> Path:
    """The nodes file that goes with a catalogue: tasks_2023.yaml → nodes_2023.yaml, plan.yaml → plan.nodes.yaml."""
    path = Path(catalogue)
    stem = path.stem
    name = "nodes" + stem[len("tasks"):] if stem.startswith("tasks") else stem + ".nodes"
    return path.with_name(name + (path.suffix or ".yaml"))


def decisions_beside(catalogue: str | os.PathLike[str]) -> Path:
    """The office's decisions file that goes with a catalogue: tasks_2023.yaml → decisions_2023.yaml, plan.yaml →
    plan.decisions.yaml."""
    path = Path(catalogue)
    stem = path.stem
    name = "decisions" + stem[len("tasks"):] if stem.startswith("tasks") else stem + ".decisions"
    return path.with_name(name + (path.suffix or ".yaml"))


def _shown(path: Path) -> str:
    """A path as the user would type it from the current folder."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\".]+?)\s*=")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip().strip('"').strip("'") for p in dotted.split("."))


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line of each table and key (`("plans", "2023", "catalogue")` → 3), for messages; the plain forms only."""
    out: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for no, line in enumerate(text.splitlines(), 1):
        if m := _TABLE.match(line):
            table = _parts(m.group(1))
            for i in range(1, len(table) + 1):
                out.setdefault(table[:i], no)
        elif m := _KEY.match(line):
            out.setdefault((*table, *_parts(m.group(1))), no)
    return out


def plan_section(name: str, catalogue: str, progress: str) -> str:
    """The lines of one plan in gdtrack.toml, as `init` writes them."""
    return f'[plans.{_toml_key(name)}]\ncatalogue = "{catalogue}"\nprogress = "{progress}"\n'


def _toml_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_\-]+", name) else '"' + name.replace('"', '\\"') + '"'
