"""The HTML report: one self-contained page (inline CSS and SVG, no scripts, no
network) with the groups, their verdicts and reasons, the conflicts and their
inequality chains, revisions, the quotes with their sources, and a timeline
chart per group.

Everything that comes from a claims table or an article (quotes, reporters,
measures, reasons, URLs) is untrusted: it is escaped with :func:`html.escape`,
and a URL becomes a link only when its scheme is http or https. The standalone
page also carries a Content-Security-Policy that forbids scripts altogether.
"""

from __future__ import annotations

import html
import math
from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pandas as pd

from claimrec.export import _text
from claimrec.timeline import (
    _Claim,
    _group_claims,
    _in_group,
    _shorten,
    figure_label,
    group_timeline_svg,
    window_label,
)
from claimrec.value import format_number

if TYPE_CHECKING:
    from claimrec.report import Report

__all__ = ["figure_label", "group_timeline_svg", "report_html", "window_label"]

_VERDICT_ORDER = {"contradict": 0, "diverge": 1, "agree": 2, "single": 3}

Row = Mapping[Hashable, Any]


def _e(value: object) -> str:
    """Escaped text of a cell; missing cells are empty."""
    text = _text(value)
    return "" if text is None else html.escape(text, quote=True)


# --- the page ----------------------------------------------------------------------------------

_CSS = """
.claimrec-report{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 color:#1d232b;line-height:1.45;max-width:1100px;font-size:15px}
.claimrec-report h1{font-size:1.6em;margin:.2em 0 .4em}
.claimrec-report h2{font-size:1.2em;margin:0 0 .3em}
.claimrec-report h3{font-size:1em;margin:.8em 0 .3em}
.claimrec-report .cr-group{border:1px solid #d7dce3;border-left:6px solid #8a94a3;
 border-radius:6px;padding:.8em 1em;margin:1em 0;background:#fff}
.claimrec-report .cr-group.cr-contradict{border-left-color:#c0392b}
.claimrec-report .cr-group.cr-diverge{border-left-color:#d68910}
.claimrec-report .cr-group.cr-agree{border-left-color:#1e8449}
.claimrec-report .cr-badge{display:inline-block;padding:.05em .55em;border-radius:1em;
 font-size:.78em;font-weight:700;letter-spacing:.04em;text-transform:uppercase;
 color:#fff;background:#8a94a3;vertical-align:middle}
.claimrec-report .cr-badge.cr-contradict{background:#c0392b}
.claimrec-report .cr-badge.cr-diverge{background:#b9770e}
.claimrec-report .cr-badge.cr-agree{background:#1e8449}
.claimrec-report .cr-meta,.claimrec-report .cr-note{color:#5b6573;font-size:.88em;margin:.1em 0}
.claimrec-report .cr-consensus{background:#eef5ee;padding:.4em .6em;border-radius:4px}
.claimrec-report .cr-conflict{background:#fdf0ee;border:1px solid #f0c4bd;border-radius:4px;
 padding:.4em .7em;margin:.6em 0}
.claimrec-report .cr-chain{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
 font-size:.88em;white-space:pre-wrap;margin:.3em 0}
.claimrec-report table{border-collapse:collapse;width:100%;font-size:.9em;margin:.4em 0}
.claimrec-report th,.claimrec-report td{border-bottom:1px solid #e3e7ed;padding:.3em .4em;
 text-align:left;vertical-align:top}
.claimrec-report th{background:#f4f6f9}
.claimrec-report blockquote{margin:0 0 .2em;padding-left:.6em;border-left:3px solid #ccd3dd;
 color:#333}
.claimrec-report .cr-source{color:#5b6573;font-size:.85em}
.claimrec-report .cr-evidence{color:#3d4a5c;font-size:.82em;margin:.1em 0}
.claimrec-report svg.cr-timeline{max-width:1000px;display:block;margin:.5em 0}
.claimrec-report svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
 font-size:12px;fill:#1d232b}
.claimrec-report svg text.cr-tick{font-size:11px;fill:#555}
.claimrec-report svg text.cr-unknown{font-style:italic;fill:#888}
.claimrec-report .cr-legend{font-size:.85em;color:#444}
.claimrec-report code{font-size:.9em;background:#f4f6f9;padding:0 .2em;border-radius:3px}
"""

