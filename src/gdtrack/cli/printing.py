"""Where a command's words go: the run's language, errors (one message and what to do, then the exit code),
warnings, stdout or `-o FILE` (written whole, atomically, once the command is done)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer

from gdtrack.words import Lang, Message, text, word
from gdtrack.words.foreign import os_reason


class _State:
    lang: Lang = "zh"
    located = None  # where the run's plan is (cli/opening.py sets it): its files are never replaced by -o


def set_lang(lang: Lang) -> None:
    _State.lang = lang


def lang() -> Lang:
    """The language of this run's messages (--lang, GDTRACK_LANG; Chinese by default)."""
    return _State.lang


def said(kind: str, key: str, **values: Any) -> list[str]:
    """A line in the run's language, and only in it: `cli.error`, `cli.warning` or `cli.help` around the words of
    `key`. A value that is a Message is worded in the same language; a list of names is joined as the language
    lists them."""
    la = _State.lang

    def shown(v: Any) -> Any:
        if isinstance(v, Message):
            return text(v, la)
        return word("list.sep", la).join(map(str, v)) if isinstance(v, list | tuple) else v

    inner = word(key, la, **{k: shown(v) for k, v in values.items()})
    return [word(kind, la, **{("message" if kind != "cli.help" else "hint"): inner})]


def terminal(text: str) -> str:
    """Text for the terminal, stripped of control and escape sequences (views/safe.py, imported only to print)."""
    from gdtrack.views.safe import terminal as safe

    return safe(text)


def fail(key: str, hint: str | None = None, code: int = 2, hint_values: dict[str, Any] | None = None,
         **values: Any) -> NoReturn:
    """Stop with an error (and what to do); exit 2 for usage, 1 for problems found."""
    lines = said("cli.error", key, **values)
    if hint:
        lines += said("cli.help", hint, **(hint_values or {}))
    typer.echo(terminal("\n".join(lines)), err=True)
    raise typer.Exit(code)


def fail_said(message: Message, advice: Message | None = None, code: int = 1) -> NoReturn:
    """Stop with a refusal from the core (a Message, and what to do), in the run's language."""
    _say(message, advice)
    raise typer.Exit(code)


def _say(message: Message, advice: Message | None) -> None:
    la = _State.lang
    lines = [word("cli.error", la, message=text(message, la))]
    if advice is not None:
        lines.append(word("cli.help", la, hint=text(advice, la)))
    typer.echo(terminal("\n".join(lines)), err=True)


def refused(exc: Any, code: int = 1) -> NoReturn:
    """Stop with an exception that carries `said` and `advice` Messages (RecordError, UnsafeTarget, GitError …)."""
    fail_said(exc.said, getattr(exc, "advice", None), code)


def internal_error(exc: BaseException) -> NoReturn:
    """The last guard: a fault of gdtrack's own, said in one message with where its details were written (never a
    traceback on the screen); exit 70. Every write is whole or nothing, so no file is left half-written."""
    import tempfile
    import time
    import traceback

    details = Path(tempfile.gettempdir()) / f"gdtrack-error-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    try:
        details.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        details = None  # type: ignore[assignment]
    _say(Message("cli.internal", what=type(exc).__name__),
         Message("cli.internal_hint", path=details) if details else Message("cli.internal_hint_nofile"))
    raise SystemExit(70)


def warn(key: str, **values: Any) -> None:
    typer.echo(terminal("\n".join(said("cli.warning", key, **values))), err=True)


def problems(diagnostics, lines: dict[str, list[str]] | None = None) -> None:
    """Diagnostics on stderr, with their lines and carets."""
    from gdtrack.views.problems import format_text

    typer.echo(format_text(list(diagnostics), lines, _State.lang), err=True)


def chosen_format(fmt, command: str, *allowed: str) -> str:
    """The format asked for, or the command's default; a format the command does not print is a usage error."""
    if fmt is None:
        return allowed[0]
    if fmt.value not in allowed:
        fail("cli.format_not_for", "cli.format_choices", command=command, fmt=fmt.value,
             hint_values={"choices": ", ".join(allowed)})
    return fmt.value


def parse_date(text: str, option: str = "--as-of"):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail("cli.bad_date", "cli.date_hint", option=option, text=text, hint_values={"option": option})


