"""bench/graphics.py times the stages `process` really calls: a stage renamed in `pipeline.extract`
must fail here, not leave the benchmark broken until someone runs it."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench():
    spec = importlib.util.spec_from_file_location("bench_graphics", ROOT / "bench" / "graphics.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_every_timed_stage_is_called_by_process():
    mod = bench()
    pdf, html = ROOT / "raw" / "samples" / "05-mocr-sq.pdf", ROOT / "raw" / "samples" / "09-kp-html-sq.html"
    row = mod.measure("two samples", [pdf, html], repeat=1, memory=False)
    assert row["statuses"] == {"ok": 2}
    for stage in ("page model", "graphics", "text layer", "map+validate", "coverage"):
        assert row["split"].get(stage, 0.0) > 0, stage
    assert sum(row["split"].values()) <= row["seconds"] * 1.001
