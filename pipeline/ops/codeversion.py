"""Which code read a document: the package version plus a hash of every source and data file of
`pipeline/`.

A document's cached result is keyed by its sha256 and this version, so a change to any reader,
vocabulary or gazetteer (even without a version bump) makes every document read again, and an
unchanged document with unchanged code is never read twice.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from pipeline import __version__

PACKAGE = Path(__file__).resolve().parents[1]
HASHED = ("**/*.py", "data/*")


@cache
def code_version() -> str:
    """'0.1.0+<12 hex digits>': stable across machines for the same sources (paths relative, sorted)."""
    digest = hashlib.sha256()
    for pattern in HASHED:
        for path in sorted(PACKAGE.glob(pattern)):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"
