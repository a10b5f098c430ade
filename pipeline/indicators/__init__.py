"""From what the readers saw to catalogue indicators: mapping, validation, coverage."""
