"""What only the whole page tells about attributions, read after its sentences.

* A credit line closing a paragraph ("(Via Al Jazeera)") gives its source to the
  paragraph's figures that no named source gives (an unnamed "early reports"
  gives way to it).
* A source first described and named later ("a Chinese professor says …" …
  "university professor Jane Roe estimated"; "the army's relief chief said" …
  "top relief official Gen. Jane Roe said") is the person named: the
  description's head or one of its words comes back in the naming phrase, which
  names a person (two capitalised words or more) after a title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from claimrec.read.attribution_choice import Attribution
from claimrec.read.source_phrases import base
from claimrec.read.source_reader import SourceReader
from claimrec.read.spans import words_between as _words
from claimrec.reporter import Reporter, reporter_key, resolve_reporter

__all__ = ["credit_lines", "described_then_named"]

_LOOKAHEAD = 8  # sentences after a description in which its person may be named


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def line(self) -> int: ...


def credit_lines(
    reader: SourceReader, sentences: Sequence[_Span], found: list[list[Attribution]]
) -> None:
    """ "(Via X)" at the end of a paragraph: X for its sentences' figures."""
    text = reader.text
    lines: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        lines.setdefault(s.line, []).append(i)
    for members in lines.values():
        start, end = sentences[members[0]].start, sentences[members[-1]].end
        credit = reader.words.credit.search(text, start, end)
        if credit is None:
            continue
        s_start, s_end = credit.span("source")
        if reporter_key(text[s_start:s_end]) in reader.words.picture_credits:
            continue  # "(Via Getty Images)": a picture's credit
        phrase = reader.phrase_after(s_start, s_end + 1)
        reporter = (
            reader.reporter_of(*phrase)
            if phrase is not None
            else resolve_reporter(text[s_start:s_end], table=reader.speakers.table)
        )
        if reporter is None or reader.speakers.is_outlet(reporter):
            continue  # the outlet crediting itself names no source
        line = Attribution(
            credit.start(), credit.end(), s_start, s_start, reporter, False, "credit"
        )
        for i in members:
            kept = [a for a in found[i] if not a.weak]
            found[i] = sorted([*kept, line], key=lambda a: (a.start, -a.end))


def _description(reader: SourceReader, reporter: Reporter | None) -> frozenset[str]:
    """The words of a source described by a title, with no person named ("the army's
    relief chief", "a Chinese professor"); empty for any other source."""
    if reporter is None or reporter.resolved:
        return frozenset()
    words = [
        word
        for word, _, _ in _words(
            reporter.as_written or reporter.name, 0, len(reporter.as_written or reporter.name)
        )
    ]
    if not words or sum(word[:1].isupper() for word in words) > 1:
        return frozenset()
    lowers = [base(word.lower()) for word in words]
    w = reader.words
    if lowers[-1] not in w.titles:
        return frozenset()
    return frozenset(x for x in lowers if x not in w.determiners)


def _naming(reader: SourceReader, a: Attribution) -> tuple[frozenset[str], Reporter] | None:
    """The words of a phrase naming a person after a title ("union official Jane Roe"),
    and the source it was read as (the person, or the organisation they speak for)."""
    reporter = a.reporter
    if reporter is None or a.rule in ("official", "own", "credit"):
        return None
    words = _words(reader.text, a.start, a.verb_start)
    titles = [
        i for i, (word, _, _) in enumerate(words) if base(word.lower()) in reader.words.titles
    ]
    if not titles or sum(word[:1].isupper() for word, _, _ in words[titles[0] + 1 :]) < 2:
        return None  # no person named after a title
    return frozenset(base(word.lower()) for word, _, _ in words), reporter


def described_then_named(reader: SourceReader, found: list[list[Attribution]]) -> None:
    """A description's attributions take the person named for it in a later sentence."""
    for i, attributions in enumerate(found):
        for k, a in enumerate(attributions):
            words = _description(reader, a.reporter)
            if not words:
                continue
            for later in found[i + 1 : i + 1 + _LOOKAHEAD]:
                named = next(
                    (n for b in later if (n := _naming(reader, b)) is not None and words & n[0]),
                    None,
                )
                if named is not None:
                    attributions[k] = replace(a, reporter=named[1])
                    break
