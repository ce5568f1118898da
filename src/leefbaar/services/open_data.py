"""Open data: the public aggregates as files anyone may reuse, with DCAT-AP-NL metadata.

Built so far: the verdicts per scope of the newest full monitor run (``beoordelingen.csv``). Each
dataset is described in ``catalogus.jsonld`` (DCAT-AP-NL 3, JSON-LD): title, description, licence (CC
BY 4.0, with the CBS/PDOK attribution of the underlying data), reference date, version, the
disclosure rule and its distributions. ``/open-data`` lists them; ``leefbaar export open-data DIR``
writes the same files. See docs/reports.md, "Open data".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from leefbaar import __version__
from leefbaar.reports import render_csv
from leefbaar.services import cache, demo, monitor
from leefbaar.services.areas import database_url

LICENTIE = "http://creativecommons.org/licenses/by/4.0/"
ATTRIBUTIE = (
    "Leefbaar, CC BY 4.0; onderliggende gegevens: CBS en Kadaster (PDOK), CC BY 4.0, en gegevens van "
    "gemeenten en woningcorporaties."
)
ONTHULLINGSREGEL = (
    "Geen persoonsgegevens. Beoordelingen zijn aggregaten; tellingen van toewijzingen onder de drempel k "
    "(instelling suppression_k) en cellen waaruit ze af te leiden zijn, worden niet gepubliceerd "
    "(docs/privacy.md, onthullingscontrole)."
)
KOLOMMEN = (
    "scope_soort",
    "scope_code",
    "scope_naam",
    "afspraak",
    "toezegging",
    "variant",
    "titel",
    "status",
    "waarde",
    "doel",
    "eenheid",
    "volledigheid",
    "deadline",
    "peildatum",
    "uitleg",
)


@dataclass(frozen=True)
class Dataset:
    id: str
    bestand: str
    titel: str
    beschrijving: str
    peildatum: date | None
    rijen: int
    inhoud: bytes


def beoordelingen(url: str | None = None) -> Dataset:
    """The verdicts per scope of the newest full monitor run as CSV (header only before the first run)."""
    url = database_url(url)
    run = monitor.newest_full_evaluation(url)
    peildatum = run.peildatum if run else None
    rijen = [
        (
            b.scope.soort.value,
            b.scope.code,
            b.scope_naam,
            b.afspraak_id,
            b.toezegging_id,
            b.variant,
            b.titel,
            b.status.value,
            b.waarde,
            b.doel,
            b.eenheid,
            b.volledigheid,
            b.deadline,
            peildatum,
            b.uitleg,
        )
        for b in (run.beoordelingen if run else ())
    ]
    return Dataset(
        id="beoordelingen",
        bestand="beoordelingen.csv",
        titel="Beoordelingen van de prestatieafspraken per scope",
        beschrijving=(
            "De status (gehaald, op koers, risico, niet gehaald, geen gegevens) van elke toezegging van de "
            "landelijke en lokale prestatieafspraken per scope (nationaal, provincie, gemeente, corporatie, "
            "complex), met gemeten waarde, doel, volledigheid, deadline en een Nederlandse toelichting, uit "
            "de nieuwste beoordeling van alle scopes. Scheidingsteken ';', UTF-8 met BOM, decimale komma."
        ),
        peildatum=peildatum,
        rijen=len(rijen),
        inhoud=render_csv(KOLOMMEN, rijen),
    )


def datasets(url: str | None = None) -> list[Dataset]:
    """Every open dataset, kept per data version."""
    url = database_url(url)
    return cache.memo("open_data.datasets", url, (), lambda: [beoordelingen(url)])  # type: ignore[no-any-return]  # the cache keeps Any  # the cache keeps Any


def catalogus(url: str | None, basis_url: str) -> dict[str, Any]:
    """The DCAT-AP-NL 3 description of every dataset (JSON-LD); ``basis_url`` is where the files are
    served (``https://host/open-data``) or written."""
    url = database_url(url)
    versie = cache.version(url).token
    synthetisch = demo.is_synthetisch_cached(url)
    nu = datetime.now(UTC).replace(microsecond=0).isoformat()
    items = []
    for d in datasets(url):
        beschrijving = d.beschrijving + (" Let op: synthetische demonstratiegegevens." if synthetisch else "")
        items.append(
            {
                "@id": f"{basis_url}/{d.id}",
                "@type": "dcat:Dataset",
                "dct:identifier": d.id,
                "dct:title": {"@value": d.titel, "@language": "nl"},
                "dct:description": {"@value": beschrijving, "@language": "nl"},
                "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/NLD"},
                "dct:license": {"@id": LICENTIE},
                "dct:rights": {"@type": "dct:RightsStatement", "rdfs:label": ATTRIBUTIE},
                "dct:accessRights": {
                    "@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
                },
                "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Leefbaar"},
                "dct:modified": {"@value": nu, "@type": "xsd:dateTime"},
                "dct:temporal": (
                    {
                        "@type": "dct:PeriodOfTime",
                        "dcat:endDate": {"@value": d.peildatum.isoformat(), "@type": "xsd:date"},
                    }
                    if d.peildatum
                    else None
                ),
                "owl:versionInfo": versie,
                "adms:versionNotes": {
                    "@value": f"Leefbaar {__version__}, gegevensversie {versie}",
                    "@language": "nl",
                },
                "dqv:hasQualityAnnotation": {
                    "@type": "dqv:QualityAnnotation",
                    "oa:hasBody": {"@value": ONTHULLINGSREGEL, "@language": "nl"},
                },
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:title": {"@value": d.bestand, "@language": "nl"},
                        "dcat:accessURL": {"@id": f"{basis_url}/{d.bestand}"},
                        "dcat:downloadURL": {"@id": f"{basis_url}/{d.bestand}"},
                        "dcat:mediaType": {"@id": "http://www.iana.org/assignments/media-types/text/csv"},
                        "dct:format": {
                            "@id": "http://publications.europa.eu/resource/authority/file-type/CSV"
                        },
                        "dct:license": {"@id": LICENTIE},
                        "dcat:byteSize": {"@value": str(len(d.inhoud)), "@type": "xsd:nonNegativeInteger"},
                    }
                ],
            }
        )
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "adms": "http://www.w3.org/ns/adms#",
            "owl": "http://www.w3.org/2002/07/owl#",
            "dqv": "http://www.w3.org/ns/dqv#",
            "oa": "http://www.w3.org/ns/oa#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": f"{basis_url}/catalogus.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": {"@value": "Open data van Leefbaar", "@language": "nl"},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Leefbaar"},
        "dct:license": {"@id": LICENTIE},
        "dcat:dataset": [{k: v for k, v in item.items() if v is not None} for item in items],
    }


def dataset(url: str | None, bestand: str) -> Dataset | None:
    """One dataset by its file name; None for an unknown name."""
    return next((d for d in datasets(url) if d.bestand == bestand), None)


def exporteer(url: str | None, map_: Path, basis_url: str | None = None) -> list[Path]:
    """Write every dataset and ``catalogus.jsonld`` to ``map_`` (created); the written paths."""
    import json

    url = database_url(url)
    map_.mkdir(parents=True, exist_ok=True)
    written = []
    for d in datasets(url):
        path = map_ / d.bestand
        path.write_bytes(d.inhoud)
        written.append(path)
    basis = basis_url or map_.resolve().as_uri()
    path = map_ / "catalogus.jsonld"
    path.write_text(json.dumps(catalogus(url, basis), ensure_ascii=False, indent=2), encoding="utf-8")
    written.append(path)
    return written
