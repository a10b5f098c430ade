"""`factsheets match`: municipality ids for names given on the command line or in a CSV file."""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import typer


def _read_texts(path: Path) -> list[str]:
    """The `text` column of a CSV file (cells may hold quoted line breaks)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if "text" not in (reader.fieldnames or []):
            raise typer.BadParameter(f"{path} has no 'text' column", param_hint="--csv")
        return [row["text"] for row in reader]


def _write_csv(rows: list[tuple[str, str, float]]) -> None:
    """Rows to standard output as CSV, so that names with line breaks stay one quoted cell."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["text", "municipality_id", "score"])
    writer.writerows(rows)


CSV_HELP = "CSV file with a 'text' column; writes text,municipality_id,score as CSV to standard output."


def match(names: list[str] = typer.Argument(None, help="Names as printed, e.g. 'Deçan/Dečane'."),
          csv: Path | None = typer.Option(None, "--csv", exists=True, dir_okay=False, help=CSV_HELP)) -> None:
    """Match municipality names to ids: NAME<TAB>ID<TAB>SCORE per name (empty id when none)."""
    from pipeline.places import match_rows  # the gazetteer and its name indexes: not for the other commands

    if csv is not None:
        _write_csv(match_rows(_read_texts(csv)))
        return
    if not names:
        raise typer.BadParameter("give names, or --csv FILE", param_hint="NAMES")
    for text, municipality_id, score in match_rows(names):
        typer.echo(f"{text}\t{municipality_id}\t{score}")
