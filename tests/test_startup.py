"""Start-up: importing claimrec builds nothing it can build on first use.

pint's registry (about half a second), the lexicon's files and the readers'
compiled patterns are made when first needed, so ``import claimrec`` and
``claimrec --help`` stay quick (figures: ``benchmarks/startup.py``; no timing
is asserted here).
"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

_PROBE = """
import sys
import claimrec
from claimrec.lexicon import default_lexicon
from claimrec.units import registry
loaded = [m for m in ("pint", "hypothesis") if m in sys.modules]
built = [f.__name__ for f in (default_lexicon, registry) if f.cache_info().currsize]
print(loaded, built)
"""


def test_import_claimrec_loads_no_registry_lexicon_or_pint() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split("\n")[0] == "[] []"


def test_first_use_builds_them() -> None:
    probe = _PROBE.replace("loaded =", "claimrec.parse_value('PLN 500')\nloaded =")
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split("\n")[0] == "['pint'] ['default_lexicon', 'registry']"
