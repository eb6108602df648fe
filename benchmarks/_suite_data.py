"""Cases of the Recognizers-Text specs and the forms every tool's answer is compared in.

Helper of ``outside_suites.py``: it reads the JSON spec files of a
Recognizers-Text ``Specs/`` folder and turns both the expected results and every
tool's output into two comparable forms:

* :class:`Amount` — a figure found at a span: an interval with closed or open
  ends, the number written (``stated``), and its unit as a set of *readings*
  ``(base, factor)``: the value times ``factor`` is the amount in ``base``
  (``("cur:USD", 0.01)`` for cents, ``("[length]", 0.3048)`` for feet,
  ``("%", 1)``, ``("count", 1)``). Two amounts agree on the unit when they
  share a base and the products agree.
* :class:`Reading` — a time window found at a span: the earliest and latest
  start day and the earliest and latest end day, ends included (None when
  open). Recognizers-Text's period ends are exclusive; they are turned into
  inclusive ends here, once.

Nothing of the specs is stored here: only the shape of their files.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal, TypeAlias

from claimrec import units as cu

Family: TypeAlias = Literal[
    "number", "range", "percent", "currency", "dimension", "date", "extract", "duration"
]


@dataclass(frozen=True)
class Suite:
    name: str
    path: str
    family: Family


SUITES: tuple[Suite, ...] = (
    Suite("NumberModel", "Number/English/NumberModel.json", "number"),
    Suite("NumberRangeModel", "Number/English/NumberRangeModel.json", "range"),
    Suite(
        "NumberRangeModelExperimentalMode",
        "Number/English/NumberRangeModelExperimentalMode.json",
        "range",
    ),
    Suite("PercentModel", "Number/English/PercentModel.json", "percent"),
    Suite("CurrencyModel", "NumberWithUnit/English/CurrencyModel.json", "currency"),
    Suite("DimensionModel", "NumberWithUnit/English/DimensionModel.json", "dimension"),
    Suite("DateParser", "DateTime/English/DateParser.json", "date"),
    Suite("DatePeriodParser", "DateTime/English/DatePeriodParser.json", "date"),
    Suite("HolidayParser", "DateTime/English/HolidayParser.json", "date"),
    Suite("DurationParser", "DateTime/English/DurationParser.json", "duration"),
    Suite("DateExtractor", "DateTime/English/DateExtractor.json", "extract"),
    Suite("DatePeriodExtractor", "DateTime/English/DatePeriodExtractor.json", "extract"),
)

#: Reference day for the few cases without ``Context.ReferenceDateTime``.
#: Recognizers-Text's own runners fall back to the clock ("now"); the cases
#: without a context are read the same against any day, so a fixed day (the
#: one most cases of the date suites use) keeps runs reproducible.
DEFAULT_REFERENCE = date(2016, 11, 7)

Unit: TypeAlias = tuple[tuple[str, float], ...]
COUNT_UNIT: Unit = (("count", 1.0),)
PERCENT_UNIT: Unit = (("%", 1.0),)
TIME: Unit = (("[time]", 1.0),)  # durations: seconds, counted as MS counts them


@dataclass(frozen=True)
class Amount:
    """A figure at ``text[start:end]``: its interval, the number written and its unit readings."""

    start: int
    end: int
    text: str
    low: float
    high: float
    low_closed: bool = True
    high_closed: bool = True
    stated: float | None = None
    unit: Unit = COUNT_UNIT
    shape: Literal["point", "bound", "range", "vague"] = "point"

    def numbers(self) -> tuple[float, ...]:
        """The numbers written: the stated one, else the finite ends of a range or bound."""
        if self.stated is not None:
            return (self.stated,)
        return tuple(x for x in (self.low, self.high) if math.isfinite(x))


@dataclass(frozen=True)
class Reading:
    """A window at ``text[start:end]``; each end a day range, both included; None when open."""

    start: int
    end: int
    text: str
    start_lo: date | None
    start_hi: date | None
    end_lo: date | None
    end_hi: date | None

    @classmethod
    def days(cls, first: date | None, last: date | None, *, span: tuple[int, int], text: str):
        return cls(span[0], span[1], text, first, first, last, last)

    def show(self) -> str:
        def end(lo: date | None, hi: date | None) -> str:
            if lo is None or hi is None:
                return ".."
            return lo.isoformat() if lo == hi else f"{lo.isoformat()}~{hi.isoformat()}"

        first, last = end(self.start_lo, self.start_hi), end(self.end_lo, self.end_hi)
        return first if first == last else f"{first}/{last}"


@dataclass(frozen=True)
class GoldWindow:
    """An expected window: MS's reading turned to inclusive ends, with its part-of mark."""

    first: date | None
    last: date | None
    mod: str = ""
    parent: tuple[date, date] | None = None  # the whole period an early/mid/late part is of
    reference: date | None = None  # the case's reference day
    two_ended: bool = False  # the text names both ends ("from X to Y", "between X and Y")

    def show(self) -> str:
        a = self.first.isoformat() if self.first else ".."
        b = self.last.isoformat() if self.last else ".."
        text = a if a == b else f"{a}/{b}"
        return f"{text} ({self.mod})" if self.mod else text


