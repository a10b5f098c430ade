"""Built once in the forkserver of `pipeline.ops.limits`, so every forked document child starts warm.

Each document is read in a fresh child process; without this, each child would build the spaCy
pipelines, the gazetteer and the fuzzy name indexes again (0.7 s per document, most of a small
fact sheet's reading time). Importing this module builds them; children inherit them by fork.
"""
from __future__ import annotations

from pipeline.ops.limits import die_with_parent

# First, before the seconds of imports below: the forkserver goes with the run that started it, even
# when that run is SIGKILLed while this module is still loading.
die_with_parent()

import pipeline.extract  # noqa: E402,F401  (every reader, imported once)
from pipeline.indicators.catalogue import indicators  # noqa: E402
from pipeline.lang.nlp import LANGUAGES, pipeline  # noqa: E402
from pipeline.places import _fuzzy_index, gazetteer  # noqa: E402
indicators()
gazetteer()
for _country in ("XK", "AL", None):
    _fuzzy_index(_country)
for _lang in LANGUAGES:
    pipeline(_lang)