# No scripts, no remote anything: a report of untrusted text must not be able to run code.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _link(url: object) -> str:
    text = _text(url)
    if text is None:
        return ""
    try:
        scheme = urlsplit(text.strip()).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in ("http", "https"):
        return (
            f'<a href="{html.escape(text.strip(), quote=True)}" rel="noopener noreferrer nofollow">'
            f"{html.escape(_shorten(text.strip(), 80))}</a>"
        )
    return f"<span>{html.escape(text)}</span>"


def _badge(verdict: object) -> str:
    v = _text(verdict) or "single"
    return f'<span class="cr-badge cr-{html.escape(v)}">{html.escape(v)}</span>'


def _mentions(frame: pd.DataFrame, claim_id: str) -> list[Row]:
    if "claim_id" not in frame.columns:
        return []
    rows: list[Row] = list(frame[frame["claim_id"] == claim_id].to_dict(orient="records"))
    return rows


#: The words each reading of a mention came from, shown under its quote.
EVIDENCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source", "reporter_text"),
    ("window", "window_text"),
    ("measure", "measure_text"),
)


def _evidence(mention: Row) -> str:
    """ "read from — source: “police said” · window: “last week”", so a reviewer sees
    at once why the mention was read the way it was."""
    parts = [
        f"{label}: <q>{_e(mention.get(column))}</q>"
        for label, column in EVIDENCE_COLUMNS
        if _text(mention.get(column))
    ]
    return f'<div class="cr-evidence">read from — {" · ".join(parts)}</div>' if parts else ""