Expected: TypeAlias = Amount | GoldWindow | None


@dataclass(frozen=True)
class Gold:
    start: int
    end: int  # exclusive
    text: str
    expected: Expected  # None: MS gives no resolution that can be scored (seasons)


@dataclass(frozen=True)
class Case:
    index: int
    input: str
    reference: date
    golds: tuple[Gold, ...]
    rt_unsupported: bool  # "python" in NotSupported or NotSupportedByDesign
    raw: dict[str, object] = field(repr=False, compare=False, default_factory=dict)


# --- reading the files ---------------------------------------------------------


def load(specs: Path, suite: Suite) -> list[Case]:
    """The cases of one suite, with expected results in the comparable forms."""
    with open(specs / suite.path, encoding="utf-8-sig") as handle:
        rows = json.load(handle)
    cases = []
    for index, row in enumerate(rows):
        context = row.get("Context") or {}
        stamp = context.get("ReferenceDateTime")
        reference = datetime.fromisoformat(stamp[:19]).date() if stamp else DEFAULT_REFERENCE
        flags = f"{row.get('NotSupported', '')},{row.get('NotSupportedByDesign', '')}"
        golds = tuple(_gold(r, suite.family, reference) for r in row.get("Results", []))
        cases.append(
            Case(index, row["Input"], reference, golds, "python" in flags.lower(), raw=row)
        )
    return cases


def _span(result: dict[str, object]) -> tuple[int, int]:
    start = int(str(result["Start"]))
    if "End" in result:
        return start, int(str(result["End"])) + 1  # MS End is inclusive
    return start, start + int(str(result["Length"]))


def _gold(result: dict[str, object], family: Family, reference: date) -> Gold:
    start, end = _span(result)
    text = str(result["Text"])
    if family == "extract":
        return Gold(start, end, text, None)
    if family in ("date", "duration"):
        value = result["Value"]
        assert isinstance(value, dict)
        if family == "duration":
            seconds = (value.get("PastResolution") or {}).get("duration")
            if not seconds:
                return Gold(start, end, text, None)
            s = float(seconds)
            return Gold(start, end, text, Amount(start, end, text, s, s, stated=s, unit=TIME))
        return Gold(start, end, text, gold_window(value, text, reference))
    resolution = result["Resolution"]
    assert isinstance(resolution, dict)
    raw = str(resolution.get("value", ""))
    if family == "range":
        return Gold(start, end, text, interval(raw, start, end, text))
    try:
        number = float(raw.rstrip("%"))
    except ValueError:  # a mention MS resolves to no number ("null")
        return Gold(start, end, text, None)
    unit = COUNT_UNIT
    if family == "percent":
        unit = PERCENT_UNIT
    elif family == "currency":
        unit = ms_currency(str(resolution.get("unit", "")), resolution.get("isoCurrency"))
    elif family == "dimension":
        unit = ms_dimension(str(resolution.get("unit", "")))
    amount = Amount(start, end, text, number, number, stated=number, unit=unit)
    return Gold(start, end, text, amount)


