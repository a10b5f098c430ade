"""The page model and the records that travel with every value (readers import from here, never from each other)."""
