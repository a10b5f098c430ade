"""A document's id: the sha256 of its bytes.

Kept apart from the readers, so that the run (which hashes every input to decide what it must read
again) gets it without importing them.
"""
from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_of(path: Path) -> str:
    with Path(path).open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()
