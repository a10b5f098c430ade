"""`python -m pipeline.cli`: the same command as `factsheets`."""
from pipeline.cli import app

app()
