"""Strategies for article text: paragraphs, non-figures, window binding, domains."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import strategies as st

if TYPE_CHECKING:
    pass


__all__: list[str] = []

# --- extraction (extract.py) -------------------------------------------------------
_ARTICLE_SENTENCES = (
    "Russian forces have executed at least 124 Ukrainian prisoners of war since 2022 "
    "as of Nov. 6, the Prosecutor General's Office said.",
    "Over the past year, Amnesty International has recorded 109 executions of Ukrainian "
    "soldiers in captivity.",
    "In February, the U.N. Human Rights Monitoring Mission in Ukraine raised alarm over 79 "
    "documented cases of POW executions across 24 separate incidents.",
    "The state register contains data on approximately 55,000 missing persons.",
    "North Korea is believed to have sent around 12,000 soldiers to Russia.",
    "Moscow and Kiev conducted another swap, with some 50 Russian servicemen released on Thursday.",
    '"In nearly 100% of cases, prisoners are held in isolation," Velch noted.',
    "Some 80% of the cases were recorded in 2024, said Yurii Belousov, a senior "
    "representative of the Prosecutor General's Office.",
    "Dozens of civilians were killed last week, according to the UN.",
    "Between 793 and 8,498 people were displaced in the first half of 2024.",
    "He said the figure could reach more than two years of work.",
    "The hostilities have not stopped.",
)
_JUNK_PIECES = (
    "<p>", "</p>", "<div class='x'>", "</div>", "<script>alert(1)</script>", "<br/>",
    "&amp;", "&#8217;", "<!--", "-->", "<", ">", "Most popular", "Editors' Picks",
    "Read More", "2 min read", "November 11, 2024 7:28 PM", "icon bookmark icon ",
    "rewrite this content and keep HTML tags", "“", "”", '"', "…", "\n", "\n\n", " ",
    "1,1,1,1,", "since since since ", "over over 150 ", "(((", ")))", "U.N.", "Nov.",
)  # fmt: skip


@st.composite
def article_paragraphs(draw: st.DrawFn, *, max_paragraphs: int = 6) -> list[str]:
    """Paragraphs of news-like prose with figures, windows and attributions."""
    count = draw(st.integers(min_value=1, max_value=max_paragraphs))
    paragraphs = []
    for _ in range(count):
        sentences = draw(st.lists(st.sampled_from(_ARTICLE_SENTENCES), min_size=1, max_size=3))
        paragraphs.append(" ".join(sentences))
    return paragraphs


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Whole article texts: paragraphs joined by blank lines, sometimes with a headline."""
    paragraphs = draw(article_paragraphs())
    if draw(st.booleans()):
        paragraphs.insert(0, "Amnesty International records 109 executions of POWs")
    return "\n\n".join(paragraphs)


@st.composite
def messy_texts(draw: st.DrawFn, *, max_pieces: int = 40) -> str:
    """Hostile input: article pieces, HTML-ish junk, page furniture and random unicode."""
    pieces = st.one_of(
        st.sampled_from(_ARTICLE_SENTENCES),
        st.sampled_from(_JUNK_PIECES),
        st.text(max_size=30),
        st.integers(min_value=-(10**12), max_value=10**12).map(str),
    )
    return "".join(draw(st.lists(pieces, max_size=max_pieces)))


__all__ += ["article_paragraphs", "articles", "messy_texts"]
# (end extraction)


# --- things that look like figures but are not (issue 11) ---------------------------

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


@st.composite
def date_texts(draw: st.DrawFn) -> str:
    """A date as news writes it, numbers and all: "3/14/2021", "2021-03-14",
    "14 March 2021", "March 3-7", "March 14, 2021"."""
    year = draw(st.integers(1950, 2049))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    name = _MONTH_NAMES[month - 1]
    return draw(
        st.sampled_from(
            [
                f"{month}/{day}/{year}",
                f"{day}/{month}/{year}",
                f"{year}-{month:02d}-{day:02d}",
                f"{day} {name} {year}",
                f"{name} {day}, {year}",
                f"{name} {day}-{day + 2}",
                f"{day:02d}.{month:02d}.{year}",
            ]
        )
    )


@st.composite
def phone_texts(draw: st.DrawFn) -> str:
    """A phone number: "+44 20 7946 0958", "555-0100-22", "+1-202-555-0143"."""
    groups = draw(st.lists(st.integers(10, 9999), min_size=3, max_size=4))
    country = draw(st.integers(1, 99))
    parts = [f"{g:04d}" if g >= 1000 else str(g) for g in groups]
    return draw(
        st.sampled_from(
            [
                f"+{country} " + " ".join(parts),
                f"+{country}-" + "-".join(parts),
                "-".join(parts),
            ]
        )
    )


def _currency_codes() -> frozenset[str]:
    from claimrec.lexicon import DEFAULT_LEXICON

    return DEFAULT_LEXICON.words("currencies")


@st.composite
def product_codes(draw: st.DrawFn) -> str:
    """A product or part code: "XK-3371", "A320neo", "12-345-678", "SKU 0042".

    Its letters are never a currency code: "USD115" is a sum of money.
    """
    letters = draw(
        st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ", min_size=1, max_size=3).filter(
            lambda prefix: prefix not in _currency_codes()
        )
    )
    digits = draw(st.integers(1, 99999))
    return draw(
        st.sampled_from(
            [
                f"{letters}-{digits}",
                f"{letters}{digits}",
                f"{digits % 100}-{digits}-{digits % 1000:03d}",
                f"SKU {digits:05d}",
            ]
        )
    )


