"""The `factsheets` command: `ingest` reads documents (through the Prefect flow when it helps), `backfill` and `serve` run it over archives
and on a schedule, `match` names municipalities, `audit`, `diff` and `export` audit an output folder."""
from __future__ import annotations

from pathlib import Path

import typer

from pipeline.cli import audit as cli_audit
from pipeline.cli import match as cli_match
from pipeline.cli import ops as cli_ops

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Fact sheets on local safety mechanisms -> Parquet indicators with provenance.")
app.command("match", help="Print the municipality id of each name (or of each row of a CSV).")(cli_match.match)
app.command("backfill")(cli_ops.backfill)
app.command("serve")(cli_ops.serve)
app.command("audit")(cli_audit.audit)
app.command("diff")(cli_audit.diff)
app.command("export")(cli_audit.export)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(None, help="PDF or HTML files, or folders searched recursively"),
    out: str = cli_ops.OUT,
    registry: Path | None = typer.Option(None, "--registry", help="sources.yaml: download what is new first"),
    raw_dir: Path = cli_ops.RAW, workers: int = cli_ops.WORKERS, dask: str | None = cli_ops.DASK,
    force: bool = cli_ops.FORCE, time_limit: float = cli_ops.TIME_LIMIT, memory_limit: int = cli_ops.MEMORY_LIMIT,
    prefect: bool | None = cli_ops.PREFECT,
) -> None:
    """Ingest documents and print a short summary; exits 0 even when documents were quarantined."""
    cli_ops.run_flow(list(paths or []), out, registry, raw_dir, workers, dask, force, None,
                     cli_ops.Limits(time_limit, memory_limit), prefect=prefect)

