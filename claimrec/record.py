"""The claim record: one figure, by one reporter, about one measure, over one window.

``claim(...)`` builds a :class:`Claim` from loose fields — text as typed in a
spreadsheet, numbers, pairs, or the typed records themselves — and validates
it. Several mentions of the same claim (relayed by several outlets, or
repeated in one document) are one claim with several :class:`Source` entries;
:func:`merge_mentions` folds them together.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Literal, TypeAlias

import pint

from claimrec.errors import ClaimError, ClaimrecError, FigureError, UnitError, WindowError
from claimrec.measure import MeasureSynonyms, infer_measure_kind, measure_key
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.read.figures import parse_value
from claimrec.read.times import parse_reference, parse_window
from claimrec.reporter import Reporter, ReporterTable, resolve_reporter
from claimrec.units import parse_unit, same_dimension, unit_name
from claimrec.value import Value
from claimrec.window import DateRange, EventCalendar, Window

__all__ = [
    "Claim",
    "MeasureKind",
    "Modality",
    "Source",
    "claim",
    "claim_identity",
    "merge_mentions",
    "read_modality",
    "read_published",
]

MeasureKind: TypeAlias = Literal["flow", "level"]
MEASURE_KINDS: tuple[MeasureKind, ...] = ("flow", "level")

#: What kind of statement a claim is: a count or level stated as fact, a model or
#: survey estimate, or a projection / expectation / target about a later window.
Modality: TypeAlias = Literal["reported", "estimated", "forecast"]
MODALITIES: tuple[Modality, ...] = ("reported", "estimated", "forecast")

ValueLike: TypeAlias = Value | str | int | float | tuple[float, float]
DateLike: TypeAlias = date | datetime | str
WindowLike: TypeAlias = Window | str | tuple[DateLike | None, DateLike]


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where one mention of a claim was read: document, outlet, date, quote and span."""

    document: str | None = None
    url: str | None = None
    via: str | None = None
    published: DateRange | None = None
    quote: str | None = None
    span: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.span is not None:
            start, end = self.span
            if not 0 <= start <= end:
                raise ClaimError(
                    "a span is (start, end) with 0 <= start <= end",
                    field="span",
                    text=repr(self.span),
                )


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One figure attributed to one reporter about one measure over one window.

    ``measure`` is the normalized key claims share (empty when no measure could
    be read: such a claim is kept but never grouped); ``measure_text`` is the
    phrase as written. ``method`` is the definition note ("documented",
    "confirmed", "estimated"): claims with different methods are kept apart.
    ``modality`` says whether the figure is reported as fact, an estimate or a
    forecast; a forecast is never judged against a reported figure.
    ``reporter_text`` is the words the reporter was read from ("according to
    the Interior Ministry"). ``sources`` holds every mention; the first is the
    primary one.
    """

    value: Value
    measure: str
    measure_kind: MeasureKind
    window: Window
    reporter: Reporter | None = None
    counted: str | None = None
    measure_text: str = field(default="", compare=False)
    method: str | None = None
    modality: Modality = "reported"
    value_text: str = field(default="", compare=False)
    reporter_text: str = field(default="", compare=False)
    sources: tuple[Source, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.measure, str):
            raise ClaimError("a measure key is text", field="measure", text=repr(self.measure))
        if self.measure_kind not in MEASURE_KINDS:
            raise ClaimError(
                "must be 'flow' or 'level'", field="measure_kind", text=str(self.measure_kind)
            )
        if self.modality not in MODALITIES:
            raise ClaimError(
                "must be 'reported', 'estimated' or 'forecast'",
                field="modality",
                text=str(self.modality),
            )

    @property
    def unit(self) -> pint.Unit:
        return self.value.unit

    @property
    def via(self) -> tuple[str, ...]:
        """The outlets that relayed this claim, in order of first mention."""
        return tuple(dict.fromkeys(s.via for s in self.sources if s.via))

    @property
    def published(self) -> DateRange | None:
        return self.sources[0].published if self.sources else None

    @property
    def id(self) -> str:
        """A stable identity: equal for mentions of the same claim, whatever their sources."""
        return claim_identity(
            reporter=self.reporter.name if self.reporter is not None else "",
            measure=self.measure,
            measure_kind=self.measure_kind,
            window=str(self.window),
            value=str(self.value),
            method=self.method,
            modality=self.modality,
        )

    def with_sources(self, sources: Iterable[Source]) -> Claim:
        return replace(self, sources=tuple(sources))


def claim_identity(
    *,
    reporter: str,
    measure: str,
    measure_kind: str,
    window: str,
    value: str,
    method: str | None,
    modality: str = "reported",
) -> str:
    """The id of a claim: a short hash of what it says (reporter, measure, the text
    forms of its window and value, method, modality), not of where it was read."""
    parts: tuple[str, ...] = (reporter, measure, measure_kind, window, value, method or "")
    if modality != "reported":  # ids of reported claims are those of earlier releases
        parts += (modality,)
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()


def merge_mentions(claims: Iterable[Claim]) -> list[Claim]:
    """Fold mentions of the same claim into one claim with all their sources.

    Order follows first appearance; identical sources are kept once.
    """
    merged: dict[str, Claim] = {}
    for item in claims:
        key = item.id
        known = merged.get(key)
        if known is None:
            merged[key] = item
        else:
            sources = tuple(dict.fromkeys(known.sources + item.sources))
            merged[key] = known.with_sources(sources)
    return list(merged.values())


# --- building a claim from loose fields ----------------------------------------


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text_or_none(value: object, field_name: str) -> str | None:
    if _is_missing(value):
        return None
    if not isinstance(value, str):
        raise ClaimError("expected text", field=field_name, text=repr(value))
    return " ".join(value.split())


def _number_text(number: float) -> str:
    if isinstance(number, bool):
        raise FigureError("a boolean is not a figure", text=repr(number))
    if not math.isfinite(number):
        raise FigureError("a figure must be a finite number", text=repr(number))
    if float(number).is_integer():
        return str(int(number))
    return repr(float(number))


def read_value(value: object, *, unit: object = None, policy: Policy = DEFAULT_POLICY) -> Value:
    """A :class:`Value` from text, a number, a (low, high) pair or a Value, with its unit."""
    parsed: Value
    if isinstance(value, Value):
        parsed = value
    elif isinstance(value, str):
        parsed = parse_value(value, policy=policy)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        # A number in a cell is the number it holds: no round-figure widening,
        # unless the policy says to read numbers as text.
        as_number = policy if policy.numbers_as_text else policy.replace(round_figures=False)
        parsed = parse_value(_number_text(value), policy=as_number)
    elif isinstance(value, tuple) and len(value) == 2:
        low, high = value
        if not all(isinstance(end, int | float) and not isinstance(end, bool) for end in value):
            raise FigureError("a (low, high) pair needs two numbers", text=repr(value))
        parsed = Value.between(float(low), float(high))
    elif _is_missing(value):
        raise FigureError("a claim needs a figure", text="")
    else:
        raise FigureError(
            "expected text, a number, a (low, high) pair or a Value", text=repr(value)
        )
    if _is_missing(unit):
        return parsed
    target = unit if isinstance(unit, pint.Unit) else parse_unit(str(unit))
    if parsed.unit == target:
        return parsed
    if parsed.is_count:
        # "19 million" with unit "hectares": the unit column names what the figure is in.
        return parsed.with_unit(target)
    if not same_dimension(parsed.unit, target):
        raise UnitError(
            f"the figure is in {unit_name(parsed.unit)}, which cannot be {unit_name(target)}",
            text=str(unit),
        )
    return parsed.to(target)


def _read_day(value: DateLike, field_name: str) -> DateRange:
    try:
        return parse_reference(value)
    except ClaimrecError as error:
        raise WindowError(error.reason, field=field_name, text=error.text) from None


def read_window(
    window: object,
    *,
    published: DateRange | None = None,
    calendar: EventCalendar | None = None,
) -> Window:
    """A :class:`Window` from text, a (start, end) pair or a Window.

    With no window, a claim is read as standing as of its publication date
    (an open start, ending when it was published); with neither, the window is
    unknown. A window is never invented beyond that.
    """
    if isinstance(window, Window):
        return window
    if isinstance(window, str) and window.strip():
        return parse_window(window, reference=published, calendar=calendar)
    if isinstance(window, tuple) and len(window) == 2:
        start_raw, end_raw = window
        end = _read_day(end_raw, "window end")
        if _is_missing(start_raw):
            return Window.as_of(end, text=f"as of {end}")
        start = _read_day(start_raw, "window start")
        return Window.since(start, end, text=f"{start} to {end}")
    if _is_missing(window):
        if published is None:  # nothing says when: an unknown window
            return Window(
                start_earliest=None,
                start_latest=None,
                end_earliest=None,
                end_latest=None,
                kind="point",
                text="",
            )
        return Window.as_of(published)
    raise WindowError("expected text, a (start, end) pair or a Window", text=repr(window))


def read_published(published: object) -> DateRange | None:
    """A publication date at its precision — from a date, a datetime or pandas
    Timestamp, (partial) ISO text such as ``"2025"``, or a DateRange — or None when
    missing."""
    if _is_missing(published):
        return None
    if isinstance(published, DateRange):
        return published
    if isinstance(published, datetime):  # pandas' Timestamp is one too
        published = published.date()
    if not isinstance(published, date | str):
        raise ClaimError("expected a date", field="published", text=repr(published))
    try:
        return parse_reference(published)
    except ClaimrecError as error:
        raise ClaimError(error.reason, field="published", text=error.text) from None


def read_reporter(reporter: object, *, reporters: ReporterTable | None = None) -> Reporter | None:
    if isinstance(reporter, Reporter):
        return reporter
    name = _text_or_none(reporter, "reporter")
    if name is None:
        return None
    return resolve_reporter(name, table=reporters)


def _read_span(span: object) -> tuple[int, int] | None:
    if _is_missing(span):
        return None
    if (
        isinstance(span, Sequence)
        and not isinstance(span, str)
        and len(span) == 2
        and all(isinstance(end, int) and not isinstance(end, bool) for end in span)
    ):
        return (int(span[0]), int(span[1]))
    raise ClaimError("a span is a (start, end) pair of character offsets", field="span", text=span)


def claim(
    value: ValueLike,
    *,
    measure: str,
    unit: str | pint.Unit | None = None,
    counted: str | None = None,
    measure_kind: MeasureKind | None = None,
    window: WindowLike | None = None,
    reporter: str | Reporter | None = None,
    published: DateLike | DateRange | None = None,
    via: str | None = None,
    url: str | None = None,
    document: str | None = None,
    quote: str | None = None,
    span: tuple[int, int] | None = None,
    method: str | None = None,
    modality: Modality | None = None,
    reporter_text: str | None = None,
    policy: Policy = DEFAULT_POLICY,
    reporters: ReporterTable | None = None,
    synonyms: MeasureSynonyms | None = None,
    calendar: EventCalendar | None = None,
) -> Claim:
    """Build one :class:`Claim` from loose fields.

    >>> c = claim("at least 124", measure="executions of Ukrainian POWs",
    ...           window="since 2022 as of Nov. 6", published="2024-11-11",
    ...           reporter="Prosecutor General's Office")
    >>> (c.value.low, c.window.end_latest.isoformat(), c.reporter.name)
    (124.0, '2024-11-06', 'Office of the Prosecutor General of Ukraine')
    """
    published_range = read_published(published)
    measure_text = _text_or_none(measure, "measure")
    if measure_text is None:
        raise ClaimError("a claim needs a measure (what is counted)", field="measure", text="")
    counted_text = _text_or_none(counted, "counted")
    key = measure_key(measure_text, synonyms=synonyms)
    if not key:
        raise ClaimError("no content words left in the measure", field="measure", text=measure)
    if measure_kind is None or _is_missing(measure_kind):
        kind: MeasureKind = infer_measure_kind(
            measure_text if counted_text is None else f"{measure_text} {counted_text}"
        )
    elif measure_kind in MEASURE_KINDS:
        kind = measure_kind
    else:
        raise ClaimError("must be 'flow' or 'level'", field="measure_kind", text=str(measure_kind))
    source = Source(
        document=_text_or_none(document, "document"),
        url=_text_or_none(url, "url"),
        via=_text_or_none(via, "via"),
        published=published_range,
        quote=quote if isinstance(quote, str) and quote else None,
        span=_read_span(span),
    )
    return Claim(
        value=read_value(value, unit=unit, policy=policy),
        value_text=value if isinstance(value, str) else "",
        measure=key,
        measure_text=measure_text,
        measure_kind=kind,
        window=read_window(window, published=published_range, calendar=calendar),
        reporter=read_reporter(reporter, reporters=reporters),
        counted=counted_text,
        method=_text_or_none(method, "method"),
        modality=read_modality(modality),
        reporter_text=_text_or_none(reporter_text, "reporter_text") or "",
        sources=(source,),
    )


def read_modality(modality: object) -> Modality:
    """``reported`` when missing; otherwise one of ``MODALITIES``."""
    if _is_missing(modality):
        return "reported"
    if isinstance(modality, str):
        folded = modality.strip().lower()
        for known in MODALITIES:
            if folded == known:
                return known
    raise ClaimError(
        "must be 'reported', 'estimated' or 'forecast'", field="modality", text=repr(modality)
    )
