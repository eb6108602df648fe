"""The second pass: the compound grammar over a skeleton (the :data:`COMPOUNDS`
table: since / as of / between / bound / plain), and reading one expression of
atoms, parts and events into a window."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from claimrec.calendar import (
    DateRange,
    make_date,
    month_end,
)
from claimrec.errors import ReferenceDateError, WindowError
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.time_beginnings import guard, prefixes
from claimrec.read.time_fragments import compose, expression_fragments
from claimrec.read.time_parts import apply_part, lasting, part_scanner
from claimrec.read.time_rules import RULES
from claimrec.read.time_scan import DAY, EVENT, INNER, STRONG, WEAK, Found, atom_scanner, read_event
from claimrec.read.time_span import OPEN_START, UNKNOWN_END, Context, Span, shift_days
from claimrec.read.time_vocabulary import digit_day, key
from claimrec.window import Window, WindowKind

# --- atoms and expressions ---------------------------------------------------------------


@per_lexicon
def _atoms(
    lexicon: Lexicon,
) -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], Callable[..., Span]], ...]]:
    """The part prefix and every atom, compiled for reading one expression."""
    words = expression_fragments(lexicon, False)
    atoms = tuple((re.compile(compose(r.pattern, words), re.I), r.read) for r in RULES)
    return part_scanner(lexicon), atoms


def _read_base(text: str, ctx: Context, kind: str | None = None) -> Span:
    """One expression: a part of an atom or event, an atom, or an event. ``kind`` is what
    the first pass found it to be (``r12``: rule 12 of RULES), when known."""
    part_re, atoms = _atoms(ctx.words.lexicon)
    if kind is None:  # which atom it is, in one look
        whole = atom_scanner(ctx.calendar, ctx.words.lexicon, False).fullmatch(text)
        kind = None if whole is None else whole.lastgroup
    if kind is not None and kind[0] == "r":
        pattern, read = atoms[int(kind[1:])]
        found = pattern.fullmatch(text)
        if found is not None:
            return read(found, ctx)
    elif kind == "event":
        event = read_event(text, ctx)
        if event is not None:
            return event
    part = part_re.match(text)
    if part is not None and part.end() < len(text):
        try:
            inner: Span | None = _read_base(text[part.end() :], ctx)
        except ReferenceDateError:
            raise
        except WindowError:
            inner = None
        if inner is not None:
            try:
                return apply_part(part, inner, ctx)
            except ReferenceDateError:
                raise
            except WindowError:
                pass  # "last week Sunday" is no last week of Sunday: try the atoms
    for pattern, read in atoms:
        m = pattern.fullmatch(text)
        if m is not None:
            return read(m, ctx)
    event = read_event(text, ctx)
    if event is not None:
        return event
    raise WindowError("not a time expression claimrec can read", text=ctx.text)


@per_lexicon
def _yearless(lexicon: Lexicon) -> re.Pattern[str]:
    words = expression_fragments(lexicon, False)
    return re.compile(
        compose(
            r"(?:{weekday}[,.]?{space})?(?:the{space})?"
            r"(?:(?:{month})(?:{space}|[-/.]|(?<=[a-z]))(?:the{space})?(?:{day}|{nth_day})"
            r"|(?:{day}|{nth_day})(?:{space}|[-/.]|(?<=[0-9]))(?:of{space})?(?:{month})"
            r"|(?:{month})|[0-9]{1,2}[/.-][0-9]{1,2})",
            words,
        ),
        re.IGNORECASE,
    )


@per_lexicon
def _bare_day(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(expression_fragments(lexicon, False)["bare_day"], re.IGNORECASE)


def _bare_number(text: str, ctx: Context) -> int | None:
    """The day number of a bare day ("4", "the 22nd", "nineteenth"), or None."""
    if not _bare_day(ctx.words.lexicon).fullmatch(text):
        return None
    word = key(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE))
    digits = digit_day(ctx.words.lexicon).fullmatch(word)
    return int(digits[1]) if digits else ctx.words.day_ordinals.get(word)


def _day_in_month_of(day: date, number: int, text: str, *, not_before: date | None = None) -> date:
    """Day ``number`` of ``day``'s month (of the next month when that would be before
    ``not_before``: "Nov 28 to 3" ends on Dec 3)."""
    found = make_date(day.year, day.month, number, text)
    if not_before is not None and found < not_before:
        nxt = month_end(day) + timedelta(days=1)
        found = make_date(nxt.year, nxt.month, number, text)
    return found


def _read_pair(
    first: str, second: str, ctx: Context, kinds: tuple[str | None, str | None] = (None, None)
) -> tuple[Span, Span, bool]:
    """Both ends of "between X and Y", and whether Y carries the window past the reference.

    A bare day takes the other end's month ("from 4 to 22 January", "November 15th
    through 19th"); a yearless X shares Y's year (or the one before); a yearless Y that
    would end before a dated X is the first such day after it ("from today to October
    22")."""
    first_day, second_day = _bare_number(first, ctx), _bare_number(second, ctx)
    if first_day is not None and second_day is not None:
        raise WindowError("a range of two bare numbers is not dated", text=ctx.text)
    if second_day is not None:
        start = _read_base(first, ctx, kinds[0])
        ends = [
            _day_in_month_of(day, second_day, ctx.text, not_before=day)
            for day in (start.se, start.sl)
        ]
        return start, Span.over((ends[0], ends[0]), (ends[1], ends[1])), _beyond(ends[1], ctx)
    yearless = _yearless(ctx.words.lexicon)
    if first_day is None and not yearless.fullmatch(first) and yearless.fullmatch(second):
        start = _read_base(first, ctx, kinds[0])
        last = _read_base(second, ctx, kinds[1])
        if last.el < start.se:  # "from today to October 22": the next October 22
            last = _read_base(second, ctx.with_after(start.se), kinds[1])
        return start, last, _beyond(last.se, ctx)
    last = _read_base(second, ctx, kinds[1])
    ahead = last.ahead or _beyond(last.se, ctx)
    if first_day is not None:
        starts = [_day_in_month_of(d, first_day, ctx.text) for d in (last.se, last.sl)]
        return Span.over((starts[0], starts[0]), (starts[1], starts[1])), last, ahead
    if yearless.fullmatch(first):
        anchor = DateRange(min(last.ee, last.el), last.el)
        return _read_base(first, ctx.with_anchor(anchor), kinds[0]), last, ahead
    return _read_base(first, ctx, kinds[0]), last, ahead


def _beyond(day: date, ctx: Context) -> bool:
    """Whether ``day`` is after the reference (the text dates an end past it)."""
    return ctx.reference is not None and day > ctx.reference.latest


# --- compounds -----------------------------------------------------------------------------

CompoundReader = Callable[["Found", Context, bool], tuple[Span, WindowKind]]


@dataclass(frozen=True, slots=True)
class Compound:
    """A compound form around expressions: its pattern and its reader."""

    name: str
    pattern: str
    read: CompoundReader


def _since(m: Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    if m["until_end"]:
        start, end, ahead = _read_pair(
            m["since_start"], m["until_end"], ctx, m.kinds("since_start", "until_end")
        )
        until = " ".join(m["until_word"].lower().split())
        # "since X as of Y": up to some day of Y; "since X through Y": to its end
        as_of = until in ctx.words.lexicon.words("as_of_words")
        end_range = (end.se, end.el) if as_of else (end.ee, end.el)
        return Span(start.se, start.el, *end_range, ahead=ahead), "period"
    start = _read_base(m["since_start"], ctx, m.kind("since_start"))
    reference = ctx.need_reference("'since' (it runs up to the reference date)")
    return Span(start.se, start.el, reference.earliest, reference.latest), "period"


def _as_of(m: Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    point = _read_base(m["as_of_end"], ctx, m.kind("as_of_end"))
    return Span(point.se, point.se, point.se, point.el), "point"


def _bound(m: Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    """before X (open start, ends the day before X), until X (open start, ends in X), after X
    (from the day after X to the reference, or to an unknown end when X is later)."""
    word = key(m["bound_word"])
    x = _read_base(m["bound_end"], ctx, m.kind("bound_end"))
    if word == "after":
        start = (shift_days(x.ee, 1, ctx.text), shift_days(x.el, 1, ctx.text))
        if ctx.reference is None or x.el >= ctx.reference.earliest:
            return Span(*start, UNKNOWN_END, UNKNOWN_END, ahead=True), "period"
        return Span(*start, ctx.reference.earliest, ctx.reference.latest), "period"
    if word in ("before", "prior to"):
        ends = (shift_days(x.se, -1, ctx.text), shift_days(x.sl, -1, ctx.text))
    else:
        ends = (x.se, x.el)
    return Span(OPEN_START, OPEN_START, *ends, ahead=_beyond(ends[0], ctx)), "period"


def _qualified(m: Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    """more than 2 weeks after today, within 2 weeks from today, less than 3 days after
    tomorrow, more than 2 days before yesterday: a bound on how far from a time"""
    more = ctx.words.lexicon.table("offset_bounds")[key(m["qualifier"])] == "more"
    found = _offset_re(ctx.words.lexicon).fullmatch(m["qualified"])
    if found is None:  # "over the past year": a plain preposition after all
        return _read_base(m["qualified"], ctx, m.kind("qualified")), "period"
    direction = key(found["direction"])
    after = direction in ("after", "from")
    base_words = ctx.words.offset_after if after else ctx.words.offset_before
    base_key = key(f"{direction} {found['base']}")
    if base_key in base_words:
        reference = ctx.need_reference(f"'{found['base']}'")
        back = base_words[base_key]
        base = Span.exact(
            shift_days(reference.earliest, -back, ctx.text),
            shift_days(reference.latest, -back, ctx.text),
        )
    else:
        base = _read_base(found["base"], ctx)
    start, last = lasting(base.se if after else base.el, found["count"], found["unit"], ctx,
                           sign=1 if after else -1)  # fmt: skip
    if after and more:  # from N units on (or the day after), the end not said
        return Span(shift_days(last, 1, ctx.text), shift_days(last, 2, ctx.text),
                    UNKNOWN_END, UNKNOWN_END, ahead=True), "period"  # fmt: skip
    if after:  # within N units from the base on
        return Span(start, start, last, last, ahead=True), "period"
    if more:  # ending N units before the base (or the day before), the start not said
        end = shift_days(last, -1, ctx.text)
        return Span(OPEN_START, OPEN_START, shift_days(end, -1, ctx.text), end), "period"
    return Span(last, last, start, start), "period"


@per_lexicon
def _offset_re(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(
        compose(
            r"(?P<count>{number})(?:{space}|(?<=[0-9]))(?P<unit>{duration_unit}){space}"
            r"(?P<direction>after|from|before){space}(?P<base>.+)",
            expression_fragments(lexicon, False),
        ),
        re.IGNORECASE,
    )


def _range(m: Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    first, last, ahead = _read_pair(
        m["range_start"], m["range_end"], ctx, m.kinds("range_start", "range_end")
    )
    return Span(first.se, first.sl, last.ee, last.el, ahead=ahead), "period"


def _plain(m: Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    tail = "and_end" if m["and_end"] else "to_end"
    second = m[tail]
    if second and not drop_tail:
        first, last, ahead = _read_pair(m["expression"], second, ctx, m.kinds("expression", tail))
        return Span(first.se, first.sl, last.ee, last.el, ahead=ahead), "period"
    return _read_base(m["expression"], ctx, m.kind("expression")), "period"


COMPOUNDS: tuple[Compound, ...] = (
    Compound(
        "since",
        r"(?P<since>since){space}(?P<since_start>{anything})"
        r"(?:,?{space}(?P<until_word>{until_word}){space}(?P<until_end>{anything}))?",
        _since,
    ),
    Compound(
        "as_of",
        r"(?P<as_of_word>{as_of_word}){space}(?P<as_of_end>{anything})",
        _as_of,
    ),
    Compound(
        "range",
        r"(?P<range_word>between|from){space}(?P<range_start>{anything}|{bare_day})"
        r"(?:{space}and{space}|{to})(?P<range_end>{anything}|{bare_day})",
        _range,
    ),
    Compound(
        "qualified",
        r"(?P<qualifier>{offset_bound}){space}(?P<qualified>{anything})",
        _qualified,
    ),
    Compound(
        "bound",
        r"(?P<bound_word>{bound_word}){space}(?P<bound_end>{anything})",
        _bound,
    ),
    Compound(
        "plain",
        r"(?:(?P<preposition>{preposition}){space})?(?P<expression>{generic})"
        r"(?:{space}and{space}(?P<and_end>{generic})|{to}(?P<to_end>{generic})"
        r"|,?{space}(?P<alone>alone))?",
        _plain,
    ),
)


@lru_cache(maxsize=16)
def compound_scanner(lexicon: Lexicon, running_text: bool) -> re.Pattern[str]:
    """The compound grammar over a skeleton: in running text a plain preposition takes
    a strong, weak or day atom (find_windows checks which preposition), the words of
    since / as of / between / from / before any atom."""
    words = expression_fragments(lexicon, running_text)
    if running_text:
        generic, anything = f"[{STRONG}{WEAK}{DAY}]", f"[{STRONG}{WEAK}{DAY}{INNER}{EVENT}]"
    else:
        generic = anything = f"[{STRONG}{EVENT}]"
    pieces = {**words, "generic": generic, "anything": anything}
    # Each form in a group of its own name: it closes last, so m.lastgroup names the form.
    body = "|".join(f"(?P<{c.name}_form>{compose(c.pattern, pieces)})" for c in COMPOUNDS)
    first = f"0-9A-Za-z{STRONG}{WEAK}{DAY}{INNER}{EVENT}"
    # What a compound may begin with (a placeholder stands as a cut key): most word
    # starts fail in one look.
    ahead = guard([prefixes(body)])
    return re.compile(rf"(?<![\w])(?=[{first}]){ahead}(?:{body})(?![a-z0-9])", re.IGNORECASE)


def interpret(m: Found, ctx: Context, *, drop_tail: bool = False) -> Window:
    span, kind = _BY_FORM[m.lastgroup or ""].read(m, ctx, drop_tail)
    return _finish(span, kind, ctx)


_BY_FORM = {f"{c.name}_form": c for c in COMPOUNDS}


def _finish(span: Span, kind: WindowKind, ctx: Context) -> Window:
    se, sl, ee, el = span.se, span.sl, span.ee, span.el
    if ctx.reference is not None and not span.ahead and el != UNKNOWN_END:
        # A window that contains the reference day ends there ("this year" is the year
        # so far) unless the text carries it on; one that starts after it is a future
        # window, which only an explicit date or a word of the future ("next",
        # "tomorrow", "this coming") produces.
        limit = ctx.reference.latest
        if se <= limit:
            el, ee = min(el, limit), min(ee, limit)
    if se > el:
        raise WindowError("the window starts after it ends", text=ctx.text)
    # Readings that end before they start are impossible; drop them.
    sl, ee = min(sl, el), max(ee, se)
    end_earliest = None if el == UNKNOWN_END else ee
    end_latest = None if el == UNKNOWN_END else el
    if kind == "point":
        return Window(
            start_earliest=None, start_latest=None, end_earliest=end_earliest,
            end_latest=end_latest, kind="point", text=ctx.text,
        )  # fmt: skip
    open_start = se == OPEN_START
    return Window(
        start_earliest=None if open_start else se, start_latest=None if open_start else sl,
        end_earliest=end_earliest, end_latest=end_latest, kind="period", text=ctx.text,
    )  # fmt: skip
