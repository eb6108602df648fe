"""Article files as text: found, sized, decoded and streamed.

* :func:`article_paths` — the article files of paths and folders; a folder with no
  article is refused.
* :func:`open_article` — one file checked before it is read: its size against
  :data:`MAX_ARTICLE_BYTES` (:data:`MAX_HTML_BYTES` for HTML), binary data refused,
  its encoding detected with charset-normalizer (or given).
* :meth:`Article.pieces` — its text as ``(offset, text)`` pieces: a small file or an
  HTML page in one piece; a large plain-text file paragraph by paragraph, in pieces
  of about :data:`PIECE_CHARS` characters, so memory stays bounded whatever its size.
  Offsets count characters of the whole decoded text, so spans still index it.
* :class:`Progress` — a one-line progress bar on stderr, in bytes read.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

import charset_normalizer

from claimrec.errors import ClaimError, PageAsTextWarning
from claimrec.read.page import looks_like_html
from claimrec.record import Claim
from claimrec.sanitize import safe_text

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "MAX_HTML_BYTES",
    "PIECE_CHARS",
    "STREAM_BYTES",
    "Article",
    "Progress",
    "article_paths",
    "detect_encoding",
    "open_article",
    "shift_spans",
]

ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".md")
HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm")

#: The largest article file read (plain text; it is streamed, so memory stays small).
MAX_ARTICLE_BYTES = 256 * 2**20
#: The largest HTML page read: a page is parsed whole, so its limit is lower.
MAX_HTML_BYTES = 16 * 2**20
#: Plain-text files larger than this are read paragraph by paragraph.
STREAM_BYTES = 2 * 2**20
#: About how many characters of whole paragraphs one streamed piece holds.
PIECE_CHARS = 64 * 1024
#: A paragraph longer than this is cut at its last sentence end (or space) before it.
MAX_PARAGRAPH_CHARS = 16 * 1024

_SAMPLE_BYTES = 256 * 1024
_BLOCK_BYTES = 1024 * 1024
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PARAGRAPH_END = re.compile(r"\n[ \t\r\f\v]*\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")


def _sized(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as error:
        raise ClaimError(
            f"cannot read the file ({error.strerror})", field="path", text=str(path)
        ) from None


def article_paths(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> list[Path]:
    """The article files (``ARTICLE_SUFFIXES``) of files and folders, folders searched
    recursively in name order, each file once. A folder's own notes ("README.md",
    "INDEX.md": the lexicon's ``folder_notes``) are not articles of the folder; named on
    their own they are read. A missing path, or a folder holding no article, is refused
    (:class:`~claimrec.ClaimError` on ``paths``)."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    from claimrec.lexicon import default_lexicon

    notes = default_lexicon().words("folder_notes")
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in ARTICLE_SUFFIXES
                and p.stem.lower() not in notes
            )
            if not found:
                raise ClaimError(
                    f"no article in this folder (looked for {', '.join(ARTICLE_SUFFIXES)})",
                    field="paths",
                    text=str(path),
                )
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            raise ClaimError("no such file or folder", field="paths", text=str(path))
    if not out:
        raise ClaimError("no article to read", field="paths", text="")
    return list(dict.fromkeys(out))


