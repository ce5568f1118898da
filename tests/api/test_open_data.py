"""Open data on DuckDB and PostgreSQL: the verdicts CSV (';', UTF-8 with BOM, decimal comma) read back
equals the API's verdicts, the DCAT-AP-NL catalogue describes it, and the files are served at
/open-data and written by ``leefbaar export open-data``."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.services import monitor


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _number(text: str) -> float | None:
    return None if text == "" else float(text.replace(",", "."))


def test_verdicts_csv_equals_the_api(client_both: TestClient, tiny_db: str) -> None:
    monitor.run_evaluation(tiny_db, date(2025, 6, 1))
    r = client_both.get("/open-data/beoordelingen.csv")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == 'attachment; filename="beoordelingen.csv"'
    rows = _rows(r.content)
    for scope in ("nationaal", "gemeente:GM0034", "corporatie:L0009"):
        api = client_both.get(f"/api/v1/monitor?scope={scope}").json()
        soort, _, code = scope.partition(":")
        mine = [x for x in rows if x["scope_soort"] == soort and (not code or x["scope_code"] == code)]
        assert len(mine) == len(api["beoordelingen"]) > 0
        for row, b in zip(mine, api["beoordelingen"], strict=True):
            assert (row["toezegging"], row["status"], row["eenheid"], row["uitleg"]) == (
                b["toezegging"],
                b["status"],
                b["eenheid"],
                b["uitleg"],
            )
            assert _number(row["waarde"]) == b.get("waarde") and _number(row["doel"]) == b["doel"]
            assert _number(row["volledigheid"]) == b.get("volledigheid")
            assert row["deadline"] == b["deadline"] and row["peildatum"] == "2025-06-01"
    almere = next(
        x
        for x in rows
        if x["scope_code"] == "GM0034" and x["toezegging"] == "r10-dertig-procent-sociale-huur"
    )
    # 236 / 954 = 24,7% (domain.housing.is_sociale_huur: association middle and free-sector rent not counted)
    assert almere["scope_naam"] == "Almere" and almere["waarde"].startswith("24,7")


def test_catalogue_describes_each_dataset(client_both: TestClient, tiny_db: str) -> None:
    monitor.run_evaluation(tiny_db, date(2025, 6, 1))
    r = client_both.get("/open-data/catalogus.jsonld")
    assert r.status_code == 200 and r.headers["content-type"] == "application/ld+json"
    catalogus = r.json()
    assert catalogus["@type"] == "dcat:Catalog"
    (dataset,) = catalogus["dcat:dataset"]
    assert dataset["dct:license"] == {"@id": "http://creativecommons.org/licenses/by/4.0/"}
    assert "CBS en Kadaster (PDOK)" in dataset["dct:rights"]["rdfs:label"]
    assert dataset["dct:temporal"]["dcat:endDate"]["@value"] == "2025-06-01"
    assert "drempel k" in dataset["dqv:hasQualityAnnotation"]["oa:hasBody"]["@value"]
    (dist,) = dataset["dcat:distribution"]
    assert dist["dcat:downloadURL"]["@id"] == "http://testserver/open-data/beoordelingen.csv"
    assert dist["dcat:mediaType"]["@id"].endswith("text/csv")
    page = client_both.get("/open-data").text
    assert 'href="/open-data/beoordelingen.csv"' in page and 'href="/open-data/catalogus.jsonld"' in page
    assert client_both.get("/open-data/bestaat-niet.csv").status_code == 404


def test_export_open_data_writes_the_same_files(tiny_duckdb: str, tmp_path: Path) -> None:
    monitor.run_evaluation(tiny_duckdb, date(2025, 6, 1))
    out = tmp_path / "open-data"
    result = CliRunner().invoke(
        app,
        ["export", "open-data", str(out), "--basis-url", "https://example.nl/od", "--database", tiny_duckdb],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["beoordelingen.csv", "catalogus.jsonld"]
    rows = _rows((out / "beoordelingen.csv").read_bytes())
    run = monitor.newest_full_evaluation(tiny_duckdb)
    assert run is not None and len(rows) == len(run.beoordelingen)
    catalogus = json.loads((out / "catalogus.jsonld").read_text(encoding="utf-8"))
    url = catalogus["dcat:dataset"][0]["dcat:distribution"][0]["dcat:downloadURL"]["@id"]
    assert url == "https://example.nl/od/beoordelingen.csv"
