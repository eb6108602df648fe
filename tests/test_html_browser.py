"""The HTML report in a real browser: headless Chromium renders it without errors.

What is checked, and how:

* Chromium is run twice on the written ``file://`` page, with ``--screenshot`` and
  with ``--dump-dom``, both with ``--enable-logging=stderr --v=0`` so that every
  message the *page* sends to the console is logged on stderr as a line
  ``...:INFO:CONSOLE(...)] "message", source: file:///...``. Uncaught exceptions
  appear there as ``"Uncaught ..."``, and Content-Security-Policy violations (a
  script or a remote resource the page's policy blocked) as console messages too.
  The report has no scripts, so any such line is a failure. Chromium's own noise
  on a headless machine (D-Bus, GPU, sandbox warnings) does not come from the page
  and is not counted.
* The screenshot is a PNG file in the test's temporary folder.
* The rendered DOM shows the POW-executions group, its timeline, and the
  malicious quotes as text, with no element injected from the data.

The test is skipped only when no ``chromium`` is installed (CI installs it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT
from test_export import MALICIOUS

import claimrec

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

# Lines Chromium writes for the page's console (console.*, uncaught errors, CSP reports).
PAGE_CONSOLE = re.compile(r"CONSOLE|Uncaught", re.IGNORECASE)


def _chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *extra,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def _console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if PAGE_CONSOLE.search(line)]


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = pd.read_csv(ROOT / "examples" / "seeds_claims.csv", dtype=str, keep_default_na=False)
    table = pd.concat([seeds, MALICIOUS], ignore_index=True).fillna("")
    report = claimrec.reconcile(table)
    page = tmp_path_factory.mktemp("browser") / "report.html"
    report.to_html(page, title="Seed claims")
    return page


def test_screenshot_without_console_errors(report_page: Path, tmp_path: Path) -> None:
    screenshot = tmp_path / "report.png"
    result = _chromium(
        report_page,
        tmp_path / "profile",
        f"--screenshot={screenshot}",
        "--window-size=1280,2000",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert _console_lines(result.stderr) == []
    assert screenshot.is_file()
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 10_000  # a rendered page, not a blank one


def test_rendered_dom_shows_the_pow_group(report_page: Path, tmp_path: Path) -> None:
    result = _chromium(report_page, tmp_path / "profile", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert _console_lines(result.stderr) == []
    dom = result.stdout
    assert "Ukrainian prisoners of war executed" in dom
    assert "execution pow ukrainian" in dom
    section = dom[dom.index("Ukrainian prisoners of war executed") :]
    assert "<svg" in section[:20_000]
    assert "at least 151" in dom
    # The malicious data stayed text: nothing was injected into the DOM.
    assert "<script" not in dom.lower()
    assert "<img" not in dom.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
