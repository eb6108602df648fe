"""``--jobs N`` on the command line: how many worker processes read the articles."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from claimrec.cli import build_parser, main

EXTRACT = importlib.import_module("claimrec.extract")  # the module, not the function

ARTICLE = "The council said at least 40 homes were flooded last week.\n"


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """The options the command line passes to extract_files."""
    calls: list[dict[str, object]] = []
    real = EXTRACT.extract_files

    def spy(paths: object, **options: object) -> object:
        calls.append(options)
        return real(paths, **{**options, "jobs": 1})  # type: ignore[arg-type]

    monkeypatch.setattr(EXTRACT, "extract_files", spy)
    return calls


@pytest.mark.parametrize(
    ("flags", "jobs"),
    [((), None), (("--jobs", "3"), 3), (("-j", "1"), 1)],
    ids=["left-to-the-library", "three-workers", "short-flag-one-process"],
)
def test_jobs_reach_extract_files(
    tmp_path: Path, seen: list[dict[str, object]], flags: tuple[str, ...], jobs: int | None
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(path), "--published", "2024-05-10", *flags]) == 0
    assert seen[0].get("jobs") == jobs


@pytest.mark.parametrize("given", ["0", "-1", "two", "1.5"])
def test_jobs_must_be_a_number_of_processes(
    tmp_path: Path, given: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(path), "--jobs", given])
    assert stopped.value.code == 2
    assert "not a number of processes" in capsys.readouterr().err


def test_the_help_says_what_jobs_does() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in ("extract", "check", "report"):
        text = commands[name].format_help()
        assert "--jobs N" in text and "worker processes" in text
