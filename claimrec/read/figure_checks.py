"""Figure-like things that are not figures: each check returns its reason, or None.

Two families, both tables of small checks over an amount the grammar read:

* :data:`EVERYWHERE` — true of the amount itself, wherever it is written: a
  number glued into a name ("G7", "Covid-19"), part of a time, fraction or
  version ("7:30", "1/2", "2.0.1"), of a date ("24 Nov", "Nov. 6", "February
  2022"), an age ("45 years old"), a time of day ("7 PM"). ``parse_value``
  raises with the reason; ``find_values`` skips the tokens.
* :data:`IN_RUNNING_TEXT` — what the words around a number say in an article:
  a year ("in 2024", "2024 Olympics"), a name ("Article 5"), an age ("aged
  45"), "one" as a pronoun ("one of them"). ``parse_value`` reads a single
  expression, which has no such context; only ``find_values`` applies them.

The words are lists of the lexicon (figure_context.txt, dates.txt).
"""

from __future__ import annotations

from collections.abc import Callable

from claimrec._text import DASHES
from claimrec.read.amounts import Amount, AmountReader
from claimrec.read.tokens import NUM, WORD

__all__ = ["EVERYWHERE", "IN_RUNNING_TEXT", "Check", "first_reason"]

#: A check: the reason an amount is not a figure, or None.
Check = Callable[[AmountReader, Amount], str | None]


def glue_reason(reader: AmountReader, amount: Amount) -> str | None:
    """Why the number token is part of a name, time, fraction or compound word."""
    if amount.in_words:
        return None
    tokens, k = reader.tokens, amount.number_index
    if k == amount.start and reader.glued(k):
        before = tokens[k - 1]
        if before.kind == WORD:
            return "a name or code (letters glued to the number)"
        if before.text in DASHES and k >= 2 and reader.glued(k - 1):
            if tokens[k - 2].kind == WORD:
                return "a name (like Covid-19)"
            if tokens[k - 2].kind == NUM:
                return "the second half of a hyphenated pair"
        if before.text in "#/:.'’":
            return "part of a time, fraction, version or name"
    plus = k == amount.start and k >= 1 and tokens[k - 1].text == "+" and reader.glued(k)
    if plus and _chain_after(reader, k) >= 1:
        return "a phone number (like +1-222-555-0100)"
    after = k + 1
    if after + 1 < reader.n and reader.glued(after) and reader.glued(after + 1):
        mark, following = tokens[after], tokens[after + 1]
        if mark.text in ":/." and following.kind == NUM:
            return "part of a time, date, fraction or version"
        if mark.text in DASHES and following.kind == NUM and _chain_after(reader, k) >= 2:
            return "a phone number or code (like 555-0100-22)"
        if (
            mark.text in DASHES
            and following.kind == WORD
            and following.low not in reader.words.numbers.small
            and not (amount.unit is not None and amount.end > after + 1)  # "a 3-inch screen"
            and not (following.low == "to" and reader.low(after + 2) in DASHES)  # "80-to-90"
            and following.low not in reader.words.count_adjectives  # "a 40-member parliament"
        ):
            return "part of a compound word (like 45-year-old)"
    return None


def _chain_after(reader: AmountReader, k: int) -> int:
    """How many more digit groups follow token k, each glued after a dash or slash."""
    tokens, count = reader.tokens, 0
    j = k + 1
    while (
        count < 4
        and j + 1 < reader.n
        and tokens[j].text in "-/–"
        and reader.glued(j)
        and reader.glued(j + 1)
        and tokens[j + 1].kind == NUM
    ):
        count, j = count + 1, j + 2
    return count


#: Words between the two numbers of a pair ("August 5 and 6", "ages 16 to 24").
_PAIR_JOINERS = ("and", "or", "to", *DASHES)


def age_reason(reader: AmountReader, amount: Amount) -> str | None:
    """ "45 years old" is an age; "2 min read" is page furniture."""
    if amount.unit is None or amount.end >= reader.n:
        return None
    after, unit_text = reader.tokens[amount.end].low, (amount.unit_text or "").lower()
    if after == "old" and unit_text.startswith(reader.words.age_units):
        return "an age (like 45 years old)"
    if after == "read" and unit_text.startswith("min"):
        return "page furniture (like 2 min read)"
    return None


def bare_number_reason(reader: AmountReader, amount: Amount) -> str | None:
    """Why a bare number (no unit, scale or words) is part of a date or a time of day."""
    if amount.in_words or amount.unit is not None or amount.scale != 1:
        return None
    if amount.number_index != amount.start:
        return None
    return _date_reason(reader, amount) or _time_reason(reader, amount)


