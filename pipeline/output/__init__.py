"""The output tables: schema, contracts, atomic writes, history, the resolved view, report.md."""
