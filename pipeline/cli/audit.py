"""`factsheets audit`, `diff` and `export`: auditing an output folder without a Python shell."""
from __future__ import annotations

import sys

import typer

from pipeline.output import location
from pipeline.output.location import Location

OUT_HELP = "output folder (or URI, s3://bucket/prefix) of `factsheets ingest` (holds indicators/, documents/, review/)"


def require_output(out: str) -> Location:
    """The output location, which must hold a run log."""
    try:
        where = location.parse(out)
    except (ValueError, ImportError) as e:
        raise typer.BadParameter(f"{out}: {e}") from None
    if not (where / "documents").is_dir():
        raise typer.BadParameter(f"{out} holds no documents/ table; run `factsheets ingest ... --out {out}` first")
    return where


def audit(out: str = typer.Argument(..., help=OUT_HELP)) -> None:
    """Check documents against each other, write current/, report.md and the HTML report audit/."""
    from pipeline.audit.audit import audit as run_audit
    from pipeline.audit.crossdoc import key_text

    a = run_audit(require_output(out))
    typer.echo(a.summary_markdown())
    for _, d in a.disagreements.iterrows():
        typer.echo(f"{d['check']}: {key_text(d)}: {d['value_a']:g} in {d['document_a']} p{d['page_a']} vs "
                   f"{d['value_b']:g} in {d['document_b']} p{d['page_b']}")


def diff(document: str | None = typer.Argument(None, help="a document id (or its first characters) or file name"),
         out: str = typer.Option("processed", "--out", help=OUT_HELP),
         run: list[str] = typer.Option(None, "--run", help="--run A --run B: compare run A to run B "
                                                           "(default: the last run against each document's previous)")
         ) -> None:
    """List the values added, removed and changed between two runs, as CSV on standard output."""
    from pipeline.output.history import diff as run_diff

    where = require_output(out)
    if run and len(run) != 2:
        raise typer.BadParameter("give --run twice (A then B), or not at all", param_hint="--run")
    changes = run_diff(where, *(run or [None, None]), document=document)
    changes.to_csv(sys.stdout, index=False)
    counts = changes["change"].value_counts().to_dict()
    typer.echo(", ".join(f"{counts.get(c, 0)} {c}" for c in ("added", "removed", "changed")), err=True)


def export(out: str = typer.Argument(..., help=OUT_HELP),
           to: str | None = typer.Option(None, "--to", help="write current/ here (a folder or URI) instead of under "
                                                            "the output folder")
           ) -> None:
    """Write the resolved view: one value per (indicator, municipality, category, period), conflicts flagged."""
    from pipeline.output.resolve import export as run_export

    folder, n_keys, n_conflicts = run_export(require_output(out), location.parse(to) if to else None)
    typer.echo(f"{n_keys} values, {n_conflicts} with conflicting candidates -> {folder}/indicators.parquet, "
               f"{folder}/conflicts.parquet")