_INTERVAL = re.compile(r"([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])")


def interval(raw: str, start: int, end: int, text: str) -> Amount | None:
    """MS's interval notation: ``(30,)``, ``[30,)``, ``(,700]``, ``[20,30)``."""
    m = _INTERVAL.fullmatch(raw.strip())
    if not m:
        return None
    low = float(m.group(2)) if m.group(2) else -math.inf
    high = float(m.group(3)) if m.group(3) else math.inf
    shape: Literal["bound", "range"] = (
        "range" if math.isfinite(low) and math.isfinite(high) else "bound"
    )
    return Amount(
        start,
        end,
        text,
        low,
        high,
        low_closed=m.group(1) == "[" and math.isfinite(low),
        high_closed=m.group(4) == "]" and math.isfinite(high),
        shape=shape,
    )


# --- units ------------------------------------------------------------------------

#: MS currency names (as in ``Resolution.unit``) without an ISO code, mapped to
#: the (code, factor) readings that count as the same money. A bare "Dollar"
#: ($ without a country) is any dollar; "Cent" is a hundredth of a dollar or a
#: euro; claimrec and the peers are compared on these readings alike.
_DOLLARS = ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD")
MS_CURRENCIES: dict[str, tuple[tuple[str, float], ...]] = {
    "dollar": tuple((c, 1.0) for c in _DOLLARS),
    "pound": (("GBP", 1.0), ("EGP", 1.0)),
    "cent": tuple((c, 0.01) for c in (*_DOLLARS, "EUR")),
    "pence": (("GBP", 0.01),),
    "penny": (("GBP", 0.01),),
    "franc": (("CHF", 1.0), ("FRF", 1.0), ("XOF", 1.0), ("XAF", 1.0)),
    "rupee": (("INR", 1.0), ("PKR", 1.0), ("LKR", 1.0), ("NPR", 1.0)),
    "bitcoin": (("BTC", 1.0),),
    "satoshi": (("BTC", 1e-8),),
    "finnish markka": (("FIM", 1.0),),
    "peseta": (("ESP", 1.0),),
    "netherlands guilder": (("NLG", 1.0),),
    "sen": (("JPY", 0.01), ("MYR", 0.01), ("IDR", 0.01)),
    "euro": (("EUR", 1.0),),
    "yen": (("JPY", 1.0),),
    "yuan": (("CNY", 1.0),),
}


def ms_currency(name: str, iso: object = None) -> Unit:
    """Readings of an MS currency: its ISO code when given, else the table above."""
    if isinstance(iso, str) and iso:
        return ((f"cur:{iso.upper()}", 1.0),)
    readings = MS_CURRENCIES.get(name.lower().strip())
    if readings is None:
        return ((f"cur:?{name.lower()}", 1.0),)
    return tuple((f"cur:{code}", factor) for code, factor in readings)


#: MS dimension names mapped to the pint units they may mean (several where
#: the English word is ambiguous: a "ton" is short, long or metric).
MS_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "ton": ("short_ton", "long_ton", "metric_ton"),
    "metric ton": ("metric_ton",),
    "gallon": ("gallon", "imperial_gallon"),
    "ounce": ("ounce", "fluid_ounce"),
    "barrel": ("oil_barrel",),
    "turn": ("turn",),
    "degree": ("degree",),
    "cup": ("cup",),
    "dram": ("dram", "fluid_dram"),
    "pound": ("pound",),
}


def ms_dimension(name: str) -> Unit:
    """Readings of an MS dimension unit ("Kilometer per hour" -> kilometer/hour)."""
    key = name.lower().strip()
    expressions = MS_DIMENSIONS.get(key) or (_words_to_pint(key),)
    readings: list[tuple[str, float]] = []
    for expression in expressions:
        reading = pint_reading(expression)
        if reading is not None:
            readings.append(reading)
    return tuple(readings) or ((f"?{key}", 1.0),)


