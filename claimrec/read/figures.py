"""Figures in text: ``parse_value`` for one expression, ``find_values`` for running text.

One grammar serves both. At a token it reads a figure ("at least 124",
"between 793 and 8,498", "dozens", "$2bn") or returns a :class:`Refusal` — the
reason the tokens there are not a figure (a date, a name, an ordinal).
``parse_value`` raises :class:`~claimrec.errors.FigureError` with that reason;
``find_values`` skips the tokens. Two kinds of reasons belong to one side only:

* an *objection* is why a reading is not ONE well-formed expression ("at
  least 30-40": a bound cannot apply to a range) — ``parse_value`` raises it,
  ``find_values`` keeps the reading it has ("at least 30");
* a *running-text* reason comes from the words around a number ("in 2024",
  "one of them", "2022-2024") — ``find_values`` skips the figure,
  ``parse_value`` has no context and reads it.

How words become intervals is the reading policy (:class:`~claimrec.policy.Policy`,
DESIGN §5); the words themselves are the :class:`~claimrec.lexicon.Lexicon`.
The readers are linear in their input: tokens come from one regex without
nested ambiguous quantifiers, and the grammar looks a bounded number of tokens
ahead of each start position.

The grammar is one reader class built in layers, each a module: units and
currencies at tokens (:mod:`~claimrec.read.unit_tokens`), the tails of a number
(:mod:`~claimrec.read.amount_tails`), amounts (:mod:`~claimrec.read.amounts`),
their reading by the policy (:mod:`~claimrec.read.readings`), ranges
(:mod:`~claimrec.read.ranges`); this module adds qualifiers, vague amounts,
ratios and the scan of running text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from claimrec._text import shorten
from claimrec.errors import ClaimrecError, FigureError
from claimrec.lexicon import Lexicon, Mode, lexicon_or_default, per_lexicon
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.read.amount_types import TOO_LARGE
from claimrec.read.amounts import Amount, Refusal
from claimrec.read.figure_checks import EVERYWHERE, IN_RUNNING_TEXT, first_reason, glue_reason
from claimrec.read.figure_words import FigureWords, figure_words
from claimrec.read.ranges import RANGE_MODES, SCORE_REASONS, RangeReader
from claimrec.read.readings import Found
from claimrec.read.tokens import ARTICLES, NUM, SYM, WORD, Token, tokenize
from claimrec.textform import read_value_text
from claimrec.units import is_currency, percent_unit, ratio_unit, registry, same_dimension
from claimrec.value import KINDS, Value

__all__ = ["FigureMatch", "clear_caches", "find_values", "parse_value"]


@dataclass(frozen=True, slots=True)
class FigureMatch:
    """One figure found in running text: ``text[start:end] == match.text``."""

    start: int
    end: int
    text: str
    value: Value
    counted: str | None


_BOUND_KINDS = ("at_least", "more_than", "at_most", "less_than")
_UPPER_KINDS = ("at_most", "less_than")


@lru_cache(maxsize=1)
def _TIME_DIMENSION() -> object:
    return registry().Unit("year").dimensionality


class _Reader(RangeReader):
    """The figure grammar over one token list."""

    def skip_lead_words(self, j: int) -> int:
        """Past up to three words that do not change a figure ("another", "a total of")."""
        for _ in range(3):
            if self.match_phrase(j, self.words.qualifiers)[0] is not None:
                return j  # "just under" is a qualifier, not the lead word "just"
            lead, end = self.match_phrase(j, self.words.lead_words)
            if lead is None:
                return j
            j = end
        return j

    # --- figures ----------------------------------------------------------------

    def figure_at(self, i: int) -> Found | Refusal | None:
        """The figure starting at token i, a refusal, or None when none starts there;
        "above 10 and below 20" is one range."""
        found = self.single_figure_at(i)
        if not isinstance(found, Found) or found.value.kind not in _BOUND_KINDS:
            return found
        j = found.last
        if self.low(j) not in self.words.bound_joiners and self.low(j) != ",":
            return found
        if self.match_phrase(j + 1, self.words.qualifiers)[0] is None:
            return found
        second = self.single_figure_at(j + 1)
        if not isinstance(second, Found) or second.value.kind not in _BOUND_KINDS:
            return found
        lower, upper = found.value, second.value
        if lower.kind in _UPPER_KINDS:
            lower, upper = upper, lower
        if lower.kind in _UPPER_KINDS or upper.kind not in _UPPER_KINDS:
            return found
        if lower.unit != upper.unit or lower.low >= upper.high:
            return found
        value = Value(
            stated=None, low=lower.low, high=upper.high, low_bound=lower.low_bound,
            high_bound=upper.high_bound, kind="range", unit=lower.unit,
        )  # fmt: skip
        return Found(i, second.last, value, second.counted or found.counted)

    def single_figure_at(self, i: int) -> Found | Refusal | None:
        """The figure starting at token i, a refusal, or None when none starts there."""
        vague = self.vague_at(i)
        if vague is not None:
            return vague
        word = self.low(i)
        if word in ("between", "from"):
            found = self.explicit_range_at(i, "and" if word == "between" else "to")
            if isinstance(found, Refusal):
                return found._replace(resume=i + 1)  # the figures inside may stand alone
            if found is None and word == "between":
                return Refusal(i, i + 1, "'between' needs two figures joined by 'and'", i + 1)
            return found
        if word in self.words.percent_words:
            return self.percent_of_at(i)
        mode, j = self.match_phrase(i, self.words.qualifiers)
        if word == ">" and self.low(i - 1) == "<" and self.glued(i):
            return None  # "<>30": not equal to 30, no bound
        if (
            word in self.words.topic_prepositions
            and self.low(i - 1) in self.words.preposition_after
        ):
            return None  # "alarm over 79 cases": the figure is read from the next token
        amount = self.amount_at(j)
        if amount is None and mode is not None:
            amount = self.one_unit_at(j)  # "about an hour", "more than a week"
        if amount is None or isinstance(amount, Refusal):
            return amount
        if mode is not None and self.not_a_bound(i, j, amount):
            mode = None  # "revised up to 184,000", "$2bn over 5 years"
        reason = glue_reason(self, amount)
        if reason is not None:
            return Refusal(i, amount.end, f"not a figure: {reason}", amount.end)
        return self.figure_of(i, mode, amount)

    def one_unit_at(self, j: int) -> Amount | None:
        """ "an hour", "a week", "a mile" after a qualifier: one of the unit."""
        if self.low(j) not in ARTICLES:
            return None
        unit, unit_text, end = self.unit_at(j + 1)
        if unit is None or unit == percent_unit() or self.tokens[j + 1].kind != WORD:
            return None
        return Amount(1.0, None, unit, unit_text, 1, j, j, end, None, False, True)

    def percent_of_at(self, i: int) -> Found | None:
        """ "per cent of 210", "percents of twenty" (a figure named after its unit) at
        the end of a clause, where no number comes before the unit word."""
        unit, _, j = self.unit_at(i)
        if unit != percent_unit() or self.low(j) != "of":
            return None
        before = self.tokens[i - 1] if i > 0 else None
        if before is not None and (
            before.kind == NUM
            or before.low in self.words.numbers.small
            or before.low in self.words.phrase_stop
        ):
            return None  # "20 percent of", "twenty percent of", "the percent of"
        amount = self.amount_at(j + 1)
        if not isinstance(amount, Amount) or amount.unit is not None or amount.postfix:
            return None
        if amount.end < self.n and self.tokens[amount.end].kind != SYM:
            return None  # "per cent of 210 workers": a share of something
        value = self.read(amount._replace(unit=percent_unit()), None)
        return Found(i, amount.end, value, None)

    def ratio_of(self, i: int, first: Amount, mode: Mode | None) -> Found | None:
        """ "one in six", "two out of five", "1 over 3", "nearly one in five": one
        figure, the ratio."""
        if first.unit is not None or first.postfix is not None:
            return None
        word, k = self.match_phrase(first.end, self.words.fraction_joiners)
        if word is None:
            return None
        second = self.amount_at(k)
        if not isinstance(second, Amount) or second.unit is not None or second.plain_year:
            return None
        if second.number <= 0:
            return None
        over = self.low(first.end) == "over"
        if over:
            after = self.tokens[second.end] if second.end < self.n else None
            if (after is not None and after.kind in (NUM, WORD)) or second.postfix is not None:
                return None  # "one over three days" is no ratio
            if first.number == 0:
                return None  # "2000 over 3", "negative one over 20": any numerator
        elif first.plain_year or not 0 < first.number < second.number:
            return None
        ratio = first._replace(
            number=first.number / second.number, precision=None, unit=ratio_unit()
        )
        value = self.read(ratio, mode or second.postfix)  # "2 in 5 or more"
        return Found(i, second.end, value, self.counted_after(second))

    def not_a_bound(self, i: int, j: int, amount: Amount) -> bool:
        """Whether the qualifier words at [i, j) are a movement or a span, not a bound."""
        words = self.words
        if j == i + 2 and self.low(i) == "up" and self.low(i + 1) == "to":
            return self.low(i - 1) in words.up_to_after
        if j == i + 1 and self.low(i) in words.duration_prepositions:
            unit = amount.unit
            if unit is None or unit.dimensionality != _TIME_DIMENSION():
                return False
            for k in range(i - 1, max(-1, i - 9), -1):
                token = self.tokens[k]
                if token.text in ".;!?":
                    return False
                if token.kind == NUM:
                    return True
        return False

    def figure_of(self, i: int, mode: Mode | None, amount: Amount) -> Found | Refusal:
        """The figure an amount makes with the qualifier before it and a range tail."""
        objection = None
        if mode in ("approx", "exact") and amount.postfix in _BOUND_KINDS:
            mode = amount.postfix  # "about 500 or more", "equal to 5000 or more than"
        elif mode is not None and amount.postfix is not None and mode != amount.postfix:
            objection = Refusal(i, amount.end, "two qualifiers that disagree", amount.end)
        mode = mode or amount.postfix
        if amount.postfix is None and mode is None:
            reason = first_reason(EVERYWHERE, self, amount)
            if reason is not None:  # "March 3-7" is no range of figures
                return Refusal(i, amount.end, f"not a figure: {reason}", amount.end)
        if amount.postfix is None:
            tail = self.range_tail(amount)
            if isinstance(tail, Refusal) and tail.reason in SCORE_REASONS:
                return tail
            if isinstance(tail, Refusal):
                objection = tail
            elif tail is not None and mode in RANGE_MODES:
                return self.range_of(i, mode, amount, *tail)
            elif tail is not None:
                bound = "a bound (at least, up to, …) cannot apply to a range"
                objection = Refusal(i, tail[0].end, bound, tail[0].end)
        if mode is None:
            reason = first_reason(EVERYWHERE, self, amount)
            if reason is not None:
                return Refusal(i, amount.end, f"not a figure: {reason}", amount.end)
        ratio = self.ratio_of(i, amount, mode)
        if ratio is not None:
            return ratio
        end = amount.end
        if mode in ("more_than", "less_than"):
            inclusive, after = self.match_phrase(end, self.words.or_equal_tails)
            if inclusive is not None and self.amount_at(after) is None:
                # "more than 5000 or equal to"; but "more than 5000 or equal to 6000"
                mode, end = ("at_least" if mode == "more_than" else "at_most"), after
        if self.overflows(amount, mode):
            return Refusal(i, amount.end, TOO_LARGE, amount.end)
        value = self.read(amount, mode)
        if end != amount.end:
            return Found(i, end, value, None, objection, mode=mode)
        bare = amount if mode is None else None  # the words around it are checked by scan
        counted = self.counted_after(amount)
        return Found(i, amount.end, value, counted, objection, None, bare, mode)

    def vague_at(self, i: int) -> Found | None:
        """ "dozens", "several hundred", "tens of thousands of hectares"."""
        if self.low(i) not in self.vague_starts:
            return None
        for length in range(min(self.vague_longest, self.n - i), 0, -1):
            bounds = self.vague.get(tuple(token.low for token in self.tokens[i : i + length]))
            if bounds is None:
                continue
            low, high = bounds
            j = i + length
            if j < self.n and (
                self.tokens[j].kind == NUM or self.low(j) in self.words.numbers.small
            ):
                return None  # "she scores 30 points": a verb before a figure
            factor = self.words.vague_multipliers.get(self.low(j))
            if factor is not None and high < 100:
                # "several hundred", "a few thousand": the multiplier's range, scaled
                low, high, j = low * factor, (high + 1) * factor - 1, j + 1
            of = j + 1 if self.low(j) == "of" else j
            unit, _, after_unit = self.unit_at(of)
            if unit is not None and unit != percent_unit() and self.tokens[of].kind != SYM:
                return Found(i, after_unit, Value.vague(low, high, unit=unit), None)
            return Found(i, j, Value.vague(low, high), self.phrase_at(j))
        return None

    # --- scanning --------------------------------------------------------------

    def past_phone_number(self, i: int) -> int:
        """The token after "+44 20 7946 0958" at token i (a "+"), or i + 1."""
        tokens, j = self.tokens, i + 1
        if j >= self.n or tokens[j].kind != NUM or not self.glued(j):
            return i + 1
        groups = 0
        while j < self.n and groups < 8 and (tokens[j].kind == NUM or tokens[j].text in "-()"):
            if tokens[j].kind == NUM:
                groups += 1 + tokens[j].text.count(" ")  # "+1 100 100" is one token
            j += 1
        return j if groups >= 2 else i + 1

    def readable_figure_at(self, i: int) -> Found | Refusal | None:
        """:meth:`figure_at`, or None for a figure the grammar read but no Value can
        hold: one unreadable figure never costs the rest of a text its figures."""
        try:
            return self.figure_at(i)
        except ClaimrecError:
            return None

    def scan(self, i: int) -> list[Found]:
        """Every figure in running text from token i on, left to right, without overlaps."""
        found: list[Found] = []
        tokens, n, words = self.tokens, self.n, self.words
        word_starts, small = words.word_starts, words.numbers.small
        symbol_starts, vague_starts = words.symbol_starts, self.vague_starts
        gated, followers = words.phrase_only_starts, words.article_followers
        qualifiers = words.qualifiers
        visit = _visited(tokens, _scan_starts(words, vague_starts))
        at, size = 0, len(visit)
        while True:
            # the next token the checks below may not skip: the others are words that
            # start no figure, passed over by the checks all the same
            at = bisect_left(visit, i, at)
            if at >= size:
                break
            i = visit[at]
            token = tokens[i]
            if token.kind == WORD:
                word = token.low
                if (
                    word not in word_starts
                    and word not in vague_starts
                    and word not in small
                    and not ("-" in word and word.partition("-")[0] in small)
                ):
                    i += 1
                    continue
                if (
                    word in gated
                    and word not in vague_starts
                    and self.low(i + 1) not in followers
                    and self.match_phrase(i, qualifiers)[0] is None
                ):
                    i += 1  # "at" without "least", "a" without "hundred": no figure here
                    continue
            elif token.kind == SYM and (
                token.text not in symbol_starts
                or (token.text in "-−" and (i + 1 >= n or tokens[i + 1].kind != NUM))
            ):
                i = self.past_phone_number(i) if token.text == "+" else i + 1
                continue
            result = self.readable_figure_at(i)
            if result is None:
                i += 1
            elif isinstance(result, Refusal):
                i = max(result.resume, i + 1)
            elif result.in_running_text is not None or (
                result.bare is not None and first_reason(IN_RUNNING_TEXT, self, result.bare)
            ):
                i = max(result.last, i + 1)
            else:
                if found and result.bare is not None:
                    result = self.equivalent(found[-1], result)
                found.append(result)
                i = result.last
        return found

    def equivalent(self, before: Found, result: Found) -> Found:
        """A figure in brackets right after a qualified one, in a unit of the same kind,
        restates it and keeps its qualifier: "more than 93,600 hectares (231,000 acres)",
        "approximately C$1.9bn (US$1.5bn)"."""
        mode, amount, tokens = before.mode, result.bare, self.tokens
        if mode is None or mode == "exact" or amount is None or amount.unit is None:
            return result
        if result.first != before.last + 1 or tokens[before.last].text != "(":
            return result
        if result.last >= self.n or tokens[result.last].text != ")":
            return result
        unit, other = before.value.unit, amount.unit
        if not (same_dimension(unit, other) or (is_currency(unit) and is_currency(other))):
            return result
        return result._replace(value=self.read(amount, mode), bare=None, mode=mode)


@lru_cache(maxsize=32)
def _scan_starts(words: FigureWords, vague_starts: frozenset[str]) -> frozenset[str]:
    """The words :meth:`_Reader.scan` looks at further (a word with a hyphen is looked
    at too: "five-year" may start a figure)."""
    return words.word_starts | vague_starts | frozenset(words.numbers.small)


def _visited(tokens: list[Token], starts: frozenset[str]) -> list[int]:
    """The indices of the tokens that are not words, or words in ``starts``, or words with a
    hyphen, in order: a superset of the tokens a figure can start at, found by one list
    comprehension rather than by the scan's checks at each token."""
    return [i for i, t in enumerate(tokens) if t[0] != WORD or t[2] in starts or "-" in t[2]]


