"""The run body without Prefect, for local runs that have nothing to give it (`cli.ops.uses_flow`:
no registry, no server in `PREFECT_API_URL`, no documents for `--workers`/`--dask`), and `--no-prefect`.

Without `PREFECT_API_URL`, a run's Prefect API lives inside the run's process and its database is
deleted when the run ends (`prefect_api`), so nothing of Prefect's record outlives the run; what
Prefect still costs is its start. Prefect has no mode that runs a flow without an API (PrefectHQ/prefect
issue 15927 asks for one; a flow run is created, and its states set, through the API), so the
only way around that cost is not to run a flow. This path reads the documents one after the other in
the same limited children (`limits.process_limited`), logs unchanged ones from the same ledger
and ends with the same audit. It has no Prefect task cache (a document whose rows went missing is
read again), no artifacts and no task runner (`--workers` and `--dask` need the flow).
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from pipeline import runs
from pipeline.audit.audit import audit_after_run
from pipeline.model.records import Outcome
from pipeline.ops import ledger
from pipeline.ops.inputs import Input, local_inputs
from pipeline.ops.limits import Limits, process_limited

logger = logging.getLogger("factsheets")


def run(paths: list[Path], out: Path, force: bool = False, limits: Limits = Limits(),
        reporter: runs.Reporter | None = None) -> list[dict]:
    """Ingest files and folders into `out` in this process; the run log's rows, statuses after the audit."""

    def processor(items: list[Input]) -> Iterator[tuple[Input, Outcome]]:
        for item in items:
            yield item, process_limited(item.path, item.hint, limits)

    documents = runs.run(local_inputs(paths), out, str(uuid.uuid4()), processor, force, reporter,
                         key=partial(ledger.document_key, limits=limits))
    ledger.prune(out)
    return audit_after_run(out, documents, logger)[0]
