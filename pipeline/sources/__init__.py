"""The source registry and the downloader."""
