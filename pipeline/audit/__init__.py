"""Auditing an output folder: the HTML report, the checks across documents."""
