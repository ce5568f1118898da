"""Settings, each declared once with a description; read from ``LEEFBAAR_*`` environment variables.

docs/settings.md lists every setting (a test compares it with this class). Unsafe defaults are
refused outside development: see :meth:`Settings.check_safe`.
"""

from __future__ import annotations

import ipaddress
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
        "production",
        description="production (the default) refuses placeholder secrets and demo accounts; development "
        "allows them, and with a placeholder secret answers only on a loopback address (127.0.0.1, ::1).",
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
    pseudonym_key_version: int = Field(
        1,
        ge=1,
        description="Version number of LEEFBAAR_PSEUDONYM_KEY. Every pseudonym is stored with the version of "
        "the key it was made with; `leefbaar audit sleutel-roteren` hands out the next number.",
    )
    pseudonym_keys_previous: str = Field(
        "",
        description="Earlier pseudonym keys, still needed to find what was stored under them (who saw this "
        "household): `versie:hex` separated by commas, e.g. `1:3f9a...,2:07c1...`. Never stored in the "
        "database; drop a version only when nothing stored under it is needed any more.",
    )
    suppression_k: int = Field(
        5,
        ge=1,
        description="Counts below this number are suppressed in every aggregate that leaves Leefbaar.",
    )
    disclosure_rounding_base: int = Field(
        5,
        ge=1,
        description="Published counts of allocations are randomly rounded to a multiple of this (fixed per "
        "cell), so records a party adds cannot reveal a hidden count by subtraction. 1 turns rounding off "
        "(refused outside development).",
    )
    population_threshold: int = Field(
        100,
        ge=0,
        description="Areas with fewer inhabitants get no liveability score (suppressed with reason).",
    )
    import_max_errors: int = Field(
        20,
        ge=1,
        description="How many validation errors an import report shows (the total is always counted).",
    )
    import_future_days: int = Field(
        1,
        ge=0,
        description="An import's peildatum may lie at most this many days after today; a later one is "
        "refused (it would outrank every correction until that day).",
    )
    evidence_max_mb: int = Field(
        10,
        ge=1,
        le=100,
        description="Largest evidence document (PDF, ODT or DOCX) a party may attach to the status of a "
        "qualitative commitment, in megabytes; it is stored in the database with its SHA-256.",
    )
    herberekening: bool = Field(
        True,
        description="Run the background re-evaluation worker in every server process: after each write "
        "the affected verdicts (and the liveability index when its inputs changed) are computed again "
        "(docs/monitor.md, 'Background re-evaluation'). False: jobs only wait in the queue until "
        "`leefbaar herberekening uitvoeren` runs them.",
    )
    herberekening_interval_seconden: float = Field(
        5.0,
        gt=0,
        le=300,
        description="How often an idle worker looks for jobs that other processes (or the command line) "
        "queued; a job queued in the same process wakes it at once.",
    )
    herberekening_timeout_minuten: int = Field(
        30,
        ge=1,
        description="A job still running after this many minutes is taken to be abandoned (its process "
        "stopped) and is queued again; the interrupted attempt counts as a failed one.",
    )
    cors_origins: str = Field(
        "", description="Comma-separated origins allowed to call the API from a browser (CORS allowlist)."
    )
    session_idle_minutes: int = Field(
        30, ge=1, description="A web session ends after this many minutes without a request."
    )
    session_max_hours: int = Field(
        12, ge=1, description="A web session ends this many hours after login, however active it is."
    )
    cookie_secure: bool = Field(
        True,
        description="Send the session and CSRF cookies with the Secure flag (HTTPS only). "
        "Only for local testing over plain http may this be false; refused outside development.",
    )
    login_max_failures: int = Field(
        5, ge=1, description="Failed logins for one e-mail address before that address is locked."
    )
    login_lockout_minutes: int = Field(
        15, ge=1, description="How long an e-mail address stays locked after too many failed logins."
    )
    api_token_days: int = Field(90, ge=1, le=366, description="Validity in days of a new API token.")
    audit_anchor_file: str = Field(
        "",
        description="File to which `leefbaar audit anker` appends the heads of the processing-log chains, "
        "and against which `leefbaar audit verify` checks them; keep it out of reach of the database's "
        "writers (other machine, write-once storage). Empty: only the anchor table in the database.",
    )
    audit_anchor_every: int = Field(
        1,
        ge=1,
        description="With audit_anchor_file set, the head of a log chain is appended to that file (after "
        "commit) each time the chain grows past a multiple of this many entries; `leefbaar audit verify` "
        "fails when more entries than this are not anchored there.",
    )
    oidc_issuer: str = Field(
        "",
        description="OpenID Connect issuer URL of the identity provider, exactly as in its discovery "
        "document (`{issuer}/.well-known/openid-configuration`). Set: the login page offers login via "
        "that provider (authorization code flow with PKCE, see docs/security.md). Empty: password login "
        "only. Must be https outside development.",
    )
    oidc_client_id: str = Field(
        "",
        description="OpenID Connect client id of Leefbaar at the provider; required when oidc_issuer is set.",
    )
    oidc_client_secret: str = Field(
        "",
        description="OpenID Connect client secret (sent with HTTP Basic to the token endpoint). Empty: a "
        "public client, which relies on PKCE alone.",
    )
    oidc_scopes: str = Field(
        "openid email",
        description="Scopes asked of the provider, separated by spaces; `openid` is always added.",
    )
    oidc_claim: str = Field(
        "email",
        description="The ID-token claim whose value must equal the e-mail address of an existing, active "
        "Leefbaar account. For `email` the provider must also send `email_verified: true`. OIDC never "
        "creates accounts.",
    )
    oidc_redirect_url: str = Field(
        "",
        description="The callback URL registered at the provider, e.g. "
        "https://leefbaar.example.nl/inloggen/oidc/terug. Required in production when oidc_issuer is set; "
        "in development, empty means derived from the request.",
    )

    @property
    def is_development(self) -> bool:
        """Explicitly a development environment: demo accounts and placeholder secrets are allowed."""
        return self.environment == "development"

    @property
    def uses_placeholder_secret(self) -> bool:
        """A published placeholder protects sessions, CSRF or pseudonyms: safe on loopback only."""
        return DEV_SECRET in (self.secret_key, self.pseudonym_key)

    def check_safe(self) -> list[str]:
        """The reasons this configuration is unsafe to run outside development (empty when fine).

        In development placeholder secrets are allowed, but only behind a loopback address: see
        :meth:`bind_problems` and ``leefbaar.app.create_app``.
        """
        if self.is_development:
            return []
        problems = []
        if self.secret_key == DEV_SECRET:
            problems.append("LEEFBAAR_SECRET_KEY is niet ingesteld (de ontwikkelwaarde is niet veilig).")
        if self.pseudonym_key == DEV_SECRET:
            problems.append("LEEFBAAR_PSEUDONYM_KEY is niet ingesteld (de ontwikkelwaarde is niet veilig).")
        if self.disclosure_rounding_base < 2:
            problems.append(
                "LEEFBAAR_DISCLOSURE_ROUNDING_BASE is kleiner dan 2: kleine aantallen zijn terug te rekenen."
            )
        if not self.cookie_secure:
            problems.append("LEEFBAAR_COOKIE_SECURE staat uit: cookies zouden ook over http gaan.")
        if self.oidc_issuer and not self.oidc_issuer.startswith("https://"):
            problems.append("LEEFBAAR_OIDC_ISSUER moet een https-adres zijn.")
        if self.oidc_issuer and not self.oidc_client_id:
            problems.append("LEEFBAAR_OIDC_CLIENT_ID ontbreekt terwijl LEEFBAAR_OIDC_ISSUER is ingesteld.")
        if self.oidc_redirect_url and not self.oidc_redirect_url.startswith("https://"):
            problems.append("LEEFBAAR_OIDC_REDIRECT_URL moet een https-adres zijn.")
        if self.oidc_issuer and not self.oidc_redirect_url:
            # Derived from the request, the callback would follow whatever Host header a client sends.
            problems.append("LEEFBAAR_OIDC_REDIRECT_URL ontbreekt terwijl LEEFBAAR_OIDC_ISSUER is ingesteld.")
        return problems

    def bind_problems(self, host: str | None) -> list[str]:
        """Why this configuration may not answer on ``host`` (the server's own address), if at all."""
        problems = self.check_safe()
        if not problems and self.uses_placeholder_secret and not is_loopback(host):
            problems.append(
                "met de ontwikkelsleutels (LEEFBAAR_SECRET_KEY/LEEFBAAR_PSEUDONYM_KEY niet ingesteld) "
                "antwoordt Leefbaar alleen op 127.0.0.1 of ::1, niet op "
                + (host or "een onbekend adres")
                + "."
            )
        return problems


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` is a loopback address or name (only this machine can reach it)."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


_DOC_INTRO = """# Settings

Leefbaar reads its settings from environment variables with the prefix `LEEFBAAR_`. This page is
generated from `src/leefbaar/config.py` (`python -m leefbaar.config > docs/settings.md`; a test
compares them).

Leefbaar **fails closed**: its default environment is `production`, which refuses to start with
the placeholder secrets, demo accounts or insecure cookies. Only with `LEEFBAAR_ENVIRONMENT=development`
(the Makefile sets it for `make demo`, `make serve` and the tests) are they allowed, and then a server
with a placeholder secret answers only on a loopback address (127.0.0.1, ::1).

| variable | default | meaning |
| --- | --- | --- |
"""


def settings_doc() -> str:
    """docs/settings.md: every setting with its default and description."""
    rows = [
        f"| `LEEFBAAR_{name.upper()}` | `{field.default}` | {field.description} |"
        for name, field in Settings.model_fields.items()
    ]
    return _DOC_INTRO + "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(settings_doc(), end="")
