"""Strategies for the text readers: figures, windows, reporters and measures."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from claimrec.value import Value
from claimrec.window import DateRange, Window

if TYPE_CHECKING:
    pass


__all__: list[str] = []

# --- figures (value.py, units.py) -------------------------------------------
_UNIT_NAMES = (
    "count", "percent", "USD", "RUB", "hectare", "acre", "month", "year", "kilometer", "ratio",
    "kilometer/hour",
)  # fmt: skip
_QUALIFIER_WORDS = (
    "", "at least ", "more than ", "over ", "up to ", "fewer than ", "about ", "some ",
    "nearly ", "just over ", "an estimated ", "no more than ", "~", "exactly ", "as high as ",
    "equal to ", "as few as ",
)  # fmt: skip
_FIGURE_NOUNS = ("", " executions", " prisoners of war", " people", " cases of torture")
_FIGURE_UNITS = ("", "%", " percent", " hectares", " months", " roubles", " km/hr", "m tall")


@st.composite
def values(draw: st.DrawFn) -> object:
    """Valid :class:`claimrec.value.Value` objects of every kind, through the constructors."""

    magnitude = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
    x = draw(magnitude)
    unit = draw(st.sampled_from(_UNIT_NAMES))
    kind = draw(st.sampled_from(("exact", "rounded", "approx", "nearly", "just_over",
                                 "at_least", "more_than", "at_most", "less_than", "range",
                                 "vague")))  # fmt: skip
    if kind in ("range", "vague"):
        y = draw(magnitude)
        low, high = min(x, y), max(x, y)
        return (Value.between if kind == "range" else Value.vague)(low, high, unit=unit)
    if kind == "exact":
        return Value.exact(x, unit=unit)
    precision = draw(st.sampled_from((None, 1.0, 10.0, 100.0, 1000.0, 1e6)))
    if kind == "rounded":
        return Value.rounded(x, precision=precision or 1000.0, unit=unit)
    if kind in ("approx", "nearly", "just_over"):
        tolerance = draw(st.floats(min_value=0.0, max_value=0.5))
        make = getattr(Value, kind)
        return make(x, tolerance=tolerance, precision=precision, unit=unit)
    return getattr(Value, kind)(x, unit=unit, precision=precision)


def _number_texts() -> st.SearchStrategy[str]:
    whole = st.integers(min_value=0, max_value=10**9)
    return st.one_of(
        whole.map(str),
        whole.map(lambda n: f"{n:,}"),
        st.integers(min_value=1, max_value=999).map(lambda n: f"{n / 10:g} million"),
        st.integers(min_value=1, max_value=99).map(lambda n: f"{n}k"),
        st.sampled_from(
            (
                "two",
                "twenty-one",
                "a dozen",
                "a hundred and two",
                "five",
                "3 B",
                "2M",
                "2.5^2",
                "1,5",
                "fifty - two",
                "one hundred and three quarters",
                "45 lakh",
                "1.1^3",
            )
        ),
    )


@st.composite
def figure_texts(draw: st.DrawFn) -> str:
    """Figure expressions as reporters write them: "at least 1,240 executions", "30-40%"."""
    if draw(st.booleans()) and draw(st.booleans()):
        low = draw(st.integers(min_value=0, max_value=10_000))
        high = low + draw(st.integers(min_value=0, max_value=10_000))
        if 1800 <= low <= 2100 and high < 10_000:
            # A year, then four digits: "between 1800 and 1900", "1800-2101" are spans of
            # years in running text (the time reader takes them), not figures.
            low %= 1000
        form = draw(st.sampled_from(("between {} and {}", "{}-{}", "{} to {}", "from {} to {}")))
        if form == "{}-{}" and high == low:
            high += 1  # "2-2" with equal ends is a score or a tally, not a range
        return form.format(low, high) + draw(st.sampled_from(_FIGURE_NOUNS))
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        return draw(st.sampled_from(("dozens of POWs", "hundreds", "several", "a few",
                                     "tens of thousands", "several thousand", "tens of shells",
                                     "three times as many", "one in six adults",
                                     "two-thirds of voters", "5 feet 2 inches", "12, or 13 years",
                                     "80-to-90 percent", "20 through 30", "2 hours 30 minutes",
                                     "about an hour", "more than one in five")))  # fmt: skip
    qualifier = draw(st.sampled_from(_QUALIFIER_WORDS))
    number = draw(_number_texts())
    unit = draw(st.sampled_from(_FIGURE_UNITS))
    noun = draw(st.sampled_from(_FIGURE_NOUNS)) if not unit else ""
    return f"{qualifier}{number}{unit}{noun}"


@st.composite
def overflowing_figure_texts(draw: st.DrawFn) -> str:
    """Figures written in digits and words whose value is past a float's range:
    "1e308 billion", "about 9.5e300 trillion dollars", a long power times a scale."""
    mantissa = draw(st.sampled_from(("1", "9.5", "4", "12.25", "7" * 29)))
    exponent = draw(st.integers(min_value=300, max_value=999))
    number = draw(st.sampled_from((f"{mantissa}e{exponent}", f"{mantissa}x10^{exponent}", "9^330")))
    scale = draw(st.sampled_from(("", " billion", " trillion", " lakh crore", " thousand million")))
    if not scale and "9^" not in number and exponent < 309:
        scale = " trillion"  # 1e300 to 1e308 are past the range only with a scale word
    qualifier = draw(st.sampled_from(_QUALIFIER_WORDS))
    unit = draw(st.sampled_from(("", " people", " dollars", " hectares")))
    currency = draw(st.sampled_from(("", "$")))
    return f"{qualifier}{currency}{number}{scale}{unit}"


__all__ += ["figure_texts", "overflowing_figure_texts", "values"]
# (end figures)

# --- windows (window.py) ------------------------------------------------------

__all__ += ["currency_texts", "references", "window_texts", "windows"]


@st.composite
def currency_texts(draw: st.DrawFn) -> tuple[str, str]:
    """(text, code): a figure in a currency the default lexicon knows, written with its
    code before or after the number, its symbol, or one of its words."""
    from claimrec.lexicon import default_lexicon
    from claimrec.units import unit_words

    words = unit_words(default_lexicon())
    code = draw(st.sampled_from(sorted(words.codes)))
    number = draw(st.sampled_from(("500", "12,000", "2.5 million", "40")))
    names = sorted(
        name
        for name, unit in words.aliases.items()
        if unit == code and name in words.in_text and name not in words.symbols and name.isalpha()
    )
    forms = [f"{code} {number}", f"{number} {code}"]
    forms += [
        f"{symbol}{number}" for symbol in sorted(words.symbols) if words.aliases[symbol] == code
    ]
    forms += [f"{number} {name}" for name in names]
    return draw(st.sampled_from(forms)), code


@st.composite
def references(draw: st.DrawFn, *, min_year: int = 1990, max_year: int = 2060) -> DateRange:
    """Reference dates at day, month or year precision."""
    day = draw(st.dates(min_value=date(min_year, 1, 1), max_value=date(max_year, 12, 31)))
    precision = draw(st.sampled_from(["day", "month", "year"]))
    if precision == "year":
        return DateRange.year(day.year)
    if precision == "month":
        return DateRange.month(day.year, day.month)
    return DateRange.day(day)


@st.composite
def windows(draw: st.DrawFn, *, min_year: int = 1900, max_year: int = 2100) -> Window:
    """Valid windows: exact or uncertain ends, open starts, points and unknown ends."""
    low, high = date(min_year, 1, 1), date(max_year, 12, 31)
    point = draw(st.integers(0, 2)) == 0
    days = sorted(draw(st.lists(st.dates(min_value=low, max_value=high), min_size=4, max_size=4)))
    if draw(st.booleans()):  # exact ends
        days = [days[0], days[0], days[3], days[3]]
    start_earliest: date | None = days[0]
    start_latest: date | None = days[draw(st.sampled_from([0, 1, 2]))]
    end_earliest: date | None = days[2]
    end_latest: date | None = days[3]
    if point or draw(st.integers(0, 9)) == 0:
        start_earliest = start_latest = None
    if draw(st.integers(0, 19)) == 0:
        end_earliest = end_latest = None
    return Window(
        start_earliest=start_earliest,
        start_latest=start_latest,
        end_earliest=end_earliest,
        end_latest=end_latest,
        kind="point" if point else "period",
    )


_WINDOW_WORDS = (
    "since", "as of", "by", "the end of", "between", "and", "from", "to", "through", "until",
    "in", "on", "over", "the", "past", "last", "this", "week", "weeks", "month", "months",
    "year", "years", "days", "hours", "24", "12", "two", "alone", "yesterday", "today",
    "Thursday", "February", "Nov.", "Sept.", "May", "6", "29", "31", "0", "2022", "2024",
    "1899", "9999", "2020-21", "Q3", "H1", "first", "half", "third", "quarter", "of", "early",
    "mid-", "late", "week to", "full-scale invasion", "beginning of the", "began", "ago", "-",
    "–", "/", "~", "@", "..", ",", ".", "2024-11-06", "2024-02-30", "0000-00-00", "\n",
    # issue 11: numeric dates, the future, parts, named days, shifts, bounds
    "3/7/2017", "22/04", "2019/12", "2010-11", "13.5.2015", "1.2.10", "'70s", "eighties",
    "twenty-first", "century", "next", "coming", "this coming", "tomorrow", "tonight",
    "later", "earlier", "rest of the", "within", "more than", "before", "after", "weekend",
    "Christmas", "Easter", "summer", "fall", "week of", "first Friday of", "a year earlier",
    "the same period last year", "so far this year", "year to date", "from now", "hence",
    "nineteen", "seventy", "two thousand and", "Wed", "sun", "fifth", "Friday the 13th",
)  # fmt: skip


def window_texts() -> st.SearchStrategy[str]:
    """Texts near the window grammar (its words in random order) and arbitrary text."""
    near = st.lists(st.sampled_from(_WINDOW_WORDS), max_size=8).map(" ".join)
    return st.one_of(near, st.text(max_size=40))


__all__ += ["not_dated_numbers", "written_days"]


@st.composite
def not_dated_numbers(draw: st.DrawFn) -> str:
    """Phone numbers and product codes in a few words: no time window is in them."""
    digits = st.text("0123456789", min_size=3, max_size=4)
    letters = st.text("ABCDEFGHKMXZ", min_size=1, max_size=3)
    kind = draw(st.sampled_from(["phone", "international", "code", "sku"]))
    if kind == "phone":
        return f"call {draw(digits)}-{draw(digits)}{draw(digits)}"
    if kind == "international":
        return f"dial +{draw(st.integers(1, 99))} {draw(digits)} {draw(digits)} {draw(digits)}"
    if kind == "code":
        return f"part {draw(letters)}{draw(digits)}-{draw(digits)}"
    return f"SKU {draw(letters)}-{draw(digits)}/{draw(letters)}{draw(digits)}"


_DAY_FORMS = ("{month} {day}, {year}", "{day} {month} {year}", "{iso}", "on {month} {day}, {year}")


@st.composite
def written_days(
    draw: st.DrawFn, *, min_year: int = 1800, max_year: int = 2100
) -> tuple[str, date]:
    """A day written out in a sentence ("... on March 3, 2021 ..."), and the day."""
    day = draw(st.dates(date(min_year, 1, 1), date(max_year, 12, 31)))
    form = draw(st.sampled_from(_DAY_FORMS))
    written = form.format(month=day.strftime("%B"), day=day.day, year=day.year, iso=day.isoformat())
    return f"Officials said {written} was the date.", day


# (end windows)

# --- reporters and measures (reporter.py, measure.py) -------------------------
__all__ += ["measure_chunks", "measure_phrases", "reporter_aliases", "reporter_names"]

# Pieces of measure text that form no synonym phrase across their borders, so
# that shuffling them must not change the key.
MEASURE_CHUNKS: tuple[str, ...] = (
    "executions",
    "executed",
    "Ukrainian",
    "Russian",
    "prisoners of war",
    "POWs",
    "soldiers in captivity",
    "by Russian forces",
    "in Kursk Oblast",
    "missing",
    "civilians",
    "released",
    "North Korean",
    "incidents",
    "cases",
    "of",
    "the",
    "2024",
    "deported",
    "children",
)


def measure_chunks(*, min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[list[str]]:
    """Lists of measure-text pieces (join them with spaces for a phrase)."""
    return st.lists(st.sampled_from(MEASURE_CHUNKS), min_size=min_size, max_size=max_size)


def measure_phrases(*, min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[str]:
    """Measure texts such as "executions of Ukrainian POWs by Russian forces"."""
    return measure_chunks(min_size=min_size, max_size=max_size).map(" ".join)


def _respell(alias: str, article: str, case: str, curly: bool, suffix: str) -> str:
    text = {"lower": alias.lower(), "upper": alias.upper(), "title": alias.title()}.get(case, alias)
    return article + (text.replace("'", "’") if curly else text) + suffix


def _spellings(alias: str) -> st.SearchStrategy[str]:
    # The same name as writers vary it: case, a leading article, a possessive,
    # curly apostrophes, doubled spaces.
    return st.builds(
        _respell,
        st.just(alias),
        st.sampled_from(["", "the ", "The ", "  "]),
        st.sampled_from(["as is", "lower", "upper", "title"]),
        st.booleans(),
        st.sampled_from(["", "'s", "’s", " "]),
    )


def reporter_aliases() -> st.SearchStrategy[tuple[str, str]]:
    """``(name as written, canonical name)`` pairs from the default reporter table."""
    from claimrec.reporter import default_reporters

    pairs = sorted(
        (alias, entry.canonical)
        for entry in default_reporters().entries
        for alias in (entry.canonical, *entry.aliases)
    )
    return st.sampled_from(pairs).flatmap(
        lambda pair: _spellings(pair[0]).map(lambda written: (written, pair[1]))
    )


def reporter_names() -> st.SearchStrategy[str]:
    """Reporter names as found in tables: known aliases, variants, or any text at all."""
    return st.one_of(
        reporter_aliases().map(lambda pair: pair[0]),
        st.text(max_size=60),
        st.text(alphabet="'’‘.()-, sHURUN", max_size=30),
    )


# (end reporters and measures)
