"""`gdtrack init`: the files of a new data repository, or one more plan in an existing one.

Never overwrites: a file that exists is left as it is and named as skipped. An existing gdtrack.toml only gains
the new plan's table, appended at its end, when it does not list that plan yet. The templates ship inside the
package (gdtrack/scaffold/), so an installed gdtrack has them.
"""

from __future__ import annotations

from dataclasses import field
from importlib.resources import files
from pathlib import Path
from string import Template

from gdtrack.files.project import FILENAME, read_project
from gdtrack.values import Value, record

WORKFLOW = ".github/workflows/gdtrack.yml"
PRE_COMMIT = ".pre-commit-config.yaml"
CODEOWNERS = ".github/CODEOWNERS"
GITIGNORE = ".gitignore"
README = "README.md"
IGNORED = ".*.lock\n.*.tmp\n"  # gdtrack's lock files beside a progress file, and half-written files

TOML_HEAD = """\
# gdtrack 数据仓库的各年度计划 / the plans of this gdtrack data repository.
# 不加 --plan 时使用最新一年（或在此写 default = "年份"）/ without --plan: the latest (or set default = "YEAR").
# 路径相对于本文件所在的文件夹 / paths are relative to this file's folder.

"""


@record
class Scaffold(Value):
    root: Path
    plan: str
    catalogue: Path  # where the plan's catalogue goes (from gdtrack.toml)
    progress: Path
    created: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    added_plan: bool = False  # the plan was appended to an existing gdtrack.toml


def template(name: str) -> str:
    return files("gdtrack").joinpath("scaffold", name).read_text(encoding="utf-8")


def plan_paths(name: str) -> tuple[str, str]:
    """Where a new plan's files go, from the root: data/tasks_2024.yaml and data/progress/2024."""
    return f"data/tasks_{name}.yaml", f"data/progress/{name}"


def start(root: Path, name: str) -> Scaffold:
    """gdtrack.toml with the plan `name` (written, appended to, or as it is) and the plan's progress folder.

    A gdtrack.toml that cannot be read raises project.ProjectError, before anything is written."""
    from gdtrack.files.project import plan_section

    toml = root / FILENAME
    catalogue, progress = plan_paths(name)
    if toml.exists():
        project = read_project(toml)
        if name in project.plans:
            made = Scaffold(root, name, project.plans[name].catalogue, project.plans[name].progress)
            made.skipped.append(toml)
        else:
            made = Scaffold(root, name, root / catalogue, root / progress, added_plan=True)
            text = toml.read_text(encoding="utf-8-sig")
            with toml.open("a", encoding="utf-8", newline="\n") as out:
                out.write(("" if text.endswith("\n") or not text else "\n") + "\n"
                          + plan_section(name, catalogue, progress))
    else:
        root.mkdir(parents=True, exist_ok=True)
        _write(toml, TOML_HEAD + plan_section(name, catalogue, progress))
        made = Scaffold(root, name, root / catalogue, root / progress)
        made.created.append(toml)
    if not made.progress.exists():
        made.progress.mkdir(parents=True)
        made.created.append(made.progress)
    return made


def add_files(made: Scaffold, catalogue_text: str | None = None) -> None:
    """The catalogue (a draft, when given), the CI workflow, the pre-commit config, .gitignore and the README."""
    rel = _relative(made)
    values = {"year": made.plan, "catalogue": rel(made.catalogue), "progress": rel(made.progress)}
    if catalogue_text is not None:
        made.catalogue.parent.mkdir(parents=True, exist_ok=True)
        new(made, made.catalogue, catalogue_text)
    new(made, made.root / WORKFLOW, template("github-workflow.yml"))
    new(made, made.root / PRE_COMMIT, template("pre-commit-config.yaml"))
    new(made, made.root / GITIGNORE, IGNORED)
    new(made, made.root / README, Template(template("README.zh.md")).substitute(values))


def new(made: Scaffold, path: Path, text: str) -> None:
    """Write `path` unless it exists (then it is named as skipped)."""
    if path.exists() or path.is_symlink():
        made.skipped.append(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, text)
    made.created.append(path)


def _write(path: Path, text: str) -> None:
    from gdtrack.files.writing import atomic_write

    atomic_write(path, text)


def _relative(made: Scaffold):
    def rel(path: Path) -> str:
        try:
            return path.relative_to(made.root).as_posix()
        except ValueError:
            return path.as_posix()
    return rel
