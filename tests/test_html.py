"""The HTML report: self-contained, everything escaped, a timeline per group; and
Report.plot() for notebooks."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import pytest
from conftest import with_at_most_100
from test_export import MALICIOUS

import claimrec
from claimrec.html import figure_label, report_html

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def contradiction_report() -> claimrec.Report:
    return claimrec.reconcile(with_at_most_100(url="https://example.org/monitor?a=1&b=2"))


class _Tags(HTMLParser):
    """Collect tags and attributes as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_standalone_page_is_self_contained(seeds_report: claimrec.Report) -> None:
    page = report_html(seeds_report, standalone=True, title="Seeds")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Seeds</title>" in page
    tags = _tags(page)
    names = [tag for tag, _ in tags]
    assert "script" not in names
    assert "link" not in names  # no external stylesheets or fonts
    for _, attrs in tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not value.startswith(("//", "http:")) or key == "href", (key, value)
    assert "@import" not in page and "url(http" not in page
    assert "Content-Security-Policy" in page


def test_groups_verdicts_reasons_and_timelines(seeds_report: claimrec.Report) -> None:
    page = report_html(seeds_report)
    assert page.count('<section class="cr-group') == len(seeds_report.groups)
    assert page.count("<svg") == len(seeds_report.groups)  # one timeline per group
    assert "Ukrainian prisoners of war executed" in page
    assert 'cr-badge cr-diverge">diverge<' in page
    assert "all claims together imply at least 151" in page
    # Figures with their bounds, as labels on the timelines.
    for label in ("≥124", "&gt;150", "~55,000 (49,500–60,500)"):
        assert label in page
    # The diverging group comes first (contradictions, divergences, agreements, singles).
    first = page.index('<section class="cr-group')
    assert page.index("cr-diverge", first) < page.index("cr-single", first)
    # Quotes with their sources; revisions.
    assert "has documented over 150 cases" in page
    assert "Kyiv Independent" in page
    assert "Revisions and discrepancies" in page


def test_timeline_marks_uncertain_and_open_ends(seeds_report: claimrec.Report) -> None:
    page = report_html(seeds_report)
    group = page[page.index('id="cr-group-0"') :]
    svg = group[: group.index("</svg>")]
    assert svg.count('class="cr-row"') == 5  # one row per claim of the group
    assert 'class="cr-uncertain"' in svg  # "since 2022": the start is some day of 2022
    assert 'class="cr-open"' in svg  # "as of May 24": no start, fading in from the left
    assert 'class="cr-arrow"' in svg  # "at least 124": no upper bound
    assert 'class="cr-end-open"' in svg  # "over 150": an open low end, a hollow circle
    assert 'class="cr-end-closed"' in svg  # "109": closed ends, filled circles


def test_conflicts_show_their_inequality_chain(contradiction_report: claimrec.Report) -> None:
    page = report_html(contradiction_report)
    assert 'cr-badge cr-contradict">contradict<' in page
    assert "Contradiction 1 — short by 9" in page
    assert "a count cannot fall over time" in page
    assert "109 ≤ count ≤ 100" in page
    assert '<a href="https://example.org/monitor?a=1&amp;b=2" rel="noopener' in page


def test_malicious_text_is_inert() -> None:
    report = claimrec.reconcile(MALICIOUS)
    for page in (report_html(report), report._repr_html_()):
        assert "<script" not in page.lower()
        assert "<img" not in page.lower()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        tags = _tags(page)
        assert all(tag not in ("script", "img", "iframe", "object") for tag, _ in tags)
        assert all(not any(k.startswith("on") for k in attrs) for _, attrs in tags)
        hrefs = [attrs.get("href") or "" for tag, attrs in tags if tag == "a"]
        assert all(h.startswith(("http://", "https://")) for h in hrefs)
        assert not any("javascript" in h for h in hrefs)
        assert "javascript:alert(1)" in page  # shown as text, not as a link


