"""The claim record: loose fields in, a validated Claim out; mentions fold together."""

from __future__ import annotations

from datetime import date

import pytest

import claimrec
from claimrec.errors import ClaimError, ClaimrecError, FigureError, UnitError, WindowError
from claimrec.record import Source, claim, merge_mentions
from claimrec.value import Value
from claimrec.window import Window

POW = "executions of Ukrainian POWs"


@pytest.mark.parametrize(
    ("value", "low", "high", "kind"),
    [
        pytest.param("at least 124", 124.0, float("inf"), "at_least", id="text"),
        pytest.param(109, 109.0, 109.0, "exact", id="int"),
        pytest.param(109.0, 109.0, 109.0, "exact", id="float"),
        pytest.param((30, 40), 30.0, 40.0, "range", id="pair"),
        pytest.param(Value.more_than(150), 150.0, float("inf"), "more_than", id="Value"),
    ],
)
def test_value_forms(value: object, low: float, high: float, kind: str) -> None:
    c = claim(value, measure=POW)  # type: ignore[arg-type]
    assert (c.value.low, c.value.high, c.value.kind) == (low, high, kind)


@pytest.mark.parametrize(
    ("window", "published", "start", "end"),
    [
        pytest.param(
            "since 2022 as of Nov. 6", "2024-11-11", date(2022, 1, 1), date(2024, 11, 6), id="text"
        ),
        pytest.param(
            ("2024-01-01", "2024-12-31"), None, date(2024, 1, 1), date(2024, 12, 31), id="pair"
        ),
        pytest.param(
            (date(2024, 1, 1), date(2024, 12, 31)),
            None,
            date(2024, 1, 1),
            date(2024, 12, 31),
            id="pair-of-dates",
        ),
        pytest.param(None, "2025-05-24", None, date(2025, 5, 24), id="as-of-publication"),
    ],
)
def test_window_forms(window: object, published: str | None, start: date | None, end: date) -> None:
    c = claim(109, measure=POW, window=window, published=published)  # type: ignore[arg-type]
    assert c.window.start_earliest == start
    assert c.window.end_latest == end


def test_window_object_is_kept() -> None:
    w = Window.between(date(2024, 1, 1), date(2024, 12, 31))
    assert claim(109, measure=POW, window=w).window == w


def test_no_window_and_no_publication_is_unknown_not_invented() -> None:
    c = claim(109, measure=POW)
    assert c.window.end_earliest is None
    assert c.window.start_earliest is None


def test_year_only_publication_carries_its_uncertainty() -> None:
    c = claim(109, measure=POW, window="over the past year", published="2025")
    assert c.window.start_earliest == date(2024, 1, 1)
    assert c.window.start_latest == date(2024, 12, 31)
    assert c.window.end_latest == date(2025, 12, 31)


def test_reporter_any_name_resolves() -> None:
    a = claim(150, measure=POW, reporter="HUR")
    b = claim(150, measure=POW, reporter="Ukraine's military intelligence agency")
    assert a.reporter is not None and b.reporter is not None
    assert a.reporter.name == b.reporter.name
    assert a.reporter.resolved


def test_unknown_reporter_passes_through_unresolved() -> None:
    c = claim(3, measure=POW, reporter="Kharkiv Regional Observatory")
    assert c.reporter is not None
    assert not c.reporter.resolved
    assert c.reporter.name == "Kharkiv Regional Observatory"


def test_unit_column_gives_a_count_its_unit() -> None:
    c = claim("19 million", unit="hectares", measure="burned area")
    assert claimrec.units.unit_name(c.unit) == "hectare"
    assert c.value.low == 18_500_000


def test_unit_that_contradicts_the_figure_is_an_error() -> None:
    with pytest.raises(UnitError) as caught:
        claim("$2 billion", unit="hectares", measure="aid")
    assert caught.value.field == "unit"
    assert "hectares" in str(caught.value)


