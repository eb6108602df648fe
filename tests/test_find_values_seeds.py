"""find_values over the seed articles finds every gold claim's figure, and no dates."""

from __future__ import annotations

import json
import math
from functools import cache

import pytest
from conftest import DATA, SEEDS

from claimrec.read.figures import FigureMatch, find_values
from claimrec.units import unit_name


def _gold_rows() -> list[dict[str, object]]:
    with (DATA / "seeds.gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


GOLD = _gold_rows()


@cache
def _document(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@cache
def _matches(name: str) -> tuple[FigureMatch, ...]:
    return tuple(find_values(_document(name)))


@pytest.mark.parametrize(
    "gold", GOLD, ids=[f"{row['doc']}:{str(row['quote'])[:40]}" for row in GOLD]
)
def test_gold_figure_is_found_in_its_quote(gold: dict[str, object]) -> None:
    name, quote = str(gold["doc"]), str(gold["quote"])
    text = _document(name)
    starts = []
    position = text.find(quote)
    while position >= 0:
        starts.append(position)
        position = text.find(quote, position + 1)
    assert starts, "the gold quote is not in the document"
    inside = [
        match
        for match in _matches(name)
        for start in starts
        if start <= match.start and match.end <= start + len(quote)
    ]
    assert inside, f"no figure found inside {quote!r}"
    unit = "count" if gold["unit"] == "count" else str(gold["unit"])

    def fits(match: FigureMatch) -> bool:
        value = match.value
        if value.kind != gold["kind"] or unit_name(value.unit) != unit:
            return False
        if gold["kind"] == "vague":
            return True
        assert value.stated is not None
        return math.isclose(value.stated, float(gold["stated"]))  # type: ignore[arg-type]

    assert any(fits(match) for match in inside), [(m.text, str(m.value)) for m in inside]


@pytest.mark.parametrize("name", sorted({str(row["doc"]) for row in GOLD}))
def test_no_date_year_or_ordinal_is_a_figure(name: str) -> None:
    for match in _matches(name):
        assert match.text not in {"2022", "2023", "2024", "2025", "Nov. 6", "May 24", "second"}
        assert not match.text.isdigit() or not 1900 <= int(match.text) <= 2100
        assert not match.text.lower().endswith(("st", "nd", "rd", "th"))
        assert _document(name)[match.start : match.end] == match.text
