"""rules package (see docs/architecture.md)."""
