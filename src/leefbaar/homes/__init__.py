"""homes package (see docs/architecture.md)."""
