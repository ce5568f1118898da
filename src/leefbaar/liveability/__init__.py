"""liveability package (see docs/architecture.md)."""
