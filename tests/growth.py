"""How a reader's time grows with its input, measured in the test's own process.

No wall-clock budget, which would pass or fail with the machine's load: the time on
``factor`` times the input against the time on the input itself. Linear is about
``factor``, quadratic ``factor`` squared; callers allow three times linear for noise.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def seconds(read: Callable[[str], object], text: str, *, tries: int = 2) -> float:
    """Best of ``tries`` runs, so one pause of a loaded machine does not decide."""
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        read(text)
        best = min(best, time.perf_counter() - started)
    return best


def growth(
    read: Callable[[str], object], make: Callable[[int], str], n: int, *, factor: int = 8
) -> float:
    """Time on ``make(n)`` over time on ``make(n // factor)``."""
    small = seconds(read, make(max(n // factor, 1)))
    large = seconds(read, make(n), tries=1 if small > 1 else 2)
    return large / max(small, 1e-3)


def repeated(unit: str, prefix: str = "", suffix: str = "") -> Callable[[int], str]:
    """Inputs made of ``n`` copies of ``unit`` between a fixed prefix and suffix."""
    return lambda n: prefix + unit * n + suffix
