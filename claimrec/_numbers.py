"""Lexing for figures: tokens, numbers in digits and in words, and word lists.

Everything here runs in time linear in the input: the token regex has no nested
quantifier over overlapping classes, and the readers look at most a few tokens
ahead of where they start.
"""

from __future__ import annotations

import re
from typing import NamedTuple

NUM, WORD, SYM = 0, 1, 2


class Token(NamedTuple):
    kind: int  # NUM, WORD or SYM
    text: str
    low: str  # lower-cased text
    start: int
    end: int


# A number in digits: groups of three after , or a space-like separator (plain,
# no-break, thin, narrow no-break), or a plain run of digits; then decimals.
# Each repetition starts with a separator, so the groups cannot overlap.
_TOKEN = re.compile(
    r"(?P<num>[0-9]{1,3}(?:[,\u00a0\u2009\u202f ][0-9]{3})+(?:\.[0-9]+)?(?![0-9])"
    r"|[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*)"
    r"|(?P<sym>\S)"
)


_KIND_OF_GROUP = {"num": NUM, "word": WORD, "sym": SYM}


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``: numbers in digits, words (with inner hyphens) and symbols."""
    make = tuple.__new__  # skips NamedTuple's Python-level __new__: tokenizing is the hot loop
    kinds = _KIND_OF_GROUP
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        token_text = match.group()
        kind = kinds[match.lastgroup or "sym"]
        low = token_text.lower() if kind == WORD else token_text
        append(make(Token, (kind, token_text, low, match.start(), match.end())))
    return tokens


MAX_DIGITS = 30  # longer digit strings are identifiers or junk, not figures


class Digits(NamedTuple):
    """A number written in digits, before any scale word."""

    integer: str  # integer digits, separators removed
    decimals: str  # digits after the decimal point, maybe ""

    def scaled(self, scale: int) -> float:
        """The number times ``scale``, computed on integers so 1.1 million is exact."""
        numerator = int(self.integer + self.decimals) * scale
        return float(numerator / 10 ** len(self.decimals))

    def precision(self, scale: int) -> float | None:
        """The rounding unit: decimals written set it, else the last non-zero digit.

        Only meaningful for round figures; the caller decides when it applies.
        """
        if self.decimals:
            return float(scale / 10 ** len(self.decimals))
        stripped = self.integer.rstrip("0")
        if not stripped.strip("0"):
            return None  # zero has no last non-zero digit
        return float(scale * 10 ** (len(self.integer) - len(stripped)))


def read_digits(text: str) -> Digits | None:
    """Split a NUM token; None when it has too many digits to be a figure."""
    integer, _, decimals = text.partition(".")
    for separator in (",", "\u00a0", "\u2009", "\u202f", " "):
        integer = integer.replace(separator, "")
    if len(integer) + len(decimals) > MAX_DIGITS:
        return None
    return Digits(integer.lstrip("0") or "0", decimals)


SMALL_NUMBERS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
#: Scale words and suffixes after a number ("1.5 million", "12k", "$2bn").
SCALE_WORDS: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "bln": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
_WORD_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def small_number(word: str) -> int | None:
    """0–99 written as one word: "seven", "forty", "twenty-one"."""
    value = SMALL_NUMBERS.get(word)
    if value is not None:
        return value
    value = TENS.get(word)
    if value is not None:
        return value
    tens, dash, unit = word.partition("-")
    if dash and tens in TENS and unit in SMALL_NUMBERS and 0 < SMALL_NUMBERS[unit] < 10:
        return TENS[tens] + SMALL_NUMBERS[unit]
    return None


def is_number_word(word: str) -> bool:
    return (
        small_number(word) is not None
        or word in _WORD_SCALES
        or word in ("hundred", "dozen", "a", "an")
    )


class WordNumber(NamedTuple):
    value: int
    end: int  # index of the first token after the number
    has_scale: bool  # a scale word (thousand, million, …) was used


def read_number_words(tokens: list[Token], i: int) -> WordNumber | None:
    """A number in words starting at token ``i``: "two", "a hundred and two", "a dozen".

    Greedy but never backs up more than one token, so it is linear.
    """
    n = len(tokens)
    total = 0
    group = 0  # the part below the last scale word
    last = ""  # what the previous word was: small, tens, hundred, scale, a
    end = i
    has_scale = False
    previous_scale = 10**15
    j = i
    while j < n:
        token = tokens[j]
        if token.kind != WORD:
            break
        word = token.low
        value = small_number(word)
        if value is not None:
            if last in ("", "hundred", "scale", "and"):
                group += value
            elif last == "tens" and token.start > tokens[j - 1].end and 0 < value < 10:
                group += value  # "twenty five", spaced
            else:
                break
            last = "tens" if word in TENS else "small"
            j += 1
            end = j
            continue
        if word in ("a", "an") and j == i:
            following = tokens[j + 1].low if j + 1 < n else ""
            if following in ("hundred", "dozen") or following in _WORD_SCALES:
                group, last, j = 1, "a", j + 1
                continue
            break
        if word == "hundred" and last in ("small", "tens", "a") and 0 < group < 100:
            group *= 100
            last = "hundred"
            j += 1
            end = j
            continue
        if word == "dozen" and last in ("small", "a") and 0 < group < 100:
            group *= 12
            j += 1
            end = j
            break  # "two dozen" is complete; "a dozen thousand" is not English
        if word == "and" and last == "hundred" and j + 1 < n:
            following = tokens[j + 1].low
            after = tokens[j + 2].low if j + 2 < n else ""
            if small_number(following) is not None and after != "hundred":
                last = "and"
                j += 1
                continue
            break
        scale = _WORD_SCALES.get(word)
        if scale is not None and last in ("small", "tens", "hundred", "a") and group > 0:
            if scale >= previous_scale:
                break
            total += group * scale
            group = 0
            previous_scale = scale
            has_scale = True
            last = "scale"
            j += 1
            end = j
            continue
        break
    if end == i:
        return None
    return WordNumber(total + group, end, has_scale)


MONTHS: frozenset[str] = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    ]
)
WEEKDAYS: frozenset[str] = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
)

#: Words before a four-digit number that make it a year ("in 2024", "since 2022").
YEAR_BEFORE: frozenset[str] = frozenset(
    [
        "in",
        "since",
        "of",
        "by",
        "until",
        "till",
        "from",
        "through",
        "to",
        "before",
        "after",
        "during",
        "early",
        "late",
        "mid",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "year",
        "fiscal",
        "around",
        "circa",
        "between",
        "and",
        "or",
        "throughout",
        "the",
    ]
)
#: Words after a four-digit number that keep it a year ("2024 alone", "2022 invasion").
YEAR_AFTER: frozenset[str] = frozenset(
    [
        "alone",
        "and",
        "or",
        "to",
        "was",
        "were",
        "is",
        "are",
        "saw",
        "when",
        "as",
        "at",
        "in",
        "on",
        "for",
        "with",
        "had",
        "has",
        "have",
        "the",
        "a",
        "an",
        "compared",
        "versus",
        "vs",
        "until",
        "through",
        "onwards",
        "onward",
        "elections",
        "election",
        "invasion",
        "war",
        "budget",
        "report",
        "census",
        "season",
        "levels",
        "level",
        "figures",
        "figure",
        "edition",
        "summit",
        "olympics",
        "presidential",
        "parliamentary",
        "offensive",
        "campaign",
        "counteroffensive",
    ]
)
#: Words after which a number is a name, not a figure ("Article 5", "Resolution 2334").
NAME_BEFORE: frozenset[str] = frozenset(
    [
        "article",
        "section",
        "chapter",
        "clause",
        "paragraph",
        "resolution",
        "page",
        "flight",
        "route",
        "no",
        "number",
        "vol",
        "volume",
        "part",
        "item",
        "rule",
        "amendment",
        "protocol",
        "grade",
        "level",
        "phase",
        "stage",
        "category",
        "ward",
        "district",
        "room",
        "unit",
        "block",
        "building",
    ]
)
AGE_BEFORE: frozenset[str] = frozenset(["aged", "age", "ages"])
TIME_AFTER: frozenset[str] = frozenset(["am", "pm", "gmt", "utc", "cet", "eet", "msk", "bst"])
ORDINAL_SUFFIXES: frozenset[str] = frozenset(["st", "nd", "rd", "th"])

#: "one" is a pronoun, not a figure, before these words ("one of the servicemen").
ONE_PRONOUN_AFTER: frozenset[str] = frozenset(
    [
        "of",
        "another",
        "or",
        "and",
        "by",
        "who",
        "that",
        "which",
        "day",
        "time",
        "way",
        "thing",
        "side",
        "hand",
        "point",
    ]
)
#: … and after these ("the one", "no one", "this one").
ONE_PRONOUN_BEFORE: frozenset[str] = frozenset(
    [
        "no",
        "the",
        "this",
        "that",
        "any",
        "every",
        "each",
        "which",
        "anyone",
        "someone",
        "everyone",
        "such",
    ]
)

#: Words that end the counted noun phrase after a figure.
PHRASE_STOP: frozenset[str] = frozenset(
    [
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "without",
        "over",
        "under",
        "across",
        "after",
        "before",
        "during",
        "since",
        "until",
        "into",
        "onto",
        "about",
        "against",
        "among",
        "between",
        "through",
        "per",
        "via",
        "than",
        "as",
        "like",
        "near",
        "within",
        "upon",
        "toward",
        "towards",
        "behind",
        "beyond",
        "around",
        "amid",
        "despite",
        "including",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "while",
        "whereas",
        "because",
        "if",
        "although",
        "though",
        "when",
        "where",
        "whose",
        "who",
        "whom",
        "which",
        "that",
        "what",
        "whether",
        "the",
        "a",
        "an",
        "this",
        "these",
        "those",
        "their",
        "its",
        "his",
        "her",
        "our",
        "your",
        "my",
        "some",
        "any",
        "each",
        "every",
        "all",
        "no",
        "both",
        "either",
        "neither",
        "another",
        "other",
        "such",
        "he",
        "she",
        "it",
        "they",
        "we",
        "you",
        "i",
        "them",
        "us",
        "him",
        "me",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "should",
        "shall",
        "remain",
        "remains",
        "said",
        "says",
        "say",
        "die",
        "dies",
        "got",
        "get",
        "gets",
        "went",
        "go",
        "goes",
        "fled",
        "took",
        "take",
        "takes",
        "make",
        "makes",
        "saw",
        "see",
        "sees",
        "came",
        "come",
        "comes",
        "include",
        "includes",
        "face",
        "faces",
        "not",
        "also",
        "still",
        "only",
        "just",
        "already",
        "reportedly",
        "allegedly",
        "respectively",
        "ago",
        "more",
        "less",
        "alone",
        "too",
        "then",
        "there",
        "here",
        "even",
        "now",
        "later",
        "earlier",
    ]
)
#: Words ending in -ly or -ed/-ing that are nouns, so they do not end a phrase.
PHRASE_NOUNS: frozenset[str] = frozenset(
    [
        "family",
        "families",
        "ally",
        "assembly",
        "supply",
        "italy",
        "july",
        "rally",
        "anomaly",
        "monopoly",
        "building",
        "buildings",
        "dwelling",
        "dwellings",
        "offspring",
        "bed",
        "beds",
        "shed",
        "sheds",
        "hundred",
        "hundreds",
    ]
)

#: After these words "over", "about", "above", "around" mean "concerning", not a
#: bound: "alarm over 79 cases", "lie about $350 billion".
PREPOSITION_AFTER: frozenset[str] = frozenset(
    [
        "alarm",
        "alarms",
        "concern",
        "concerns",
        "concerned",
        "fear",
        "fears",
        "worry",
        "worries",
        "worried",
        "outrage",
        "anger",
        "dispute",
        "disputes",
        "row",
        "rows",
        "talks",
        "clash",
        "clashes",
        "debate",
        "debates",
        "question",
        "questions",
        "controversy",
        "probe",
        "scandal",
        "criticism",
        "protest",
        "protests",
        "tension",
        "tensions",
        "lie",
        "lied",
        "lies",
        "lying",
        "talk",
        "talked",
        "talking",
        "spoke",
        "speak",
        "speaks",
        "asked",
        "ask",
        "asks",
        "asking",
        "know",
        "knew",
        "learn",
        "learned",
        "news",
        "story",
        "stories",
        "fight",
        "fought",
        "argue",
        "argued",
        "argument",
        "negotiate",
        "negotiated",
        "negotiations",
        "agreement",
        "deal",
        "disagreement",
        "warned",
        "warn",
        "warns",
        "complain",
        "complained",
        "complaints",
    ]
)
#: Qualifier words that are also prepositions of topic.
TOPIC_PREPOSITIONS: frozenset[str] = frozenset(["over", "about", "above", "around"])
