"""Claims from files and folders of articles, with publication facts from a sidecar.

:func:`extract_files` reads ``.txt``, ``.html``, ``.htm`` and ``.md`` files
(folders recursively); publication facts (outlet, url, published) come from a
table given by the caller, from a ``publications.csv`` next to the files, or from
header lines the file starts with ("URL: …", "PUBLISHED: …", then a blank line; the
names are the lexicon's ``header_fields``). A one-line progress indicator is written
to stderr for long batches.

The pieces (articles, and the paragraph pieces of a large file) are independent: with
``jobs`` > 1 they are read by spawned worker processes (:func:`in_order`), handed out
in order and at most ``jobs + 1`` at a time; the merge of measure keys across the batch
stays in the calling process.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
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

__all__ = [
    "ARTICLE_SUFFIXES",
    "PARALLEL_BYTES",
    "PublicationsLike",
    "extract_files",
    "read_header",
    "usable_cores",
]

#: Files holding more bytes than this are read by worker processes by default.
PARALLEL_BYTES = 2 * 2**20


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


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says)."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return max(1, counted() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _jobs(jobs: object, total_bytes: int) -> int:
    if jobs is None:
        return usable_cores() if total_bytes > PARALLEL_BYTES else 1
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ClaimError("must be a whole number of processes, 1 or more", field="jobs",
                         text=repr(jobs))  # fmt: skip
    return jobs


def extract_files(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    publications: PublicationsLike | None = None,
    progress: bool | None = None,
    jobs: int | None = None,
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

    ``jobs`` worker processes read the pieces (articles, and the paragraph pieces of
    a large file) side by side; default: :func:`usable_cores` when the files hold
    more than :data:`PARALLEL_BYTES` bytes, else 1 (no worker). The frame is the
    same, row for row, whatever ``jobs`` is. Workers are started with ``spawn``: a
    script that calls this with ``jobs`` > 1 must do so under
    ``if __name__ == "__main__":``.
    """
    files = article_paths(paths)
    given = _publications(publications)
    encoding = options.pop("encoding", None)
    if encoding is not None and not isinstance(encoding, str):
        raise ClaimError("must be an encoding name", field="encoding", text=repr(encoding))
    articles = [open_article(p, encoding=encoding) for p in files]  # all checked first
    total = sum(article.size for article in articles)
    workers = _jobs(jobs, total)
    shown = Progress.wanted(progress, files=len(files), total_bytes=total)
    bar = Progress(total, len(files), stream=sys.stderr, enabled=shown)
    html_option = options.pop("html", None)
    read_with = _options(options)
    if html_option is not None and not isinstance(html_option, bool):
        raise ClaimError("must be True, False or None", field="html", text=repr(html_option))
    if len(articles) == 1 and not articles[0].streamed:
        workers = 1  # one piece: a worker would only add its start-up
    steps = _steps(files, articles, given, html_option, read_with.lexicon)
    batch = _Batch()
    for step, found in in_order(steps, read_with, workers):
        if found is not None:
            batch.add(found)
        bar.update(step.done_bytes, step.name, file_done=step.task is None)
    return batch.frame(read_with)


@dataclass(frozen=True, slots=True)
class _Task:
    """One piece of an article to read, with the article's facts: all a worker needs."""

    offset: int
    text: str
    facts: tuple[tuple[str, str], ...]
    document: str
    html: bool | None


@dataclass(frozen=True, slots=True)
class _Step:
    """A piece to read (``task``), or the end of a file (``task`` None), with the
    progress bar's bytes once it is read."""

    task: _Task | None
    done_bytes: int
    name: str


def _steps(
    files: list[Path],
    articles: list[Article],
    given: Mapping[str, dict[str, str]],
    html_option: bool | None,
    lexicon: Lexicon | None,
) -> Iterator[_Step]:
    """The pieces of the files in order, each file followed by its end. A file's
    header is read here, from its first piece: the facts of all its pieces."""
    sidecars: dict[Path, dict[str, dict[str, str]]] = {}
    read_bytes = 0
    for path, article in zip(files, articles, strict=True):
        folder = path.parent
        if folder not in sidecars:
            sidecar = folder / "publications.csv"
            sidecars[folder] = _publications(sidecar) if sidecar.is_file() else {}
        facts = _lookup(given, path) or _lookup(sidecars[folder], path)
        is_html = article.html if article.html is not None else html_option
        html = is_html if not article.streamed else False
        for offset, piece in article.pieces():
            if offset == 0:
                header, length = read_header(piece, lexicon=lexicon)
                if length:  # the caller's table and the sidecar say first
                    facts = {**header, **{k: v for k, v in facts.items() if v}}
                    piece = _blank(piece, length)
            task = _Task(offset, piece, tuple(facts.items()), article.document, html)
            done = read_bytes + min(article.size, offset + len(piece))
            yield _Step(task, done, path.name)
        read_bytes += article.size
        yield _Step(None, read_bytes, path.name)


