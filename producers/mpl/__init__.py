"""Independent fixture producer: look-alike fact sheets drawn entirely with matplotlib's PDF
backend (PdfPages), with exact truth recorded as each value is drawn."""