def detect_encoding(sample: bytes) -> str | None:
    """The text encoding of a file's first bytes, or None when they are not text.

    A byte-order mark decides; then UTF-8 (checked exactly); then charset-normalizer,
    which also tells binary data (no encoding fits without noise) from text.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if not sample:
        return "utf-8"
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A character cut by the end of the sample is not a fault of the file.
        if error.start < len(sample) - 3 or error.reason != "unexpected end of data":
            best = charset_normalizer.from_bytes(sample).best()
            return None if best is None else best.encoding
    if b"\x00" in sample:  # NUL bytes are no UTF-8 text; maybe UTF-16 without a mark
        best = charset_normalizer.from_bytes(sample).best()
        return None if best is None or best.encoding.startswith("utf_8") else best.encoding
    return "utf-8"


def _canonical(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ClaimError(
            "not a text encoding Python knows", field="encoding", text=encoding
        ) from None


@dataclass(frozen=True, slots=True)
class Article:
    """One article file, checked: its path, size in bytes, encoding, and whether it is
    an HTML page. Its text comes from :meth:`pieces`."""

    path: Path
    size: int
    encoding: str
    html: bool | None

    @property
    def document(self) -> str:
        """The claims' ``document``: the file name, followed by the encoding it was
        read in when that is not UTF-8 (``"rapport.txt [cp1252]"``)."""
        if self.encoding in ("utf-8", "utf-8-sig", "ascii"):
            return self.path.name
        return f"{self.path.name} [{self.encoding}]"

    @property
    def streamed(self) -> bool:
        """Whether the text is read paragraph by paragraph (a large plain-text file)."""
        return self.size > STREAM_BYTES and self.html is not True

    def pieces(self) -> Iterator[tuple[int, str]]:
        """``(offset, text)`` pieces of the decoded text, in order; offsets count
        characters from the start of the whole text. Unencodable code points are
        replaced and undecodable bytes become U+FFFD (each counted in a warning)."""
        if not self.streamed:
            yield 0, self._decode(self.path.read_bytes(), final=True)
            return
        offset = 0
        for piece in _paragraph_pieces(self._blocks()):
            yield offset, piece
            offset += len(piece)

    def _decode(self, data: bytes, *, final: bool) -> str:
        text = data.decode(self.encoding, errors="replace")
        return safe_text(text, where=str(self.path))

    def _blocks(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="replace")
        with self.path.open("rb") as handle:
            while block := handle.read(_BLOCK_BYTES):
                yield safe_text(decoder.decode(block), where=str(self.path))
        yield decoder.decode(b"", final=True)


def shift_spans(claims: list[Claim], offset: int) -> list[Claim]:
    """Claims read from a piece starting at ``offset``, their spans made to index
    the whole text."""
    if not offset:
        return claims
    return [
        item.with_sources(
            replace(s, span=None if s.span is None else (s.span[0] + offset, s.span[1] + offset))
            for s in item.sources
        )
        for item in claims
    ]


def _cut(text: str, limit: int) -> int:
    """Where to cut a paragraph too long to keep whole: after the last sentence end
    before ``limit``, else after the last space, else at ``limit``."""
    window = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(window, limit // 2)]
    if ends:
        return ends[-1]
    space = window.rfind(" ", limit // 2)
    return space + 1 if space > 0 else limit


def _paragraph_pieces(blocks: Iterable[str]) -> Iterator[str]:
    """Pieces of whole paragraphs (about ``PIECE_CHARS`` each) from decoded blocks;
    joined, they are exactly the text. A paragraph longer than
    ``MAX_PARAGRAPH_CHARS`` is cut between sentences."""
    pending = ""
    for block in blocks:
        pending += block
        while len(pending) > PIECE_CHARS:
            end = _PARAGRAPH_END.search(pending, PIECE_CHARS // 2)
            if end is not None and end.end() <= PIECE_CHARS + MAX_PARAGRAPH_CHARS:
                cut = end.end()
            else:
                cut = _cut(pending, PIECE_CHARS // 2 + MAX_PARAGRAPH_CHARS)
            yield pending[:cut]
            pending = pending[cut:]
    if pending:
        yield pending


def open_article(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    html: bool | None = None,
    max_bytes: int | None = None,
) -> Article:
    """Check an article file before reading it.

    Refused (:class:`~claimrec.ClaimError` on ``path``, naming the file and the
    reason): a file larger than ``max_bytes`` (default :data:`MAX_ARTICLE_BYTES`,
    :data:`MAX_HTML_BYTES` for HTML), and binary data (a file no text encoding fits).
    ``encoding`` overrides detection. ``html`` is True for ``.html``/``.htm`` files,
    else as given; when it is None, a file too large to read whole
    (over :data:`STREAM_BYTES`) whose first bytes look like a page is read as one, as
    a smaller file with the same tags is — up to :data:`MAX_HTML_BYTES`; past that it
    is read as plain text with a :class:`~claimrec.PageAsTextWarning`.
    """
    file = Path(path)
    is_html = True if file.suffix.lower() in HTML_SUFFIXES else html
    limit = (
        max_bytes if max_bytes is not None else (MAX_HTML_BYTES if is_html else MAX_ARTICLE_BYTES)
    )
    size = _sized(file)
    if size > limit:
        raise ClaimError(
            f"the file is {size / 2**20:.1f} MiB; an article may be at most "
            f"{limit / 2**20:.0f} MiB (split it, or raise max_bytes)",
            field="path",
            text=str(file),
        )
    try:
        with file.open("rb") as handle:
            sample = handle.read(_SAMPLE_BYTES)
    except OSError as error:
        raise ClaimError(
            f"cannot read the file ({error.strerror})", field="path", text=str(file)
        ) from None
    if encoding is not None:
        name = _canonical(encoding)
    else:
        detected = detect_encoding(sample)
        if detected is None:
            raise ClaimError(
                "binary data, not text: no text encoding fits (give --encoding if it is text)",
                field="path",
                text=str(file),
            )
        name = _canonical(detected)
    if is_html is None and size > STREAM_BYTES:
        is_html = _large_page(file, size, sample.decode(name, errors="replace"))
    return Article(path=file, size=size, encoding=name, html=is_html)


def _large_page(file: Path, size: int, sample: str) -> bool | None:
    """A file too large to read whole unless it is a page: read as HTML, as a smaller
    file with the same tags is, when its first bytes look like a page and it fits the
    page limit; past that limit, read as plain text with a warning. None: plain text."""
    if not looks_like_html(sample):
        return None
    if size <= MAX_HTML_BYTES:
        return True
    warnings.warn(
        f"{file}: looks like an HTML page but is {size / 2**20:.1f} MiB, more than a page "
        f"may be ({MAX_HTML_BYTES / 2**20:.0f} MiB); read as plain text",
        PageAsTextWarning,
        stacklevel=3,
    )
    return None


class Progress:
    """A one-line progress bar on stderr, in bytes read of all the files."""

    def __init__(self, total_bytes: int, files: int, *, stream: TextIO, enabled: bool) -> None:
        self.total, self.files, self.stream, self.enabled = total_bytes, files, stream, enabled
        self.started = time.monotonic()
        self.shown = 0.0
        self.done_files = 0

    def update(self, done_bytes: int, name: str, *, file_done: bool = False) -> None:
        if file_done:
            self.done_files += 1
        if not self.enabled:
            return
        now = time.monotonic()
        finished = self.done_files >= self.files
        if not finished and now - self.shown < 0.2:
            return
        self.shown = now
        width = 24
        filled = min(width, width * done_bytes // max(1, self.total))
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"\rextracting [{bar}] {done_bytes / 2**20:7.1f}/{self.total / 2**20:.1f} MiB "
            f"{self.done_files}/{self.files} files {now - self.started:6.1f}s {name[:30]:<30}"
        )
        if finished:
            self.stream.write("\n")
        self.stream.flush()

    @staticmethod
    def wanted(progress: bool | None, *, files: int, total_bytes: int) -> bool:
        """Shown when asked for, or by default on a terminal for a long read."""
        if progress is not None:
            return progress
        long_read = files > 20 or total_bytes > STREAM_BYTES
        return long_read and bool(getattr(sys.stderr, "isatty", lambda: False)())
