"""Claim ids computed once per claim object during one reconciliation."""

from __future__ import annotations

from claimrec.record import Claim

__all__ = ["Ids"]


class Ids:
    """``ids(claim)`` is ``claim.id``, hashed once per claim object (the objects are
    kept alive by the reconciliation that owns this map)."""

    __slots__ = ("_known",)

    def __init__(self) -> None:
        self._known: dict[int, tuple[Claim, str]] = {}

    def __call__(self, item: Claim) -> str:
        found = self._known.get(id(item))
        if found is not None and found[0] is item:
            return found[1]
        value = item.id
        self._known[id(item)] = (item, value)
        return value
