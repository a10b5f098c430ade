"""The general table reader: finding cells (lattice, stream, route) apart from giving them meaning (interpret)."""
