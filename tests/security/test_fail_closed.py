"""Production fails closed: the attacks of issue 13 (item 3) replayed against ``create_app`` itself.

``uvicorn --factory leefbaar.app:create_app`` must not serve on the published placeholder secret,
whatever the environment variable says, and in development the placeholder answers only on a
loopback address.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import UnsafeSettings, create_app
from leefbaar.config import DEV_SECRET, Settings, get_settings, is_loopback


@pytest.fixture
def settings_from(monkeypatch: pytest.MonkeyPatch, empty_duckdb: str):  # type: ignore[no-untyped-def]
    """Set LEEFBAAR_* variables (None: unset) and read the settings anew (on an empty database)."""
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", empty_duckdb)

    def apply(**values: str | None) -> None:
        for name, value in values.items():
            if value is None:
                monkeypatch.delenv(f"LEEFBAAR_{name.upper()}", raising=False)
            else:
                monkeypatch.setenv(f"LEEFBAAR_{name.upper()}", value)
        get_settings.cache_clear()

    yield apply
    get_settings.cache_clear()


@pytest.mark.parametrize(
    "environment",
    [
        None,  # the variable not set at all: production is the default
        "production",
    ],
)
def test_create_app_refuses_the_placeholder_secret_outside_development(settings_from, environment) -> None:  # type: ignore[no-untyped-def]
    settings_from(environment=environment, secret_key=None, pseudonym_key=None)
    with pytest.raises(UnsafeSettings, match="LEEFBAAR_SECRET_KEY"):
        create_app()


def test_the_default_environment_is_production() -> None:
    assert Settings.model_fields["environment"].default == "production"
    assert Settings(_env_file=None, environment="production", secret_key=DEV_SECRET).check_safe()


@pytest.mark.parametrize(
    ("base_url", "status"),
    [
        ("https://127.0.0.1", 200),  # loopback: the development set-up of `make demo`
        ("https://[::1]", 200),  # IPv6 loopback
        ("https://localhost", 200),
        ("https://192.168.1.20", 503),  # the same server bound to a network address
        ("https://leefbaar.example.nl", 503),
    ],
)
def test_placeholder_secret_answers_only_on_loopback(settings_from, base_url: str, status: int) -> None:  # type: ignore[no-untyped-def]
    settings_from(environment="development", secret_key=None, pseudonym_key=None)
    with TestClient(create_app(), base_url=base_url, raise_server_exceptions=False) as client:
        answer = client.get("/toegankelijkheid")
        assert answer.status_code == status
        if status == 503:
            assert "alleen op 127.0.0.1" in answer.text
        api = client.get("/api/v1/openapi.json")
        assert api.status_code == status


def test_real_secrets_in_development_answer_on_any_address(settings_from) -> None:  # type: ignore[no-untyped-def]
    settings_from(environment="development", secret_key="x" * 40, pseudonym_key="ab" * 32)
    with TestClient(create_app(), base_url="https://leefbaar.example.nl") as client:
        assert client.get("/toegankelijkheid").status_code == 200


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.1", False),
        ("testserver", False),
        ("", False),
        (None, False),
    ],
)
def test_is_loopback(host: str | None, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_uvicorn_factory_without_settings_does_not_start() -> None:
    # The attack as reported: the documented uvicorn command, no LEEFBAAR_* variables at all.
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEEFBAAR_")}
    started = subprocess.run(
        [sys.executable, "-m", "uvicorn", "--factory", "leefbaar.app:create_app", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode != 0
    assert "onveilige instellingen" in started.stderr
    assert "LEEFBAAR_SECRET_KEY" in started.stderr
