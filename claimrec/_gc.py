"""A pause of the cyclic garbage collector around bulk work.

Building many small acyclic objects (a graph's tuples, a table's distinct
readings, the tokens and matches of an article being read) triggers full
collections that find no garbage yet walk every live object each time (the
lexicon's tables and the grammars among them): their cost grows with the number
alive, and can match the work itself (about 10% of reading an article, a quarter
of normalizing a large table). Nothing here imports the rest of claimrec.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["quiet_gc"]


@contextmanager
def quiet_gc() -> Iterator[None]:
    """Pause cyclic garbage collection for the block (as a decorator: for the call);
    it is enabled again after only if it was enabled before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