# --- public functions -------------------------------------------------------------

_MAX_FIGURE_TEXT = 2000
_CACHED_TEXT = 20_000  # longer documents are not kept in the cache


def _check_arguments(text: object, policy: object, lexicon: object) -> Lexicon:
    if not isinstance(text, str):
        raise FigureError("a figure must be given as text", text=text)
    if not isinstance(policy, Policy):
        raise ClaimrecError("must be a claimrec Policy", field="policy", text=policy)
    return lexicon_or_default(lexicon)


def parse_value(
    text: str, *, policy: Policy = DEFAULT_POLICY, lexicon: Lexicon | None = None
) -> Value:
    """Read ONE figure expression: "over 150", "between 793 and 8,498", "some 50", "dozens".

    A counted noun phrase may follow ("109 executions"), lead words like
    "another" may precede. The canonical text form (``str(value)``) is read
    back exactly. ``lexicon`` gives the words (default: the bundled English
    one). Raises :class:`FigureError` naming the text and the reason when there
    is no figure, or more than one.

    >>> str(parse_value("around 12,000 soldiers"))
    'approx 12000 [10800, 13200] count precision=1000'
    """
    if (
        lexicon is None
        and type(text) is str
        and len(text) <= _MAX_FIGURE_TEXT
        and isinstance(policy, Policy)
    ):
        return _parse_default(text, policy)  # the common call: a cache keyed without a lexicon
    lexicon = _check_arguments(text, policy, lexicon)
    if len(text) > _MAX_FIGURE_TEXT:
        raise FigureError("too long to be one figure expression", text=text)
    return _parse_value(text, policy, lexicon)


