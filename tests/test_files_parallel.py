"""extract_files with worker processes: the same frame as one process, row for row."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import claimrec
from claimrec import articles
from claimrec.errors import ClaimError
from claimrec.read import files

# Paragraph shapes of my own: counts with bounds, windows and reporters, so that
# every piece holds claims, some measure keys merge across pieces, and one file
# has a header whose facts its later pieces need.
FORMS = (
    "At least {n} families left the valley in {y}, the regional council said.",
    "Roughly {n} homes lost power on Tuesday, according to the grid operator.",
    "The clinic treated {n} patients last week.",
    "More than {n} hectares burned since June 2, firefighters said.",
    "Between {n} and {m} workers joined the strike in {y}, the union told reporters.",
    "Turnout reached {n} per cent in {y}, the electoral commission said.",  # a ratio unit
    "Tickets cost ${n} each last month, the organisers said.",  # a currency
)


def _prose(seed: int, paragraphs: int) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        n = rng.randint(2, 900)
        out.append(
            rng.choice(FORMS).format(n=n, m=n + rng.randint(1, 90), y=rng.choice([2022, 2023]))
        )
    return "\n\n".join(out)


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Streaming at a few KB, so that small files give many pieces (the pieces are
    cut in the parent: the workers only read them)."""
    monkeypatch.setattr(articles, "STREAM_BYTES", 2_000)
    monkeypatch.setattr(articles, "PIECE_CHARS", 1_000)
    monkeypatch.setattr(articles, "MAX_PARAGRAPH_CHARS", 400)


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "long.txt").write_text(
        "OUTLET: Valley Courier\nPUBLISHED: 2024-03-09\n\n" + _prose(1, 60), encoding="utf-8"
    )
    (tmp_path / "short.txt").write_text(_prose(2, 3), encoding="utf-8")
    (tmp_path / "other.md").write_text(_prose(3, 40), encoding="utf-8")
    return tmp_path


def test_workers_give_the_frame_of_one_process_in_the_same_order(
    tmp_path: Path, small_pieces: None, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    alone = claimrec.extract_files(folder, progress=False, jobs=1)
    shared = claimrec.extract_files(folder, progress=True, jobs=2)
    err = capsys.readouterr().err  # the progress bar advances as pieces come back
    assert "extracting [" in err and "3/3 files" in err and err.endswith("\n")
    assert len(alone) > 100
    assert alone["document"].nunique() == 3
    assert alone.loc[alone["document"] == "long.txt", "via"].eq("Valley Courier").all()
    pd.testing.assert_frame_equal(alone, shared)


def test_more_workers_than_pieces_change_nothing(tmp_path: Path, small_pieces: None) -> None:
    path = tmp_path / "a.txt"
    path.write_text(_prose(4, 40), encoding="utf-8")  # two or three pieces
    pd.testing.assert_frame_equal(
        claimrec.extract_files(path, progress=False, jobs=1),
        claimrec.extract_files(path, progress=False, jobs=3),
    )


def test_at_most_one_piece_more_than_workers_is_handed_out(
    tmp_path: Path, small_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(_prose(5, 80), encoding="utf-8")
    handed, taken, most = [0], [0], [0]
    real_steps = files._steps

    def counted_steps(*args: object) -> object:
        for step in real_steps(*args):  # type: ignore[arg-type]
            if step.task is not None:
                handed[0] += 1
                most[0] = max(most[0], handed[0] - taken[0])
            yield step

    monkeypatch.setattr(files, "_steps", counted_steps)
    steps = files._steps([path], [articles.open_article(path)], {}, None, None)
    for _, found in files.in_order(steps, files.Options(), 2):
        if found is not None:
            taken[0] += 1
    assert taken[0] == handed[0] > 5
    assert most[0] <= 3


@pytest.mark.parametrize("jobs", [0, -2, 1.5, "2", True], ids=["none", "negative", "fraction",
                                                              "text", "bool"])  # fmt: skip
def test_jobs_must_be_a_count_of_processes(tmp_path: Path, jobs: object) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some 12 people died.", encoding="utf-8")
    with pytest.raises(ClaimError, match="whole number of processes") as caught:
        claimrec.extract_files(path, jobs=jobs)  # type: ignore[arg-type]
    assert caught.value.field == "jobs"


def test_by_default_only_large_input_is_read_by_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "usable_cores", lambda: 4)
    assert files._jobs(None, files.PARALLEL_BYTES) == 1
    assert files._jobs(None, files.PARALLEL_BYTES + 1) == 4
    assert files._jobs(3, 10) == 3
    monkeypatch.undo()
    assert files.usable_cores() >= 1


def test_an_error_raised_in_a_worker_reaches_the_caller_whole() -> None:
    import pickle

    error = ClaimError("no such thing", field="published", text="2024-99", row=4)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is ClaimError
    assert (again.field, again.text, again.reason, again.row) == ("published", "2024-99",
                                                                  "no such thing", 4)  # fmt: skip
    assert str(again) == str(error)


def test_a_lexicon_is_sent_to_workers_as_its_lists() -> None:
    import pickle

    from claimrec.lexicon import default_lexicon

    lexicon = default_lexicon()
    again = pickle.loads(pickle.dumps(lexicon))
    assert again == lexicon and hash(again) == hash(lexicon)
    assert again.words("folder_notes") == lexicon.words("folder_notes")


def test_workers_that_cannot_start_give_a_clear_error(tmp_path: Path) -> None:
    # A script with no `if __name__ == "__main__":` guard: each spawned worker imports
    # it and tries to start workers of its own, so none starts its piece.
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(_prose(3, 4), encoding="utf-8")
    script = tmp_path / "unguarded.py"
    script.write_text(
        f"import claimrec\nclaimrec.extract_files({str(tmp_path)!r}, jobs=2, progress=False)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert "ClaimError" in last and '__name__ == "__main__"' in last, done.stderr[-2000:]
