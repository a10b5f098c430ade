"""Look-alike fact sheets written as HTML + CSS + inline SVG and printed to PDF by headless Chromium.

A different hand and tool from `fixtures/` (reportlab): the measure of how the pipeline reads
browser-printed documents. `python -m producers.browser OUT_DIR --seed N`.
"""
