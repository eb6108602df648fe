"""Article files: encodings detected and stated, binary and oversized files refused,
empty folders refused, large files streamed with spans that index the whole text."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest

import claimrec
from claimrec import articles
from claimrec.articles import article_paths, detect_encoding, open_article

FRENCH = (
    "Selon la préfecture, au moins 12 élèves ont été blessés à Besançon, "
    "et 40 personnes évacuées.\n"
)
ENGLISH = "At least 41 people died in the floods since May 3, the Civil Defence Agency said.\n"


def test_utf8_and_boms() -> None:
    assert detect_encoding(ENGLISH.encode()) == "utf-8"
    assert detect_encoding(FRENCH.encode("utf-16")) == "utf-16"
    assert detect_encoding(b"\xef\xbb\xbf" + FRENCH.encode()) == "utf-8-sig"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252", "utf-16-le", "utf-16"])
def test_other_encodings_are_detected_and_stated(codec: str, tmp_path: Path) -> None:
    path = tmp_path / "rapport.txt"
    path.write_bytes((ENGLISH + FRENCH * 10).encode(codec))
    article = open_article(path)
    assert article.path.read_bytes().decode(article.encoding) == ENGLISH + FRENCH * 10
    frame = claimrec.extract_files(path, publications={"rapport.txt": "2024-05-10"})
    assert "\ufffd" not in "".join(frame["quote"].dropna())
    assert any("élèves" in quote for quote in frame["quote"].dropna())
    if codec.startswith("utf-16") or codec in ("latin-1", "cp1252"):
        assert set(frame["document"]) == {f"rapport.txt [{article.encoding}]"}


def test_utf8_files_keep_their_plain_name(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    assert list(claimrec.extract_files(path)["document"]) == ["a.txt"]


def test_an_encoding_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(FRENCH.encode("cp1252"))
    assert open_article(path, encoding="latin-1").encoding == "iso8859-1"
    with pytest.raises(claimrec.ClaimrecError, match="not a text encoding"):
        open_article(path, encoding="klingon-8")


@pytest.mark.parametrize(
    "data",
    [
        random.Random(4).randbytes(4096),
        b"\x89PNG\r\n\x1a\n" + random.Random(5).randbytes(2000),
        b"\x00\x01\x02\x03" * 1000,
    ],
    ids=["random", "png", "nul"],
)
def test_binary_files_are_refused(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    with pytest.raises(claimrec.ClaimrecError, match="binary data, not text") as caught:
        claimrec.extract_files(path)
    assert caught.value.field == "path" and caught.value.text == str(path)


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a\n1\n")
    with pytest.raises(claimrec.ClaimrecError, match="no article in this folder"):
        article_paths(tmp_path)


def test_a_file_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ENGLISH * 100, encoding="utf-8")
    with pytest.raises(claimrec.ClaimrecError, match="an article may be at most"):
        open_article(path, max_bytes=1000)
    page = tmp_path / "page.html"
    with page.open("wb") as handle:
        handle.truncate(articles.MAX_HTML_BYTES + 1)
    with pytest.raises(claimrec.ClaimrecError, match="16 MiB"):
        open_article(page)


def test_large_files_are_streamed_with_whole_text_spans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(articles, "STREAM_BYTES", 2_000)
    monkeypatch.setattr(articles, "PIECE_CHARS", 1_000)
    monkeypatch.setattr(articles, "MAX_PARAGRAPH_CHARS", 400)
    rng = random.Random(7)
    paragraphs = []
    for n in range(60):
        sentence = f"At least {rng.randint(2, 900)} people died in district {n}, police said. "
        paragraphs.append(sentence * rng.randint(1, 12))  # some longer than a piece
    text = "\n\n".join(paragraphs)
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    article = open_article(path)
    assert article.streamed
    pieces = list(article.pieces())
    assert len(pieces) > 5 and "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 1_000 + 400 + 200 for _, piece in pieces)
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    frame = claimrec.extract_files(path, progress=True)
    assert "extracting [" in stderr.getvalue() and "1/1 files" in stderr.getvalue()
    assert len(frame) >= 60
    for row in frame.itertuples():
        assert text[row.span_start : row.span_end] == row.quote


def test_streaming_does_not_hold_the_file(tmp_path: Path) -> None:
    # Pieces are produced lazily: the first comes before the file is read to its end.
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(4 * 2**20 // len(ENGLISH)):
            handle.write(ENGLISH + "\n")
    article = open_article(path)
    assert article.streamed and os.path.getsize(path) > articles.STREAM_BYTES
    first_offset, first = next(article.pieces())
    assert first_offset == 0 and len(first) < 2 * articles.PIECE_CHARS


def _ids_match_contents(frame: object) -> bool:
    """Every row's claim_id is the id of the claim its own cells describe."""
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    return all(
        claimrec.from_frame(frame.iloc[[i]])[0].id == frame["claim_id"].iloc[i]
        for i in range(len(frame))
    )


