"""The claim record: one figure, by one reporter, about one measure, over one window.

``claim(...)`` builds a :class:`Claim` from loose fields — text as typed in a
spreadsheet, numbers, pairs, or the typed records themselves — and validates
it. Several mentions of the same claim (relayed by several outlets, or
repeated in one document) are one claim with several :class:`Source` entries;
:func:`merge_mentions` folds them together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal, TypeAlias

from claimrec._text import is_missing as _is_missing
from claimrec.calendar import DateRange, EventCalendar
from claimrec.errors import ClaimError
from claimrec.lexicon import Lexicon
from claimrec.measure import MeasureSynonyms, infer_measure_kind, measure_key
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.read.fields import (
    DateLike,
    check_value,
    read_published,
    read_reporter,
    read_value,
    read_window,
)
from claimrec.read.fields import text_or_none as _text_or_none
from claimrec.reporter import Reporter, ReporterTable
from claimrec.sanitize import safe_record
from claimrec.value import Value
from claimrec.window import Window

if TYPE_CHECKING:
    import pint

__all__ = [
    "MENTION_TEXTS",
    "Claim",
    "MeasureKind",
    "Modality",
    "Source",
    "check_value",
    "claim",
    "claim_identities",
    "claim_identity",
    "merge_mentions",
    "read_modality",
    "read_published",
    "read_reporter",
    "read_value",
    "read_window",
]

MeasureKind: TypeAlias = Literal["flow", "level"]
MEASURE_KINDS: tuple[MeasureKind, ...] = ("flow", "level")

#: What kind of statement a claim is: a count or level stated as fact, a model or
#: survey estimate, a projection / expectation / target about a later window, or a
#: figure the text itself gives as replaced ("cut the toll to 42 from nearly 70", "had
#: previously said 75"): superseded figures are listed but never set against others.
Modality: TypeAlias = Literal["reported", "estimated", "forecast", "superseded"]
MODALITIES: tuple[Modality, ...] = ("reported", "estimated", "forecast", "superseded")

ValueLike: TypeAlias = Value | str | int | float | tuple[float, float]
WindowLike: TypeAlias = Window | str | tuple[DateLike | None, DateLike]


#: The texts a mention may write its own way ("two" where another wrote "2"): kept
#: per mention on its :class:`Source`, None meaning "as the claim writes it".
MENTION_TEXTS: tuple[str, ...] = (
    "value_text",
    "counted",
    "measure_text",
    "window_text",
    "reporter_as_written",
    "reporter_text",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where one mention of a claim was read: document, outlet, date, quote and span.

    The mention's own texts (``value_text``, ``counted``, ``measure_text``,
    ``window_text``, ``reporter_as_written``, ``reporter_text``) are None when they
    are the claim's; :func:`claimrec.from_frame` sets those that differ. ``row``
    and ``position`` say which row of a claims frame the mention was read from, so
    that :func:`claimrec.to_frame` puts it back there. None of these take part in
    comparisons: two mentions of one place are one source.
    """

    document: str | None = None
    url: str | None = None
    via: str | None = None
    published: DateRange | None = None
    quote: str | None = None
    span: tuple[int, int] | None = None
    value_text: str | None = field(default=None, compare=False)
    counted: str | None = field(default=None, compare=False)
    measure_text: str | None = field(default=None, compare=False)
    window_text: str | None = field(default=None, compare=False)
    reporter_as_written: str | None = field(default=None, compare=False)
    reporter_text: str | None = field(default=None, compare=False)
    row: Hashable | None = field(default=None, compare=False)
    position: int | None = field(default=None, compare=False)

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
    ``modality`` says whether the figure is reported as fact, an estimate, a
    forecast or superseded (given by the text as replaced by a later figure); a
    forecast or a superseded figure is never judged against a reported figure.
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
                "must be 'reported', 'estimated', 'forecast' or 'superseded'",
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
    return claim_identities([(reporter, measure, measure_kind, window, value, method, modality)])[0]


#: What a claim's id is computed from, in order (:func:`claim_identities`).
IdentityParts: TypeAlias = tuple[str, str, str, str, str, "str | None", str]


def claim_identities(rows: Iterable[IdentityParts]) -> list[str]:
    """:func:`claim_identity` of each ``(reporter, measure, measure_kind, window, value,
    method, modality)``, in one pass (a table's distinct claims)."""
    blake = hashlib.blake2b
    # The ids of reported claims are those of earlier releases (no modality part).
    return [
        blake(
            "\x1f".join(
                (reporter, measure, kind, window, value, method or "")
                if modality == "reported"
                else (reporter, measure, kind, window, value, method or "", modality)
            ).encode(),
            digest_size=8,
        ).hexdigest()
        for reporter, measure, kind, window, value, method, modality in rows
    ]


