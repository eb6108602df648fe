"""The lexicon: the data files, their format, extension, and every word list once."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT

import claimrec
from claimrec.errors import ClaimrecError
from claimrec.extract import extract
from claimrec.lexicon import DEFAULT_LEXICON, Lexicon, parse_lists, parse_units
from claimrec.read.figures import find_values, parse_value
from claimrec.read.times import find_windows, parse_window
from claimrec.units import parse_unit, unit_name

DATA = ROOT / "claimrec" / "data" / "en"
REF = "2025-05-24"


# --- the bundled files ------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(DATA.iterdir()), ids=lambda p: p.name)
def test_every_data_file_states_its_format_at_the_top(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# claimrec"), first


def test_the_default_lexicon_is_read_once_and_has_every_list() -> None:
    assert claimrec.DEFAULT_LEXICON is DEFAULT_LEXICON
    assert Lexicon.read(DATA) == DEFAULT_LEXICON
    for name in DEFAULT_LEXICON.names:
        assert DEFAULT_LEXICON.words(name), name


def test_lists_read_by_kind() -> None:
    assert DEFAULT_LEXICON.numbers("months")["september"] == 9
    assert DEFAULT_LEXICON.table("qualifiers")["at least"] == "at_least"
    assert "Street" in DEFAULT_LEXICON.words("street_words")  # a cased list keeps capitals
    assert "said" in DEFAULT_LEXICON.words("saying")
    assert DEFAULT_LEXICON.table("unit_aliases")["roubles"] == "RUB"
    assert re.fullmatch(DEFAULT_LEXICON.regex("end_markers"), "Most  popular", re.IGNORECASE)


def test_unknown_lists_and_wrong_kinds_are_refused() -> None:
    with pytest.raises(ClaimrecError, match="known: ") as caught:
        DEFAULT_LEXICON.words("sayings")
    assert caught.value.field == "lexicon"
    with pytest.raises(ClaimrecError, match="not numbers"):
        DEFAULT_LEXICON.numbers("saying")
    with pytest.raises(ClaimrecError, match="with_entries"):
        DEFAULT_LEXICON.with_words("qualifiers", {"give or take"})
    with pytest.raises(ClaimrecError, match="mode"):
        DEFAULT_LEXICON.with_qualifiers({"give or take": "roughly"})  # type: ignore[dict-item]
    with pytest.raises(ClaimrecError, match="Lexicon"):
        find_values("5 people", lexicon="en")  # type: ignore[arg-type]


# --- the list format ------------------------------------------------------------------------

FORMAT_ERRORS = [
    ("twice-defined", "[colours]\nred\n[colours]\nblue\n", "defined twice"),
    ("entry-twice", "[colours]\nred, blue, red\n", "twice"),
    ("before-any-list", "red\n[colours]\nblue\n", "before any"),
    ("bad-kind", "[colours: colour]\nred\n", "unknown list kind"),
    ("no-value", "[sizes: number]\nbig\n", "needs a value"),
    ("not-a-number", "[sizes: number]\nbig = large\n", "whole number"),
    ("bad-mode", "[hedges: mode]\nsort of = roughly\n", "mode must be"),
    ("value-in-words", "[colours]\nred = 1\n", "not 'phrase = value'"),
    ("bad-pattern", "[lines: pattern]\n(unclosed\n", "regular expression"),
]


@pytest.mark.parametrize(
    ("text", "reason"), [r[1:] for r in FORMAT_ERRORS], ids=[r[0] for r in FORMAT_ERRORS]
)
def test_the_list_format_refuses_mistakes(text: str, reason: str) -> None:
    with pytest.raises(ClaimrecError, match=reason):
        Lexicon(lists=tuple(parse_lists(text, source="test.txt")))


def test_the_list_format() -> None:
    lists = parse_lists(
        "# a comment\n[colours]\nRed,  dark  Blue\ngreen\n[sizes: number]\nbig = 3, small = 1\n"
        "[lines: pattern]\nred, or (?:green|blue)\n",
        source="test.txt",
    )
    lexicon = Lexicon(lists=tuple(lists))
    assert lexicon.words("colours") == {"red", "dark blue", "green"}  # lower case, one space
    assert lexicon.numbers("sizes") == {"big": 3, "small": 1}
    assert lexicon.patterns("lines") == ("red, or (?:green|blue)",)  # commas kept
    assert lexicon.regex("lines") == r"(?:red,\s+or\s+(?:green|blue))"


def test_the_units_format() -> None:
    lists = {w.name: w for w in parse_units(
        "@alias metre = metre = m\nNOK = [currency_NOK] = krone = kroner!\n@cell_only m\n",
        source="units.txt",
    )}  # fmt: skip
    aliases = dict(lists["unit_aliases"].entries)
    # a regular plural for words of four letters or more; "!" takes none
    assert aliases == {"metre": "metre", "metres": "metre", "m": "metre", "nok": "NOK",
                       "krone": "NOK", "krones": "NOK", "kroner": "NOK"}  # fmt: skip
    assert [code for code, _ in lists["currencies"].entries] == ["NOK"]
    with pytest.raises(ClaimrecError, match="two units"):
        parse_units("@alias metre = m\n@alias minute = m\n", source="units.txt")
    with pytest.raises(ClaimrecError, match="not a unit definition"):
        parse_units("NOK = [currency_SEK]\n", source="units.txt")


# --- extension through the public API ---------------------------------------------------


def test_a_lexicon_is_frozen_hashable_and_extended_by_copies() -> None:
    more = DEFAULT_LEXICON.with_words("saying", {"blogged"})
    assert "blogged" in more.words("saying")
    assert "blogged" not in DEFAULT_LEXICON.words("saying")
    assert more != DEFAULT_LEXICON and hash(more) != hash(DEFAULT_LEXICON)
    assert more == DEFAULT_LEXICON.with_words("saying", ["blogged"])
    assert DEFAULT_LEXICON.with_words("saying", {"said"}) == DEFAULT_LEXICON
    assert "blogged" not in more.without_words("saying", "blogged").words("saying")
    with pytest.raises(AttributeError):
        more.lists = ()  # type: ignore[misc]


ARTICLE = (
    "Kharkiv Rights Group blogged on Monday that give or take 40 civilians were killed "
    "in March 2024, and that damage reached 900 bucks."
)


def test_a_saying_verb_a_unit_alias_and_a_qualifier_reach_extract() -> None:
    before = extract(ARTICLE, published=REF)
    mine = (
        DEFAULT_LEXICON.with_words("saying", {"blogged"})
        .with_qualifiers({"give or take": "approx"})
        .with_unit_aliases({"bucks": "USD"})
    )
    after = extract(ARTICLE, published=REF, lexicon=mine)
    civilians = after[after["stated"] == 40].iloc[0]
    assert civilians["kind"] == "approx"
    assert (civilians["low"], civilians["high"]) == (36, 44)
    assert civilians["reporter"] == "Kharkiv Rights Group"
    assert after[after["stated"] == 900].iloc[0]["unit"] == "USD"
    # the default lexicon reads none of the three
    assert not (before["reporter"] == "Kharkiv Rights Group").any()
    assert not ((before["stated"] == 40) & (before["kind"] == "approx")).any()
    assert not (before["unit"] == "USD").any()


def test_find_values_and_parse_value_use_the_lexicon() -> None:
    mine = DEFAULT_LEXICON.with_qualifiers({"give or take": "approx"}).with_unit_aliases(
        {"bucks": "USD"}
    )
    assert parse_value("give or take 40", lexicon=mine) == claimrec.Value.approx(40)
    with pytest.raises(ClaimrecError):
        parse_value("give or take 40")
    found = find_values("It cost 900 bucks, give or take 40 people.", lexicon=mine)
    assert [(m.text, unit_name(m.value.unit)) for m in found] == [
        ("900 bucks", "USD"),
        ("give or take 40", "count"),
    ]
    assert [m.text for m in find_values("It cost 900 bucks.")] == ["900"]


def test_a_month_spelling_reaches_the_window_readers() -> None:
    mine = DEFAULT_LEXICON.with_entries("months", {"febuary": 2})
    window = parse_window("in Febuary 2024", lexicon=mine)
    assert (str(window.start_earliest), str(window.end_latest)) == ("2024-02-01", "2024-02-29")
    with pytest.raises(ClaimrecError):
        parse_window("in Febuary 2024")
    found = find_windows("Arrests peaked in Febuary 2024.", reference=REF, lexicon=mine)
    assert [m.text for m in found] == ["in Febuary 2024"]


def test_a_currency_is_read_with_its_code_and_words() -> None:
    mine = DEFAULT_LEXICON.with_currency("NOK", "krone", "kroner")
    for text in ("NOK 500", "500 NOK", "500 kroner"):
        assert unit_name(parse_value(text, lexicon=mine).unit) == "NOK", text
    assert parse_unit("kroner", lexicon=mine) == parse_unit("NOK")
    with pytest.raises(ClaimrecError, match="three capital letters"):
        DEFAULT_LEXICON.with_currency("krone")


def test_results_are_cached_per_lexicon() -> None:
    mine = DEFAULT_LEXICON.with_qualifiers({"give or take": "approx"})
    text = "give or take 40 people"
    assert find_values(text)[0].value.kind == "exact"
    assert find_values(text, lexicon=mine)[0].value.kind == "approx"
    assert find_values(text)[0].value.kind == "exact"


# --- every word list exists once -------------------------------------------------------------

#: Canonical vocabularies: their words stand in no other list ...
CANONICAL = ("months", "month_abbreviations", "weekdays", "small_numbers", "tens",
             "scale_words", "currencies", "time_zones")  # fmt: skip
#: ... except these homographs, which are other words spelled the same ("may" the verb).
# "may", "march": the month and the verb or the event (binding.txt, concepts.txt); "mar",
# "mon", "wed", "sat", "sun": short day and month names that are English words too, so
# dates.txt lists them again among the names read only when capitalised (cased_names).
HOMOGRAPHS = frozenset({"may", "march", "mar", "mon", "wed", "sat", "sun"})


def test_no_list_is_a_copy_of_another() -> None:
    seen: dict[frozenset[str], str] = {}
    for name in DEFAULT_LEXICON.names:
        words = DEFAULT_LEXICON.words(name)
        assert words not in seen, f"{name} repeats {seen.get(words)}"
        seen[words] = name


@pytest.mark.parametrize("canonical", CANONICAL)
def test_canonical_words_are_listed_once(canonical: str) -> None:
    words = DEFAULT_LEXICON.words(canonical)
    for name in DEFAULT_LEXICON.names:
        if name != canonical:
            assert not (words & DEFAULT_LEXICON.words(name)) - HOMOGRAPHS, (canonical, name)


_READING_CODE = sorted((ROOT / "claimrec" / "read").glob("*.py")) + [
    ROOT / "claimrec" / f"{name}.py"
    for name in (
        "_text",
        "lexicon",
        "textform",
        "units",
        "value",
        "calendar",
        "window",
        "measure",
        "reporter",
        "record",
        "extract",
        "policy",
    )
]
_ALTERNATION = re.compile(r"[A-Za-z]+(?:\|[A-Za-z]+)+")


def _literal_word_groups(path: Path) -> list[tuple[int, set[str]]]:
    groups: list[tuple[int, set[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            strings = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            groups.append((node.lineno, {s.lower() for s in strings if isinstance(s, str)}))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for alternation in _ALTERNATION.findall(node.value):
                groups.append((node.lineno, set(alternation.lower().split("|"))))
    return groups


@pytest.mark.parametrize("path", _READING_CODE, ids=lambda p: p.name)
def test_the_readers_restate_no_word_list(path: Path) -> None:
    # A word list written again in code (a literal or a regex alternation holding four
    # or more entries of a data list) is a second definition: read it from the lexicon.
    lists = {
        name: DEFAULT_LEXICON.words(name)
        for name in DEFAULT_LEXICON.names
        if DEFAULT_LEXICON.get(name).kind != "pattern"
    }
    for line, words in _literal_word_groups(path):
        for name, entries in lists.items():
            assert len(words & entries) < 4, f"{path.name}:{line} restates {name}"


# --- the guide ---------------------------------------------------------------------------


def test_the_lexicon_guide_runs() -> None:
    # docs/lexicon.md: its Python examples run in order, in one namespace, and assert
    # what they show.
    guide = (ROOT / "docs" / "lexicon.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", guide, flags=re.DOTALL)
    assert len(blocks) >= 6
    namespace: dict[str, object] = {"__name__": "lexicon_guide"}
    for block in blocks:
        exec(compile(block, "docs/lexicon.md", "exec"), namespace)
