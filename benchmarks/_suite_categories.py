"""Families of failure: a small classifier of a case's text, for ``outside_suites.py``.

Each category is a name, a pattern searched in the *expression* (the expected
result's text, or the text a tool found when it found something nobody
expected) and the suites it applies to. A miss belongs to every category whose
pattern it contains, so the counts of a suite add up to more than its misses;
a miss matching none is "other". The categories name the phenomenon a grammar
rule would have to cover — e.g. "fraction" is any written share (2/3,
two-thirds, a half, one in six), "glued unit" a unit written against its
number (512GB, 3kW).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_SUITES = frozenset({"number", "range", "percent", "currency", "dimension", "duration"})
DATE_SUITES = frozenset({"date", "extract"})

_ONES = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    "thirtieth|fortieth|fiftieth|hundredth|thousandth|millionth|billionth"
)
_FRACTION_WORDS = (
    "half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|"
    "tenths?|hundredths?|thousandths?"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun"
)
_UNITS = r"(?:days?|weeks?|months?|years?|decades?|quarters?|weekends?|fortnights?)"
_CURRENCY_WORDS = (
    "dollars?|euros?|pounds?|yen|yuan|renminbi|francs?|rupees?|pesos?|liras?|lari|kip|"
    "col[oó]n|markkas?|pesetas?|guilders?|bitcoins?|btc|sterling|rand|ringgit|won|baht"
)


@dataclass(frozen=True)
class Category:
    name: str
    pattern: re.Pattern[str]
    suites: frozenset[str]


def _c(name: str, pattern: str, suites: frozenset[str], *, case: bool = False) -> Category:
    return Category(name, re.compile(pattern, 0 if case else re.IGNORECASE), suites)


CATEGORIES: tuple[Category, ...] = (
    # numbers -----------------------------------------------------------------
    _c("negative", r"(?<![\w.])[-−–]\s?\d|\bminus\b|\bnegative\b", NUMBER_SUITES),
    _c(
        "fraction",
        rf"\d\s*/\s*\d|\b({_FRACTION_WORDS})\b|\bone in \w+|\b\w+ over \w+",
        NUMBER_SUITES,
    ),
    _c("ordinal", rf"\b\d+\s*(st|nd|rd|th)\b|\b({_ORDINAL_WORDS})\b", NUMBER_SUITES),
    _c("number words", rf"\b({_ONES}|{_TENS}|dozens?|couple|a few)\b", NUMBER_SUITES),
    _c(
        "scale word",
        r"\b(hundred|thousand|million|billion|trillion|lakh|lac|crore|mn|bn|k|m|b)s?\b",
        NUMBER_SUITES,
    ),
    _c("decimal", r"\d[.,]\d{1,2}(?!\d)|\d\.\d{3,}|\bpoint\b", NUMBER_SUITES),
    _c("thousands separators", r"\d{1,3}(?:[, ]\d{3})+(?!\d)", NUMBER_SUITES),
    _c("power / scientific", r"\d\s*[eE]\s*[-+]?\d|\^|\bpower\b|[×*]\s*10", NUMBER_SUITES),
    _c(
        "bound above (more/over/exceeding)",
        r"\b(more|greater|larger|bigger|higher|over|above|exceed\w*|surpass\w*|beyond|"
        r"no less|not less)\b",
        NUMBER_SUITES,
    ),
    _c(
        "bound below (less/under/up to)",
        r"\b(less|fewer|smaller|lower|under|below|up to|at most|no more|not more|"
        r"not exceed\w*)\b",
        NUMBER_SUITES,
    ),
    _c(
        "or-equal bound",
        r"\b(or equal|equal to or|at least|at most|or (more|less|greater|fewer|"
        r"above|below|higher|lower))\b|[≤≥]|[<>]=",
        NUMBER_SUITES,
    ),
    _c("range words (between/from-to)", r"\bbetween\b|\bfrom\b.*\bto\b", NUMBER_SUITES),
    _c("range by dash or 'to'", r"\d\s*[-–~]\s*\d|\d\s+to\s+\d", NUMBER_SUITES),
    _c("comparison sign", r"[<>≤≥]", NUMBER_SUITES),
    _c(
        "currency symbol or prefix",
        r"[$€£¥₹₩₽฿]|\b(US\$|C\$|A\$|HK\$|NZ\$|R\$|Rs\.?|RM|PS)\b",
        NUMBER_SUITES,
    ),
    _c("currency name", rf"\b({_CURRENCY_WORDS})\b", NUMBER_SUITES),
    _c(
        "currency code",
        r"\b(USD|EUR|GBP|JPY|CNY|RMB|CAD|AUD|CHF|INR|HKD|NZD|BTC)\b",
        NUMBER_SUITES,
        case=True,
    ),
    _c(
        "money subunit (cents/pence)",
        r"\b(cents?|pence|penny|pennies|sen|satoshis?)\b",
        NUMBER_SUITES,
    ),
    _c(
        "glued unit",
        r"\d(?!(?:st|nd|rd|th)\b)(?![eE][-+]?\d)[a-zA-Zµ°]+",
        NUMBER_SUITES,
        case=True,
    ),
    _c("unit as hyphenated adjective", r"\d-[a-zA-Z]{2,}", NUMBER_SUITES),
    _c("leading decimal point", r"(?<![\d.])\.\d", NUMBER_SUITES),
    _c("dotted number sequence (address, version)", r"\d+\.\d+\.\d+", NUMBER_SUITES),
    _c("abbreviated time unit", r"\d\s*(h|hrs?|mins?|secs?|d|wks?|yrs?|mos?)\b", NUMBER_SUITES),
    _c(
        "whole-unit duration (all/full day)",
        r"\b(all|full|whole|entire)[\s-]+(day|week|month|year)",
        NUMBER_SUITES,
    ),
    _c(
        "rate / compound unit",
        r"\bper\b|[a-zA-Z]/[a-zA-Z]|\bmph\b|\bkph\b|\ban? (hour|day|year)\b",
        NUMBER_SUITES,
    ),
    _c(
        "area / volume",
        r"\b(square|cubic|sq)\b|[²³]|\b(acres?|gallons?|barrels?|cups?|"
        r"tablespoons?|teaspoons?|liters?|litres?|ml)\b",
        NUMBER_SUITES,
    ),
    _c("percent", r"%|\bper ?cent\b|\bpct\b|\bpc\b|\bpercentage\b", NUMBER_SUITES),
    # time --------------------------------------------------------------------
    _c(
        "numeric date",
        r"\b\d{1,4}\s*[/.\-]\s*\d{1,2}(\s*[/.\-]\s*\d{2,4})?\b",
        DATE_SUITES,
    ),
    _c("day number alone", r"^(on |the )*\d{1,2}(st|nd|rd|th)?$", DATE_SUITES),
    _c("weekday", rf"\b({_WEEKDAYS})\b\.?", DATE_SUITES),
    _c("month name", rf"\b({_MONTHS})\b\.?", DATE_SUITES),
    _c(
        "month name in lower case",
        r"\b(january|february|march|april|june|july|august|"
        r"september|october|november|december)\b",
        DATE_SUITES,
        case=True,
    ),
    _c("relative day", r"\b(today|tomorrow|yesterday|tonight|day after|day before)\b", DATE_SUITES),
    _c(
        "relative week/month/year",
        rf"\b(last|next|this|coming|past|previous|following|current|upcoming|same|that)\s+"
        rf"{_UNITS}\b",
        DATE_SUITES,
    ),
    _c(
        "N units ago/later",
        rf"{_UNITS}\s+(ago|later|from now|earlier|hence|before|after|"
        r"back)\b",
        DATE_SUITES,
    ),
    _c(
        "past/next N units",
        rf"\b(last|past|next|previous|coming|following|upcoming|recent|within|in the)\s+"
        rf"(\w+\s+){{1,2}}{_UNITS}\b",
        DATE_SUITES,
    ),
    _c("quarter/half", r"\bquarter\b|\bQ[1-4]\b|\bH[12]\b|\bhalf\b", DATE_SUITES),
    _c(
        "early/mid/late part",
        r"\b(early|mid|middle|late|beginning|start|end|rest|remainder)\b",
        DATE_SUITES,
    ),
    _c(
        "range (between/from-to/dash)",
        r"\b(between|from|through|thru|till|until)\b|\d\s*[-–]"
        r"\s*\d|\bto\b",
        DATE_SUITES,
    ),
    _c("decade/century", r"\b\d{2,4}'?s\b|'\d0s|\bdecades?\b|\bcentur", DATE_SUITES),
    _c("season", r"\b(spring|summer|fall|autumn|winter)\b", DATE_SUITES),
    _c(
        "holiday / named day",
        r"\b(christmas|xmas|easter|thanksgiving|new year|halloween|valentine|independence|"
        r"labou?r day|memorial day|mother'?s|father'?s|boxing|martin luther|columbus|"
        r"veterans|patrick|yuandan|inauguration|election day|black friday|cyber monday|"
        r"eve\b|holiday|thanks ?giving|presidents'?|earth day|workers|mlk|ramadan|eid\b|"
        r"\b\w+('s|s')? day\b)",
        DATE_SUITES,
    ),
    _c("week of / week number", r"\bweek\s+(of|\d+)\b|\b\w+\s+week\s+of\b|\bW\d", DATE_SUITES),
    _c(
        "number words in a date",
        rf"\b({_ONES}|{_TENS}|hundred|thousand|{_ORDINAL_WORDS})\b",
        DATE_SUITES,
    ),
    _c("ordinal day", rf"\b\d{{1,2}}(st|nd|rd|th)\b|\b({_ORDINAL_WORDS})\b", DATE_SUITES),
    _c("two-digit year", r"'\d\d\b|\b\d{1,2}/\d{1,2}/\d\d\b|\b[a-z]{3,9}\.?\s+\d\d\b", DATE_SUITES),
    _c("year alone", r"^(in |the year )?(19|20)\d\d$", DATE_SUITES),
    _c(
        "future-marked",
        r"\b(next|coming|upcoming|tomorrow|tonight|following|from now|later|hence|will|"
        r"shall|ahead)\b|'ll\b",
        DATE_SUITES,
    ),
    _c(
        "before/after/since/until/by",
        r"\b(before|after|since|until|till|by|prior to|"
        r"no later)\b",
        DATE_SUITES,
    ),
    _c("to date / so far", r"\b(to date|so far|ytd|up to now)\b", DATE_SUITES),
)


def classify(text: str, family: str) -> list[str]:
    """The categories of an expression in a suite of ``family`` ("other" when none)."""
    names = [c.name for c in CATEGORIES if family in c.suites and c.pattern.search(text)]
    return names or ["other"]
