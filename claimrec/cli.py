"""The ``claimrec`` command: extract claims from articles, check a record, write a report.

Exit status: 0 when the record is clean, 1 when ``check`` finds a contradiction
(or a divergence, with ``--fail-on diverge``), 2 for bad input (a missing file, an
unreadable table, rows that cannot be read) — reported in one line on stderr as
``claimrec: error: …``, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pandas as pd

from claimrec.articles import ARTICLE_SUFFIXES
from claimrec.errors import ClaimrecError, ClaimsFrameError

if TYPE_CHECKING:
    from claimrec.report import Report

__all__ = ["ARTICLE_SUFFIXES", "TABLE_SUFFIXES", "load_claims", "main"]
TABLE_SUFFIXES = (".csv", ".parquet", ".json")

EXIT_CLEAN, EXIT_FOUND, EXIT_BAD_INPUT = 0, 1, 2


class InputError(Exception):
    """Bad input: reported as one line on stderr, exit status 2."""


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _describe(error: BaseException) -> str:
    if isinstance(error, ClaimsFrameError) and error.errors:
        first = _one_line(str(error.errors[0]))
        rows = {e.row for e in error.errors[1:] if e.row is not None} - {error.errors[0].row}
        more = len(rows)
        return first + (f" (and {more} more row(s) that cannot be read)" if more else "")
    return _one_line(str(error)) or type(error).__name__


# --- reading input ---------------------------------------------------------------------------


def _read_table(path: Path) -> pd.DataFrame:
    from claimrec.export import read_claims

    try:
        return read_claims(path)
    except ClaimrecError as error:
        raise InputError(f"{path}: {_describe(error)}") from None
    except (OSError, ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
        # pandas, pyarrow and json report damaged files as ValueError subclasses.
        raise InputError(f"{path}: cannot read the table: {_describe(error)}") from None


def _extract(paths: Sequence[Path], args: argparse.Namespace | None = None) -> pd.DataFrame:
    try:
        # Imported by name: extraction is a separate module that may be absent in
        # a partial install; tables still work without it.
        extract_files = importlib.import_module("claimrec.extract").extract_files
    except (ImportError, AttributeError) as error:
        raise InputError(
            f"{paths[0]}: reading articles needs claimrec.extract, which is not available "
            f"({_describe(error)})"
        ) from None
    options: dict[str, object] = {}
    if args is not None and args.encoding:
        options["encoding"] = args.encoding
    if args is not None and getattr(args, "jobs", None) is not None:
        options["jobs"] = args.jobs
    publications = _single_article_facts(paths, args)
    if publications is not None:
        options["publications"] = publications
    try:
        claims: pd.DataFrame = extract_files([str(path) for path in paths], **options)
    except ClaimrecError as error:
        raise InputError(_describe(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the articles: {_describe(error)}") from None
    _warn_undated(claims)
    return claims


def _single_article_facts(
    paths: Sequence[Path], args: argparse.Namespace | None
) -> dict[str, dict[str, str]] | None:
    """``--published``, ``--outlet``, ``--url``: the facts of the one article given."""
    if args is None:
        return None
    facts = {
        name: value
        for name in ("published", "outlet", "url")
        if (value := getattr(args, name, None)) is not None
    }
    if not facts:
        return None
    if len(paths) != 1 or paths[0].is_dir():
        flags = ", ".join(f"--{name}" for name in facts)
        raise InputError(
            f"{flags} describe one article: give a single article file, or a "
            "publications.csv beside the articles of a folder"
        )
    return {paths[0].name: facts}


def _warn_undated(claims: pd.DataFrame) -> None:
    """One warning when claims were read from articles without a publication date:
    their windows then end on an unknown day."""
    if not len(claims) or "published" not in claims.columns:
        return
    undated = claims.loc[claims["published"].isna(), "document"].dropna().unique()
    if len(undated):
        shown = ", ".join(map(str, undated[:3])) + (" …" if len(undated) > 3 else "")
        print(
            f"claimrec: warning: {len(undated)} article(s) have no publication date "
            f"({shown}): their windows end on an unknown day; give --published for one "
            "article, or a publications.csv (file,outlet,url,published) beside them",
            file=sys.stderr,
        )


def _classify(paths: Sequence[str]) -> tuple[list[Path], list[Path]]:
    """Split the command-line paths into articles (files or folders) and tables."""
    articles: list[Path] = []
    tables: list[Path] = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise InputError(f"{name}: no such file or folder")
        if path.is_dir() or path.suffix.lower() in ARTICLE_SUFFIXES:
            articles.append(path)
        elif path.suffix.lower() in TABLE_SUFFIXES:
            tables.append(path)
        else:
            raise InputError(
                f"{name}: unknown format {path.suffix or '(no suffix)'!r}: give articles "
                f"({', '.join(ARTICLE_SUFFIXES)}, or a folder) or claims tables "
                f"({', '.join(TABLE_SUFFIXES)})"
            )
    return articles, tables


def load_claims(paths: Sequence[str], args: argparse.Namespace | None = None) -> pd.DataFrame:
    """One canonical claims frame from article files or folders and claims tables
    (loose or canonical, told apart by their columns)."""
    articles, tables = _classify(paths)
    if tables and args is not None and _single_article_facts(articles or tables, args):
        raise InputError("--published, --outlet and --url describe an article, not a table")
    frames = [_read_table(path) for path in tables]
    if articles:
        frames.append(_extract(articles, args))
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        from claimrec.frame import to_frame

        return to_frame([])
    return pd.concat(frames, ignore_index=True)


# --- writing output --------------------------------------------------------------------------


def _emit(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{output}: cannot write: {_describe(error)}") from None


def _output_format(output: str, allowed: Sequence[str]) -> str:
    suffix = Path(output).suffix.lower()
    if suffix not in allowed:
        raise InputError(
            f"{output}: unknown output format {suffix or '(no suffix)'!r}: use {', '.join(allowed)}"
        )
    return suffix


# --- commands ---------------------------------------------------------------------------------


def _cmd_extract(args: argparse.Namespace) -> int:
    from claimrec.export import safe_csv, write_claims

    articles, tables = _classify(args.paths)
    if tables:
        raise InputError(f"{tables[0]}: extract reads articles, not claims tables")
    if args.output is not None:
        _output_format(args.output, TABLE_SUFFIXES)
    claims = _extract(articles, args)
    if args.output is None:
        _emit(safe_csv(claims) or "", None)
    else:
        try:
            write_claims(claims, args.output)
        except (ClaimrecError, OSError, ValueError) as error:
            raise InputError(f"{args.output}: cannot write: {_describe(error)}") from None
    return EXIT_CLEAN


def _reconcile(paths: Sequence[str], args: argparse.Namespace | None = None) -> Report:
    from claimrec.reconcile import reconcile

    claims = load_claims(paths, args)
    try:
        return reconcile(claims)
    except ClaimrecError as error:
        raise InputError(_describe(error)) from None


def _cmd_check(args: argparse.Namespace) -> int:
    from claimrec.export import report_csv, report_json
    from claimrec.html import report_html

    report = _reconcile(args.paths, args)
    if args.format == "json":
        text = json.dumps(report_json(report), indent=2, ensure_ascii=False, allow_nan=False)
    elif args.format == "csv":
        text = report_csv(report) or ""
    elif args.format == "html":
        text = report_html(report, standalone=True)
    else:
        text = report.summary()
    _emit(text, args.output)
    failed = report.has_contradictions or (args.fail_on == "diverge" and report.has_divergences)
    return EXIT_FOUND if failed else EXIT_CLEAN


def _cmd_report(args: argparse.Namespace) -> int:
    from claimrec.html import report_html

    _output_format(args.output, (".html", ".htm"))
    report = _reconcile(args.paths, args)
    _emit(report_html(report, standalone=True, title=args.title), args.output)
    counts = report.groups["verdict"].value_counts().to_dict() if len(report.groups) else {}
    verdicts = ", ".join(
        f"{counts.get(v, 0)} {v}" for v in ("contradict", "diverge", "agree", "single")
    )
    print(f"wrote {args.output}: {len(report.groups)} group(s): {verdicts}")
    return EXIT_CLEAN


# --- the parser ---------------------------------------------------------------------------------

_MAIN_EPILOG = """\
examples:
  claimrec check seeds/                       reconcile the claims in a folder of articles
  claimrec check claims.csv                   reconcile a spreadsheet of claims
  claimrec check claims.csv --fail-on diverge fail a CI job on divergences too
  claimrec extract seeds/ -o claims.csv       articles -> canonical claims table
  claimrec report claims.csv -o report.html   a self-contained HTML report

