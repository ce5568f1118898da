"""Operations: Prometheus metrics at /metrics, the request id echoed and in every log line, JSON logs."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.app_middleware import route_label
from leefbaar.config import get_settings
from leefbaar.ingest.vocabulary import ImportOptions
from leefbaar.services import logs, metrics
from leefbaar.services.imports import import_file


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch, tiny_duckdb: str) -> Iterator[TestClient]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_duckdb)
    get_settings.cache_clear()
    with TestClient(create_app()) as c:
        yield c
    get_settings.cache_clear()


def _sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus's text format (0 when absent)."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and line.split(" ")[0] != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split(" ")[0]))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_expose_latency_histograms_per_route(client: TestClient) -> None:
    before = client.get("/metrics").text
    for code in ("GM0363", "GM0518", "GM0363"):
        assert client.get(f"/api/v1/gemeenten/{code}").status_code == 200
    r = client.get("/metrics")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    name = "leefbaar_http_request_duration_seconds"
    route = {"route": "/api/v1/gemeenten/{code}", "method": "GET", "status": "200"}
    assert f"# TYPE {name} histogram" in r.text
    assert _sample(r.text, name + "_count", **route) - _sample(before, name + "_count", **route) == 3
    assert _sample(r.text, name + "_bucket", le="+Inf", **route) >= 3
    assert "GM0518" not in r.text  # one series per route template, not per code


def test_metrics_count_imports_and_cache_lookups(
    client: TestClient, tiny_duckdb: str, tmp_path: Path
) -> None:
    before = client.get("/metrics").text
    csv = tmp_path / "extra.csv"
    csv.write_text(
        "verblijfsobject_id;buurtcode;eigendom\n0363010000900001;BU0363AA01;koop\n", encoding="utf-8"
    )
    import_file(tiny_duckdb, "woningen", csv, ImportOptions(peildatum=date(2025, 2, 1), indelingsjaar=2025))
    client.get("/api/v1/gemeenten/GM0363")
    client.get("/api/v1/gemeenten/GM0363")
    after = client.get("/metrics").text
    imported = {"kind": "woningen", "status": "geïmporteerd"}
    assert (
        _sample(after, "leefbaar_imports_total", **imported)
        - _sample(before, "leefbaar_imports_total", **imported)
        == 1
    )
    rows = _sample(after, "leefbaar_import_rows_total", kind="woningen")
    assert rows - _sample(before, "leefbaar_import_rows_total", kind="woningen") == 1
    assert _sample(after, "leefbaar_cache_lookups_total", result="hit") > _sample(
        before, "leefbaar_cache_lookups_total", result="hit"
    )


def test_job_queue_hook_sets_the_gauges(client: TestClient) -> None:
    metrics.set_queue(7, 2)
    text = client.get("/metrics").text
    assert _sample(text, "leefbaar_job_queue_length") == 7
    assert _sample(text, "leefbaar_job_queue_failed") == 2


def test_request_id_is_echoed_or_made(client: TestClient) -> None:
    offered = client.get("/api/v1/health", headers={"X-Request-ID": "proxy-1234"})
    assert offered.headers["X-Request-ID"] == "proxy-1234"
    made = client.get("/gemeenten/GM0363").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    odd = client.get("/api/v1/health", headers={"X-Request-ID": "x" * 200}).headers["X-Request-ID"]
    assert odd != "x" * 200  # too long to trust: a new one


def test_access_log_line_is_json_with_the_request_id(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="leefbaar.toegang"):
        client.get("/api/v1/gemeenten/GM0363", headers={"X-Request-ID": "verzoek-42"})
    (record,) = [r for r in caplog.records if r.name == "leefbaar.toegang"]
    token = logs.request_id.set("verzoek-42")  # the formatter reads the id of the running request
    try:
        line = json.loads(logs.JsonFormatter().format(record))
    finally:
        logs.request_id.reset(token)
    assert line["request_id"] == "verzoek-42"
    assert line["route"] == "/api/v1/gemeenten/{code}" and line["status"] == 200
    assert line["niveau"] == "INFO" and line["logger"] == "leefbaar.toegang"
    assert isinstance(line["duur_ms"], float)


def test_json_formatter_writes_exceptions_and_extra_fields() -> None:
    try:
        raise ValueError("kapot")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "leefbaar.x", logging.ERROR, __file__, 1, "mis: %s", ("a",), sys.exc_info()
        )
    record.gemeente = "GM0363"
    line = json.loads(logs.JsonFormatter().format(record))
    assert line["bericht"] == "mis: a" and line["gemeente"] == "GM0363"
    assert "ValueError: kapot" in line["uitzondering"] and line["request_id"] == "-"


def test_log_config_is_valid_for_dict_config() -> None:
    import logging.config

    config = logs.log_config("INFO")
    logging.config.dictConfig(config)
    try:
        assert logging.getLogger("leefbaar").level == logging.INFO
    finally:
        logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})
        logging.getLogger("leefbaar").setLevel(logging.NOTSET)


@pytest.mark.parametrize(
    ("scope", "label"),
    [
        ({"root_path": "", "app_root_path": ""}, "onbekend"),  # no route matched
        ({"root_path": "/static", "app_root_path": ""}, "/static/{pad}"),  # the static files
    ],
)
def test_route_label_without_a_route(scope: dict[str, str], label: str) -> None:
    assert route_label(scope) == label