def _claims_table(report: Report, group: int, claims: Sequence[_Claim]) -> str:
    rows = [
        '<table class="cr-claims"><thead><tr><th>Reporter</th><th>Figure</th>'
        "<th>Window</th><th>Quote and sources</th></tr></thead><tbody>"
    ]
    group_rows = report.claims[_in_group(report.claims, group)]
    for c in claims:
        cells: list[str] = []
        for mention in _mentions(group_rows, c.claim_id) or [c.row]:
            quote = _e(mention.get("quote"))
            source = " · ".join(
                part
                for part in (
                    _e(mention.get("via")),
                    _e(mention.get("published")),
                    _e(mention.get("document")),
                    _link(mention.get("url")),
                )
                if part
            )
            cells.append(
                (f"<blockquote>{quote}</blockquote>" if quote else "")
                + _evidence(mention)
                + (f'<div class="cr-source">{source}</div>' if source else "")
            )
        written = _e(c.row.get("window_text"))
        as_written = _e(c.row.get("reporter_as_written"))
        reporter = _e(c.row.get("reporter")) or "unattributed"
        rows.append(
            f'<tr id="cr-claim-{html.escape(c.claim_id)}"'
            + (' class="cr-in-conflict"' if c.in_conflict else "")
            + f"><td>{reporter}"
            + (
                f'<div class="cr-source">as written: {as_written}</div>'
                if as_written and as_written != reporter
                else ""
            )
            + f"</td><td>{html.escape(figure_label(c.row))}"
            + (
                f'<div class="cr-source">“{_e(c.row.get("value_text"))}”</div>'
                if _text(c.row.get("value_text"))
                else ""
            )
            + f"</td><td>{html.escape(window_label(c.row))}"
            + (f'<div class="cr-source">“{written}”</div>' if written else "")
            + f"</td><td>{''.join(cells)}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _group_section(report: Report, row: Row) -> str:
    gid = int(row["group"])
    verdict = _text(row.get("verdict")) or "single"
    claims = _group_claims(report, gid)
    heading = (
        _text(row.get("label"))
        or (_text(claims[0].row.get("measure_text")) if claims else None)
        or _text(row.get("measure"))
        or "(no measure)"
    )
    parts = [
        f'<section class="cr-group cr-{html.escape(verdict)}" id="cr-group-{gid}">',
        f"<h2>{_badge(verdict)} {html.escape(heading)}</h2>",
        f'<p class="cr-meta">group {gid} · measure <code>{_e(row.get("measure"))}</code> · '
        f"{_e(row.get('measure_kind'))} · {_e(row.get('unit'))} · "
        f"{int(row.get('claims') or 0)} claim(s)</p>",
        f'<p class="cr-reason">{_e(row.get("reason"))}</p>',
    ]
    if _text(row.get("consensus")):
        rests = _e(row.get("consensus_rests_on"))
        parts.append(
            f'<p class="cr-consensus"><strong>Consensus:</strong> {_e(row.get("consensus"))}'
            + (f'<br><span class="cr-source">rests on: {rests}</span>' if rests else "")
            + "</p>"
        )
    conflicts = report.conflicts[report.conflicts["group"] == gid]
    for number, conflict in enumerate(conflicts.to_dict(orient="records"), start=1):
        gap = conflict.get("gap")
        short = (
            f" — short by {html.escape(format_number(float(gap)))}"
            if gap is not None and gap is not pd.NA and not math.isnan(float(gap))
            else ""
        )
        parts.append(
            '<div class="cr-conflict">'
            f"<h3>Contradiction {number}{short}</h3>"
            f'<p class="cr-meta">cannot all be true: {_e(conflict.get("reporters"))}</p>'
            f'<p class="cr-chain">{_e(conflict.get("chain"))}</p></div>'
        )
    parts.append(group_timeline_svg(report, gid))
    parts.append(_claims_table(report, gid, claims))
    pairs = report.pairs[report.pairs["group"] == gid]
    if len(pairs):
        parts.append(
            f"<details><summary>{len(pairs)} pair(s) compared</summary>"
            "<table><thead><tr><th>Verdict</th><th>Claims</th><th>Reason</th></tr></thead><tbody>"
        )
        for pair in pairs.to_dict(orient="records"):
            parts.append(
                f"<tr><td>{_badge(pair.get('verdict'))}</td>"
                f"<td>{_e(pair.get('reporter_a'))} / {_e(pair.get('reporter_b'))}</td>"
                f"<td>{_e(pair.get('reason'))}</td></tr>"
            )
        parts.append("</tbody></table></details>")
    parts.append("</section>")
    return "".join(parts)


def _revisions_section(report: Report) -> str:
    if not len(report.revisions):
        return ""
    rows = [
        '<section class="cr-revisions"><h2>Revisions and discrepancies</h2>'
        "<table><thead><tr><th>Type</th><th>Reporter</th><th>Measure</th><th>Reason</th>"
        "</tr></thead><tbody>"
    ]
    for revision in report.revisions.to_dict(orient="records"):
        rows.append(
            f"<tr><td>{_e(revision.get('type'))}</td><td>{_e(revision.get('reporter'))}</td>"
            f"<td>{_e(revision.get('measure'))}</td><td>{_e(revision.get('reason'))}</td></tr>"
        )
    rows.append("</tbody></table></section>")
    return "".join(rows)


_LEGEND = (
    '<p class="cr-legend">Timelines: a solid bar is a window as stated; a hatched span is an '
    "uncertain end (the end falls on some day in it); a bar fading in from the left has no "
    "start (it counts from any earlier day); a diamond is a level at a moment. On the value "
    "scale, ● is an end that belongs to the figure, ○ one that does not, and an arrow a side "
    "without bound. Claims in a contradiction are drawn in red.</p>"
)


def report_html(
    report: Report,
    *,
    standalone: bool = True,
    title: str = "claimrec report",
    max_groups: int | None = None,
) -> str:
    """The report as HTML: a complete page when ``standalone`` (inline CSS, inline
    SVG, no scripts or remote resources), else a ``<div>`` for a notebook.

    Groups are listed contradictions first, then divergences, agreements and
    single claims, each in the order of the groups table (largest gap first);
    ``max_groups`` limits how many are drawn. All text from the claims is escaped.
    """
    # The groups table comes sorted (contradictions first, then by gap): keep its order.
    groups = report.groups.copy()
    groups["_order"] = groups["verdict"].map(_VERDICT_ORDER).fillna(9)
    groups = groups.sort_values(["_order"], kind="stable")
    records: Sequence[Row] = groups.to_dict(orient="records")
    shown = records if max_groups is None else records[: max(0, max_groups)]
    counts = report.groups["verdict"].value_counts().to_dict() if len(report.groups) else {}
    summary = " ".join(
        f"{_badge(v)} {int(counts.get(v, 0))}" for v in ("contradict", "diverge", "agree", "single")
    )
    body = [
        '<div class="claimrec-report">',
        f"<style>{_CSS}</style>" if not standalone else "",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="cr-summary">{len(report.claims)} mention(s), {len(report.groups)} group(s): '
        f"{summary}"
        + (f" · {len(report.unread)} unread row(s)" if len(getattr(report, "unread", ())) else "")
        + "</p>",
        _LEGEND if records else '<p class="cr-note">No claims.</p>',
    ]
    body.extend(_group_section(report, row) for row in shown)
    if len(shown) < len(records):
        body.append(f'<p class="cr-note">{len(records) - len(shown)} more group(s) not shown.</p>')
    body.append(_revisions_section(report))
    body.append("</div>")
    content = "".join(body)
    if not standalone:
        return content
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>"
        f"<body>{content}</body></html>\n"
    )