exit status: 0 clean, 1 contradiction found (check), 2 bad input
"""

_EXTRACT_EPILOG = """\
examples:
  claimrec extract seeds/                      claims of every article, as CSV on stdout
  claimrec extract article.txt --published 2025-05-24 --outlet "Kyiv Independent"
  claimrec extract article.txt -o claims.parquet
  claimrec extract big.txt -o claims.parquet --jobs 4
  claimrec extract rapport.txt --encoding cp1252
  claimrec extract seeds/ -o claims.json

A folder may hold a publications.csv sidecar giving each article's publication
date, outlet and URL; for one article, --published, --outlet and --url say them.
The encoding is detected (--encoding overrides it); binary files, files past the
size limit and folders without articles are refused (exit 2). The CSV is safe to
open in a spreadsheet. Large inputs are streamed paragraph by paragraph with a
progress bar on stderr, and read by one worker process per usable core (--jobs
sets how many; --jobs 1 reads in this process).
"""

_CHECK_EPILOG = """\
examples:
  claimrec check seeds/                        articles (.txt, .html, .htm, .md, or folders)
  claimrec check claims.csv                    a claims table: loose (value, measure, window,
                                               reporter, published, ...) or canonical
  claimrec check claims.csv --format json -o report.json
  claimrec check a.csv b.parquet --fail-on diverge

