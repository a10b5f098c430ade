"""One module per document kind; each exposes build(rng, lang, file, style[, cyr])."""
