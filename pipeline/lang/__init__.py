"""The language helpers: vocabulary, periods, spaCy rules and name splitting, in sq, sr and en."""