exit status: 0 clean; 1 a contradiction was found (with --fail-on diverge, a
divergence too); 2 bad input (the error names the file, the row and the field).
"""

_REPORT_EPILOG = """\
examples:
  claimrec report seeds/ -o report.html
  claimrec report claims.csv -o report.html --title "POW executions, May 2025"

The page is self-contained (inline CSS and SVG timelines, no scripts, no network)
and escapes all text from the claims.
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse's own usage errors: one usage line and one error line, exit 2.
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"claimrec: error: {message}\n")


def _processes(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return count


def _article_options(command: argparse.ArgumentParser) -> None:
    group = command.add_argument_group("reading articles")
    group.add_argument(
        "--published",
        metavar="DATE",
        help="the publication date of the one article given (2025-05-24, 2025-05 or 2025): "
        "relative windows ('last week') are read against it",
    )
    group.add_argument("--outlet", metavar="NAME", help="the outlet of the one article given")
    group.add_argument("--url", metavar="URL", help="the address of the one article given")
    group.add_argument(
        "--encoding",
        metavar="NAME",
        help="the text encoding of the articles (default: detected; e.g. cp1252, utf-16)",
    )
    group.add_argument(
        "--jobs",
        "-j",
        metavar="N",
        type=_processes,
        help="read the articles in N worker processes (default: one per usable core when "
        "the articles hold more than 2 MiB, else 1); the claims are the same, in the same "
        "order",
    )


def build_parser() -> argparse.ArgumentParser:
    from claimrec._version import __version__

    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="claimrec",
        description="Reconcile numeric claims from news reports: figures with their bounds, "
        "time windows and reporters.",
        epilog=_MAIN_EPILOG,
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"claimrec {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    extract = commands.add_parser(
        "extract",
        help="extract claims from article files into a canonical claims table",
        description="Extract candidate claims from articles into a canonical claims table.",
        epilog=_EXTRACT_EPILOG,
        formatter_class=formatter,
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    extract.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the table to FILE (.csv, .parquet or .json); default: CSV on stdout",
    )
    _article_options(extract)
    extract.set_defaults(run=_cmd_extract)

    check = commands.add_parser(
        "check",
        help="reconcile claims and report; exit 1 on a contradiction",
        description="Reconcile the claims of articles or claims tables and report the verdicts.",
        epilog=_CHECK_EPILOG,
        formatter_class=formatter,
    )
    check.add_argument(
        "paths", nargs="+", metavar="PATH", help="article files or folders, claims tables"
    )
    check.add_argument(
        "--format",
        choices=("text", "json", "csv", "html"),
        default="text",
        help="output format (default: text)",
    )
    check.add_argument(
        "--fail-on",
        choices=("contradict", "diverge"),
        default="contradict",
        help="exit 1 on a contradiction (default), or on a divergence too",
    )
    check.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    _article_options(check)
    check.set_defaults(run=_cmd_check)

    report = commands.add_parser(
        "report",
        help="write a self-contained HTML report",
        description="Reconcile claims and write a self-contained HTML report with timelines.",
        epilog=_REPORT_EPILOG,
        formatter_class=formatter,
    )
    report.add_argument(
        "paths", nargs="+", metavar="PATH", help="article files or folders, claims tables"
    )
    report.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="the HTML file to write"
    )
    report.add_argument("--title", default="claimrec report", help="the page title")
    _article_options(report)
    report.set_defaults(run=_cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except InputError as error:
        print(f"claimrec: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ClaimrecError as error:
        print(f"claimrec: error: {_describe(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # `claimrec check ... | head`: the reader left. Point stdout at /dev/null so the
        # interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLEAN
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug, not bad input; still one line, not a traceback
        print(
            f"claimrec: error: unexpected {type(error).__name__}: {_describe(error)} "
            "(please report this)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return status


if __name__ == "__main__":
    sys.exit(main())
