"""A progress bar on stderr for work that takes seconds (`import` of many forms): drawn only when stderr is a
terminal (or GDTRACK_PROGRESS=1 says to draw it anyway), first after `DELAY` seconds so that a quick run prints
nothing, at most `RATE` times a second, and wiped when the work is done, so nothing of it stays in the output."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from gdtrack.words import word

DELAY = 1.0
"""Seconds before the bar first shows: under a second a bar is only flicker."""
RATE = 10
WIDTH = 24
FORCE = "GDTRACK_PROGRESS"


class Bar:
    """`done` of `total` steps of the work `label` (a words key) says, drawn on `stream` as `标签 [####    ] 3/10`."""

    def __init__(self, total: int, label: str, lang: str, stream: TextIO | None = None,
                 clock=time.monotonic) -> None:
        self.total, self.done = max(total, 1), 0
        self.label = word(label, lang)
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.start = self.last = clock()
        self.shown = False
        self.on = os.environ.get(FORCE) == "1" or (os.environ.get(FORCE) != "0" and self.stream.isatty())

    def step(self, n: int = 1) -> None:
        self.done = min(self.done + n, self.total)
        now = self.clock()
        if not self.on or now - self.start < DELAY or (now - self.last < 1 / RATE and self.done < self.total):
            return
        self.last, self.shown = now, True
        filled = WIDTH * self.done // self.total
        self.stream.write(f"\r{self.label} [{'#' * filled}{' ' * (WIDTH - filled)}] {self.done}/{self.total}")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:  # wiped: the lines said after it start at the left, on a clean line
            self.stream.write("\r\033[K")
            self.stream.flush()


@contextmanager
def bar(total: int, label: str, lang: str) -> Iterator[Bar]:
    """A Bar for the body of a `with`, wiped however the body ends."""
    b = Bar(total, label, lang)
    try:
        yield b
    finally:
        b.close()
