"""The readers: text in, records out. Their rules are tables, their words the lexicon.

* :mod:`~claimrec.read.tokens` — tokens, numbers in digits and in words;
* :mod:`~claimrec.read.figures` — ``parse_value``, ``find_values`` (the figure
  grammar; its layers, lowest first: :mod:`~claimrec.read.amount_types`,
  :mod:`~claimrec.read.unit_tokens`, :mod:`~claimrec.read.amount_tails`,
  :mod:`~claimrec.read.amounts`, :mod:`~claimrec.read.readings`,
  :mod:`~claimrec.read.ranges`; its checks and words
  :mod:`~claimrec.read.figure_checks` and :mod:`~claimrec.read.figure_words`);
* :mod:`~claimrec.read.times` — ``parse_window``, ``find_windows``,
  ``parse_reference`` (the window rules are :mod:`~claimrec.read.time_rules`, their
  parts the other ``time_*`` modules);
* :mod:`~claimrec.read.fields` — one claim field from a loose cell;
* :mod:`~claimrec.read.page`, :mod:`~claimrec.read.attribution`,
  :mod:`~claimrec.read.binding`, :mod:`~claimrec.read.measures`,
  :mod:`~claimrec.read.filters`, :mod:`~claimrec.read.claims`,
  :mod:`~claimrec.read.files` — extraction from articles.

The public verbs are importable from :mod:`claimrec` itself. This package
imports none of its modules, so that importing one reader loads only what it
needs.
"""
