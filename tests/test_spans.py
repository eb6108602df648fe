"""Words of a page by stretch, and reporter names found in running text: the same
answers however the page around them is read (the readers ask about many overlapping
stretches of one page, and the words of the page are read once for all of them)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimrec.read.spans import words_between
from claimrec.reporter import find_reporters
from claimrec.testing import articles, messy_texts


def _alone(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The words of the stretch read as a text of its own, put back at its offsets."""
    start, end = max(0, start), max(0, min(end, len(text)))
    piece = text[start:end] if end > start else ""
    return [(w, s + start, e + start) for w, s, e in words_between(piece, 0, len(piece))]


@given(
    st.lists(st.one_of(articles(), messy_texts()), min_size=1, max_size=12),
    st.lists(st.tuples(st.integers(-20, 30_000), st.integers(-5, 600)), min_size=1, max_size=30),
)
def test_the_words_of_a_stretch_are_those_of_the_stretch_read_alone(
    parts: list[str], stretches: list[tuple[int, int]]
) -> None:
    page = "\n\n".join(parts) * 3  # long enough to be read once as a whole page
    for start, length in stretches:
        start = start % (len(page) + 10) - 5
        got = words_between(page, start, start + length)
        assert got == _alone(page, start, start + length)
        assert all(page[s:e] == w for w, s, e in got)


def test_a_word_cut_by_a_stretch_is_the_part_inside_it() -> None:
    page = "The U.N.-backed mission's count, " * 200
    words_between(page, 0, len(page))  # the page is now read as a whole
    at = page.index("U.N.-backed", 100)
    # "N.-b": two marks in a row join no words
    assert words_between(page, at + 2, at + 6) == [("N", at + 2, at + 3), ("b", at + 5, at + 6)]
    assert words_between(page, at + 1, at + 11) == [
        ("N", at + 2, at + 3),
        ("backed", at + 5, at + 11),
    ]
    assert words_between(page, at - 1, at + 3)[-1] == ("U.N", at, at + 3)
    assert words_between(page, at + 5, at + 5) == []


@given(articles(), st.sampled_from(["", "Breaking.\n\n", "Earlier, 12 people left.\n\n"]))
def test_reporter_names_do_not_depend_on_the_text_before_them(text: str, before: str) -> None:
    alone = [(m.start, m.end, m.text, m.reporter) for m in find_reporters(text)]
    shift = len(before)
    after = [
        (m.start - shift, m.end - shift, m.text, m.reporter) for m in find_reporters(before + text)
    ]
    assert after == alone


def test_reporter_names_are_found_where_they_are_written() -> None:
    text = (
        "Amnesty International's researchers and the UN Human Rights Monitoring Mission "
        "in Ukraine (HRMMU) said; amnesty was not a name here. The U.N.'s office agreed."
    )
    found = [(m.text, m.reporter.name) for m in find_reporters(text)]
    assert found[0] == ("Amnesty International", "Amnesty International")
    assert found[1][0] == "UN Human Rights Monitoring Mission in Ukraine (HRMMU)"
    assert all(m.text == text[m.start : m.end] for m in find_reporters(text))
    assert not any(name.startswith("amnesty") for name, _ in found)