def test_notebook_html_has_no_page_wrapper(seeds_report: claimrec.Report) -> None:
    fragment = seeds_report._repr_html_()
    assert "<html" not in fragment and "<body" not in fragment
    assert fragment.startswith('<div class="claimrec-report">')
    assert "<style>" in fragment and "<svg" in fragment


def test_report_to_html_writes_the_page(seeds_report: claimrec.Report, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    page = seeds_report.to_html(path, title="Seeds")
    assert path.read_text(encoding="utf-8") == page


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("at least 124", "≥124"),
        ("over 150", ">150"),
        ("up to 1,000", "≤1,000"),
        ("fewer than 20", "<20"),
        ("around 12,000", "~12,000 (10,800–13,200)"),
        ("between 793 and 8,498", "793–8,498"),
        ("dozens", "24–99"),
        ("109", "109"),
        ("11,000", "11,000 (10,500–11,500)"),
        ("some 80%", "~80% (72–88)"),
    ],
)
def test_figure_labels(text: str, label: str) -> None:
    row = claimrec.to_frame([claimrec.claim(text, measure="m")]).iloc[0].to_dict()
    assert figure_label(row) == label


def test_empty_report_renders() -> None:
    report = claimrec.reconcile([])
    page = report_html(report)
    assert "No claims." in page


def test_plot_draws_one_bar_per_claim(contradiction_report: claimrec.Report) -> None:
    ax = contradiction_report.plot()
    group = contradiction_report.groups.sort_values("claims", ascending=False).iloc[0]
    claims = contradiction_report.claims
    n = claims[claims["group"] == group["group"]]["claim_id"].nunique()
    assert n == group["claims"] == 6
    assert len(ax.containers[0]) == n  # the widest reading of each window
    assert len(ax.containers[1]) == n  # its certain part
    assert len(ax.get_yticklabels()) == n
    labels = [t.get_text() for t in ax.texts]
    assert any("≤100" in t for t in labels) and any(">150" in t for t in labels)


def test_plot_a_chosen_group_on_given_axes(seeds_report: claimrec.Report) -> None:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert seeds_report.plot(1, ax=ax) is ax
    assert len(ax.containers[0]) == 1
    with pytest.raises(claimrec.ClaimrecError, match="no such group"):
        seeds_report.plot(999)
    plt.close("all")


def test_plot_without_matplotlib_says_what_to_install(
    seeds_report: claimrec.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(claimrec.ClaimrecError, match=re.escape("pip install 'claimrec[plot]'")):
        seeds_report.plot()


def test_group_headings_are_the_claims_words_and_unread_rows_are_counted() -> None:
    import pandas as pd

    table = pd.DataFrame(
        {
            "reporter": ["Health Office", "City Council", "Health Office"],
            "value": ["120", "125", "lots"],
            "measure": ["measles cases in Lagos"] * 3,
            "window": ["as of 2024-05-01", "as of 2024-05-02", "as of 2024-05-03"],
        }
    )
    page = claimrec.reconcile(table).to_html()
    assert "measles cases in Lagos</h2>" in page
    assert "1 unread row(s)" in page


def test_each_quote_shows_the_words_its_readings_came_from() -> None:
    frame = claimrec.extract(
        "At least 61 people drowned in the delta last week, according to the Coast Guard. "
        "Local officials said 40 people drowned in the delta last week.",
        published="2024-05-10",
    )
    page = claimrec.reconcile(frame).to_html()
    evidence = re.findall(r'<div class="cr-evidence">(.*?)</div>', page)
    assert len(evidence) == 2
    assert any("source: <q>according to the Coast Guard</q>" in e for e in evidence)
    assert all("window: <q>last week</q>" in e for e in evidence)


def test_evidence_is_escaped() -> None:
    frame = claimrec.extract(
        "The Harbour Board said 40 ships docked last week.", published="2024-05-10"
    )
    frame["reporter_text"] = '<img src=x onerror="alert(1)"> said'
    page = claimrec.reconcile(frame).to_html()
    (evidence,) = re.findall(r'<div class="cr-evidence">(.*?)</div>', page)
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; said" in evidence
    assert "<img" not in page
