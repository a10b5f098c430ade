"""`factsheets audit`, `diff` and `export`: auditing an output folder without a Python shell."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

OUT_HELP = "output folder of `factsheets ingest` (holds indicators/, documents/, review/)"


def require_output(out: Path) -> None:
    if not (out / "documents").is_dir():
        raise typer.BadParameter(f"{out} holds no documents/ table; run `factsheets ingest ... --out {out}` first")


def audit(out: Path = typer.Argument(..., help=OUT_HELP)) -> None:
    """Check documents against each other, write current/, report.md and the HTML report audit/."""
    from pipeline.audit.audit import audit as run_audit
    from pipeline.audit.crossdoc import key_text

    require_output(out)
    a = run_audit(out)
    typer.echo(a.summary_markdown())
    for _, d in a.disagreements.iterrows():
        typer.echo(f"{d['check']}: {key_text(d)}: {d['value_a']:g} in {d['document_a']} p{d['page_a']} vs "
                   f"{d['value_b']:g} in {d['document_b']} p{d['page_b']}")


def diff(document: str | None = typer.Argument(None, help="a document id (or its first characters) or file name"),
         out: Path = typer.Option(Path("processed"), "--out", help=OUT_HELP),
         run: list[str] = typer.Option(None, "--run", help="--run A --run B: compare run A to run B "
                                                           "(default: the last run against each document's previous)")
         ) -> None:
    """List the values added, removed and changed between two runs, as CSV on standard output."""
    from pipeline.output.history import diff as run_diff

    require_output(out)
    if run and len(run) != 2:
        raise typer.BadParameter("give --run twice (A then B), or not at all", param_hint="--run")
    changes = run_diff(out, *(run or [None, None]), document=document)
    changes.to_csv(sys.stdout, index=False)
    counts = changes["change"].value_counts().to_dict()
    typer.echo(", ".join(f"{counts.get(c, 0)} {c}" for c in ("added", "removed", "changed")), err=True)


def export(out: Path = typer.Argument(..., help=OUT_HELP),
           to: Path | None = typer.Option(None, "--to", help="write current/ here instead of under the output folder")
           ) -> None:
    """Write the resolved view: one value per (indicator, municipality, category, period), conflicts flagged."""
    from pipeline.output.resolve import export as run_export

    require_output(out)
    folder, n_keys, n_conflicts = run_export(out, to)
    typer.echo(f"{n_keys} values, {n_conflicts} with conflicting candidates -> {folder}/indicators.parquet, "
               f"{folder}/conflicts.parquet")
