"""Measure keys and measure kinds."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimrec.errors import ClaimError
from claimrec.measure import (
    MeasureSynonyms,
    default_synonyms,
    infer_measure_kind,
    measure_key,
    measure_words,
)
from claimrec.testing import measure_chunks, measure_phrases

GOLD = Path(__file__).resolve().parent / "data" / "seeds.gold.jsonl"
GOLD_ROWS = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]

POW_EXECUTIONS = [
    "executions of Ukrainian POWs",
    "Ukrainian prisoners of war executed",
    "executions of Ukrainian soldiers in captivity",
    "cases of the execution of Ukrainian prisoners of war",
    "Ukrainian POWs executed",
    "executed Ukrainian POWs",
    "executions of Ukrainian POWs by Russian forces",
    "the execution of Ukrainian prisoners of war by Russian soldiers",
    "summary executions of Ukrainian POWs",
    "Ukrainian POWs killed in captivity",
    "number of Ukrainian P.O.W.s executed",
    "EXECUTIONS OF UKRAINIAN POWS",
]


@pytest.mark.parametrize("text", POW_EXECUTIONS)
def test_phrasings_of_pow_executions_meet(text: str) -> None:
    assert measure_key(text) == "execution pow ukrainian"


def test_different_measures_stay_apart() -> None:
    texts = [
        "executions of Ukrainian POWs",
        "Ukrainians listed as missing",
        "Ukrainian POWs returned in exchanges",
        "North Korean soldiers captured",
        "incidents of executions of Ukrainian POWs",
        "executions of Russian POWs",
        "killings of Ukrainian POWs",
        "share of executions of Ukrainian POWs",
    ]
    keys = [measure_key(text) for text in texts]
    assert len(set(keys)) == len(keys), dict(zip(texts, keys, strict=True))


def test_gold_measures_group_as_the_gold_says() -> None:
    # Distinct gold measure texts are distinct measures: their keys must differ.
    texts = sorted({row["measure"] for row in GOLD_ROWS})
    keys = {text: measure_key(text) for text in texts}
    for first, second in itertools.combinations(texts, 2):
        assert keys[first] != keys[second], (first, second)
    # And every claim's counted phrase about POW executions meets the gold measure.
    pow_rows = [row for row in GOLD_ROWS if row["measure"].startswith("executions of Ukrainian")]
    assert len(pow_rows) >= 5
    assert {measure_key(row["measure"]) for row in pow_rows} == {"execution pow ukrainian"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ukrainians held captive in Russia", "captive russia ukrainian"),
        ("Ukrainians remaining in captivity in Russia", "captive russia ukrainian"),
        ("POWs traded in the prisoner swap", "exchange pow"),
        ("POWs exchanged", "exchange pow"),
        ("Russian servicemen released", "release russian soldier"),
        ("Russian troops freed", "release russian soldier"),
        ("civilian casualties", "casualty civilian"),
        ("number of children deported", "child deportation"),
        ("percentage of POWs held in isolation", "held isolation pow share"),
        ("North Korean soldiers taken prisoner", "capture korean north soldier"),
        ("killings of captured Ukrainian servicemen", "capture killing soldier ukrainian"),
        ("internally displaced persons", "idp"),
        ("of the", ""),
        ("", ""),
    ],
)
def test_keys(text: str, key: str) -> None:
    assert measure_key(text) == key


def test_measure_words() -> None:
    assert measure_words("Ukraine’s prisoners of war, 2024-11-11") == [
        "ukraine",
        "prisoner",
        "of",
        "war",
        "2024-11-11",
    ]
    assert measure_words("casualties losses boxes status crises servicemen POWs") == [
        "casualty",
        "loss",
        "box",
        "status",
        "crisis",
        "serviceman",
        "pow",
    ]


def test_dates_stay_whole_in_keys() -> None:
    assert measure_key("POWs traded on 2022-11-23") != measure_key("POWs traded on 2022-23-11")


def test_agent_phrases_are_dropped_only_when_listed() -> None:
    assert measure_key("civilians killed by Russian forces") == measure_key("civilians killed")
    assert measure_key("civilians killed by Ukrainian forces") != measure_key("civilians killed")
    keep = default_synonyms().with_synonyms({"by russian forces": "by russian forces"})
    assert measure_key("civilians killed by Russian forces", synonyms=keep) == (
        "civilian force killing russian"
    )


def test_user_synonyms() -> None:
    synonyms = default_synonyms().with_synonyms(
        {"civilian deaths": "civilians killed", "people killed": "civilians killed", "toll": None}
    )
    assert measure_key("civilian deaths", synonyms=synonyms) == "civilian killing"
    # "toll" and "among" drop out; the sorted words "civilian death" are then a phrase.
    assert measure_key("death toll among civilians", synonyms=synonyms) == "civilian killing"
    # Defaults are unchanged and the new table is a distinct cache key.
    assert measure_key("civilian deaths") == "civilian death"
    assert synonyms != default_synonyms()
    assert hash(synonyms) != hash(default_synonyms())


def test_canonical_phrases_chain_through_the_table() -> None:
    synonyms = MeasureSynonyms(entries=(("prisoners of war", "pow"), ("pow", "captive soldier")))
    assert measure_key("prisoners of war", synonyms=synonyms) == "captive soldier"


def test_cycles_and_conflicts_are_refused() -> None:
    with pytest.raises(ClaimError, match="cycle"):
        MeasureSynonyms(entries=(("alpha", "beta"), ("beta", "alpha")))
    with pytest.raises(ClaimError, match="mapped to both"):
        MeasureSynonyms(entries=(("POWs", "pow"), ("pow", "prisoner")))


def test_synonyms_csv_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.csv"
    path.write_text(
        "# mine\nphrase,canonical\ncivilian deaths,civilians killed\ntoll,\n", encoding="utf-8"
    )
    synonyms = MeasureSynonyms.from_csv(path)
    assert synonyms.entries == (("civilian deaths", "civilians killed"), ("toll", ""))
    assert list(synonyms.to_frame().columns) == ["phrase", "canonical"]
    assert len(default_synonyms()) > 100
    assert default_synonyms() is default_synonyms()


def test_measure_key_refuses_non_text() -> None:
    with pytest.raises(ClaimError) as info:
        measure_key(None)  # type: ignore[arg-type]
    assert info.value.field == "measure"


# --- flow or level ------------------------------------------------------------------------

# Gold measures (with the counted phrase, as the claim layer passes them) and their kinds.
GOLD_KINDS = {
    "executions of Ukrainian POWs by Russian forces": "flow",
    "killings of captured Ukrainian servicemen in Kursk Oblast shown in the video reported "
    "2024-11-11": "flow",
    "incidents of executions of Ukrainian POWs": "flow",
    "Ukrainian POWs returned in exchanges": "flow",
    "Russian servicemen released in the prisoner swap of 2022-11-24": "flow",
    "POWs traded in the prisoner swap of 2022-11-23": "flow",
    "North Korean soldiers captured by Ukraine in Kursk region (announced 2025-01-11)": "flow",
    "POWs and families interviewed by Amnesty International": "flow",
    "interviewed POWs and families who received a letter or phone call": "flow",
    "Ukrainians listed as missing in the state register": "level",
    "Ukrainians held captive in Russia and occupied territories": "level",
    "share of executions of Ukrainian POWs that were recorded in 2024": "level",
    "share of Ukrainian POWs held in complete isolation": "level",
    "share of returned Ukrainian POWs who had been unconfirmed or forcibly disappeared": "level",
    "time Volodymyr Shevchenko spent in Russian captivity": "level",
    "time a released serviceman was refused medical treatment": "level",
    # Deployed troops are a stock: the gold reads it at a point.
    "North Korean soldiers sent to Russia": "level",
}


def test_gold_kinds_cover_the_gold() -> None:
    assert {row["measure"] for row in GOLD_ROWS} == set(GOLD_KINDS)


@pytest.mark.parametrize(("measure", "kind"), sorted(GOLD_KINDS.items()))
def test_kind_of_gold_measures(measure: str, kind: str) -> None:
    assert infer_measure_kind(measure) == kind
    for row in GOLD_ROWS:
        if row["measure"] == measure:
            assert infer_measure_kind(f"{measure} {row['counted']}") == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("executions of Ukrainian soldiers in captivity", "flow"),
        ("people killed", "flow"),
        ("arrests", "flow"),
        ("missile strikes", "flow"),
        ("Ukrainians missing", "level"),
        ("internally displaced persons", "level"),
        ("troops deployed", "level"),
        ("population", "level"),
        ("80% of cases", "level"),
        ("letters sent to families", "flow"),
        ("houses", "flow"),
    ],
)
def test_kind_inference(text: str, kind: str) -> None:
    assert infer_measure_kind(text) == kind


def test_kind_default_is_overridable() -> None:
    assert infer_measure_kind("houses", default="level") == "level"
    assert infer_measure_kind("executions", default="level") == "flow"


# --- properties -------------------------------------------------------------------------------


@given(measure_phrases())
def test_key_of_a_key_is_the_key(text: str) -> None:
    key = measure_key(text)
    assert measure_key(key) == key


@given(st.text(max_size=80))
def test_key_of_any_text_is_stable(text: str) -> None:
    key = measure_key(text)
    assert measure_key(key) == key


@given(measure_chunks().flatmap(lambda chunks: st.tuples(st.just(chunks), st.permutations(chunks))))
def test_word_order_does_not_matter(pair: tuple[list[str], list[str]]) -> None:
    chunks, shuffled = pair
    assert measure_key(" ".join(chunks)) == measure_key(" ".join(shuffled))


PLURALS = [
    ("execution", "executions"),
    ("incident", "incidents"),
    ("civilian", "civilians"),
    ("casualty", "casualties"),
    ("child", "children"),
    ("loss", "losses"),
    ("POW", "POWs"),
    ("serviceman", "servicemen"),
    ("prisoner of war", "prisoners of war"),
]


@given(measure_phrases(max_size=3), st.sampled_from(PLURALS), st.booleans())
def test_case_and_plural_do_not_matter(text: str, plural: tuple[str, str], upper: bool) -> None:
    singular_form, plural_form = plural
    changed = f"{text} {plural_form}"
    assert measure_key(f"{text} {singular_form}") == measure_key(
        changed.upper() if upper else changed.lower()
    )