def _words_to_pint(words: str) -> str:
    """ "square meter" -> "meter**2", "mile per hour" -> "mile/hour", "metre" -> "meter"."""
    words = words.replace("metre", "meter").replace("litre", "liter").replace("-mass", "")
    parts = []
    for side in words.split(" per "):
        side = side.strip()
        power = ""
        for word, exponent in (("square ", "**2"), ("cubic ", "**3")):
            if side.startswith(word):
                side, power = side[len(word) :], exponent
        parts.append(side.replace(" ", "_") + power)
    return "/".join(parts)


def pint_reading(unit: object) -> tuple[str, float] | None:
    """(base, factor) of a pint unit or expression in claimrec's registry; None if unknown."""
    try:
        parsed = cu.parse_unit(unit) if not isinstance(unit, str) else cu.ureg.Unit(unit)
    except Exception:  # pint's and claimrec's unit errors alike: an unknown unit
        try:
            parsed = cu.parse_unit(str(unit))
        except Exception:
            return None
    if cu.is_currency(parsed):
        # a currency's fixed part (cents, pence) is that currency times its factor
        base_money = cu.ureg.Quantity(1.0, parsed).to_base_units()
        return (f"cur:{cu.unit_name(base_money.units)}", float(base_money.magnitude))
    if parsed == cu.COUNT:
        return ("count", 1.0)
    if parsed == cu.PERCENT:
        return ("%", 1.0)
    try:
        base = cu.ureg.Quantity(1.0, parsed).to_base_units()
    except Exception:  # offset units (temperatures) have no plain factor
        return (f"?{parsed}", 1.0)
    dims = str(base.dimensionality)
    if dims == "[time]" and str(parsed) in MS_SECONDS:
        return (dims, MS_SECONDS[str(parsed)])  # a year of 365 days, as MS counts
    return ("ratio" if dims == "dimensionless" else dims, float(base.magnitude))


