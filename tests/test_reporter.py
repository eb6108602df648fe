"""Reporter aliases: resolving names, extending the table, finding names in text."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from growth import growth, repeated
from hypothesis import given
from hypothesis import strategies as st

from claimrec.errors import ClaimError
from claimrec.reporter import (
    Reporter,
    ReporterEntry,
    ReporterTable,
    default_reporters,
    find_reporters,
    reporter_key,
    resolve_reporter,
)
from claimrec.testing import reporter_aliases, reporter_names

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"

PGO = "Office of the Prosecutor General of Ukraine"
HUR = "Defence Intelligence of Ukraine (HUR)"
HRMMU = "UN Human Rights Monitoring Mission in Ukraine"
COI = "UN Independent International Commission of Inquiry on Ukraine"
AMNESTY = "Amnesty International"
LUBINETS = "Ukrainian Parliament Commissioner for Human Rights (Dmytro Lubinets)"
REGISTER = "State register of missing persons (Ukraine)"
ZELENSKY = "Volodymyr Zelensky"
RU_MOD = "Russian Ministry of Defence"
ICRC = "International Committee of the Red Cross (ICRC)"

# Every name the seeds' reporters go by in the seed texts and the design notes.
SEED_ALIASES = [
    ("Prosecutor General's Office", PGO),
    ("Ukraine's Prosecutor General's Office", PGO),
    ("the Office of the Prosecutor General", PGO),
    ("Prosecutor General's Office of Ukraine", PGO),
    ("PGO", PGO),
    ("HUR", HUR),
    ("GUR", HUR),
    ("Ukraine's military intelligence", HUR),
    ("Ukraine’s military intelligence", HUR),
    ("Ukraine's military intelligence agency", HUR),
    ("Ukraine’s military intelligence agency (HUR)", HUR),
    ("Defence Intelligence of Ukraine", HUR),
    ("Defense Intelligence of Ukraine", HUR),
    ("Main Directorate of Intelligence", HUR),
    ("U.N. Human Rights Monitoring Mission in Ukraine", HRMMU),
    ("UN Human Rights Monitoring Mission", HRMMU),
    ("HRMMU", HRMMU),
    ("UN monitoring mission", HRMMU),
    ("U.N. Independent International Commission of Inquiry on Ukraine", COI),
    ("COI", COI),
    ("Amnesty International", AMNESTY),
    ("Amnesty International Ukraine", AMNESTY),
    ("Amnesty International’s", AMNESTY),
    ("Amnesty", AMNESTY),
    ("Ombudsman Dmytro Lubinets", LUBINETS),
    ("Dmytro Lubinets", LUBINETS),
    ("Lubinets", LUBINETS),
    ("Ukraine's ombudsman", LUBINETS),
    ("Ukrainian Parliament Commissioner for Human Rights", LUBINETS),
    ("the state register", REGISTER),
    ("Zelensky", ZELENSKY),
    ("Zelenskyy", ZELENSKY),
    ("President Volodymyr Zelensky", ZELENSKY),
    ("Ukrainian President Volodymyr Zelensky", ZELENSKY),
    ("the Russian Defense Ministry", RU_MOD),
    ("Russian Defence Ministry", RU_MOD),
    ("Russia's Ministry of Defence", RU_MOD),
    ("the Russian military", RU_MOD),
    ("the Red Cross", ICRC),
    ("ICRC", ICRC),
]


@pytest.mark.parametrize(("written", "canonical"), SEED_ALIASES, ids=[a for a, _ in SEED_ALIASES])
def test_seed_aliases_resolve(written: str, canonical: str) -> None:
    reporter = resolve_reporter(written)
    assert reporter == Reporter(name=canonical, resolved=True, kind=reporter.kind)
    assert reporter.as_written == written


def test_gold_reporters_are_canonical_names() -> None:
    # The gold file's reporters are canonical names of the default table, or
    # one-off sources that must pass through unresolved.
    one_off = {"Volodymyr Shevchenko", "a released Russian serviceman"}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        name = json.loads(line)["reporter"]
        if name is None:
            continue
        reporter = resolve_reporter(name)
        assert reporter.name == name
        assert reporter.resolved is (name not in one_off)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("  the   OFFICE of THE prosecutor-general  ", PGO),
        ("prosecutor general’s office", PGO),
        ("Prosecutor General's Office.", PGO),
        ("hur", HUR),
        ("UKRAINE'S MILITARY INTELLIGENCE", HUR),
        ("Ukraines military intelligence", None),
        ("A Amnesty International", AMNESTY),
        ("Médecins Sans Frontières", "Médecins Sans Frontières (MSF)"),
        ("Medecins sans Frontieres", "Médecins Sans Frontières (MSF)"),
        ("U.N.", "United Nations"),
        ("UN", "United Nations"),
        ("the UN's", "United Nations"),
        ("UN Human Rights Office", "Office of the UN High Commissioner for Human Rights (OHCHR)"),
        ("Amnesty International (AI)", AMNESTY),
        ("(HUR)", HUR),
    ],
)
def test_matching_ignores_case_punctuation_possessives_articles(
    written: str, canonical: str | None
) -> None:
    reporter = resolve_reporter(written)
    if canonical is None:
        assert not reporter.resolved
    else:
        assert reporter.name == canonical


def test_reporter_key() -> None:
    assert reporter_key("Ukraine’s Prosecutor General's Office") == reporter_key(
        "ukraine prosecutor general office"
    )
    assert reporter_key("the U.N.'s monitoring mission") == "un monitoring mission"


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("the prosecutors", "the prosecutors"),
        ("  a released   Russian serviceman ", "a released Russian serviceman"),
        ("“Volodymyr Shevchenko”", "Volodymyr Shevchenko"),
        ("", ""),
    ],
)
def test_unknown_names_pass_through(written: str, name: str) -> None:
    reporter = resolve_reporter(written)
    assert not reporter.resolved
    assert reporter.name == name
    assert reporter.as_written == written
    assert reporter.kind is None


def test_resolve_refuses_non_text() -> None:
    with pytest.raises(ClaimError) as info:
        resolve_reporter(42)  # type: ignore[arg-type]
    assert info.value.field == "reporter"


def test_reporter_is_frozen_and_compares_by_name() -> None:
    hur, gur = resolve_reporter("HUR"), resolve_reporter("GUR")
    assert hur == gur
    assert hash(hur) == hash(gur)
    assert hur.as_written != gur.as_written
    with pytest.raises(AttributeError):
        hur.name = "x"  # type: ignore[misc]


def test_default_table_size_and_kinds() -> None:
    table = default_reporters()
    assert default_reporters() is table  # cached
    assert 80 <= len(table) <= 150
    kinds = {entry.kind for entry in table.entries}
    assert kinds <= {
        "government",
        "military",
        "intergovernmental",
        "ngo",
        "research",
        "media",
        "register",
        "person",
    }
    assert resolve_reporter("Zelensky").kind == "person"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("OHCHR", "Office of the UN High Commissioner for Human Rights (OHCHR)"),
        ("UNHCR", "UN Refugee Agency (UNHCR)"),
        ("the UN refugee official", "UN Refugee Agency (UNHCR)"),
        ("UN refugee chief", "UN Refugee Agency (UNHCR)"),
        ("IOM", "International Organization for Migration (IOM)"),
        ("WHO", "World Health Organization (WHO)"),
        ("UNICEF", "UNICEF"),
        ("OCHA", "UN Office for the Coordination of Humanitarian Affairs (OCHA)"),
        ("UNRWA", "UN Relief and Works Agency for Palestine Refugees (UNRWA)"),
        ("WFP", "World Food Programme (WFP)"),
        ("UNMAS", "UN Mine Action Service (UNMAS)"),
        ("UN Security Council", "UN Security Council"),
        ("IFRC", "International Federation of Red Cross and Red Crescent Societies (IFRC)"),
        ("Ukrainian Red Cross", "Ukrainian Red Cross Society"),
        ("Russian Red Cross", "Russian Red Cross"),
        ("Palestine Red Crescent", "Palestine Red Crescent Society"),
        ("HRW", "Human Rights Watch"),
        ("ACLED", "Armed Conflict Location & Event Data Project (ACLED)"),
        ("UCDP", "Uppsala Conflict Data Program (UCDP)"),
        ("Airwars", "Airwars"),
        ("Bellingcat", "Bellingcat"),
        ("Mediazona", "Mediazona"),
        ("OSCE", "Organization for Security and Co-operation in Europe (OSCE)"),
        ("ISW", "Institute for the Study of War (ISW)"),
        ("Ukraine's General Staff", "General Staff of the Armed Forces of Ukraine"),
        ("Ukraine's Defence Ministry", "Ministry of Defence of Ukraine"),
        ("Ukraine's Interior Ministry", "Ministry of Internal Affairs of Ukraine"),
        ("National Police of Ukraine", "National Police of Ukraine"),
        ("SBU", "Security Service of Ukraine (SBU)"),
        (
            "Coordination Headquarters for the Treatment of POWs",
            "Coordination Headquarters for the Treatment of Prisoners of War",
        ),
        ("Gaza Health Ministry", "Gaza Health Ministry"),
        ("IDF", "Israel Defense Forces (IDF)"),
        ("the Pentagon", "US Department of Defense"),
        ("UK Ministry of Defence", "UK Ministry of Defence"),
        ("Tatiana Moskalkova", "Russian Human Rights Commissioner (Tatiana Moskalkova)"),
        ("Ukrainian ombudsman", LUBINETS),
    ],
)
def test_common_reporters_of_the_field(written: str, canonical: str) -> None:
    assert resolve_reporter(written).name == canonical


# --- extending the table ----------------------------------------------------------


def test_with_aliases_adds_a_reporter_and_keeps_the_original() -> None:
    table = default_reporters().with_aliases(
        "Kharkiv Regional Military Administration",
        ["Kharkiv RMA", "Kharkiv regional administration"],
        kind="government",
    )
    reporter = resolve_reporter("kharkiv rma", table=table)
    assert reporter == Reporter(
        name="Kharkiv Regional Military Administration", resolved=True, kind="government"
    )
    assert not resolve_reporter("Kharkiv RMA").resolved  # the default is unchanged
    assert len(table) == len(default_reporters()) + 1


def test_with_aliases_extends_a_known_reporter() -> None:
    table = default_reporters().with_aliases(HUR, "Budanov's agency")
    assert resolve_reporter("Budanov’s agency", table=table).name == HUR
    assert resolve_reporter("HUR", table=table).name == HUR


def test_user_alias_wins_over_default() -> None:
    # A user who wants "Amnesty" to mean the Ukrainian section.
    table = default_reporters().with_aliases("Amnesty International Ukraine", ["Amnesty"])
    assert resolve_reporter("Amnesty", table=table).name == "Amnesty International Ukraine"
    assert resolve_reporter("Amnesty International", table=table).name == AMNESTY


def test_alias_that_is_another_canonical_name_is_refused() -> None:
    with pytest.raises(ClaimError, match="canonical name"):
        default_reporters().with_aliases("Amnesty", ["Amnesty International"])


def test_with_table_from_mapping_and_frames() -> None:
    base = ReporterTable()
    mapped = base.with_table({"Kyiv City Military Administration": "KCMA|Kyiv CMA"})
    long = base.with_table(
        pd.DataFrame(
            {
                "canonical": ["Kyiv City Military Administration"] * 2,
                "alias": ["KCMA", "Kyiv CMA"],
            }
        )
    )
    wide = base.with_table(
        pd.DataFrame(
            {
                "canonical": ["Kyiv City Military Administration"],
                "aliases": [["KCMA", "Kyiv CMA"]],
                "kind": [None],
            }
        )
    )
    assert mapped == long == wide
    assert resolve_reporter("Kyiv CMA", table=mapped).name == "Kyiv City Military Administration"


def test_with_table_refuses_inconsistent_user_table() -> None:
    frame = pd.DataFrame({"canonical": ["A org", "B org"], "alias": ["AB", "AB"]})
    with pytest.raises(ClaimError, match="alias of both"):
        default_reporters().with_table(frame)


def test_table_round_trips_through_frame_and_csv(tmp_path: Path) -> None:
    table = default_reporters()
    frame = table.to_frame()
    assert list(frame.columns) == ["canonical", "alias", "kind"]
    assert ReporterTable().with_table(frame) == table
    wide = frame.groupby("canonical", sort=False).agg(
        kind=("kind", "first"), aliases=("alias", "|".join)
    )
    path = tmp_path / "reporters.csv"
    path.write_text("# my table\n" + wide.reset_index().to_csv(index=False), encoding="utf-8")
    assert ReporterTable.from_csv(path) == table


def test_from_csv_long_format(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("canonical,alias\nKyiv Post,KP\nKyiv Post,The Kyiv Post\n", encoding="utf-8")
    table = ReporterTable.from_csv(path)
    assert table.entries == (ReporterEntry(canonical="Kyiv Post", aliases=("KP",)),)


def test_conflicting_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("canonical,aliases\nA org,X\nB org,x\n", encoding="utf-8")
    with pytest.raises(ClaimError, match="alias of both 'A org' and 'B org'"):
        ReporterTable.from_csv(path)


def test_ambiguous_acronyms_keep_their_common_meaning() -> None:
    assert resolve_reporter("UN").name == "United Nations"
    assert resolve_reporter("Red Cross").name == ICRC
    assert resolve_reporter("Russian military intelligence").name != RU_MOD


# --- finding names in running text ------------------------------------------------------


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Russian forces have executed at least 124 Ukrainian prisoners of war since 2022 "
            "as of Nov. 6, the Prosecutor General's Office said.",
            [("Prosecutor General's Office", PGO)],
        ),
        (
            "In a disturbing revelation, Ukraine’s military intelligence agency (HUR) has "
            "documented over 150 cases",
            [("Ukraine’s military intelligence agency (HUR)", HUR)],
        ),
        (
            "In February, the U.N. Human Rights Monitoring Mission in Ukraine raised alarm",
            [("U.N. Human Rights Monitoring Mission in Ukraine", HRMMU)],
        ),
        (
            "According to Amnesty International’s Deafening Silence report",
            [("Amnesty International", AMNESTY)],
        ),
        (
            "said Veronika Velch, director of Amnesty International Ukraine.",
            [("Amnesty International Ukraine", AMNESTY)],
        ),
        (
            "In December, Ombudsman Dmytro Lubinets reported that in 2024 alone",
            [("Ombudsman Dmytro Lubinets", LUBINETS)],
        ),
        (
            "Two North Korean soldiers have been taken prisoner, Ukrainian President "
            "Volodymyr Zelensky said on Saturday. Zelensky posted",
            [("Ukrainian President Volodymyr Zelensky", ZELENSKY), ("Zelensky", ZELENSKY)],
        ),
        (
            "The Russian Defense Ministry said they were rescued. According to the Red Cross,",
            [("Russian Defense Ministry", RU_MOD), ("Red Cross", ICRC)],
        ),
        (
            "the Russian military said in a statement",
            [("Russian military", RU_MOD)],
        ),
        # Clause punctuation stops a name: "Ukraine. Military intelligence" is not HUR.
        ("troops left Ukraine. Military intelligence says", []),
        # Common words are not acronyms or names.
        ("the people who un-did it were granted amnesty", []),
        ("WHO and who", [("WHO", "World Health Organization (WHO)")]),
    ],
)
def test_find_reporters_in_sentences(sentence: str, expected: list[tuple[str, str]]) -> None:
    found = find_reporters(sentence)
    assert [(match.text, match.reporter.name) for match in found] == expected
    for match in found:
        assert sentence[match.start : match.end] == match.text
        assert match.reporter.resolved


def test_find_reporters_on_the_seeds() -> None:
    found = {
        prefix: {match.reporter.name for match in find_reporters(seed(prefix))}
        for prefix in ("000", "001", "002", "003", "004")
    }
    assert PGO in found["000"]
    assert {HUR, COI, HRMMU} <= found["001"]
    assert {AMNESTY, REGISTER, LUBINETS} <= found["002"]
    assert {ZELENSKY, ICRC} <= found["003"]
    assert RU_MOD in found["004"]


def test_find_reporters_with_user_table() -> None:
    table = default_reporters().with_aliases("Kyiv Independent", ["KI"])
    text = "KI reported, citing HUR."
    assert [m.reporter.name for m in find_reporters(text, table=table)] == [
        "Kyiv Independent",
        HUR,
    ]


# --- properties ---------------------------------------------------------------------------


@given(reporter_names())
def test_resolve_never_raises(name: str) -> None:
    reporter = resolve_reporter(name)
    assert isinstance(reporter.name, str)
    assert reporter.as_written == name


@given(reporter_aliases())
def test_every_spelling_of_an_alias_resolves(pair: tuple[str, str]) -> None:
    written, canonical = pair
    assert resolve_reporter(written).name == canonical


@given(st.lists(st.one_of(reporter_names(), st.sampled_from([" ", ". ", "\n", "(", ")"]))))
def test_find_reporters_spans_are_exact(pieces: list[str]) -> None:
    text = "".join(pieces)
    previous_end = 0
    for match in find_reporters(text):
        assert 0 <= previous_end <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.text
        assert resolve_reporter(match.text).name == match.reporter.name
        previous_end = match.end


def test_find_reporters_is_linear_on_long_hostile_text() -> None:
    unit = (
        "UN U.N.'s (HUR) HUR (HUR) the the Office of the Prosecutor General of "
        "Ukraine's military intelligence agency ((((( '''' ... Amnesty amnesty who WHO "
    )
    repeats = 1_000_000 // len(unit)
    assert len(find_reporters(unit * repeats)) > 10_000
    ratio = growth(find_reporters, repeated(unit), repeats)
    assert ratio < 4, f"{ratio:.1f}x linear growth"
