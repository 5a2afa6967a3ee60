"""Loading many files without the cyclic garbage collector looking at them again and again.

Every model a load makes lives until the run ends, and holds no reference cycle. CPython's collector does not know
that: each young collection looks at every object made since the last one, and each middle one at what survived
thirty of those, so a plan of 21,000 files has its models looked at over and over while the rest load (in the
benchmark, 2.9 s of a 35 s `status` at ×1000, against 0.08 s of a 2.1 s `check` at ×100). Within `settling()`,
`settle()` after each file moves everything alive so far out of the collector's way (`gc.freeze`); at the end it
is all handed back (`gc.unfreeze`), so nothing stays hidden from the collector after loading. Where something
had frozen objects before (a program embedding gdtrack), they are left frozen with ours: the collector cannot tell
them apart.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def settling() -> Iterator[Callable[[], None]]:
    """Yields `settle`, to call once a file's models are made; everything is handed back to the collector at the
    end, unless objects were frozen before it began."""
    before = gc.get_freeze_count()
    try:
        yield gc.freeze
    finally:
        if before == 0:
            gc.unfreeze()