def write_output(output: Path, content: str | bytes, *, replaces_data: bool = False) -> None:
    """Write `-o FILE` whole, atomically; never over the plan's own files (catalogue, nodes file, gdtrack.toml, or
    anything in a progress folder) unless the command writes one (`replaces_data`: `draft --force`)."""
    from gdtrack.files.safeio import UnsafeTarget
    from gdtrack.files.writing import atomic_write

    if not replaces_data:
        _not_data(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, content)  # never replaces a symlink, a device or a folder
    except UnsafeTarget as exc:
        refused(exc)
    except OSError as exc:
        fail("cli.cannot_write", "cli.write_hint", code=1, path=output, why=os_reason(exc))
    typer.echo(word("cli.wrote", _State.lang, path=output), err=True)


def protect(located) -> None:
    """The run's plan is `located`: no `-o` replaces its files."""
    _State.located = located


def _not_data(output: Path) -> None:
    from gdtrack.repository.opened import data_files

    target = output.resolve()
    for path, kind in data_files(_State.located):
        if target == path or (kind == "folder" and target.is_relative_to(path)):
            fail("cli.output_is_data", "cli.output_is_data_hint", code=2, path=output,
                 what=word("cli.data_folder" if kind == "folder" else "cli.data_file", _State.lang, path=path))


@contextmanager
def printing(output: Path | None) -> Iterator[None]:
    """Where a command prints: stdout, or with -o the file (written whole, atomically, once the command is done).
    What is printed is the same either way: a CSV table starts with a BOM when it does not go to a terminal."""
    if output is None:
        yield
        return
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        yield
    write_output(output, buf.getvalue())


# ── stdout that can fail: a full disk, a file-size limit, a closed stream ──────────────────────────────────────


class OutputFailed(Exception):
    """stdout did not take what was printed (`why`: the system's reason; None: it is closed)."""

    def __init__(self, why: Message | None):
        super().__init__("stdout")
        self.why = why


class _Guarded:
    """stdout, whose write errors become OutputFailed, told apart from every other OSError (a broken pipe is
    click's: it exits quietly, as `| head` expects)."""

    def __init__(self, stream: Any):
        import os
        import stat

        self._stream, self._start, self._bytes = stream, None, 0
        try:  # a regular file: where it starts, to tell a write the system cut short (a file-size limit)
            self._fd = stream.fileno()
            if stat.S_ISREG(os.fstat(self._fd).st_mode):
                self._start = os.lseek(self._fd, 0, os.SEEK_CUR)
        except (OSError, AttributeError, ValueError):
            pass
        self._newline = len(os.linesep) - 1

    def write(self, text: str) -> int:
        try:
            done = self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(os_reason(exc)) from None
        if self._start is not None:
            self._bytes += len(text.encode(self._stream.encoding, self._stream.errors or "strict")) + \
                self._newline * text.count("\n")
        return done

    def cut_short(self) -> Message | None:
        """After a flush: what the system left out of a regular file without an error (a write past a file-size
        limit is cut short, and Python does not always say so)."""
        import os

        if self._start is None:
            return None
        written = os.lseek(self._fd, 0, os.SEEK_CUR) - self._start
        return Message("cli.output_cut", n=written, total=self._bytes) if written < self._bytes else None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(os_reason(exc)) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Closed:
    """What stands for stdout when there is none (`>&-`): a command that writes only `-o FILE` still runs."""

    encoding, errors = "utf-8", "strict"

    def write(self, text: str) -> int:
        if text:
            raise OutputFailed(None)
        return 0

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def guard_stdout() -> None:
    """Make stdout's faults OutputFailed (cli main does, once, before the command runs)."""
    sys.stdout = _Closed() if sys.stdout is None else sys.stdout if isinstance(sys.stdout, _Guarded) else \
        _Guarded(sys.stdout)  # type: ignore[assignment]


def finish_output() -> None:
    """Flush stdout while a fault can still be said (at exit it would be lost, or a traceback)."""
    if sys.stdout is not None:
        sys.stdout.flush()
        if isinstance(sys.stdout, _Guarded) and (cut := sys.stdout.cut_short()) is not None:
            raise OutputFailed(cut)


def output_failed(exc: OutputFailed) -> NoReturn:
    """The output could not be written: one message, exit 1."""
    import os

    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - nothing more is tried at exit
    if exc.why is None:
        _say(Message("cli.output_closed"), Message("cli.output_closed_hint"))
    else:
        _say(Message("cli.output_failed", why=exc.why), Message("cli.output_failed_hint"))
    raise SystemExit(1)


def echo(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def out(text: str) -> None:
    """Text as it is, to stdout (or the -o file of `printing`)."""
    sys.stdout.write(text)
