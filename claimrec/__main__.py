"""``python -m claimrec``: the same command line as ``claimrec``."""

from __future__ import annotations

import sys

from claimrec.cli import main

if __name__ == "__main__":
    sys.exit(main())