@lru_cache(maxsize=8192)
def _parse_default(text: str, policy: Policy) -> Value:
    _check_arguments(text, policy, None)
    return _parse_value.__wrapped__(text, policy, lexicon_or_default(None))


@lru_cache(maxsize=8192)
def _parse_value(text: str, policy: Policy, lexicon: Lexicon) -> Value:
    try:
        return _parse_figure(text, policy, lexicon)
    except FigureError as error:
        if error.text == text:
            raise
        # The grammar names the fragment it refused; the error names the whole input.
        raise FigureError(f"{error.reason} (in {shorten(error.text)!r})", text=text) from None


def _parse_figure(text: str, policy: Policy, lexicon: Lexicon) -> Value:
    form = read_value_text(text.strip())
    if form is not None and form.kind in KINDS:
        return Value.from_text(text)
    tokens = tokenize(text)
    if not tokens:
        raise FigureError("no figure: the text is empty", text=text)
    reader = _Reader(text, tokens, policy, figure_words(lexicon))
    found = reader.figure_at(reader.skip_lead_words(0))
    if isinstance(found, Refusal):
        raise FigureError(found.reason, text=reader.text(found.first, found.last))
    if found is None:
        elsewhere = reader.scan(0)
        if elsewhere:
            where = reader.text(elsewhere[0].first, elsewhere[0].last)
            raise FigureError(f"unexpected words before the figure {where!r}", text=text)
        raise FigureError("no figure found", text=text)
    if found.objection is not None:
        objection = found.objection
        raise FigureError(objection.reason, text=reader.text(objection.first, objection.last))
    more = reader.scan(found.last)
    if more:
        first, second = (
            reader.text(found.first, found.last),
            reader.text(more[0].first, more[0].last),
        )
        raise FigureError(f"two figures where one is expected: {first!r} and {second!r}", text=text)
    return found.value


