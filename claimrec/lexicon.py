"""The readers' English: every word list and phrase table, in one frozen object.

A :class:`Lexicon` holds the named lists of ``claimrec/data/en/`` — number
words, month names, qualifiers, saying verbs, unit aliases, page furniture …
(each file states its format at the top). It is passed like a
:class:`~claimrec.policy.Policy` (dateutil's ``parserinfo`` is the model)::

    from claimrec.lexicon import DEFAULT_LEXICON
    mine = DEFAULT_LEXICON.with_words("saying", {"blogged"}).with_qualifiers(
        {"give or take": "approx"}
    )
    find_values("give or take 40 people", lexicon=mine)
    extract(article, published="2025-05-24", lexicon=mine)

Lexicons are immutable and hashable: every ``with_…`` returns a new one, and
the readers cache what they compile from a lexicon (patterns, phrase tables)
per lexicon. ``DEFAULT_LEXICON`` is read from the package's files on first use,
not at import. ``docs/lexicon.md`` lists the lists and how to extend them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias, TypeVar, cast, get_args

from claimrec.errors import ClaimrecError

__all__ = [
    "DEFAULT_LEXICON",
    "MODES",
    "Lexicon",
    "ListKind",
    "Mode",
    "WordList",
    "default_lexicon",
    "lexicon_or_default",
    "per_lexicon",
]

#: What the entries of a list are: plain words (compared lower-cased), words kept
#: as written (``cased``), or phrases with a value (a number, a qualifier mode, a
#: text) — or regular expressions (``pattern``).
ListKind: TypeAlias = Literal["words", "cased", "number", "mode", "text", "pattern"]
LIST_KINDS: tuple[ListKind, ...] = get_args(ListKind)
_TABLE_KINDS = frozenset({"number", "mode", "text"})

#: How a qualifier reads a figure (qualifiers.txt).
Mode: TypeAlias = Literal[
    "approx", "nearly", "just_over", "at_least", "more_than", "at_most", "less_than", "exact"
]
MODES: tuple[Mode, ...] = get_args(Mode)

T = TypeVar("T")

_HEADER = re.compile(r"\[\s*([a-z][a-z0-9_]*)\s*(?::\s*([a-z]+)\s*)?\]")
_CURRENCY = re.compile(r"([A-Z]{3}) = \[currency_([A-Z]{3})\]")


def _error(reason: str, text: object = "") -> ClaimrecError:
    return ClaimrecError(reason, field="lexicon", text=text)


@dataclass(frozen=True, slots=True, eq=False)
class WordList:
    """One named list: its kind and its entries as (phrase, value) pairs.

    ``value`` is ``""`` for word and pattern lists. Phrases of every kind but
    ``cased`` and ``pattern`` are lower-cased with single spaces. Two lists are
    equal when they hold the same entries; only a pattern list's order counts
    (an alternation tries its patterns in order).
    """

    name: str
    kind: ListKind
    entries: tuple[tuple[str, str], ...]

    def _key(self) -> tuple[object, ...]:
        held = self.entries if self.kind == "pattern" else frozenset(self.entries)
        return (self.name, self.kind, held)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordList) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


def _phrase(text: str, kind: ListKind) -> str:
    if kind == "pattern":
        return text.strip()
    phrase = " ".join(text.split())
    return phrase if kind == "cased" else phrase.lower()


def _check_value(name: str, kind: ListKind, phrase: str, value: str) -> str:
    if kind in _TABLE_KINDS and not value:
        raise _error(f"list {name!r}: an entry needs a value ('phrase = value')", phrase)
    if kind not in _TABLE_KINDS and (value or (kind != "pattern" and " = " in phrase)):
        raise _error(f"list {name!r} holds {kind}, not 'phrase = value'", phrase)
    if kind == "number" and not re.fullmatch(r"-?[0-9]+", value):
        raise _error(f"list {name!r}: the value must be a whole number", value)
    if kind == "mode" and value not in MODES:
        raise _error(f"list {name!r}: the mode must be one of {', '.join(MODES)}", value)
    if kind == "pattern":
        try:
            re.compile(phrase)
        except re.error as error:
            raise _error(f"list {name!r}: not a regular expression ({error})", phrase) from None
    return value


def _word_list(name: str, kind: ListKind, pairs: Iterable[tuple[str, str]]) -> WordList:
    entries: dict[str, str] = {}
    for raw, value in pairs:
        phrase = _phrase(raw, kind)
        if not phrase:
            raise _error(f"list {name!r}: an empty entry", raw)
        if phrase in entries:
            raise _error(f"list {name!r} has this entry twice", phrase)
        entries[phrase] = _check_value(name, kind, phrase, value.strip())
    return WordList(name, kind, tuple(entries.items()))


# --- the two file formats ---------------------------------------------------------


def parse_lists(text: str, *, source: str) -> list[WordList]:
    """The lists of one file in the lexicon list format (see data/en/numbers.txt)."""
    lists: list[WordList] = []
    name: str | None = None
    kind: ListKind = "words"
    pairs: list[tuple[str, str]] = []

    def close() -> None:
        if name is not None:
            lists.append(_word_list(name, kind, pairs))

    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.fullmatch(stripped)
        if header is not None:
            close()
            name, kind_text, pairs = header.group(1), header.group(2) or "words", []
            if kind_text not in LIST_KINDS:
                raise _error(f"{source}, line {number}: unknown list kind", kind_text)
            kind = cast(ListKind, kind_text)
            continue
        if name is None:
            raise _error(f"{source}, line {number}: an entry before any [list]", stripped)
        pieces = [stripped] if kind == "pattern" else stripped.split(",")
        for piece in pieces:
            if not piece.strip():
                continue
            phrase, _, value = piece.partition(" = ") if kind in _TABLE_KINDS else (piece, "", "")
            pairs.append((phrase, value))
    close()
    return lists


def _plural(alias: str) -> str | None:
    """The regular plural (pint's rule: add "s") of an alias whose last word has
    four letters or more and does not end in "s"."""
    last = alias.rsplit(" ", 1)[-1]
    if len(last) < 4 or not last.isalpha() or last.endswith("s"):
        return None
    return alias + "s"


def _spellings(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for raw in names:
        name = " ".join(raw.split()).lower()
        if name.endswith("!"):
            out.append(name[:-1].rstrip())
            continue
        out.append(name)
        plural = _plural(name)
        if plural is not None:
            out.append(plural)
    return out


def parse_units(text: str, *, source: str) -> list[WordList]:
    """The unit lists of a file in units.txt's pint-like syntax: ``unit_aliases``
    (alias → pint unit), ``currencies`` (ISO codes) and ``cell_only_units``."""
    aliases: dict[str, str] = {}
    currencies: list[str] = []
    cell_only: list[str] = []
    subunits: list[tuple[str, str]] = []
    definitions: list[tuple[str, str]] = []
    prefixes: list[tuple[str, str]] = []

    def add(names: Iterable[str], unit: str, number: int) -> None:
        for alias in _spellings(names):
            if aliases.setdefault(alias, unit) != unit:
                raise _error(f"{source}, line {number}: an alias of two units", alias)

    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = [part.strip() for part in stripped.split(" = ")]
        if parts[0].startswith("@alias "):
            add(parts[1:], parts[0].removeprefix("@alias ").strip(), number)
        elif parts[0].startswith("@subunit ") and len(parts) >= 2:
            # "@subunit cent_usd = 0.01 USD = cent = cents": a fixed part of a currency
            name, definition = parts[0].removeprefix("@subunit ").strip(), parts[1]
            if not re.fullmatch(r"[a-z]+_[a-z]{3}", name) or not re.fullmatch(
                r"[0-9.e\-]+ [A-Z]{3}", definition
            ):
                raise _error(f"{source}, line {number}: not a currency subunit", stripped)
            subunits.append((name, definition))
            add([f"{name}!", *parts[2:]], name, number)
        elif parts[0].startswith("@unit ") and len(parts) >= 2:
            # "@unit ratio = 1 = ratio": a unit pint lacks, in pint's definition syntax
            name, definition = parts[0].removeprefix("@unit ").strip(), parts[1]
            if not re.fullmatch(r"[a-z_]+", name) or not re.fullmatch(r"[0-9.e\-]+", definition):
                raise _error(f"{source}, line {number}: not a plain unit definition", stripped)
            definitions.append((name, definition))
            add(parts[2:] or [f"{name}!"], name, number)
        elif parts[0].startswith("@prefix ") and len(parts) >= 2:
            code = parts[0].removeprefix("@prefix ").strip()
            prefixes += [(word, code) for word in parts[1:]]
        elif parts[0].startswith("@cell_only "):
            cell_only += _spellings([parts[0].removeprefix("@cell_only "), *parts[1:]])
        elif (currency := _CURRENCY.match(" = ".join(parts[:2]))) and (
            currency.group(1) == currency.group(2)
        ):
            code = currency.group(1)
            currencies.append(code)
            add([f"{code}!", *parts[2:]], code, number)
        else:
            raise _error(f"{source}, line {number}: not a unit definition", stripped)
    return [
        _word_list("unit_aliases", "text", aliases.items()),
        _word_list("currencies", "cased", ((code, "") for code in currencies)),
        _word_list("cell_only_units", "words", ((alias, "") for alias in cell_only)),
        _word_list("currency_subunits", "text", subunits),
        _word_list("unit_definitions", "text", definitions),
        # as written: "RM 50" is money, "rm 50" is not
        WordList("currency_prefixes", "text", tuple(prefixes)),
    ]


# --- the lexicon --------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Every word list and phrase table the readers use, by name; immutable and hashable.

    Read a list with :meth:`words`, :meth:`table`, :meth:`numbers` or
    :meth:`patterns`; extend one with :meth:`with_words`, :meth:`with_entries`
    or the helpers :meth:`with_qualifiers`, :meth:`with_unit_aliases` and
    :meth:`with_currency`. Unknown list names are refused, so a typo fails
    loudly instead of adding an unused list.
    """

    lists: tuple[WordList, ...]
    _by_name: dict[str, WordList] = field(init=False, repr=False)
    _words: dict[str, frozenset[str]] = field(init=False, repr=False)
    _hash: int = field(init=False, repr=False)
    _compiled: dict[Callable[[Lexicon], object], object] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_name: dict[str, WordList] = {}
        for word_list in self.lists:
            if word_list.name in by_name:
                raise _error("the list is defined twice", word_list.name)
            by_name[word_list.name] = word_list
        # Derived lookups are caches of the lists, computed once per lexicon.
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(
            self, "_words", {n: frozenset(p for p, _ in w.entries) for n, w in by_name.items()}
        )
        object.__setattr__(self, "_hash", hash(tuple(sorted(by_name.items()))))
        object.__setattr__(self, "_compiled", {})

    def __reduce__(self) -> tuple[type[Lexicon], tuple[tuple[WordList, ...]]]:
        # Its lists only: the compiled caches are rebuilt where it is unpickled.
        return (Lexicon, (self.lists,))

    @classmethod
    def read(cls, folder: str | Path | Traversable) -> Lexicon:
        """The lexicon of a folder in the layout of ``claimrec/data/en/``: every
        ``*.txt`` in the list format, ``units.txt`` in its unit syntax."""
        root: Traversable = Path(folder) if isinstance(folder, str | Path) else folder
        lists: list[WordList] = []
        for entry in sorted(root.iterdir(), key=lambda item: item.name):
            if not entry.name.endswith(".txt"):
                continue
            text = entry.read_text(encoding="utf-8")
            parse = parse_units if entry.name == "units.txt" else parse_lists
            lists += parse(text, source=entry.name)
        return cls(lists=tuple(lists))

    # --- reading lists ----------------------------------------------------------

    @property
    def names(self) -> tuple[str, ...]:
        """The names of the lists, sorted."""
        return tuple(sorted(self._by_name))

    def get(self, name: str) -> WordList:
        """The list called ``name``; a ClaimrecError naming the known lists otherwise."""
        found = self._by_name.get(name)
        if found is None:
            raise _error(f"no such list (known: {', '.join(self.names)})", name)
        return found

    def words(self, name: str) -> frozenset[str]:
        """The phrases of a list (the keys, for a table)."""
        if name not in self._words:
            self.get(name)
        return self._words[name]

    def table(self, name: str) -> dict[str, str]:
        """A table's entries, phrase → value text, in file order."""
        return dict(self.get(name).entries)

    def numbers(self, name: str) -> dict[str, int]:
        """A ``number`` table's entries, phrase → whole number."""
        word_list = self.get(name)
        if word_list.kind != "number":
            raise _error(f"the list holds {word_list.kind}, not numbers", name)
        return {phrase: int(value) for phrase, value in word_list.entries}

    def patterns(self, name: str) -> tuple[str, ...]:
        """The entries of a ``pattern`` list, in file order."""
        word_list = self.get(name)
        if word_list.kind != "pattern":
            raise _error(f"the list holds {word_list.kind}, not patterns", name)
        return tuple(phrase for phrase, _ in word_list.entries)

    def regex(self, name: str) -> str:
        """A ``pattern`` list as one regular expression ``(?:a|b|…)``; a space in an
        entry stands for one or more white-space characters."""
        entries = (entry.replace(" ", r"\s+") for entry in self.patterns(name))
        return "(?:" + "|".join(entries) + ")"

    def compiled(self, build: Callable[[Lexicon], T]) -> T:
        """What ``build`` makes of this lexicon (a reader's phrase tables, its patterns),
        made on first use and kept with the lexicon: the readers' caches per lexicon."""
        try:
            return self._compiled[build]  # type: ignore[return-value]  # made by build
        except KeyError:
            made = self._compiled[build] = build(self)
            return made

    # --- extending --------------------------------------------------------------

    def _with(self, name: str, entries: Iterable[tuple[str, str]], *, drop: bool) -> Lexicon:
        old = self.get(name)
        table = dict(old.entries)  # a known phrase keeps its place, with its new value
        for phrase, value in entries:
            key = _phrase(phrase, old.kind)
            if drop:
                table.pop(key, None)
            else:
                table[key] = value
        new = _word_list(name, old.kind, table.items())
        return Lexicon(lists=tuple(new if w.name == name else w for w in self.lists))

    def with_words(self, name: str, words: Iterable[str]) -> Lexicon:
        """A copy whose word or pattern list ``name`` also holds ``words``.

        >>> "blogged" in default_lexicon().with_words("saying", {"blogged"}).words("saying")
        True
        """
        if isinstance(words, str):
            words = [words]
        if self.get(name).kind in _TABLE_KINDS:
            raise _error("the list is a table: use with_entries({phrase: value})", name)
        return self._with(name, ((word, "") for word in words), drop=False)

    def with_entries(self, name: str, entries: Mapping[str, object]) -> Lexicon:
        """A copy where the table ``name`` maps each phrase to its value (new phrases
        are added, known ones get the new value)."""
        if self.get(name).kind not in _TABLE_KINDS:
            raise _error("the list holds words: use with_words", name)
        return self._with(name, ((p, str(v)) for p, v in entries.items()), drop=False)

    def without_words(self, name: str, words: Iterable[str]) -> Lexicon:
        """A copy without these phrases in list ``name`` (unknown ones are ignored)."""
        if isinstance(words, str):
            words = [words]
        return self._with(name, ((word, "") for word in words), drop=True)

    def with_qualifiers(self, qualifiers: Mapping[str, Mode]) -> Lexicon:
        """More qualifiers before a figure: ``{"give or take": "approx"}``."""
        return self.with_entries("qualifiers", qualifiers)

    def with_unit_aliases(self, aliases: Mapping[str, str]) -> Lexicon:
        """More names of units, alias → pint unit or currency code: ``{"bucks": "USD"}``."""
        return self.with_entries("unit_aliases", aliases)

    def with_currency(self, code: str, *aliases: str) -> Lexicon:
        """A currency of its own dimension, with the words that name it:
        ``with_currency("NOK", "krone", "kroner")``. Its code, written in
        capitals, is read before and after a number ("NOK 500")."""
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise _error("a currency code is three capital letters", code)
        extended = (
            self if code in self.words("currencies") else self.with_words("currencies", [code])
        )
        return extended.with_unit_aliases(dict.fromkeys((code, *aliases), code))

    # --- identity ---------------------------------------------------------------

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        return isinstance(other, Lexicon) and self._by_name == other._by_name

    def __repr__(self) -> str:
        return f"Lexicon({len(self.lists)} lists)"


@cache
def default_lexicon() -> Lexicon:
    """The bundled English lexicon (``claimrec/data/en/``), read once, on first use."""
    return Lexicon.read(resources.files("claimrec").joinpath("data", "en"))


def lexicon_or_default(lexicon: object) -> Lexicon:
    """``lexicon`` itself, the default one for None, a ClaimrecError for anything else."""
    if lexicon is None:
        return default_lexicon()
    if not isinstance(lexicon, Lexicon):
        raise _error("must be a claimrec Lexicon", lexicon)
    return lexicon


def per_lexicon(build: Callable[[Lexicon], T]) -> Callable[[Lexicon | None], T]:
    """``build(lexicon)`` made once per lexicon (None: the default one) and kept with it.

    The readers compile their tables this way: a dictionary lookup on the lexicon,
    cheaper than a cache keyed on the lexicon's value.
    """

    def compiled(lexicon: Lexicon | None = None) -> T:
        return lexicon_or_default(lexicon).compiled(build)

    compiled.__name__ = build.__name__
    compiled.__qualname__ = build.__qualname__
    compiled.__doc__ = build.__doc__
    return compiled


if TYPE_CHECKING:
    #: The bundled English lexicon; read on first use.
    DEFAULT_LEXICON: Lexicon


def __getattr__(name: str) -> object:
    # DEFAULT_LEXICON is read from the data files when first asked for, not at import.
    if name == "DEFAULT_LEXICON":
        return default_lexicon()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
