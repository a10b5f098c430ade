"""Running at scale: limits per document, the Prefect API, progress, the cache key, inputs."""