def close(a: float, b: float, rel: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


def same_amount(gold: Amount, got: Amount, *, rel: float = 1e-9) -> bool:
    """A number of ``got`` times a unit reading equals the gold number in a shared base."""
    for base, factor in gold.unit:
        target = (gold.stated or 0.0) * factor
        for other_base, other_factor in got.unit:
            if base == other_base and any(
                close(x * other_factor, target, rel) for x in got.numbers()
            ):
                return True
    return False


def same_interval(gold: Amount, got: Amount) -> bool:
    """Same ends and closedness; MS's two-ended ``[a,b)`` also accepts ``[a,b]``."""
    if not (_same_end(gold.low, got.low) and _same_end(gold.high, got.high)):
        return False
    if math.isfinite(gold.low) and gold.low_closed != got.low_closed:
        return False
    if math.isfinite(gold.high) and gold.high_closed != got.high_closed:
        return gold.shape == "range" and not gold.high_closed and got.high_closed
    return True


def _same_end(a: float, b: float) -> bool:
    return (math.isinf(a) and math.isinf(b) and a == b) or (
        math.isfinite(a) and math.isfinite(b) and close(a, b)
    )


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


# --- time -------------------------------------------------------------------------

#: Words by which an expression itself marks the future; where one occurs in
#: the expected expression, MS's FutureResolution is the reading compared.
FUTURE = re.compile(
    r"\b(next|coming|upcoming|tomorrow|tonight|following|from now|later|hence|"
    r"will|shall|going to|ahead)\b|'ll\b",
    re.IGNORECASE,
)
#: Tense words of the sentence (not of the expression): "I'll go back on 15".
FUTURE_TENSE = re.compile(r"\b(will|shall|going to)\b|'ll\b", re.IGNORECASE)


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


#: Words that join the two ends of a range ("from X to Y", "between X and Y", "X - Y",
#: "Nov 19-20", "the rest of the month": up to its end).
TWO_ENDED = re.compile(
    r"\b(?:between|from)\b.*\b(?:and|to|till|until|through|thru)\b"
    r"|\b(?:to|till|until|through|thru|rest)\b|\s[-–]\s|[0-9]\s?[-–]\s?[0-9]",
    re.IGNORECASE,
)
_MONTH_NUMBER = re.compile(r"\s*[0-9]{4}\s*[-–/]\s*[0-9]{1,2}\s*")  # "2016-11" is a month


def gold_window(
    value: dict[str, object], text: str, reference: date | None = None
) -> GoldWindow | None:
    """MS's reading of an expression as inclusive ends (None for unresolved seasons)."""
    key = "FutureResolution" if FUTURE.search(text) else "PastResolution"
    resolution = value.get(key) or {}
    assert isinstance(resolution, dict)
    mod = str(value.get("Mod", ""))
    timex = str(value.get("Timex", value.get("timex", "")))
    two_ended = bool(TWO_ENDED.search(text)) and not _MONTH_NUMBER.fullmatch(text)
    if "date" in resolution:
        day = _day(str(resolution["date"]))
        return GoldWindow(day, day, mod, None, reference, two_ended)
    first = resolution.get("startDate")
    after = resolution.get("endDate")
    if first is None and after is None:
        return None
    start = _day(str(first)) if first else None
    last = _day(str(after)) - timedelta(days=1) if after else None
    parent = None
    if mod in ("start", "end", "mid") and start is not None:
        parent = timex_period(timex, start)
    return GoldWindow(start, last, mod, parent, reference, two_ended)


_TX_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TX_MONTH = re.compile(r"(\d{4})-(\d{2})")
_TX_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_TX_PART = re.compile(r"(\d{4})-(Q[1-4]|H[12])")
_TX_YEAR = re.compile(r"(\d{4})")
_TX_DECADE = re.compile(r"(\d{3})")
_TX_CENTURY = re.compile(r"(\d{2})")


def timex_period(timex: str, near: date | None = None) -> tuple[date, date] | None:
    """The days a TIMEX3 date value covers (both ends included), or None.

    ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ``YYYY-Www`` (ISO week),
    ``YYYY-Www-WE`` (its weekend), ``YYYY-Qn``, ``YYYY-Hn``, ``YYY`` (decade),
    ``YY`` (century). A value with ``X`` in the year (``XXXX-10``) is read in
    the year of ``near`` when given.
    """
    value = timex.strip()
    if near is not None and value.startswith("XXXX"):
        value = f"{near.year:04d}" + value[4:]
    value = value.split("T")[0]
    try:
        if m := _TX_DAY.fullmatch(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _TX_MONTH.fullmatch(value):
            first = date(int(m[1]), int(m[2]), 1)
            return first, _month_end(first)
        if m := _TX_WEEK.fullmatch(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if m := _TX_PART.fullmatch(value):
            year, part = int(m[1]), m[2]
            n = int(part[1])
            months = 3 if part[0] == "Q" else 6
            first = date(year, (n - 1) * months + 1, 1)
            last_month = date(year, n * months, 1)
            return first, _month_end(last_month)
        if m := _TX_YEAR.fullmatch(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := _TX_DECADE.fullmatch(value):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
        if m := _TX_CENTURY.fullmatch(value):
            return date(int(m[1]) * 100, 1, 1), date(int(m[1]) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


def _month_end(first: date) -> date:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - timedelta(days=1)


#: MS's resolution of a date that does not exist ("Feb 30", "the fifth Sunday" of a month
#: with four): a tool is right to refuse it.
NO_SUCH_DATE = date(1, 1, 1)
#: MS's mark of a reading against a reference the text leaves undefined ("the same week
#: that it happened"): a tool is right to give MS's reading, or to refuse.
REFERENCE_UNDEFINED = "ref_undef"


def window_right(gold: GoldWindow, got: Reading) -> bool:
    """Whether a tool's window is MS's reading (see the rules in outside_suites.py)."""
    if gold.mod in ("start", "end", "mid") and gold.parent is not None:
        return _part_right(gold, got)
    length = (gold.last - gold.first).days + 1 if gold.first is not None and gold.last else 1 << 30
    return _end_right(gold.first, got.start_lo, got.start_hi, length) and _end_right(
        gold.last, got.end_lo, got.end_hi, length
    )


#: The conventions, besides MS's own, under which a window is also right (counted apart).
CONVENTIONS = {
    "range end": "a range includes the day or period its second expression names (MS "
    "ends 'from Oct 2 to Oct 22' on Oct 21)",
    "cut at reference": "a window holding the reference day ends on it ('this week', "
    "'Q4 2016' read on a day in them: the part so far)",
    "reference day in": "a window that MS ends the day before the reference ends on it "
    "('the past 3 weeks')",
}


def window_convention(gold: GoldWindow, got: Reading) -> str | None:
    """The convention of :data:`CONVENTIONS` under which a window MS's reading rejects is
    right: the same start, and an end that convention gives. None when there is none."""
    if gold.mod or gold.first is None or gold.last is None:
        return None
    ends: list[tuple[str, date]] = []
    if gold.two_ended:
        named = gold.last + timedelta(days=1)  # MS's exclusive end: where the named end begins
        ends.append(("range end", named))
        if named.weekday() == 0:  # a week named ("to Week 35")
            ends.append(("range end", named + timedelta(days=6)))
        if named.day == 1:
            ends.append(("range end", _month_end(named)))
        if (named.month, named.day) == (1, 1):
            ends.append(("range end", date(named.year, 12, 31)))
    if gold.reference is not None and gold.first <= gold.reference < gold.last:
        ends.append(("cut at reference", gold.reference))
    if gold.reference is not None and gold.last + timedelta(days=1) == gold.reference:
        ends.append(("reference day in", gold.reference))
    for name, end in ends:
        if end >= gold.first and window_right(GoldWindow(gold.first, end), got):
            return name
    return None


def _end_right(want: date | None, lo: date | None, hi: date | None, length: int) -> bool:
    if want is None or lo is None or hi is None:
        return want is None and lo is None and hi is None
    return lo <= want <= hi and (hi - lo).days < length


def _part_right(gold: GoldWindow, got: Reading) -> bool:
    """Early / mid / late: a part at the right edge of the period, at most half of it."""
    assert gold.parent is not None
    first, last = gold.parent
    if got.start_lo is None or got.start_hi is None or got.end_lo is None or got.end_hi is None:
        return False
    if got.start_lo < first or got.end_hi > last:
        return False
    half = ((last - first).days + 1 + 1) // 2
    middle = first + timedelta(days=(last - first).days // 2)
    if gold.mod == "start":
        return got.start_lo == first == got.start_hi and (got.end_hi - first).days < half
    if gold.mod == "end":
        return got.end_lo == last == got.end_hi and (last - got.start_lo).days < half
    return first < got.start_lo <= middle <= got.end_hi < last


#: Seconds of each duration unit as MS counts them (a year of 365 days, a month of 30).
MS_SECONDS: dict[str, float] = {
    "second": 1.0,
    "minute": 60.0,
    "hour": 3600.0,
    "day": 86400.0,
    "week": 7 * 86400.0,
    "fortnight": 14 * 86400.0,
    "month": 30 * 86400.0,
    "year": 365 * 86400.0,
    "decade": 3650 * 86400.0,
    "century": 36500 * 86400.0,
}
_TIMEX_DURATION = re.compile(
    r"P(?:(?P<Y>[\d.]+)Y)?(?:(?P<MO>[\d.]+)M)?(?:(?P<W>[\d.]+)W)?(?:(?P<D>[\d.]+)D)?"
    r"(?:T(?:(?P<H>[\d.]+)H)?(?:(?P<MI>[\d.]+)M)?(?:(?P<S>[\d.]+)S)?)?"
)


def timex_seconds(timex: str) -> float | None:
    """Seconds of a TIMEX3 duration (``P3D``, ``PT2H30M``) under MS's conventions."""
    m = _TIMEX_DURATION.fullmatch(timex.strip())
    if not m or not any(m.groupdict().values()):
        return None
    scale = {
        "Y": MS_SECONDS["year"],
        "MO": MS_SECONDS["month"],
        "W": MS_SECONDS["week"],
        "D": MS_SECONDS["day"],
        "H": 3600.0,
        "MI": 60.0,
        "S": 1.0,
    }
    return sum(float(v) * scale[k] for k, v in m.groupdict().items() if v)