def test_a_key_merged_in_its_article_gives_new_ids_that_match_the_rows(tmp_path: Path) -> None:
    # The qualified key of an article ("… Ukrainian prisoners") takes in the bare key of
    # the same article, never another article's: the moved rows' ids are those of what
    # they now say, and the other file keeps its own key.
    bare = "The monitors said 12 prisoners of war were executed in May 2024.\n"
    (tmp_path / "one.txt").write_text(
        "Amnesty International said at least 109 Ukrainian prisoners of war were "
        "executed in 2024.\n" + bare,
        encoding="utf-8",
    )
    (tmp_path / "two.txt").write_text(bare, encoding="utf-8")
    frame = claimrec.extract_files(tmp_path, progress=False)
    one = frame[frame["document"] == "one.txt"]
    two = frame[frame["document"] == "two.txt"]
    assert one["measure"].nunique() == 1
    assert two["measure"].iloc[0] != one["measure"].iloc[0]
    alone = claimrec.extract_files(tmp_path / "two.txt", progress=False)
    assert alone["measure"].iloc[0] == two["measure"].iloc[0]
    assert _ids_match_contents(frame) and _ids_match_contents(alone)


def test_a_streamed_file_gives_the_claims_of_its_pieces_read_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(articles, "STREAM_BYTES", 2_000)
    monkeypatch.setattr(articles, "PIECE_CHARS", 1_000)
    monkeypatch.setattr(articles, "MAX_PARAGRAPH_CHARS", 400)
    rng = random.Random(11)
    forms = (
        "At least {n} Ukrainian prisoners of war were executed in {y}, Amnesty said.",
        "Some {n} prisoners of war were executed in {y}.",
        "The agency counted {n} displaced people in district {d} last week.",
        "More than {n} people died in the floods since May 3, the Civil Defence Agency said.",
    )
    paragraphs = [
        rng.choice(forms).format(n=rng.randint(2, 900), y=rng.choice([2023, 2024]), d=k)
        for k in range(80)
    ]
    text = "\n\n".join(paragraphs)
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    streamed = claimrec.extract_files(path, progress=False)
    pieces = [piece for _, piece in open_article(path).pieces()]
    assert len(pieces) > 3
    rows = sum(len(claimrec.extract(piece, document="long.txt")) for piece in pieces)
    assert len(streamed) == rows
    assert _ids_match_contents(streamed)
    for row in streamed.itertuples():
        assert text[row.span_start : row.span_end] == row.quote


def test_a_figure_past_a_floats_range_costs_its_article_no_other_claim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "-1e308 to1dozen" once made a NaN low end and refused the whole file: now that
    # figure alone is not read, in a file read whole and in a streamed one.
    paragraphs = [ENGLISH.strip(), "A forecast put the losses at -1e308 to1dozen tonnes."]
    paragraphs += [f"At least {n} homes were destroyed in district {n}, the mayor said."
                   for n in range(2, 40)]  # fmt: skip
    text = "\n\n".join(paragraphs)
    path = tmp_path / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    whole = claimrec.extract_files(path, progress=False)
    alone = claimrec.extract(text.replace(paragraphs[1], ""), document="hostile.txt")
    assert len(whole) == len(alone) == 39
    assert sorted(whole["value_text"]) == sorted(alone["value_text"])
    monkeypatch.setattr(articles, "STREAM_BYTES", 500)
    monkeypatch.setattr(articles, "PIECE_CHARS", 400)
    assert open_article(path).streamed
    streamed = claimrec.extract_files(path, progress=False, jobs=1)
    assert sorted(streamed["value_text"]) == sorted(whole["value_text"])


def _tagged_page(hidden: int) -> str:
    paragraphs = [f"<p>At least {n + 2} people died in district {n}, police said.</p>"
                  for n in range(40)]  # fmt: skip
    script = f"<script>var note = 'Officials said {hidden} people died';</script>"
    return "<html><body>\n" + "\n".join(paragraphs) + script + "\n</body></html>\n"


def test_a_large_text_file_that_is_a_page_is_read_as_the_small_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _tagged_page(hidden=777)
    small = tmp_path / "small.txt"
    small.write_text(text, encoding="utf-8")
    whole = claimrec.extract_files(small, progress=False)
    monkeypatch.setattr(articles, "STREAM_BYTES", 1_000)  # now too large to read whole
    large = tmp_path / "large.txt"
    large.write_text(text, encoding="utf-8")
    assert open_article(large).html is True and not open_article(large).streamed
    read = claimrec.extract_files(large, progress=False)
    assert 777 not in set(whole["low"]) and 777 not in set(read["low"])  # the script hidden
    assert sorted(read["low"]) == sorted(whole["low"]) and len(read) >= 40


def test_a_page_past_the_page_limit_is_read_as_text_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(articles, "STREAM_BYTES", 1_000)
    monkeypatch.setattr(articles, "MAX_HTML_BYTES", 2_000)
    path = tmp_path / "huge.txt"
    path.write_text(_tagged_page(hidden=777), encoding="utf-8")
    with pytest.warns(claimrec.PageAsTextWarning, match="huge.txt.*plain text"):
        article = open_article(path)
    assert article.html is None and article.streamed
