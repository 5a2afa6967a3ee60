"""Options read without pydantic. typer (0.29 and later) turns each option's text into its value through a pydantic
TypeAdapter: the run imports pydantic and builds a validator for every option of the command, which was about a
third of the daily `gdtrack status` (the models import no pydantic: gdtrack.models). The kinds of value gdtrack's
options have (a text, a whole number, a flag, a path, one of some choices, texts or paths given several times) are read
here as typer reads them, with typer's own functions for paths and choices; anything else, and any value typer
might read otherwise or refuse, goes to typer's own reading, so every message is typer's (worded by
gdtrack.cli.clickwords).

`install()` is called by `gdtrack.cli.main` only; where typer's inner workings are not the ones this module knows
(another release), it installs nothing and typer reads every option itself.
"""

from __future__ import annotations

import enum
import typing
from pathlib import Path
from typing import Any

try:  # typer's own readers of paths and choices (typer 0.29 and later)
    from typer._param_types import coerce_cli_choice, coerce_cli_path
except ImportError:  # pragma: no cover - another typer: install() installs nothing
    coerce_cli_choice = coerce_cli_path = None

_KINDS = {str: "text", bool: "flag", int: "number"}


def kind_of(annotation: Any, info: Any) -> str | None:
    """How an option of this type and settings (typer's ParameterInfo) is read here: text, flag, number (within
    its bounds), path, choice, or texts and paths (given several times, `--select E101 --select W201`); None: by
    typer."""
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return None
    if typing.get_origin(annotation) is list:
        inner = typing.get_args(annotation)
        return {"text": "texts", "path": "paths"}.get(kind_of(inner[0], info) if len(inner) == 1 else None)
    kind = _KINDS.get(annotation)
    if kind is None and isinstance(annotation, type):
        if issubclass(annotation, Path) and info.path_type is None:
            kind = "path"
        elif issubclass(annotation, enum.Enum):
            kind = "choice"
    return kind


def read(kind: str, annotation: Any, info: Any, value: Any, ctx: Any, param: Any) -> Any:
    """The value of one option's text, as typer would give it; raises LookupError where typer must say."""
    if kind == "text" and type(value) is str:
        return value
    if kind == "texts" and type(value) in (list, tuple) and all(type(v) is str for v in value):
        return list(value)
    if kind == "flag" and type(value) is bool:
        return value
    if kind == "number" and (type(value) is int or type(value) is str and value.isascii() and value.isdigit()):
        number = int(value)
        if (info.min is None or number >= info.min) and (info.max is None or number <= info.max):
            return number  # (out of bounds: typer's message, or its clamp)
    if kind == "paths" and type(value) in (list, tuple):
        item = typing.get_args(annotation)[0]
        return [read("path", item, info, v, ctx, param) for v in value]
    if kind == "path" and (isinstance(value, annotation) or type(value) is str and value):
        path = value if isinstance(value, annotation) else annotation(value)
        return coerce_cli_path(path, info, path_type=annotation, param=param, ctx=ctx)
    if kind == "choice" and (isinstance(value, annotation) or type(value) is str):
        try:
            return coerce_cli_choice(value, choices=tuple(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
        except ValueError:
            pass
    raise LookupError(value)


def install() -> bool:
    """Read the options of this run here (see the module); whether it could."""
    try:
        import typer.core as core
        from typer._coercion import RuntimeParam, TypeDescriptor
    except ImportError:
        return False
    if coerce_cli_path is None:
        return False
    typers_own = getattr(core, "build_runtime_param", None)
    if typers_own is None or getattr(typers_own, "gdtrack", False):
        return typers_own is not None

    class Plain(RuntimeParam):  # type: ignore[misc, valid-type]
        kind = ""  # set on each one made (not a field: a dataclass of its own would be compiled at every start)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return read(self.kind, self.annotation, self.parameter_info, value, ctx, param)
            except LookupError:
                pass
            descriptor = TypeDescriptor(annotation=self.annotation, parameter_info=self.parameter_info,
                                        file_annotation=None)
            return typers_own(descriptor)._coerce_value(value, param=param, ctx=ctx)

    def build(descriptor: Any) -> Any:
        kind = None if descriptor.file_annotation is not None else \
            kind_of(descriptor.annotation, descriptor.parameter_info)
        if kind is None:
            return typers_own(descriptor)
        plain = Plain(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
        object.__setattr__(plain, "kind", kind)  # typer's RuntimeParam is a frozen dataclass
        return plain

    build.gdtrack = True  # type: ignore[attr-defined]
    core.build_runtime_param = build
    return True
