"""What a run ingests: the files named or found in folders, and registry downloads, as `Input`s.

Kept apart from the readers so the command line checks its paths without importing them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.model.records import DocInfo

SUFFIXES = {".pdf", ".html", ".htm"}


def discover(paths: list[Path]) -> list[Path]:
    """Files to ingest: the PDFs and HTML files named, or found under the folders named (recursively).

    Files with other extensions inside folders are skipped (a folder also holds truth tables,
    notes ...); a file named explicitly is always taken, and `sniff` decides what it really is.
    """
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                            and not any(part.startswith(".") for part in f.relative_to(p).parts))
        elif p.exists():
            found.append(p)
        else:
            raise FileNotFoundError(f"{p} does not exist; give a PDF, an HTML file or a folder")
    unique: dict[Path, None] = {f.resolve(): None for f in found}
    return list(unique)


@dataclass(frozen=True)
class Input:
    """One document to ingest: where it is, what the run log calls it, what a registry says about it."""

    path: Path
    source_id: str
    where: str  # path or URL, for the run log
    hint: DocInfo | None = None


def local_inputs(paths: list[Path]) -> list[Input]:
    return [Input(p, f"local:{p.name}", str(p)) for p in discover(paths)]