def _date_reason(reader: AmountReader, amount: Amount) -> str | None:
    """ "Nov. 6", "24 Nov", "February 2022", "November 11, 2024"."""
    k, tokens, months = amount.number_index, reader.tokens, reader.words.months
    number = amount.number
    day_like = number.is_integer() and 1 <= number <= 31
    j = k - 1
    while j >= 0 and tokens[j].text in (".", ","):
        j -= 1
    if j >= 0:
        before = tokens[j]
        if before.text in months and (day_like or amount.plain_year):
            reader.dates.add(k)
            return "part of a date (like Nov. 6 or February 2022)"
        if before.kind == NUM and j in reader.dates and amount.plain_year:
            reader.dates.add(k)
            return "the year of a date (like November 11, 2024)"
        if before.low in _PAIR_JOINERS and j >= 1 and j - 1 in reader.dates and day_like:
            reader.dates.add(k)
            return "the second day of a date (like August 5 and 6)"
    following = tokens[k + 1] if k + 1 < reader.n else None
    if following is not None and following.text == "," and k + 2 < reader.n:
        following = tokens[k + 2]
    if following is not None and following.text in months and day_like:
        reader.dates.add(k)
        return "part of a date (like 24 Nov)"
    return None


def _time_reason(reader: AmountReader, amount: Amount) -> str | None:
    """ "7 PM", "10 GMT", "9 a.m.": a time of day."""
    j = amount.end
    if j >= reader.n:
        return None
    if reader.tokens[j].low in reader.words.time_after or (
        reader.low(j) in ("a", "p") and reader.low(j + 1) == "." and reader.low(j + 2) == "m"
    ):
        return "a time of day (like 7 PM)"
    return None


def context_reason(reader: AmountReader, amount: Amount) -> str | None:
    """Years, ages and names, from the words around a bare number in running text."""
    if amount.in_words or amount.unit is not None or amount.scale != 1:
        return None
    k, tokens, words = amount.number_index, reader.tokens, reader.words
    if k != amount.start:
        return None
    before = tokens[k - 1] if k > 0 else None
    if before is not None and before.text == "." and k >= 2:
        before = tokens[k - 2]  # "No. 3"
    if before is not None and before.low == "of" and reader.low(k - 2) in words.age_before:
        before = tokens[k - 2]  # "the ages of 16"
    if before is not None and before.low in _PAIR_JOINERS and k - 2 in reader.ages:
        reader.ages.add(k)
        return "an age or a name (like ages 16 and 24)"
    if before is not None and (before.low in words.age_before or before.low in words.name_before):
        reader.ages.add(k)
        return "an age or a name (like aged 45 or Article 5)"
    if not amount.plain_year:
        return None
    after = tokens[amount.end] if amount.end < reader.n else None
    if k > 0 and tokens[k - 1].low in words.count_before:
        return None  # "the injuries were 2023"
    if k > 0 and tokens[k - 1].low in words.year_before:
        return "a year (like in 2024)"
    if after is None or after.kind != WORD or not after.text.islower():
        return "a year (like 2024. or the 2024 Olympics)"
    if after.low in words.year_after:
        return "a year (like 2024 alone)"
    return None


def part_reason(reader: AmountReader, amount: Amount) -> str | None:
    """ "the first half", "the second quarter": a part of a period, not a fraction."""
    if not amount.in_words or reader.low(amount.start - 1) not in reader.words.part_before:
        return None
    if reader.low(amount.start) not in reader.words.numbers.fractions:
        return None
    return "a part of a period (like the second quarter)"


def pronoun_reason(reader: AmountReader, amount: Amount) -> str | None:
    """ "one" as a pronoun ("one of the servicemen", "no one") is not a figure."""
    if not amount.in_words or reader.low(amount.start) != "one":
        return None
    if amount.end != amount.start + 1:
        return None
    words = reader.words
    following = reader.tokens[amount.end] if amount.end < reader.n else None
    if following is None or following.kind != WORD or following.low in words.one_pronoun_after:
        return "'one' as a pronoun (like one of them)"
    if reader.low(amount.start - 1) in words.one_pronoun_before:
        return "'one' as a pronoun (like no one)"
    return None


#: Checks of the amount itself (glue checks come first: they apply even after a qualifier).
EVERYWHERE: tuple[Check, ...] = (age_reason, bare_number_reason)
#: Checks of the words around a bare number, for running text only.
IN_RUNNING_TEXT: tuple[Check, ...] = (context_reason, pronoun_reason, part_reason)


def first_reason(checks: tuple[Check, ...], reader: AmountReader, amount: Amount) -> str | None:
    """The reason of the first check that refuses the amount, or None."""
    for check in checks:
        reason = check(reader, amount)
        if reason is not None:
            return reason
    return None