@st.composite
def score_texts(draw: st.DrawFn) -> str:
    """A sports score or a vote tally: "won 3-1", "a 2-2 draw", "the vote was 52-48"."""
    first = draw(st.integers(0, 60))
    second = draw(st.integers(0, 60))
    high, low = max(first, second), min(first, second)
    return draw(
        st.sampled_from(
            [
                f"won {high}-{low}",
                f"a {low}-{low} draw",
                f"lost {high}-{low} at home",
                f"the vote was {high}-{low}",
                f"{high}-{low} in the final",
            ]
        )
    )


__all__ += ["date_texts", "phone_texts", "product_codes", "score_texts"]


# --- window binding (issue 12) --------------------------------------------------------

# Sentences of the binding families (our own words): dated events, their people,
# times of reporting, comparisons, anaphora and figures with no time at all.
_BINDING_SENTENCES = (
    "Thousands of nurses marched through the capital on Saturday.",
    "Police put the crowd at 14,000, while organisers counted 35,000 marchers.",
    "Voters went to the polls on Sunday, and turnout reached 58 percent.",
    "The toll from last week's storm rose to 212, officials said on Tuesday.",
    "The October 3 quake left more than 1,900 people injured.",
    "Since the fighting began on March 9, some 640,000 people have fled.",
    "As of May 2, hospitals had recorded 1,284 deaths.",
    "Of the 1,284 dead, 310 were children.",
    "Exports fell 12% compared with the same period in 2025.",
    "It was the worst drought since 2011, with 46 districts affected.",
    "The jobless rate hit 7.2% in March.",
    "That month's rate for graduates was 11.5%.",
    "In the first 48 hours after the quake, rescuers reached 70 villages.",
    "The ministry on Monday evening said 96 people had been detained.",
    "The region has 2.4 million residents.",
    "Voting was extended by two hours.",
    "A 19-year-old was among 8 people hurt.",
    "Crossings dropped to 94,000 in the first half of 2026.",
)


@st.composite
def binding_articles(draw: st.DrawFn, *, max_paragraphs: int = 5) -> str:
    """Articles of the window-binding families, sentences in any order."""
    count = draw(st.integers(min_value=1, max_value=max_paragraphs))
    paragraphs = [
        " ".join(draw(st.lists(st.sampled_from(_BINDING_SENTENCES), min_size=1, max_size=3)))
        for _ in range(count)
    ]
    return "\n\n".join(paragraphs)


__all__ += ["binding_articles"]


# --- articles of unrelated domains (measures that must never meet) -------------------

__all__ += ["ARTICLE_DOMAINS", "domain_articles"]

#: Short news items per domain, written for these tests: ``{place}``, ``{reporter}`` and
#: ``{a}``/``{b}`` (whole numbers) are filled in. Items of different domains count
#: different things (or the same thing in a different event), so claims from two of
#: them must never share a group, even about the same country.
ARTICLE_DOMAINS: dict[str, str] = {
    "earthquake": (
        "At least {a} people died in {place} after the earthquake, {reporter} said. "
        "Another {b} people were injured by the quake."
    ),
    "flood": (
        "Floods in {place} killed {a} people this week, {reporter} said. "
        "About {b} homes were flooded after days of rain."
    ),
    "conflict": (
        "Fighting in {place} has killed {a} civilians since March, {reporter} said. "
        "More than {b} people have fled their homes because of the war."
    ),
    "protest": (
        "Organizers said {a} protesters marched in {place} on Saturday. "
        "Police said {b} demonstrators were detained during the protest."
    ),
    "epidemic": (
        "{place} reported {a} new cholera cases on Monday, {reporter} said. "
        "The outbreak has killed {b} people so far."
    ),
    "inflation": (
        "Annual inflation in {place} rose to {a}% in May, {reporter} said. "
        "Food prices climbed for a third month."
    ),
    "wildfire": (
        "Wildfires have burned {a} hectares in {place} this summer, {reporter} said. "
        "Firefighters evacuated {b} residents from two villages."
    ),
    "measles": (
        "Measles has killed {a} people in {place} this year, {reporter} said. "
        "Nurses vaccinated {b} children in the worst-hit districts."
    ),
    "storm": (
        "{reporter} lowered the storm death toll in {place} to {a} from about {b} after "
        "a recount. The storm's winds reached 180 kilometres per hour."
    ),
    "election": (
        "Turnout in the {place} election reached {a} percent on Sunday, {reporter} said. "
        "Some {b} polling stations stayed open late."
    ),
    "detentions": (
        "Police detained {a} demonstrators in the capital of {place} on Sunday, "
        "{reporter} said. A further {b} were held overnight in other towns."
    ),
}
_PLACES = ("Peru", "Kenya", "Greece", "Nepal", "Chile", "Portugal", "Indonesia", "Canada")
_SOURCES = ("officials", "the interior ministry", "the Red Cross", "local authorities",
            "the national statistics office", "a government spokesperson")  # fmt: skip


@st.composite
def domain_articles(draw: st.DrawFn, *, domain: str | None = None) -> tuple[str, str]:
    """``(domain, text)``: a short article of one of :data:`ARTICLE_DOMAINS` (or the one
    given), about a drawn country, source and figures."""
    name = domain if domain is not None else draw(st.sampled_from(sorted(ARTICLE_DOMAINS)))
    text = ARTICLE_DOMAINS[name].format(
        place=draw(st.sampled_from(_PLACES)),
        reporter=draw(st.sampled_from(_SOURCES)),
        a=draw(st.integers(min_value=2, max_value=90)) * 10 + 3,
        b=draw(st.integers(min_value=2, max_value=900)) * 10 + 7,
    )
    return name, text
