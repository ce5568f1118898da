"""Storage: the only package that imports SQLAlchemy, DuckDB, psycopg and Alembic."""
