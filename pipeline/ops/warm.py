"""Built once in the forkserver of `pipeline.ops.limits`, so every forked document child starts warm.

Each document is read in a fresh child process; without this, each child would build the spaCy
pipelines, the gazetteer and the fuzzy name indexes again (0.7 s per document, most of a small
fact sheet's reading time). Importing this module builds them; children inherit them by fork.
"""
from __future__ import annotations

import pipeline.extract  # noqa: F401  (every reader, imported once)
from pipeline.indicators.catalogue import indicators
from pipeline.ops.limits import die_with_parent
from pipeline.lang.nlp import LANGUAGES, pipeline
from pipeline.places import _fuzzy_index, gazetteer

die_with_parent()  # the forkserver goes with the run that started it, even when that run is SIGKILLed
indicators()
gazetteer()
for _country in ("XK", "AL", None):
    _fuzzy_index(_country)
for _lang in LANGUAGES:
    pipeline(_lang)
