"""The `factsheets` command: `ingest` runs the Prefect flow, `match` names municipalities, `audit`, `diff`
and `export` audit an output folder."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from pipeline import cli_audit, cli_match

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Fact sheets on local safety mechanisms -> Parquet indicators with provenance.")
app.command("match", help="Print the municipality id of each name (or of each row of a CSV).")(cli_match.match)
app.command("audit")(cli_audit.audit)
app.command("diff")(cli_audit.diff)
app.command("export")(cli_audit.export)
console = Console(stderr=True, width=140)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(None, help="PDF or HTML files, or folders searched recursively"),
    out: Path = typer.Option(Path("processed"), "--out", help="output folder for indicators/, documents/, review/"),
    registry: Path | None = typer.Option(None, "--registry", help="sources.yaml: download what is new first"),
    raw_dir: Path = typer.Option(Path("raw/downloads"), "--raw-dir", help="where registry downloads are kept"),
    workers: int = typer.Option(1, "--workers", min=1, help="worker processes (a local Dask cluster when > 1)"),
) -> None:
    """Run the ingest flow and print a short summary; exits 0 even when documents were quarantined."""
    if not paths and not registry:
        raise typer.BadParameter("give at least one PATH or --registry sources.yaml")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network at run time
    # the ephemeral server's 20 s default start-up timeout fails on a loaded machine (measured: load 11 on 2 cores)
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    from flows.ingest import with_workers  # Prefect is imported only when a flow runs

    try:
        documents = with_workers(workers)(paths=list(paths or []), out=out, registry=registry, raw_dir=raw_dir)
    except FileNotFoundError as e:
        console.print(f"[red]{e}[/red]")
        raise typer.Exit(2) from e
    summary(documents, out)


def summary(documents: list[dict], out: Path) -> None:
    table = Table(title=f"factsheets ingest -> {out.resolve()}")
    for col in ("document", "publisher", "mechanism", "lang", "period", "status", "values", "review"):
        table.add_column(col)
    for d in documents:
        period = f"{d['period_start'] or ''}..{d['period_end'] or ''}"
        status = d["status"] if not d["error"] else f"{d['status']}: {d['error'][:60]}"
        table.add_row(Path(d["path_or_url"]).name, d["publisher"] or "", d["mechanism"] or "", d["language"] or "",
                      period, status, str(d["n_indicators"]), str(d["n_review"]))
    console.print(table)
    quarantined = sum(d["status"] == "quarantined" for d in documents)
    console.print(f"{len(documents)} documents ({quarantined} quarantined), "
                  f"{sum(d['n_indicators'] for d in documents)} values, {sum(d['n_review'] for d in documents)} "
                  f"review items; indicators/, documents/, review/, report.md and audit/index.html are in {out.resolve()}")


if __name__ == "__main__":
    app()
