"""Claims from files and folders of articles, with publication facts from a sidecar.

:func:`extract_files` reads ``.txt``, ``.html``, ``.htm`` and ``.md`` files
(folders recursively); publication facts (outlet, url, published) come from a
table given by the caller or from a ``publications.csv`` next to the files. A
one-line progress indicator is written to stderr for long batches.
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TextIO

import pandas as pd

from claimrec.calendar import EventCalendar
from claimrec.errors import ClaimError
from claimrec.frame import to_frame
from claimrec.lexicon import Lexicon
from claimrec.measure import MeasureSynonyms
from claimrec.policy import Policy
from claimrec.read.claims import Options, read_claims
from claimrec.read.measures import merge_measures
from claimrec.record import Claim
from claimrec.reporter import ReporterTable

__all__ = ["ARTICLE_SUFFIXES", "PublicationsLike", "extract_files"]

#: File name endings :func:`extract_files` reads from folders.
ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".md")

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


def _article_paths(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> list[Path]:
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                )
            )
        elif path.is_file():
            out.append(path)
        else:
            raise ClaimError("no such file or folder", field="paths", text=str(path))
    return list(dict.fromkeys(out))


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


def _lookup(facts: Mapping[str, dict[str, str]], path: Path) -> dict[str, str]:
    for key in (path.name, str(path), path.stem):
        if key in facts:
            return facts[key]
    return {}


class _Progress:
    """A one-line progress indicator on stderr (no dependency)."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.started = time.monotonic()
        self.shown = 0.0

    def update(self, done: int, name: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < self.total and now - self.shown < 0.1:
            return
        self.shown = now
        width = 24
        filled = width * done // max(1, self.total)
        bar = "#" * filled + "-" * (width - filled)
        elapsed = now - self.started
        self.stream.write(
            f"\rextracting [{bar}] {done}/{self.total} files {elapsed:5.1f}s {name[:30]:<30}"
        )
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def _show_progress(progress: bool | None, total: int, stream: TextIO) -> bool:
    if progress is not None:
        return progress
    return total > 20 and bool(getattr(stream, "isatty", lambda: False)())


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
    files (columns ``file,outlet,url,published``, like ``seeds/publications.csv``).
    ``document`` is the file name. Other keyword options go to :func:`extract`.
    Measure keys are then merged across the whole batch (:func:`merge_measures`).
    A progress line is written to stderr when ``progress`` is True, or when it is
    None, stderr is a terminal and there are more than 20 files.
    """
    files = _article_paths(paths)
    given = _publications(publications)
    sidecars: dict[Path, dict[str, dict[str, str]]] = {}
    stream = sys.stderr
    bar = _Progress(len(files), stream, _show_progress(progress, len(files), stream))
    html_option = options.pop("html", None)
    read_with = _options(options)
    if html_option is not None and not isinstance(html_option, bool):
        raise ClaimError("must be True, False or None", field="html", text=repr(html_option))
    claims: list[Claim] = []
    for done, path in enumerate(files, start=1):
        folder = path.parent
        if folder not in sidecars:
            sidecar = folder / "publications.csv"
            sidecars[folder] = _publications(sidecar) if sidecar.is_file() else {}
        facts = _lookup(given, path) or _lookup(sidecars[folder], path)
        text = path.read_text(encoding="utf-8", errors="replace")
        is_html = True if path.suffix.lower() in (".html", ".htm") else html_option
        claims.extend(
            read_claims(
                text,
                published=facts.get("published") or None,
                outlet=facts.get("outlet") or None,
                url=facts.get("url") or None,
                document=path.name,
                options=read_with,
                html=is_html,
            )
        )
        bar.update(done, path.name)
    claims = merge_measures(claims, synonyms=read_with.synonyms, lexicon=read_with.lexicon)
    frame = to_frame(claims)
    return frame.reset_index(drop=True)