@pytest.mark.parametrize(
    ("fields", "error", "field"),
    [
        pytest.param({"value": "lots of them", "measure": POW}, FigureError, "value", id="value"),
        pytest.param({"value": None, "measure": POW}, FigureError, "value", id="no-value"),
        pytest.param({"value": 5, "measure": ""}, ClaimError, "measure", id="no-measure"),
        pytest.param(
            {"value": 5, "measure": POW, "window": "last week"},
            WindowError,
            "window",
            id="relative-window-without-reference",
        ),
        pytest.param(
            {"value": 5, "measure": POW, "measure_kind": "stock"},
            ClaimError,
            "measure_kind",
            id="kind",
        ),
        pytest.param(
            {"value": 5, "measure": POW, "published": "someday"},
            ClaimError,
            "published",
            id="published",
        ),
        pytest.param(
            {"value": float("nan"), "measure": POW}, FigureError, "value", id="nan-figure"
        ),
    ],
)
def test_errors_name_field_and_text(fields: dict[str, object], error: type, field: str) -> None:
    with pytest.raises(error) as caught:
        claim(**fields)  # type: ignore[arg-type]
    assert isinstance(caught.value, ClaimrecError)
    assert isinstance(caught.value, ValueError)
    assert caught.value.field == field


def test_mentions_of_one_claim_fold_together() -> None:
    common = {"measure": POW, "window": "over the past year", "published": "2025"}
    a = claim("109", reporter="Amnesty International", via="Ukrinform", **common)  # type: ignore[arg-type]
    b = claim("109", reporter="Amnesty", via="Kyiv Independent", **common)  # type: ignore[arg-type]
    c = claim("110", reporter="Amnesty", via="Kyiv Independent", **common)  # type: ignore[arg-type]
    merged = merge_mentions([a, b, c])
    assert len(merged) == 2
    assert merged[0].via == ("Ukrinform", "Kyiv Independent")
    assert a.id == b.id != c.id


def test_method_keeps_definitions_apart() -> None:
    a = claim(79, measure=POW, method="documented")
    b = claim(79, measure=POW, method="estimated")
    assert a.id != b.id


def test_span_must_be_ordered() -> None:
    with pytest.raises(ClaimError):
        Source(span=(10, 2))


def test_a_forecast_is_not_the_same_claim_as_a_report() -> None:
    common = {"measure": "new jobs", "window": "2025", "reporter": "ministry"}
    reported = claim(900, **common)  # type: ignore[arg-type]
    forecast = claim(900, modality="forecast", **common)  # type: ignore[arg-type]
    assert reported.modality == "reported"
    assert forecast.modality == "forecast"
    assert reported.id != forecast.id


def test_modality_is_one_of_three() -> None:
    with pytest.raises(ClaimError) as caught:
        claim(900, measure="new jobs", modality="guess")  # type: ignore[arg-type]
    assert caught.value.field == "modality"
    assert caught.value.text == "'guess'"


def test_the_words_a_reporter_was_read_from_are_kept() -> None:
    c = claim(
        "more than 100",
        measure="detentions",
        reporter="Interior Ministry",
        reporter_text="according to the Interior Ministry",
    )
    assert c.reporter_text == "according to the Interior Ministry"


def test_the_words_a_measure_was_read_from_are_kept_beside_its_key() -> None:
    read = claim(124, measure=POW, measure_text="executed (Ukraine)")
    assert (read.measure, read.measure_text) == (
        claim(124, measure=POW).measure,
        "executed (Ukraine)",
    )
    assert claim(124, measure=POW).measure_text == POW  # as given when not told apart
    with pytest.raises(ClaimError):
        claim(124, measure=POW, measure_text=7)  # type: ignore[arg-type]


def test_a_number_in_a_cell_is_the_number_it_holds() -> None:
    from claimrec.policy import DEFAULT_POLICY

    as_number = claim(9930, measure="deaths")
    assert (as_number.value.low, as_number.value.high) == (9930, 9930)
    as_prose = claim("11,000", measure="deaths")
    assert (as_prose.value.low, as_prose.value.high) == (10_500, 11_500)
    as_text = claim(11000, measure="deaths", policy=DEFAULT_POLICY.replace(numbers_as_text=True))
    assert (as_text.value.low, as_text.value.high) == (10_500, 11_500)
