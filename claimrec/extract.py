"""Extraction: candidate claims from article text, and from folders of articles.

:func:`extract` reads one article and returns its claims in the canonical
columns (one row per mention, see ``docs/columns.md``); :func:`extract_files`
reads files and folders, with publication facts from a sidecar table. How the
pieces are bound together — which time expression governs a figure, who
reported it, what it counts — is described in ``docs/extraction.md``; the
readers are in :mod:`claimrec.read` (claims, binding, attribution, measures,
filters, page, files). This module is their public face.
"""

from __future__ import annotations

from claimrec.read.claims import extract, page_text
from claimrec.read.files import ARTICLE_SUFFIXES, extract_files
from claimrec.read.measures import merge_measures

__all__ = ["ARTICLE_SUFFIXES", "extract", "extract_files", "merge_measures", "page_text"]