def merge_mentions(claims: Iterable[Claim]) -> list[Claim]:
    """Fold mentions of the same claim into one claim with all their sources.

    Order follows first appearance; identical sources are kept once.
    """
    merged: dict[str, Claim] = {}
    for item in claims:
        key = item.id
        known = merged.get(key)
        sources = item.sources if known is None else known.sources + item.sources
        unique = tuple(dict.fromkeys(sources))
        base = item if known is None else known
        merged[key] = base if unique == base.sources else base.with_sources(unique)
    return list(merged.values())


# --- building a claim from loose fields ----------------------------------------


def _read_span(span: object) -> tuple[int, int] | None:
    if type(span) is tuple and len(span) == 2 and type(span[0]) is type(span[1]) is int:
        return span  # the common case, checked first: a pair of offsets as extract gives it
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
    value_text: str | None = None,
    measure_text: str | None = None,
    policy: Policy = DEFAULT_POLICY,
    reporters: ReporterTable | None = None,
    synonyms: MeasureSynonyms | None = None,
    calendar: EventCalendar | None = None,
    lexicon: Lexicon | None = None,
) -> Claim:
    """Build one :class:`Claim` from loose fields.

    ``value_text`` is the figure as written, kept as given (default: ``value`` when
    it is text); ``reporter_text`` the words the reporter was read from;
    ``measure_text`` the words the measure was read from (default: ``measure``).

    >>> c = claim("at least 124", measure="executions of Ukrainian POWs",
    ...           window="since 2022 as of Nov. 6", published="2024-11-11",
    ...           reporter="Prosecutor General's Office")
    >>> (c.value.low, c.window.end_latest.isoformat(), c.reporter.name)
    (124.0, '2024-11-06', 'Office of the Prosecutor General of Ukraine')
    """
    published_range = read_published(published)
    measure_given = _text_or_none(measure, "measure")
    if measure_given is None:
        raise ClaimError("a claim needs a measure (what is counted)", field="measure", text="")
    if measure_text is not None and not isinstance(measure_text, str):
        raise ClaimError("expected text", field="measure_text", text=repr(measure_text))
    counted_text = _text_or_none(counted, "counted")
    key = measure_key(measure_given, synonyms=synonyms, lexicon=lexicon)
    if not key:
        raise ClaimError("no content words left in the measure", field="measure", text=measure)
    described = measure_given if counted_text is None else f"{measure_given} {counted_text}"
    kind = _measure_kind(measure_kind, described, lexicon)
    source = _source(document, url, via, published_range, quote, span)
    made = Claim(
        value=read_value(value, unit=unit, policy=policy, lexicon=lexicon),
        value_text=_value_text(value, value_text),
        measure=key,
        measure_text=measure_given if measure_text is None else measure_text,
        measure_kind=kind,
        window=read_window(window, published=published_range, calendar=calendar, lexicon=lexicon),
        reporter=read_reporter(reporter, reporters=reporters),
        counted=counted_text,
        method=_text_or_none(method, "method"),
        modality=read_modality(modality),
        reporter_text=_text_or_none(reporter_text, "reporter_text") or "",
        sources=(source,),
    )
    return safe_record(made)  # no unencodable code point past here


def _value_text(value: object, value_text: object) -> str:
    if value_text is None:
        return value if isinstance(value, str) else ""
    if not isinstance(value_text, str):
        raise ClaimError("expected text", field="value_text", text=repr(value_text))
    return value_text


def _source(
    document: object, url: object, via: object, published: DateRange | None, quote: object,
    span: object,
) -> Source:  # fmt: skip
    """Where a mention was read, from loose fields."""
    return Source(
        document=_text_or_none(document, "document"),
        url=_text_or_none(url, "url"),
        via=_text_or_none(via, "via"),
        published=published,
        quote=quote if isinstance(quote, str) and quote else None,
        span=_read_span(span),
    )


def _measure_kind(given: object, described: str, lexicon: Lexicon | None) -> MeasureKind:
    """The kind given, or the one the wording says when none is given."""
    if given is None or _is_missing(given):
        return infer_measure_kind(described, lexicon=lexicon)
    if given in MEASURE_KINDS:
        return given
    raise ClaimError("must be 'flow' or 'level'", field="measure_kind", text=str(given))


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
        "must be 'reported', 'estimated', 'forecast' or 'superseded'",
        field="modality",
        text=repr(modality),
    )
