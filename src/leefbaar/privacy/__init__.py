"""privacy package (see docs/architecture.md)."""
