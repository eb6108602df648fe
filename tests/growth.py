"""How a reader's time grows with its input, measured in the test's own process.

No wall-clock budget, which would pass or fail with the machine's load: the time on
``factor`` times the input against the time on the input itself, divided by ``factor``.
Linear is about 1, quadratic about ``factor`` (8); callers allow 4 for noise and caches.

Each timing is the best of three runs on inputs of slightly different lengths
(``make(n)``, ``make(n + 1)``, ``make(n + 2)``): distinct texts, so no reader's cache
of texts already read makes a run look faster than it is.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def seconds(read: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    """Best time of ``read`` over three distinct inputs of about size ``n``."""
    best = float("inf")
    for extra in range(3):
        text = make(n + extra)
        started = time.perf_counter()
        read(text)
        best = min(best, time.perf_counter() - started)
    return best


def growth(
    read: Callable[[str], object], make: Callable[[int], str], n: int, *, factor: int = 8
) -> float:
    """Time on ``make(n)`` over time on ``make(n // factor)``, per unit of growth."""
    small = seconds(read, make, max(n // factor, 1))
    large = seconds(read, make, n)
    return large / max(small, 1e-3) / factor


def repeated(unit: str, prefix: str = "", suffix: str = "") -> Callable[[int], str]:
    """Inputs made of ``n`` copies of ``unit`` between a fixed prefix and suffix."""
    return lambda n: prefix + unit * n + suffix