def find_values(
    text: str, *, policy: Policy = DEFAULT_POLICY, lexicon: Lexicon | None = None
) -> list[FigureMatch]:
    """Every figure in running text, left to right, without overlaps.

    Dates, years, times, ordinals, ages and names ("Covid-19", "G7") are not
    figures. Each match has its character span, its :class:`Value` (the
    qualifier is inside the span: "at least 124") and the counted noun phrase.

    >>> first = find_values("They killed two captured soldiers on May 24.")[0]
    >>> (first.text, first.counted)
    ('two', 'captured soldiers')
    """
    if (
        lexicon is None
        and type(text) is str
        and len(text) <= _CACHED_TEXT
        and isinstance(policy, Policy)
    ):
        return list(_find_default(text, policy))  # the common call, cached without a lexicon
    lexicon = _check_arguments(text, policy, lexicon)
    if len(text) <= _CACHED_TEXT:
        return list(_find_values_cached(text, policy, lexicon))
    return list(_find_values(text, policy, lexicon))


@lru_cache(maxsize=2048)
def _find_default(text: str, policy: Policy) -> tuple[FigureMatch, ...]:
    _check_arguments(text, policy, None)
    return _find_values(text, policy, lexicon_or_default(None))


@lru_cache(maxsize=2048)
def _find_values_cached(text: str, policy: Policy, lexicon: Lexicon) -> tuple[FigureMatch, ...]:
    return _find_values(text, policy, lexicon)


@per_lexicon
def _no_figure_spans(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(lexicon.regex("no_figure_spans"))


def _find_values(text: str, policy: Policy, lexicon: Lexicon) -> tuple[FigureMatch, ...]:
    tokens = tokenize(text)
    reader = _Reader(text, tokens, policy, figure_words(lexicon))
    matches = []
    skipped = (
        [m.span() for m in _no_figure_spans(lexicon).finditer(text)]
        if "@" in text or "/" in text or "www." in text
        else []
    )
    for found in reader.scan(0):
        start, end = tokens[found.first].start, tokens[found.last - 1].end
        if skipped and any(a <= start < b for a, b in skipped):
            continue  # a web or e-mail address
        matches.append(FigureMatch(start, end, text[start:end], found.value, found.counted))
    return tuple(matches)


def clear_caches() -> None:
    """Forget cached results of parse_value and find_values (for benchmarks)."""
    _parse_value.cache_clear()
    _parse_default.cache_clear()
    _find_values_cached.cache_clear()
    _find_default.cache_clear()
