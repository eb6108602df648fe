"""Fewer garbage-collector passes while an article is read.

Reading one article makes a few hundred thousand small objects that die young and
almost no reference cycles; at CPython's default first-generation threshold (700)
the collector runs hundreds of times per article and now and then walks every
long-lived object (the lexicon's tables, the grammars, the reading caches), which
cost 10–15% of extraction. The threshold is raised for the duration of a read and
put back after; nothing else about collection changes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_THRESHOLD = 20_000  # allocations between first-generation passes while reading


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's first threshold while the block runs; restore it after.

    Left alone when the caller turned collection off or set a higher threshold, and
    restored only if nobody changed it meanwhile (another thread's read, say).
    """
    before = gc.get_threshold()
    if not gc.isenabled() or before[0] == 0 or before[0] >= _THRESHOLD:
        yield
        return
    gc.set_threshold(_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        if gc.get_threshold()[0] == _THRESHOLD:
            gc.set_threshold(*before)