@dataclass(frozen=True, slots=True)
class _PieceClaims:
    """What one piece adds to the batch: its claims as a frame (spans indexing the
    whole text), the first claim of each (unit, measure key, measure text), and each
    row's value and window as text (what a merged key's new claim id is made of)."""

    chunk: pd.DataFrame | None
    kinds: dict[tuple[str, str, str], Claim]
    forms: list[tuple[str, str]]


def _read_task(task: _Task, options: Options) -> _PieceClaims:
    facts = dict(task.facts)
    claims = read_claims(
        task.text,
        published=facts.get("published") or None,
        outlet=facts.get("outlet") or None,
        url=facts.get("url") or None,
        document=task.document,
        options=options,
        html=task.html,
    )
    if not claims:
        return _PieceClaims(None, {}, [])
    kinds: dict[tuple[str, str, str], Claim] = {}
    forms: list[tuple[str, str]] = []
    for item in claims:
        # keyed by the unit's name: a pint unit pickles by a registry not claimrec's
        kinds.setdefault((unit_name(item.value.unit), item.measure, item.measure_text), item)
        forms.extend([(str(item.value), str(item.window))] * max(1, len(item.sources)))
    chunk = to_frame(claims)
    if task.offset:  # spans index the whole text, not the piece
        chunk["span_start"] += task.offset
        chunk["span_end"] += task.offset
    return _PieceClaims(chunk, kinds, forms)


_WORKER_OPTIONS: list[Options] = []  # a worker process's options, set once at its start


def _start_worker(options: Options) -> None:
    _WORKER_OPTIONS[:] = [options]


def _work(task: _Task) -> _PieceClaims:
    return _read_task(task, _WORKER_OPTIONS[0])


def in_order(
    steps: Iterable[_Step], options: Options, jobs: int
) -> Iterator[tuple[_Step, _PieceClaims | None]]:
    """Each step with its piece's claims, in the order of ``steps``: read here when
    ``jobs`` is 1, else by ``jobs`` worker processes, with at most ``jobs + 1``
    pieces handed out at a time (so memory does not grow with the file)."""
    if jobs <= 1:
        for step in steps:
            yield step, None if step.task is None else _read_task(step.task, options)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(options,)
    ) as pool:
        pending: deque[tuple[_Step, Future[_PieceClaims] | None]] = deque()
        handed_out = 0
        try:
            for step in steps:
                future = None if step.task is None else pool.submit(_work, step.task)
                pending.append((step, future))
                handed_out += future is not None
                while handed_out > jobs:
                    done, future = pending.popleft()
                    handed_out -= future is not None
                    yield done, None if future is None else future.result()
            for done, future in pending:
                yield done, None if future is None else future.result()
        except BrokenProcessPool:
            pool.shutdown(wait=True, cancel_futures=True)
            raise ClaimError(
                "a worker process ended before its piece was read: a script that reads "
                'with jobs > 1 must do so under `if __name__ == "__main__":` (workers are '
                "spawned and import the script), and each worker needs memory of its own; "
                "jobs=1 reads in this process",
                field="jobs",
                text=str(jobs),
            ) from None
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


class _Batch:
    """The claims of a batch of files, kept as frames piece by piece (a large file's
    claims as records would take several times the memory), with what the merge of
    measure keys across the batch needs: one claim per distinct (unit, measure key,
    measure text) — all the merge looks at — and each row's value and window, from
    which a row whose key the merge changes gets its new claim id."""

    def __init__(self) -> None:
        self.chunks: list[pd.DataFrame] = []
        self.kinds: dict[tuple[str, str, str], Claim] = {}
        self.forms: list[tuple[str, str]] = []  # per row: value and window as text

    def add(self, found: _PieceClaims) -> None:
        if found.chunk is None:
            return
        for key, item in found.kinds.items():
            self.kinds.setdefault(key, item)
        self.forms.extend(found.forms)
        self.chunks.append(found.chunk)

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
                window=window,
                value=value,
                method=None if pd.isna(methods[row]) else str(methods[row]),
                modality=str(modalities[row]),
            )
        frame["measure"] = pd.Series(keys, dtype="string", index=frame.index)
        frame["claim_id"] = pd.Series(ids, dtype="string", index=frame.index)
