"""The window rules: one table of ``Rule(name, pattern, strength, reader)``.

Rule 1 (after h11's ``_state.py``): everything one kind of time expression
means lives in its row — the pattern, built from named fragments, and the
reader that turns a match into days, side by side. :mod:`claimrec.read.times`
composes the rows into the compound grammar ("since X as of Y", "between X
and Y", "the end of X") and never looks inside them.

Fragments (``{month}``, ``{year}``, ``{number}``, …) are built per lexicon
from its word lists (dates.txt, numbers.txt, time_words.txt); in running text
the month and weekday names that are also common words ("may", "march",
"sun") must be capitalised. Group names are words. Strength says where a rule
may stand: ``strong`` rules stand alone in running text, ``weak`` ones (a bare
year or month) need a preposition there ("in 2024"), ``day`` ones (a bare day:
"the 27th", "4/22", "Christmas") a day preposition ("on", "at", "over"),
``inner`` ones ("now", "the year") stand only inside a larger expression
("between now and May", "the first half of the year"), and ``loose`` ones are
read by ``parse_window`` only.

A reader gets the match and a :class:`Context` (reference date, anchor for
dates without a year, lexicon words) and returns a :class:`Span`: the earliest
and latest start, the earliest and latest end. Readings never run past the
reference day unless the text carries them there: a window that starts after
the reference (an explicit later date, "next week", "tomorrow") is a future
window, and one that contains the reference is cut at it unless the text says
it goes on ("the rest of the year", "within 5 days": ``Span.ahead``).
"""

from __future__ import annotations

from claimrec.read.time_dates import (
    day_month,
    days_month,
    days_relative_month,
    half,
    iso_day,
    month_day,
    month_days,
    month_number_words,
    month_number_words_year,
    month_short_year,
    month_year,
    number_month_year,
    numeric_date,
    numeric_day,
    quarter,
    relative_year_part,
    slash_day,
    weekday_numeric_day,
    weekday_the_day,
    weekday_the_number,
    year_and_number,
    year_dot_month,
    year_half,
    year_month,
    year_month_day,
    year_name_day,
    year_ordinal_part,
    year_quarter,
)
from claimrec.read.time_named import (
    century,
    decade,
    decade_words,
    holiday,
    holiday_dated,
    month,
    ordinal_alone,
    ordinal_quarter,
    ordinal_quarter_adjective,
    quarter_alone,
    season,
    season_dated,
    short_decade,
    the_day,
    the_day_loose,
    year,
    year_in_words,
    year_numbered,
)
from claimrec.read.time_relative import (
    ago,
    calendar_unit,
    coming_weekday,
    day_word,
    earlier_this,
    in_count,
    last_count,
    last_month,
    last_weekday,
    later_this,
    month_of,
    month_of_relative_year,
    next_count,
    next_month_name,
    next_weekday,
    now,
    nth_weekday_alone,
    offset,
    rest_of,
    rolling,
    the_unit,
    the_weekend,
    this_month_name,
    this_quarter,
    this_weekday,
    to_date,
    unit_after_next,
    week_number,
    weekday,
    weekday_of_week,
    weekdays_of_week,
)
from claimrec.read.time_span import (
    Rule,
)

__all__ = ["RULES"]

#: Every atom, in the order they are tried: in running text the first that matches at a
#: place wins, so longer forms come before the shorter forms they contain.
RULES: tuple[Rule, ...] = (
    iso_day, year_month_day, year_name_day, numeric_date, weekday_numeric_day,
    month_days, days_month, days_relative_month, weekday_the_day, weekday_the_number,
    month_number_words_year, month_day, day_month, month_number_words, month_year,
    month_short_year, year_ordinal_part, relative_year_part, year_month, number_month_year,
    quarter, year_quarter, half, year_half, year_and_number, year_dot_month,
    day_word, offset, ago, next_count, in_count, unit_after_next, weekdays_of_week, weekday_of_week,
    calendar_unit, rolling, last_count, rest_of, later_this, to_date, earlier_this, this_quarter,
    coming_weekday, next_weekday, this_weekday, last_weekday, month_of_relative_year,
    this_month_name, next_month_name, last_month, the_weekend, nth_weekday_alone, weekday,
    month_of, week_number, holiday_dated, holiday, season_dated, season, century, decade,
    short_decade,
    decade_words, year_in_words, year_numbered, year, month, quarter_alone,
    ordinal_quarter_adjective, ordinal_quarter, ordinal_alone, slash_day, numeric_day, the_day,
    the_day_loose, now, the_unit,
)  # fmt: skip
