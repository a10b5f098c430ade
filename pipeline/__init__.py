"""factsheets: PDF and HTML fact sheets on local safety mechanisms -> Parquet indicators with provenance."""
__version__ = "0.1.0"
