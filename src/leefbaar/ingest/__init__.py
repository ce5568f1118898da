"""Ingest: read source files into Arrow and declare, per import kind, what a valid row is."""
