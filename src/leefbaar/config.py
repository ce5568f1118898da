"""Settings, each declared once with a description; read from ``LEEFBAAR_*`` environment variables.

docs/settings.md lists every setting (a test compares it with this class). Unsafe defaults are
refused outside development: see :meth:`Settings.check_safe`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "ontwikkeling-niet-geheim"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEEFBAAR_", extra="ignore")

    database_url: str = Field(
        "duckdb:///leefbaar.duckdb",
        description="SQLAlchemy-style database URL: duckdb:///path/file.duckdb (embedded default) "
        "or postgresql+psycopg://user@host:port/db.",
    )
    environment: Literal["development", "production"] = Field(
        "development",
        description="development allows demo accounts and placeholder secrets; production refuses them.",
    )
    secret_key: str = Field(
        DEV_SECRET,
        description="Secret for session cookies and CSRF tokens. Must be set outside development.",
    )
    pseudonym_key: str = Field(
        DEV_SECRET,
        description="Key for the keyed hashes (HMAC) that pseudonymise households per receiving party. "
        "Never stored in the database. Must be set outside development.",
    )
    suppression_k: int = Field(
        5, ge=1, description="Counts below this number are suppressed in every aggregate that leaves Leefbaar."
    )
    population_threshold: int = Field(
        100, ge=0, description="Areas with fewer inhabitants get no liveability score (suppressed with reason)."
    )
    import_max_errors: int = Field(
        20, ge=1, description="How many validation errors an import report shows (the total is always counted)."
    )
    cors_origins: str = Field(
        "", description="Comma-separated origins allowed to call the API from a browser (CORS allowlist)."
    )

    def check_safe(self) -> list[str]:
        """The reasons this configuration is unsafe to run outside development (empty when fine)."""
        if self.environment == "development":
            return []
        problems = []
        if self.secret_key == DEV_SECRET:
            problems.append("LEEFBAAR_SECRET_KEY is niet ingesteld (de ontwikkelwaarde is niet veilig).")
        if self.pseudonym_key == DEV_SECRET:
            problems.append("LEEFBAAR_PSEUDONYM_KEY is niet ingesteld (de ontwikkelwaarde is niet veilig).")
        return problems


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
