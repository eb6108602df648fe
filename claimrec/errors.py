"""One exception family for everything claimrec refuses to guess.

Every error names the field it concerns, the offending text and the reason, so
a fact-checker can find the cell or the phrase that needs attention.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from claimrec._text import shorten as _shorten

__all__ = [
    "ClaimError",
    "ClaimrecError",
    "ClaimsFrameError",
    "FigureError",
    "ReferenceDateError",
    "UnitError",
    "UnsafeTextWarning",
    "WindowError",
]


def _rebuild(
    kind: type[ClaimrecError], args: tuple[object, ...], state: dict[str, object]
) -> ClaimrecError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ClaimrecError(ValueError):
    """Base class: a field could not be read.

    Attributes: ``field`` (which field, e.g. ``"value"``), ``text`` (the
    offending input as given), ``reason`` (why it was refused) and ``row``
    (the row label when the input came from a table, else None).
    """

    field: str
    text: str
    reason: str
    row: Hashable | None

    def __init__(
        self,
        reason: str,
        *,
        field: str,
        text: object = "",
        row: Hashable | None = None,
    ) -> None:
        self.field = field
        self.text = text if isinstance(text, str) else repr(text)
        self.reason = reason
        self.row = row
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"row {self.row!r}, " if self.row is not None else ""
        return f"{where}{self.field}: {_shorten(self.text)!r}: {self.reason}"

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt without calling __init__ (whose keywords pickle cannot pass), so an
        # error raised in a worker process reaches the parent whole.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))

    def at_row(self, row: Hashable) -> ClaimrecError:
        """The same error, located at a table row."""
        error = type(self).__new__(type(self))
        ClaimrecError.__init__(error, self.reason, field=self.field, text=self.text, row=row)
        return error


class FigureError(ClaimrecError):
    """A figure expression ("at least 124") could not be read."""

    def __init__(
        self, reason: str, *, text: object = "", field: str = "value", row: Hashable | None = None
    ) -> None:
        super().__init__(reason, field=field, text=text, row=row)


class UnitError(ClaimrecError):
    """A unit could not be read, or units of different dimensions were mixed."""

    def __init__(
        self, reason: str, *, text: object = "", field: str = "unit", row: Hashable | None = None
    ) -> None:
        super().__init__(reason, field=field, text=text, row=row)


class WindowError(ClaimrecError):
    """A time window expression could not be read."""

    def __init__(
        self, reason: str, *, text: object = "", field: str = "window", row: Hashable | None = None
    ) -> None:
        super().__init__(reason, field=field, text=text, row=row)


class ReferenceDateError(WindowError):
    """A relative expression ("last week") was given without a reference date."""


class ClaimError(ClaimrecError):
    """Any other claim field (reporter, measure, published, span, …) is invalid."""


class ClaimsFrameError(ClaimrecError):
    """Several rows of a claims table failed; ``errors`` lists every one of them."""

    errors: tuple[ClaimrecError, ...]

    def __init__(self, errors: Sequence[ClaimrecError]) -> None:
        self.errors = tuple(errors)
        lines = list(dict.fromkeys(str(error) for error in self.errors))
        # Rows, not errors, are counted: one row may fail in several fields.
        rows = len({error.row for error in self.errors if error.row is not None}) or len(lines)
        summary = f"{rows} row(s) could not be read:\n  " + "\n  ".join(lines)
        super().__init__(summary, field="rows", text=f"{rows} failed row(s)")

    def _message(self) -> str:
        return self.reason


class UnsafeTextWarning(UserWarning):
    """Text held code points no file can store (lone surrogates); they were replaced
    by U+FFFD. The message says where and how many."""


class PageAsTextWarning(UserWarning):
    """A file that looks like an HTML page (its first bytes carry tags) was too large
    to read as one page and was read as plain text, paragraph by paragraph."""
