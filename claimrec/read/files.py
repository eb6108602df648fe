"""Claims from files and folders of articles, with publication facts from a sidecar.

:func:`extract_files` reads ``.txt``, ``.html``, ``.htm`` and ``.md`` files
(folders recursively); publication facts (outlet, url, published) come from a
table given by the caller, from a ``publications.csv`` next to the files, or from
header lines the file starts with ("URL: …", "PUBLISHED: …", then a blank line; the
names are the lexicon's ``header_fields``). A one-line progress indicator is written
to stderr for long batches.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from claimrec.articles import (
    ARTICLE_SUFFIXES,
    Article,
    Progress,
    article_paths,
    open_article,
)
from claimrec.calendar import EventCalendar
from claimrec.errors import ClaimError
from claimrec.frame import to_frame
from claimrec.lexicon import Lexicon, lexicon_or_default
from claimrec.measure import MeasureSynonyms
from claimrec.policy import Policy
from claimrec.read.claims import Options, read_claims
from claimrec.read.measures import merge_measures
from claimrec.record import Claim, claim_identity
from claimrec.reporter import ReporterTable
from claimrec.units import unit_name
from claimrec.value import Value
from claimrec.window import Window

__all__ = ["ARTICLE_SUFFIXES", "PublicationsLike", "extract_files", "read_header"]


# extract's keyword options, with the type each must have
_OPTION_TYPES: dict[str, type] = {
    "policy": Policy,
    "reporters": ReporterTable,
    "synonyms": MeasureSynonyms,
    "calendar": EventCalendar,
    "lexicon": Lexicon,
}


def _options(given: dict[str, object]) -> Options:
    unknown = sorted(set(given) - set(_OPTION_TYPES))
    if unknown:
        raise ClaimError("unknown option", field="options", text=", ".join(unknown))
    for name, value in given.items():
        if value is not None and not isinstance(value, _OPTION_TYPES[name]):
            expected = _OPTION_TYPES[name].__name__
            raise ClaimError(f"must be a {expected}", field=name, text=repr(value)[:80])
    return Options(**given)  # type: ignore[arg-type]  # types checked above


PublicationsLike = pd.DataFrame | str | os.PathLike[str] | Mapping[str, object]


def _facts_from_frame(frame: pd.DataFrame) -> dict[str, dict[str, str]]:
    columns = {str(c).strip().lower(): c for c in frame.columns}
    if "file" not in columns:
        raise ClaimError("a publications table needs a 'file' column", field="publications")
    facts: dict[str, dict[str, str]] = {}
    for _, row in frame.iterrows():
        name = str(row[columns["file"]]).strip()
        entry: dict[str, str] = {}
        for field_name in ("outlet", "url", "published"):
            if field_name in columns:
                cell = row[columns[field_name]]
                if isinstance(cell, str) and cell.strip():
                    entry[field_name] = cell.strip()
                elif cell is not None and not pd.isna(cell) and str(cell).strip():
                    entry[field_name] = str(cell).strip()
        facts[name] = entry
    return facts


def _read_table(path: Path) -> pd.DataFrame:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.lstrip().startswith("#")]
    return pd.read_csv(io.StringIO("".join(lines)), dtype=str, keep_default_na=False)


def _publications(publications: PublicationsLike | None) -> dict[str, dict[str, str]]:
    if publications is None:
        return {}
    if isinstance(publications, pd.DataFrame):
        return _facts_from_frame(publications)
    if isinstance(publications, str | os.PathLike):
        return _facts_from_frame(_read_table(Path(publications)))
    facts: dict[str, dict[str, str]] = {}
    for name, value in publications.items():
        if isinstance(value, Mapping):
            facts[str(name)] = {str(k): str(v) for k, v in value.items() if v is not None}
        elif value is not None:
            facts[str(name)] = {"published": str(value)}
    return facts


_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z _-]{0,30}):[ \t]*([^\n]*)\n")
_MAX_HEADER = 4096  # characters: a header is a few lines, never the article


def read_header(text: str, *, lexicon: Lexicon | None = None) -> tuple[dict[str, str], int]:
    """The publication facts of header lines at the start of ``text`` and the length of
    the header (0 when there is none).

    A header is one or more ``NAME: value`` lines, each NAME one of the lexicon's
    ``header_fields`` (``URL``, ``PUBLISHED``, ``OUTLET``, …), ending at a blank line.
    A first line that is not such a field means no header: the text is all article.

    >>> read_header("URL: https://example.org/a\nPUBLISHED: 2024-05-02\n\nText.")
    ({'url': 'https://example.org/a', 'published': '2024-05-02'}, 50)
    """
    fields = lexicon_or_default(lexicon).table("header_fields")
    facts: dict[str, str] = {}
    position = 0
    head = text[:_MAX_HEADER]
    while (line := _HEADER_LINE.match(head, position)) is not None:
        name = " ".join(line.group(1).replace("_", " ").lower().split())
        fact = fields.get(name)
        if fact is None:
            return {}, 0
        value = line.group(2).strip()
        if fact == "published":
            value = value.split(" ")[0] if value else value
        if value:
            facts.setdefault(fact, value)
        position = line.end()
    if not facts or not head.startswith("\n", position):
        return {}, 0
    return facts, position + 1


def _blank(text: str, length: int) -> str:
    """``text`` with its first ``length`` characters blanked (line breaks kept), so that
    offsets into it are still offsets into the file."""
    head = "".join(ch if ch == "\n" else " " for ch in text[:length])
    return head + text[length:]


def _lookup(facts: Mapping[str, dict[str, str]], path: Path) -> dict[str, str]:
    for key in (path.name, str(path), path.stem):
        if key in facts:
            return facts[key]
    return {}


def extract_files(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    publications: PublicationsLike | None = None,
    progress: bool | None = None,
    **options: object,
) -> pd.DataFrame:
    """The claims of article files and folders (.txt, .html, .htm, .md), all in one frame.

    Publication facts (``outlet``, ``url``, ``published``) come from
    ``publications`` — a DataFrame, a CSV path or a mapping ``{file: {...}}`` /
    ``{file: published}`` — and otherwise from a ``publications.csv`` next to the
    files (columns ``file,outlet,url,published``, like ``seeds/publications.csv``),
    and otherwise from header lines at the top of the file (:func:`read_header`;
    the header is blanked, so spans still index the file's text).
    ``document`` is the file name. Other keyword options go to :func:`extract`.
    Measure keys are then merged across the whole batch (:func:`merge_measures`).
    A progress line is written to stderr when ``progress`` is True, or when it is
    None, stderr is a terminal and there are more than 20 files or 2 MiB. Files are
    read as :mod:`claimrec.articles` says: ``encoding`` (default: detected), binary
    files and files past the size limit refused, large plain text streamed.
    """
    files = article_paths(paths)
    given = _publications(publications)
    sidecars: dict[Path, dict[str, dict[str, str]]] = {}
    encoding = options.pop("encoding", None)
    if encoding is not None and not isinstance(encoding, str):
        raise ClaimError("must be an encoding name", field="encoding", text=repr(encoding))
    articles = [open_article(p, encoding=encoding) for p in files]  # all checked first
    total = sum(article.size for article in articles)
    shown = Progress.wanted(progress, files=len(files), total_bytes=total)
    bar = Progress(total, len(files), stream=sys.stderr, enabled=shown)
    html_option = options.pop("html", None)
    read_with = _options(options)
    if html_option is not None and not isinstance(html_option, bool):
        raise ClaimError("must be True, False or None", field="html", text=repr(html_option))
    batch = _Batch()
    read_bytes = 0
    for path, article in zip(files, articles, strict=True):
        folder = path.parent
        if folder not in sidecars:
            sidecar = folder / "publications.csv"
            sidecars[folder] = _publications(sidecar) if sidecar.is_file() else {}
        facts = _lookup(given, path) or _lookup(sidecars[folder], path)
        is_html = article.html if article.html is not None else html_option
        for offset, piece in article.pieces():
            facts, found = _read_piece(offset, piece, facts, article, is_html, read_with)
            batch.add(found, offset)
            bar.update(read_bytes + min(article.size, offset + len(piece)), path.name)
        read_bytes += article.size
        bar.update(read_bytes, path.name, file_done=True)
    return batch.frame(read_with)


def _read_piece(
    offset: int,
    piece: str,
    facts: dict[str, str],
    article: Article,
    is_html: bool | None,
    read_with: Options,
) -> tuple[dict[str, str], list[Claim]]:
    """The claims of one piece of an article, and the article's facts after its header
    (read from the first piece: the caller's table and the sidecar say first)."""
    if offset == 0:
        header, length = read_header(piece, lexicon=read_with.lexicon)
        if length:
            facts = {**header, **{k: v for k, v in facts.items() if v}}
            piece = _blank(piece, length)
    found = read_claims(
        piece,
        published=facts.get("published") or None,
        outlet=facts.get("outlet") or None,
        url=facts.get("url") or None,
        document=article.document,
        options=read_with,
        html=is_html if not article.streamed else False,
    )
    return facts, found


class _Batch:
    """The claims of a batch of files, kept as frames piece by piece (a large file's
    claims as records would take several times the memory), with what the merge of
    measure keys across the batch needs: one claim per distinct (unit, measure key,
    measure text) — all the merge looks at — and each row's value and window, from
    which a row whose key the merge changes gets its new claim id."""

    def __init__(self) -> None:
        self.chunks: list[pd.DataFrame] = []
        self.kinds: dict[tuple[object, str, str], Claim] = {}
        self.forms: list[tuple[Value, Window]] = []  # per row

    def add(self, claims: list[Claim], offset: int) -> None:
        if not claims:
            return
        for item in claims:
            self.kinds.setdefault((item.value.unit, item.measure, item.measure_text), item)
            self.forms.extend([(item.value, item.window)] * max(1, len(item.sources)))
        chunk = to_frame(claims)
        if offset:  # spans index the whole text, not the piece
            chunk["span_start"] += offset
            chunk["span_end"] += offset
        self.chunks.append(chunk)

    def frame(self, options: Options) -> pd.DataFrame:
        if not self.chunks:
            return to_frame([])
        frame = (
            pd.concat(self.chunks, ignore_index=True) if len(self.chunks) > 1 else self.chunks[0]
        )
        self.chunks = []
        kinds = list(self.kinds.values())
        merged = merge_measures(kinds, synonyms=options.synonyms, lexicon=options.lexicon)
        moved = {
            (unit_name(old.value.unit), old.measure): new.measure
            for old, new in zip(kinds, merged, strict=True)
            if new.measure != old.measure
        }
        if moved:
            self._move(frame, moved)
        return frame.reset_index(drop=True)

    def _move(self, frame: pd.DataFrame, moved: dict[tuple[str, str], str]) -> None:
        """New measure keys, and so new claim ids, for the rows of merged keys."""
        keys, ids = frame["measure"].tolist(), frame["claim_id"].tolist()
        reporters, kinds = frame["reporter"].tolist(), frame["measure_kind"].tolist()
        methods, modalities = frame["method"].tolist(), frame["modality"].tolist()
        for row, unit in enumerate(frame["unit"].tolist()):
            target = moved.get((unit, keys[row]))
            if target is None:
                continue
            value, window = self.forms[row]
            keys[row] = target
            ids[row] = claim_identity(
                reporter="" if pd.isna(reporters[row]) else str(reporters[row]),
                measure=target,
                measure_kind=str(kinds[row]),
                window=str(window),
                value=str(value),
                method=None if pd.isna(methods[row]) else str(methods[row]),
                modality=str(modalities[row]),
            )
        frame["measure"] = pd.Series(keys, dtype="string", index=frame.index)
        frame["claim_id"] = pd.Series(ids, dtype="string", index=frame.index)
