"""Alembic migrations of the Leefbaar schema. Never edit a migration that has landed."""
