"""The command line, run as a user runs it: ``python -m claimrec ...`` in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
from conftest import AT_MOST_100, ROOT, SEEDS, SEEDS_CSV

from claimrec.cli import main
from claimrec.export import report_schema


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimrec", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def contradiction_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "claims.csv"
    df = pd.read_csv(SEEDS_CSV, dtype=str, keep_default_na=False)
    pd.concat([df, pd.DataFrame([AT_MOST_100])], ignore_index=True).to_csv(path, index=False)
    return path


def assert_bad_input(result: subprocess.CompletedProcess[str], *names: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimrec: error: ")
    assert "Traceback" not in result.stderr
    for name in names:
        assert name in lines[0]
    assert result.stdout == ""


# --- check on claims tables ---------------------------------------------------------------


def test_check_clean_table_exits_0() -> None:
    result = run("check", SEEDS_CSV)
    assert result.returncode == 0, result.stderr
    assert "[DIVERGE]" in result.stdout and "execution pow ukrainian" in result.stdout
    assert "all claims together imply at least 151" in result.stdout


def test_check_contradiction_exits_1(contradiction_csv: Path) -> None:
    result = run("check", contradiction_csv)
    assert result.returncode == 1, result.stderr
    assert "[CONTRADICT]" in result.stdout
    assert "Example Monitor" in result.stdout
    assert "109 ≤ count ≤ 100" in result.stdout


def test_fail_on_diverge_exits_1() -> None:
    assert run("check", SEEDS_CSV, "--fail-on", "diverge").returncode == 1
    assert run("check", SEEDS_CSV, "--fail-on", "contradict").returncode == 0


def test_format_json_validates(contradiction_csv: Path) -> None:
    result = run("check", contradiction_csv, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    jsonschema.validate(data, report_schema(), cls=jsonschema.Draft202012Validator)
    assert data["summary"]["verdicts"]["contradict"] == 1


def test_format_csv() -> None:
    result = run("check", SEEDS_CSV, "--format", "csv")
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(pd.read_csv(SEEDS_CSV))
    assert {row["group_verdict"] for row in rows} == {"diverge", "single"}


def test_format_html_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "check.html"
    result = run("check", SEEDS_CSV, "--format", "html", "-o", out)
    assert result.returncode == 0
    assert result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page


def test_format_text_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "check.txt"
    assert run("check", SEEDS_CSV, "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("23 mention(s)")


def test_report_writes_html(tmp_path: Path, contradiction_csv: Path) -> None:
    out = tmp_path / "report.html"
    result = run("report", contradiction_csv, "-o", out, "--title", "POW <executions>")
    assert result.returncode == 0, result.stderr
    assert "1 contradict" in result.stdout
    page = out.read_text(encoding="utf-8")
    assert "<title>POW &lt;executions&gt;</title>" in page
    assert "Contradiction 1" in page


def test_canonical_tables_in_every_format(tmp_path: Path) -> None:
    import claimrec
    from claimrec.export import write_claims

    table = claimrec.normalize(pd.read_csv(SEEDS_CSV))
    for suffix in (".csv", ".parquet", ".json"):
        path = tmp_path / f"canonical{suffix}"
        write_claims(table, path)
        result = run("check", path)
        assert result.returncode == 0, result.stderr
        assert "[DIVERGE]" in result.stdout and "execution pow ukrainian" in result.stdout


def test_several_tables_are_reconciled_together(tmp_path: Path) -> None:
    extra = tmp_path / "extra.csv"
    pd.DataFrame([AT_MOST_100]).to_csv(extra, index=False)
    result = run("check", SEEDS_CSV, extra)
    assert result.returncode == 1
    assert "[CONTRADICT]" in result.stdout


# --- bad input: one line on stderr, exit 2 -------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    assert_bad_input(run("check", missing), "nope.csv", "no such file")


def test_table_without_the_required_columns(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert_bad_input(run("check", path), "bad.csv", "value")


def test_rows_that_fail_name_the_row_field_and_text(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "value,measure\nat least 5,executions\nlots,executions\nmany,executions\n",
        encoding="utf-8",
    )
    result = run("check", path)
    assert_bad_input(result, "rows.csv", "row 1", "value", "'lots'", "1 more")


def test_unreadable_tables(tmp_path: Path) -> None:
    parquet = tmp_path / "broken.parquet"
    parquet.write_bytes(b"\x00\x01 not parquet")
    assert_bad_input(run("check", parquet), "broken.parquet")
    js = tmp_path / "broken.json"
    js.write_text('{"value": ', encoding="utf-8")
    assert_bad_input(run("check", js), "broken.json")
    shape = tmp_path / "shape.json"
    shape.write_text('{"value": "at least 5"}', encoding="utf-8")
    assert_bad_input(run("check", shape), "shape.json", "array of records")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    assert_bad_input(run("check", binary), "binary.csv")


def test_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "claims.xlsx"
    path.write_bytes(b"PK")
    assert_bad_input(run("check", path), "claims.xlsx", "unknown format")
    assert_bad_input(run("report", SEEDS_CSV, "-o", tmp_path / "r.pdf"), "r.pdf")
    assert_bad_input(run("extract", SEEDS_CSV), "seeds_claims.csv", "articles")


def test_usage_errors_exit_2() -> None:
    result = run("check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert run("check", SEEDS_CSV, "--format", "xml").returncode == 2
    assert run().returncode == 2


@pytest.mark.parametrize("command", ["extract", "check", "report"])
def test_help_has_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert f"claimrec {command} " in result.stdout


def test_main_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEEDS_CSV)]) == 0
    assert "[DIVERGE]" in capsys.readouterr().out
    assert main(["check", str(SEEDS_CSV / "missing.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("claimrec: error:")


# --- articles (need claimrec.extract) ---------------------------------------------------------


def test_check_seed_articles() -> None:
    result = run("check", SEEDS)
    assert result.returncode == 0, result.stderr
    assert "execution pow ukrainian" in result.stdout
    assert "Defence Intelligence of Ukraine (HUR)" in result.stdout


def test_check_seed_article_files_and_a_table_together(tmp_path: Path) -> None:
    extra = tmp_path / "extra.csv"
    pd.DataFrame([AT_MOST_100]).to_csv(extra, index=False)
    result = run("check", SEEDS, extra)
    assert result.returncode == 1, result.stderr
    assert "Example Monitor" in result.stdout


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".json"])
def test_extract_seed_articles(tmp_path: Path, suffix: str) -> None:
    import claimrec
    from claimrec.export import read_claims

    out = tmp_path / f"claims{suffix}"
    result = run("extract", SEEDS, "-o", out)
    assert result.returncode == 0, result.stderr
    table = read_claims(out)
    assert set(claimrec.CANONICAL_COLUMNS) <= set(table.columns)
    assert len(table) > 0
    assert table["quote"].notna().all()


def test_extract_to_stdout_is_csv() -> None:
    result = run("extract", SEEDS / "000_9dfda098a2a7daba.txt")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and "claim_id" in rows[0]


# --- hostile files and single-article facts ------------------------------------------------

ONE_ARTICLE = "At least 41 homes were flooded last week, the Civil Defence Agency said.\n"


def test_binary_file_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(256)) * 16)
    assert_bad_input(run("check", path), "noise.txt", "binary data")


def test_empty_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert_bad_input(run("check", folder), "no article in this folder")


def test_published_outlet_url_for_one_article(tmp_path: Path) -> None:
    path = tmp_path / "flood.txt"
    path.write_text(ONE_ARTICLE, encoding="utf-8")
    result = run(
        "extract", path, "--published", "2024-05-10", "--outlet", "Daily", "--url",
        "https://example.org/flood",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["published"] == "2024-05-10" and row["via"] == "Daily"
    assert row["url"] == "https://example.org/flood"
    assert row["end_latest"] == "2024-05-05"  # "last week", read against the date


def test_published_needs_a_single_article(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ONE_ARTICLE, encoding="utf-8")
    assert_bad_input(
        run("check", tmp_path / "a.txt", tmp_path / "b.txt", "--published", "2024-05-10"),
        "--published",
    )


def test_undated_articles_warn_once(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ONE_ARTICLE, encoding="utf-8")
    result = run("extract", tmp_path)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "2 article(s) have no publication date" in warnings[0]


def test_encoding_is_detected_and_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "rapport.txt"
    french = (
        "Selon la préfecture, au moins 12 élèves ont été blessés à l'école de Besançon, "
        "où les secours sont arrivés très tôt. Les élèves évacués ont été accueillis "
        "dans le gymnase, a précisé le maire. "
    )
    path.write_bytes((french * 3 + ONE_ARTICLE).encode("cp1252"))
    detected = run("extract", path, "--published", "2024-05-10")
    assert detected.returncode == 0, detected.stderr
    rows = list(csv.DictReader(io.StringIO(detected.stdout)))
    assert rows and rows[0]["document"] == "rapport.txt [cp1252]"
    assert "12 élèves ont été blessés" in detected.stdout
    given = run("extract", path, "--published", "2024-05-10", "--encoding", "latin-1")
    assert given.returncode == 0, given.stderr
    assert "rapport.txt [iso8859-1]" in given.stdout
