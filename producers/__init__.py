"""Independent generators of look-alike fact sheets with exact truth (test material, not runtime)."""
