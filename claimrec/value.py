"""The :class:`Value` record: an interval of possible true values, as a figure was written.

"at least 124" is ``at_least`` [124, ∞); "around 12,000" is ``approx``
[10,800, 13,200]. Each end is :class:`Bound` ``CLOSED`` or ``OPEN``. This module
holds the record and its named constructors only; reading figures from text is
:func:`claimrec.parse_value` / :func:`claimrec.find_values`
(:mod:`claimrec.read.figures`), and the reading rules are in
``docs/figures.md``.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, TypeAlias, get_args

from claimrec._text import format_number
from claimrec.errors import FigureError, UnitError
from claimrec.textform import ValueForm, read_value_text, value_text
from claimrec.units import convert, count_unit, parse_unit, registry, unit_name

if TYPE_CHECKING:
    from collections.abc import Callable

    import pint

__all__ = [
    "DEFAULT_TOLERANCE",
    "KINDS",
    "Bound",
    "Kind",
    "Value",
    "format_number",
]

Kind: TypeAlias = Literal[
    "exact", "approx", "at_least", "more_than", "at_most", "less_than", "range", "vague"
]
KINDS: tuple[Kind, ...] = get_args(Kind)

#: How wide "about 12,000" is by default, relative to the figure (DESIGN §5; the
#: default of :attr:`claimrec.policy.Policy.approx_tolerance` is the same number).
DEFAULT_TOLERANCE = 0.10

_INF = math.inf


class Bound(enum.Enum):
    """Whether an end of an interval belongs to it (portion's ``Bound``).

    A bound has no truth value (``bool(Bound.OPEN)`` raises): write
    ``bound is Bound.CLOSED``, so that "closed" and "strict" never get mixed up.
    """

    CLOSED = True
    OPEN = False

    def __bool__(self) -> bool:
        raise TypeError("The truth value of a bound is ambiguous.")

    def __invert__(self) -> Bound:
        return Bound.OPEN if self is Bound.CLOSED else Bound.CLOSED

    @classmethod
    def closed_if(cls, closed: bool) -> Bound:
        """``CLOSED`` for True, ``OPEN`` for False."""
        return cls.CLOSED if closed else cls.OPEN


_CLOSED, _OPEN = Bound.CLOSED, Bound.OPEN


def _as_float(x: object, name: str) -> float:
    if type(x) is float and x == x:  # the common case, checked first: values are made in bulk
        return x
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise FigureError(f"{name} must be a number, not {type(x).__name__}", text=repr(x))
    result = float(x)
    if math.isnan(result):
        raise FigureError(f"{name} is not a number (NaN)", text=repr(x))
    return result


def _unit(unit: pint.Unit | str) -> pint.Unit:
    if isinstance(unit, str):
        if unit == "count":  # the default, without a lookup: values are made in hot loops
            return count_unit()
    elif getattr(unit, "_REGISTRY", None) is registry():
        return unit  # a Unit of claimrec's registry
    try:
        return parse_unit(unit)
    except UnitError as error:
        raise FigureError(f"unit: {error.reason}", text=str(unit)) from None


def _bound(bound: Bound | None, closed: object, name: str) -> Bound:
    if closed is None:
        return _CLOSED if bound is None else bound
    if bound is not None:
        raise FigureError(f"give {name}_bound or {name}_closed, not both", text=repr(closed))
    return Bound.closed_if(bool(closed))


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Value:
    """An interval of possible true values, as a figure was written.

    ``stated`` is the number written (None for ranges and vague amounts);
    ``low``/``high`` the ends (``-inf``/``inf`` where unbounded), each
    :class:`Bound` ``CLOSED`` or ``OPEN`` (``low_bound``/``high_bound``;
    ``low_closed``/``high_closed`` say the same as booleans and are accepted by
    the constructor too); ``precision`` the rounding unit the writer used (1000
    for "11,000"), None when the figure is read literally.

    ``str(value)`` is the text form, which :meth:`from_text` and
    :func:`claimrec.parse_value` read back to an equal Value:
    ``kind [stated] [low, high) unit [precision=P]``, e.g.
    ``approx 12000 [10800, 13200] count precision=1000``.
    """

    stated: float | None
    low: float
    high: float
    low_bound: Bound
    high_bound: Bound
    kind: Kind
    unit: pint.Unit
    precision: float | None

    def __init__(
        self,
        *,
        stated: float | None,
        low: float,
        high: float,
        low_bound: Bound | None = None,
        high_bound: Bound | None = None,
        low_closed: bool | None = None,
        high_closed: bool | None = None,
        kind: Kind = "exact",
        unit: pint.Unit | str = "count",
        precision: float | None = None,
    ) -> None:
        # Conversion first (numbers to float, bounds, unit), then validation. A bound
        # given neither way is closed ("low_bound is None is low_closed").
        fields = (
            None if stated is None else _as_float(stated, "stated"),
            _as_float(low, "low"),
            _as_float(high, "high"),
            _CLOSED if low_bound is None is low_closed else _bound(low_bound, low_closed, "low"),
            _CLOSED
            if high_bound is None is high_closed
            else _bound(high_bound, high_closed, "high"),
            kind,
            _unit(unit),
            None if precision is None else _as_float(precision, "precision"),
        )
        _validate(*fields)
        for name, value in zip(_FIELDS, fields, strict=True):
            object.__setattr__(self, name, value)  # frozen: the one place fields are set

    # --- bounds as booleans (DESIGN §6) ----------------------------------------

    @property
    def low_closed(self) -> bool:
        """Whether the low end belongs to the interval."""
        return self.low_bound is _CLOSED

    @property
    def high_closed(self) -> bool:
        """Whether the high end belongs to the interval."""
        return self.high_bound is _CLOSED

    # --- named constructors -------------------------------------------------

    @classmethod
    def exact(cls, x: float, *, unit: pint.Unit | str = "count") -> Value:
        """Exactly ``x``: "109"."""
        return cls(stated=x, low=x, high=x, kind="exact", unit=unit)

    @classmethod
    def rounded(cls, x: float, *, precision: float, unit: pint.Unit | str = "count") -> Value:
        """A round figure: half a rounding unit either side, high end open ("11,000")."""
        half = _as_float(precision, "precision") / 2
        low, high = x - half, x + half
        return cls(
            stated=x,
            low=low,
            high=high,
            # a precision lost in float rounding leaves x itself
            high_bound=_CLOSED if low == high else _OPEN,
            kind="exact",
            unit=unit,
            precision=precision,
        )

    @classmethod
    def approx(
        cls,
        x: float,
        *,
        tolerance: float = DEFAULT_TOLERANCE,
        precision: float | None = None,
        unit: pint.Unit | str = "count",
    ) -> Value:
        """About ``x``: ± ``tolerance`` × x, never narrower than half the precision."""
        half = _approx_half(x, tolerance, precision)
        return cls(
            stated=x, low=x - half, high=x + half, kind="approx", unit=unit, precision=precision
        )

    @classmethod
    def nearly(
        cls,
        x: float,
        *,
        tolerance: float = DEFAULT_TOLERANCE,
        precision: float | None = None,
        unit: pint.Unit | str = "count",
    ) -> Value:
        """Nearly ``x``: below it, within the tolerance — [x − tol·x, x).

        The rounding of x does not widen it: "almost 10,000" is 9,000 up to 10,000.
        """
        low = x - _approx_half(x, tolerance, None)
        return cls(
            stated=x,
            low=low,
            high=x,
            high_bound=_CLOSED if low == x else _OPEN,  # a zero width leaves the figure
            kind="approx",
            unit=unit,
            precision=precision,
        )

    @classmethod
    def just_over(
        cls,
        x: float,
        *,
        tolerance: float = DEFAULT_TOLERANCE,
        precision: float | None = None,
        unit: pint.Unit | str = "count",
    ) -> Value:
        """Just over ``x``: above it, within the tolerance — (x, x + tol·x]."""
        high = x + _approx_half(x, tolerance, None)
        return cls(
            stated=x,
            low=x,
            high=high,
            low_bound=_CLOSED if high == x else _OPEN,  # a zero width leaves the figure
            kind="approx",
            unit=unit,
            precision=precision,
        )

    @classmethod
    def at_least(
        cls, x: float, *, unit: pint.Unit | str = "count", precision: float | None = None
    ) -> Value:
        """``x`` or more: [x, ∞)."""
        return cls(
            stated=x, low=x, high=_INF, high_bound=_OPEN, kind="at_least", unit=unit,
            precision=precision,
        )  # fmt: skip

    @classmethod
    def more_than(
        cls, x: float, *, unit: pint.Unit | str = "count", precision: float | None = None
    ) -> Value:
        """More than ``x``: (x, ∞)."""
        return cls(
            stated=x, low=x, high=_INF, low_bound=_OPEN, high_bound=_OPEN, kind="more_than",
            unit=unit, precision=precision,
        )  # fmt: skip

    @classmethod
    def at_most(
        cls, x: float, *, unit: pint.Unit | str = "count", precision: float | None = None
    ) -> Value:
        """Up to ``x``: [0, x] (from -∞ for a negative x)."""
        low, low_bound = _lower_start(_as_float(x, "stated"))
        return cls(
            stated=x, low=low, high=x, low_bound=low_bound, kind="at_most", unit=unit,
            precision=precision,
        )  # fmt: skip

    @classmethod
    def less_than(
        cls, x: float, *, unit: pint.Unit | str = "count", precision: float | None = None
    ) -> Value:
        """Fewer than ``x``: [0, x) (from -∞ when x is not positive)."""
        low, low_bound = _lower_start(_as_float(x, "stated"))
        if x <= 0:
            low, low_bound = -_INF, _OPEN
        return cls(
            stated=x, low=low, high=x, low_bound=low_bound, high_bound=_OPEN, kind="less_than",
            unit=unit, precision=precision,
        )  # fmt: skip

    @classmethod
    def between(cls, low: float, high: float, *, unit: pint.Unit | str = "count") -> Value:
        """A range, both ends included: "between 30 and 40"."""
        return cls(stated=None, low=low, high=high, kind="range", unit=unit)

    @classmethod
    def vague(cls, low: float, high: float, *, unit: pint.Unit | str = "count") -> Value:
        """A vague amount with its documented range: "dozens" is 24–99."""
        return cls(stated=None, low=low, high=high, kind="vague", unit=unit)

    # --- properties and conversions -----------------------------------------

    @property
    def is_count(self) -> bool:
        """True for a dimensionless count (not a percentage, not money)."""
        return bool(self.unit == count_unit())

    def with_unit(self, unit: pint.Unit | str) -> Value:
        """The same numbers labelled with another unit (no conversion).

        For a bare figure whose unit is given elsewhere, e.g. a table column.
        """
        return replace(self, unit=parse_unit(unit))

    def to(self, unit: pint.Unit | str) -> Value:
        """The same value converted into ``unit``; UnitError across dimensions."""
        target = parse_unit(unit)
        if target == self.unit:
            return self

        def move(x: float) -> float:
            return x if math.isinf(x) else convert(x, self.unit, target)

        precision = None if self.precision is None else abs(move(self.precision))
        stated = None if self.stated is None else move(self.stated)
        return replace(
            self, stated=stated, low=move(self.low), high=move(self.high), unit=target,
            precision=precision,
        )  # fmt: skip

    # --- the text form (claimrec.textform) ------------------------------------

    def to_text(self) -> str:
        """The canonical text form, e.g. ``at_least 124 [124, inf) count``."""
        form = ValueForm(
            self.kind, self.stated, self.low, self.high, self.low_closed, self.high_closed,
            unit_name(self.unit), self.precision,
        )  # fmt: skip
        return value_text(form)

    @classmethod
    def from_text(cls, text: str) -> Value:
        """The Value whose text form is ``text``; FigureError for any other text."""
        form = read_value_text(text.strip()) if isinstance(text, str) else None
        if form is None or form.kind not in KINDS:
            raise FigureError("not in the canonical text form", text=text)
        return cls(
            stated=form.stated,
            low=form.low,
            high=form.high,
            low_closed=form.low_closed,
            high_closed=form.high_closed,
            kind=form.kind,  # one of KINDS, checked above
            unit=form.unit,
            precision=form.precision,
        )

    def __str__(self) -> str:
        return self.to_text()

    def __reduce__(self) -> tuple[Callable[[str], Value], tuple[str]]:
        # Pickle through the text form: pint units only unpickle into the
        # registry they came from, which a Dask worker would not share.
        return (Value.from_text, (self.to_text(),))


_FIELDS = ("stated", "low", "high", "low_bound", "high_bound", "kind", "unit", "precision")


def _validate(
    stated: float | None,
    low: float,
    high: float,
    low_bound: Bound,
    high_bound: Bound,
    kind: str,
    unit: pint.Unit,
    precision: float | None,
) -> None:
    if kind not in KINDS:
        raise FigureError(f"kind must be one of {', '.join(KINDS)}", text=str(kind))
    if stated is not None and math.isinf(stated):
        raise FigureError("the stated figure must be finite", text=repr(stated))
    if precision is not None and not (precision > 0 and math.isfinite(precision)):
        raise FigureError("precision must be a positive number", text=repr(precision))
    problem = _interval_problem(low, high, low_bound, high_bound, stated)
    if problem is not None:
        raise FigureError(problem, text=f"{kind} {stated} {low}..{high}")


def _interval_problem(
    low: float, high: float, low_bound: Bound, high_bound: Bound, stated: float | None
) -> str | None:
    if low > high:
        return "low end is above high end"
    if low == _INF or high == -_INF:
        return "an interval cannot start at +inf or end at -inf"
    if (math.isinf(low) and low_bound is _CLOSED) or (math.isinf(high) and high_bound is _CLOSED):
        return "an infinite end must be open"
    if low == high and not (low_bound is _CLOSED and high_bound is _CLOSED):
        return "the interval is empty"
    if stated is not None and not low <= stated <= high:
        return "the stated figure lies outside [low, high]"
    return None


def _lower_start(x: float) -> tuple[float, Bound]:
    # Upper bounds ("up to 1,000") start at 0: every claimrec unit measures a
    # non-negative amount. A negative figure has no such floor.
    return (0.0, _CLOSED) if x >= 0 else (-_INF, _OPEN)


def _approx_half(x: float, tolerance: float, precision: float | None) -> float:
    rounding = precision / 2 if precision else 0.0
    return max(abs(_as_float(x, "stated")) * tolerance, rounding)


# Pickles written before Value.from_text existed name this function.
_value_from_text_form = Value.from_text
