"""Reporters: who originally gave a figure, under one canonical name.

The same source appears under many names ("HUR", "Ukraine's military
intelligence agency", "Defence Intelligence of Ukraine"). A
:class:`ReporterTable` maps every alias to one canonical name; the default
table ships as ``claimrec/data/en/reporters.csv`` (one row per reporter:
``canonical,kind,aliases`` with ``|`` between aliases).

Names are compared by a *key* that ignores case, accents, punctuation,
possessives ("'s", "’s"), the articles "the", "a" and "an", and extra
whitespace: "the Office of the Prosecutor General" and "office of prosecutor
general" are the same key. Names the table does not know pass through as
written, marked ``resolved=False``.

:func:`find_reporters` spots known names in running text (for attribution by
the extraction step) and returns character spans into the original text.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import compress
from typing import TYPE_CHECKING, NamedTuple

from claimrec._text import APOSTROPHES, fold_word, is_missing
from claimrec.errors import ClaimError
from claimrec.lexicon import default_lexicon

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Reporter",
    "ReporterEntry",
    "ReporterMatch",
    "ReporterTable",
    "default_reporters",
    "find_reporters",
    "reporter_key",
    "resolve_reporter",
]

# A word: letters/digits, with inner dots or apostrophes kept ("U.N.", "Ukraine's",
# "B'Tselem"). A final dot is kept only for dotted acronyms ("U.N."), otherwise it
# ends a sentence. No nested quantifiers can overlap, so matching stays linear.
_WORD = re.compile(r"[^\W_]+(?:[.'’‘][^\W_]+)*\.?")
# Punctuation between words that ends a clause: an alias never spans it in running text.
_BARRIER = re.compile(r"[.!?;:,()\[\]{}\"“”«»„—–\n]")
_BARRIER_KEY = "|"  # never produced by fold_word, so no alias can match across it
_SPACE = re.compile(r"\s+")
_POSSESSIVE_END = re.compile(r"['’‘ʼ]s\s*$")
_APOSTROPHE_MARKS = ("'", "’", "‘", "ʼ")
_STRIP = " \t\r\n\"'“”‘’«»,;:"


@cache
def _articles() -> frozenset[str]:
    # Dropped from keys: the default lexicon's articles (words.txt), read on first use.
    return default_lexicon().words("articles")


class _Word(NamedTuple):
    key: str  # folded form, or _BARRIER_KEY
    start: int
    end: int  # end of the name part: a possessive "'s" is left out
    upper: bool  # no lowercase letters as written ("HUR", "U.N.")
    capital: bool  # starts with an uppercase letter ("Amnesty", not "amnesty")


def _words(
    text: str, position: int = 0, matches: Iterable[re.Match[str]] | None = None
) -> Iterator[_Word]:
    """The words of ``text`` from ``position`` (a word's start) with their spans;
    articles dropped, clause breaks marked. ``matches`` are the matches of ``_WORD``
    from ``position`` on when the caller has them already."""
    previous_end = position
    articles = _articles()
    make = tuple.__new__  # skips NamedTuple's Python-level __new__ (a hot loop)
    for match in _WORD.finditer(text, position) if matches is None else matches:
        start, end = match.span()
        word = match.group()
        if word.endswith(".") and "." not in word[:-1]:
            end -= 1  # "Ukraine." — the dot ends the sentence
            word = word[:-1]
        gap = text[previous_end:start]
        previous_end = end
        if gap != " " and _BARRIER.search(gap):  # one space, the common gap, is no break
            yield make(_Word, (_BARRIER_KEY, start, start, False, False))
        key = fold_word(word)
        if key == "s" and gap.endswith(_APOSTROPHE_MARKS):
            continue  # a possessive after a dot or bracket: "U.N.'s", "(HUR)'s"
        if not key or key in articles:
            continue
        if word[-2:].translate(APOSTROPHES).casefold() == "'s":
            end -= 2
        yield make(_Word, (key, start, end, word == word.upper(), word[0].isupper()))


@lru_cache(maxsize=1 << 16)
def reporter_key(name: str) -> str:
    """The comparison key of a name: folded words joined by single spaces.

    >>> reporter_key("Ukraine’s Prosecutor General's Office")
    'ukraine prosecutor general office'
    """
    return " ".join(word.key for word in _words(name) if word.key != _BARRIER_KEY)


def _clean(name: str) -> str:
    # What an unresolved reporter is called: the text as written, tidied.
    return _SPACE.sub(" ", name).strip(_STRIP)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reporter:
    """The original source of a figure.

    ``name`` is the canonical name when ``resolved``, else the text as written
    (whitespace tidied). ``as_written`` keeps the input and takes no part in
    equality, so "HUR" and "GUR" give equal reporters.
    """

    name: str
    resolved: bool
    as_written: str = field(default="", compare=False)
    kind: str | None = None

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class ReporterEntry:
    """One row of the table: a canonical name, its aliases and its kind."""

    canonical: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReporterMatch:
    """A reporter name found in running text; ``text == document[start:end]``."""

    start: int
    end: int
    text: str
    reporter: Reporter


@dataclass(frozen=True, slots=True, kw_only=True)
class ReporterTable:
    """An immutable alias table. Extend it with :meth:`with_aliases` / :meth:`with_table`.

    Every key (canonical names included) belongs to exactly one entry; a
    table that would map one alias to two reporters is refused with a
    :class:`~claimrec.errors.ClaimError`.
    """

    entries: tuple[ReporterEntry, ...] = ()
    _index: dict[str, ReporterEntry] = field(init=False, repr=False, compare=False)
    # Keys written only in capitals ("WHO", "UN") match only capitals in running text.
    _upper_keys: frozenset[str] = field(init=False, repr=False, compare=False)
    _first_words: frozenset[str] = field(init=False, repr=False, compare=False)
    # The first words of every key ("un", "un human", "un human rights"): a name is read
    # word by word only while what it has read can still become a key.
    _prefixes: frozenset[str] = field(init=False, repr=False, compare=False)
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, ReporterEntry] = {}
        spellings: dict[str, list[str]] = {}
        canonicals: set[str] = set()
        for entry in self.entries:
            if entry.canonical in canonicals:
                raise ClaimError(
                    "the table lists this reporter twice", field="reporter", text=entry.canonical
                )
            canonicals.add(entry.canonical)
            for alias in (entry.canonical, *entry.aliases):
                key = reporter_key(alias)
                if not key:
                    raise ClaimError("an alias needs a word", field="reporter", text=alias)
                other = index.get(key)
                if other is not None and other.canonical != entry.canonical:
                    raise ClaimError(
                        f"alias of both {other.canonical!r} and {entry.canonical!r}",
                        field="reporter",
                        text=alias,
                    )
                index[key] = entry
                spellings.setdefault(key, []).append(alias)
        upper = {
            key
            for key, names in spellings.items()
            if not any(ch.islower() for name in names for ch in name)
        }
        keys = sorted(index)
        pattern = re.compile(_alternation(_word_trie(keys)) + "(?= |$)" if keys else "(?!)")
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_upper_keys", frozenset(upper))
        object.__setattr__(self, "_first_words", frozenset(key.split(" ")[0] for key in keys))
        prefixes: set[str] = set()
        for key in keys:
            parts = key.split(" ")
            prefixes.update(" ".join(parts[:n]) for n in range(1, len(parts) + 1))
        object.__setattr__(self, "_prefixes", frozenset(prefixes))
        object.__setattr__(self, "_pattern", pattern)
        object.__setattr__(self, "_hash", hash(self.entries))

    def __hash__(self) -> int:
        return self._hash

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._lookup(name) is not None

    # --- lookup ---------------------------------------------------------------

    def _lookup(self, name: str) -> ReporterEntry | None:
        entry = self._index.get(reporter_key(name))
        if entry is not None:
            return entry
        # "Amnesty International (AI)", "Ukraine's military intelligence agency (HUR)":
        # the name outside the parentheses, else the one inside.
        # (rpartition rather than a regex: linear on any input.)
        bare = _POSSESSIVE_END.sub("", name).rstrip()
        if not bare.endswith(")"):
            return None
        outer, bracket, inner = bare[:-1].rpartition("(")
        if not bracket:
            return None
        for part in (outer, inner):
            entry = self._index.get(reporter_key(part)) if part.strip() else None
            if entry is not None:
                return entry
        return None

    def resolve(self, name: str) -> Reporter:
        """The reporter called ``name``: canonical when known, else as written (unresolved)."""
        if not isinstance(name, str):
            raise ClaimError("a reporter name must be text", field="reporter", text=name)
        entry = self._lookup(name)
        if entry is None:
            return Reporter(name=_clean(name), resolved=False, as_written=name)
        return Reporter(name=entry.canonical, resolved=True, as_written=name, kind=entry.kind)

    # --- extension ------------------------------------------------------------

    def with_aliases(
        self, canonical: str, aliases: str | Iterable[str] = (), *, kind: str | None = None
    ) -> ReporterTable:
        """A copy where ``aliases`` (one string, or several) name ``canonical``.

        A new canonical name adds an entry; a known one gains aliases (and
        ``kind`` when given). Aliases already used by another reporter move to
        this one: the caller's table wins over the defaults. An alias that is
        another reporter's canonical name is refused.
        """
        canonical = _clean(canonical)
        new_aliases = (aliases,) if isinstance(aliases, str) else tuple(aliases)
        if not all(reporter_key(alias) for alias in (canonical, *new_aliases)):
            raise ClaimError("an alias needs a word", field="reporter", text=repr(new_aliases))
        addition = ReporterEntry(
            canonical=canonical,
            aliases=_unique(new_aliases, skip=reporter_key(canonical)),
            kind=kind,
        )
        return self._extend((addition,))

    def _extend(self, additions: tuple[ReporterEntry, ...]) -> ReporterTable:
        # Merge a consistent set of entries in one pass; their keys win.
        pending = {addition.canonical: addition for addition in additions}
        owners = {
            reporter_key(alias): addition.canonical
            for addition in additions
            for alias in (addition.canonical, *addition.aliases)
        }
        entries: list[ReporterEntry] = []
        for entry in self.entries:
            owner = owners.get(reporter_key(entry.canonical), entry.canonical)
            if owner != entry.canonical:
                raise ClaimError(
                    f"is the canonical name of another reporter, not an alias of {owner!r}",
                    field="reporter",
                    text=entry.canonical,
                )
            kept = tuple(
                alias
                for alias in entry.aliases
                if owners.get(reporter_key(alias), entry.canonical) == entry.canonical
            )
            addition = pending.pop(entry.canonical, None)
            if addition is None:
                entries.append(entry if kept == entry.aliases else _replace_aliases(entry, kept))
            else:
                entries.append(
                    ReporterEntry(
                        canonical=entry.canonical,
                        aliases=_unique(
                            (*kept, *addition.aliases), skip=reporter_key(entry.canonical)
                        ),
                        kind=addition.kind if addition.kind is not None else entry.kind,
                    )
                )
        entries.extend(pending.values())
        return ReporterTable(entries=tuple(entries))

    def with_table(self, table: pd.DataFrame | Mapping[str, str | Iterable[str]]) -> ReporterTable:
        """A copy extended by a user table.

        ``table`` is a mapping ``{canonical: aliases}`` (a string value may hold
        several aliases separated by ``|``) or a DataFrame with a ``canonical``
        column, an ``alias`` column (one per row) or ``aliases`` column
        (``|``-separated or lists), and optionally ``kind``. The user table must
        be consistent in itself; against this table, its aliases win.
        """
        if isinstance(table, Mapping):
            records: Iterable[Mapping[str, object]] = (
                {"canonical": canonical, "aliases": aliases} for canonical, aliases in table.items()
            )
        else:
            records = (
                {str(column): cell for column, cell in row.items()}
                for row in table.to_dict("records")
            )
        # Building the extension alone checks that the user table is consistent.
        extension = ReporterTable(entries=_entries_from_records(records, source="table"))
        return self._extend(extension.entries)

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> ReporterTable:
        """Read a table in the format of ``claimrec/data/en/reporters.csv``.

        Columns ``canonical`` and ``aliases`` (``|``-separated) or ``alias``
        (one per row, canonical repeated), optional ``kind``; lines starting
        with ``#`` are comments.
        """
        with open(path, encoding="utf-8", newline="") as handle:
            return cls(entries=_parse_csv(handle.read(), source=os.fspath(path)))

    def to_frame(self) -> pd.DataFrame:
        """One row per alias (the canonical name first): ``canonical``, ``alias``, ``kind``."""
        import pandas as pd

        rows = [
            (entry.canonical, alias, entry.kind)
            for entry in self.entries
            for alias in (entry.canonical, *entry.aliases)
        ]
        return pd.DataFrame(rows, columns=["canonical", "alias", "kind"]).astype(
            {"canonical": "string", "alias": "string", "kind": "string"}
        )


_Trie = dict[str, "_Trie"]
_END = ""  # marks a node where a key ends


def _word_trie(keys: Iterable[str]) -> _Trie:
    root: _Trie = {}
    for key in keys:
        node = root
        for word in key.split(" "):
            node = node.setdefault(word, {})
        node[_END] = {}
    return root


def _alternation(node: _Trie) -> str:
    """One regex alternation over the keys of a word trie, longest match first.

    Shared prefixes are written once ("un(?: human rights office| refugee
    agency)?"), so matching at a word costs at most the length of the longest
    key, whatever the size of the table; the optional tails are greedy, so the
    longest key that fits wins.
    """
    branches = []
    for word, child in sorted(node.items()):
        if word == _END:
            continue
        branch = re.escape(word)
        if any(next_word != _END for next_word in child):
            tail = f"(?: {_alternation(child)})"
            branch += tail + "?" if _END in child else tail
        branches.append(branch)
    return "(?:" + "|".join(branches) + ")"


def _replace_aliases(entry: ReporterEntry, aliases: tuple[str, ...]) -> ReporterEntry:
    return ReporterEntry(canonical=entry.canonical, aliases=aliases, kind=entry.kind)


def _unique(aliases: Iterable[str], *, skip: str) -> tuple[str, ...]:
    # One spelling per key, in order; the canonical name is never its own alias.
    seen = {skip}
    kept: list[str] = []
    for alias in aliases:
        alias = _clean(alias)
        key = reporter_key(alias)
        if key not in seen:
            seen.add(key)
            kept.append(alias)
    return tuple(kept)


def _entries_from_records(
    records: Iterable[Mapping[str, object]], *, source: str
) -> tuple[ReporterEntry, ...]:
    """Group rows by canonical name; accepts ``alias`` or ``aliases`` columns."""
    aliases: dict[str, list[str]] = {}
    kinds: dict[str, str | None] = {}
    for number, record in enumerate(records, start=1):
        canonical = record.get("canonical")
        if not isinstance(canonical, str) or not _clean(canonical):
            raise ClaimError(
                f"{source}, row {number}: a canonical name is required",
                field="reporter",
                text=repr(canonical),
            )
        canonical = _clean(canonical)
        cell = record.get("aliases", record.get("alias"))
        if is_missing(cell):
            names: list[str] = []
        elif isinstance(cell, str):
            names = [part for part in cell.split("|") if part.strip()]
        elif isinstance(cell, Iterable):
            names = [str(part) for part in cell if not is_missing(part)]
        else:
            raise ClaimError(
                f"{source}, row {number}: aliases are text", field="reporter", text=repr(cell)
            )
        kind = record.get("kind")
        kind_text = None if is_missing(kind) else str(kind).strip()
        if (
            canonical in kinds
            and kind_text is not None
            and kinds[canonical] not in (None, kind_text)
        ):
            raise ClaimError(
                f"{source}, row {number}: two kinds for one reporter",
                field="reporter",
                text=canonical,
            )
        if kinds.get(canonical) is None:
            kinds[canonical] = kind_text
        aliases.setdefault(canonical, []).extend(names)
    return tuple(
        ReporterEntry(
            canonical=canonical,
            aliases=_unique(names, skip=reporter_key(canonical)),
            kind=kinds[canonical],
        )
        for canonical, names in aliases.items()
    )


def _parse_csv(text: str, *, source: str) -> tuple[ReporterEntry, ...]:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if reader.fieldnames is None or "canonical" not in reader.fieldnames:
        raise ClaimError(f"{source}: no 'canonical' column", field="reporter", text=source)
    return _entries_from_records(reader, source=source)


@cache
def default_reporters() -> ReporterTable:
    """The bundled table (``claimrec/data/en/reporters.csv``), read once."""
    data = resources.files("claimrec").joinpath("data", "en", "reporters.csv")
    return ReporterTable(entries=_parse_csv(data.read_text(encoding="utf-8"), source=data.name))


def resolve_reporter(name: str, *, table: ReporterTable | None = None) -> Reporter:
    """The canonical reporter for ``name``; unknown names come back ``resolved=False``.

    >>> resolve_reporter("Ukraine's military intelligence agency").name
    'Defence Intelligence of Ukraine (HUR)'
    >>> resolve_reporter("a released Russian serviceman").resolved
    False
    """
    return (table if table is not None else default_reporters()).resolve(name)


def find_reporters(text: str, *, table: ReporterTable | None = None) -> list[ReporterMatch]:
    """Known reporter names in running text, left to right, longest match first.

    Linear in the length of the text: each word is tried once against one
    compiled alternation of the table's keys. Aliases never span clause
    punctuation; a one-word alias must be capitalised ("Amnesty", not
    "amnesty") and an alias written in capitals must be in capitals ("WHO",
    not "who"). "Ukraine's military intelligence agency (HUR)" is one match
    when both names belong to the same reporter. A possessive "'s" is left
    out of the span.
    """
    if not isinstance(text, str):
        raise ClaimError("text to search must be a string", field="text", text=text)
    table = table if table is not None else default_reporters()
    first_words, pattern, upper_keys = table._first_words, table._pattern, table._upper_keys
    # Most words start no name: the words that do are found first (one pass over the
    # folded words, in C), and the words of a name are read only there, one at a time
    # while they can still be the start of a key.
    found_words = list(_WORD.finditer(text))
    keys = list(map(fold_word, map(re.Match.group, found_words)))
    if first_words.isdisjoint(keys):
        return []
    reporters: dict[tuple[str, str], Reporter] = {}  # hostile text repeats names
    matches: list[ReporterMatch] = []
    done = 0  # where the last name ended: a name never starts inside another
    for k in compress(range(len(keys)), map(first_words.__contains__, keys)):
        key, position = keys[k], found_words[k].start()
        if position < done:
            continue
        if key == "s" and text[position - 1 : position] in _APOSTROPHE_MARKS:
            continue  # a possessive, not a word (as in _words)
        words: list[_Word] = []
        joined = ""
        # from word k on without copying or skipping the words before it: linear
        for word in _words(text, position, map(found_words.__getitem__, range(k, len(keys)))):
            words.append(word)
            joined = f"{joined} {word.key}" if joined else word.key
            if joined not in table._prefixes:
                break  # no key goes on with this word: the longest key that fits is before it
        found = pattern.match(joined)
        if found is None:
            continue
        name = found.group()
        last = name.count(" ")
        if (name in upper_keys and not all(word.upper for word in words[: last + 1])) or (
            last == 0 and not words[0].capital
        ):
            continue
        start, done = words[0].start, words[last].end
        matches.append(_match(text, start, done, table._index[name], reporters))
    return _merge_parentheticals(text, matches, reporters)


def _match(
    text: str,
    start: int,
    end: int,
    entry: ReporterEntry,
    reporters: dict[tuple[str, str], Reporter],
) -> ReporterMatch:
    written = text[start:end]
    reporter = reporters.get((entry.canonical, written))
    if reporter is None:
        reporter = Reporter(
            name=entry.canonical, resolved=True, as_written=written, kind=entry.kind
        )
        reporters[entry.canonical, written] = reporter
    return ReporterMatch(start=start, end=end, text=written, reporter=reporter)


_OPEN = re.compile(r"\s*\(\s*")
_CLOSE = re.compile(r"\s*\)")


def _merge_parentheticals(
    text: str, matches: list[ReporterMatch], reporters: dict[tuple[str, str], Reporter]
) -> list[ReporterMatch]:
    # "Defence Intelligence of Ukraine (HUR)": one mention, not two.
    merged: list[ReporterMatch] = []
    for match in matches:
        if merged and _OPEN.fullmatch(text, merged[-1].end, match.start):
            previous = merged[-1]
            close = _CLOSE.match(text, match.end)
            if close is not None and previous.reporter.name == match.reporter.name:
                entry = ReporterEntry(canonical=previous.reporter.name, kind=previous.reporter.kind)
                merged[-1] = _match(text, previous.start, close.end(), entry, reporters)
                continue
        merged.append(match)
    return merged
