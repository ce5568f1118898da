"""Build a demo database: the real CBS/PDOK data Leefbaar ships, plus the synthetic generator.

``leefbaar demo --scale tiny|gemeente|national`` runs this; tests (tiny) and benchmarks (national)
use the same function, so there is one generator for all of them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from leefbaar.ingest.vocabulary import ImportOptions, ImportResult, ImportStatus
from leefbaar.privacy.pseudonymise import ALLOCATION_RECEIVER
from leefbaar.rules.loader import load_agreement
from leefbaar.services import agreements, cache, database, processing_log
from leefbaar.services.imports import import_source_file
from leefbaar.storage import demo_generator
from leefbaar.storage.arrow_io import scalar

Progress = Callable[[str, int, int], None]


class DemoError(RuntimeError):
    """The demo cannot be built (message in Dutch)."""


@dataclass(frozen=True)
class RealFile:
    kind: str
    file: str
    indelingsjaar: int | None
    jaar: int | None
    bron: str
    peildatum: date


_CBS = "CBS (CC BY 4.0)"
_PDOK = "CBS / Kadaster (PDOK) (CC BY 4.0)"

#: The real open data the demo loads, in order, through the ordinary import pipeline.
REAL_FILES = (
    RealFile("gebieden", "cbs_provincies.csv", 2025, None, f"CBS provinciecodes, {_CBS}", date(2025, 1, 1)),
    RealFile(
        "cbs-gebiedscodes",
        "cbs_gebiedscodes_2025_gemeenten.csv",
        2025,
        None,
        f"CBS gebiedscodes 2025, {_CBS}",
        date(2025, 1, 1),
    ),
    RealFile(
        "cbs-gebiedscodes",
        "cbs_gebiedscodes_2025_wijken.csv",
        2025,
        None,
        f"CBS gebiedscodes 2025, {_CBS}",
        date(2025, 1, 1),
    ),
    RealFile(
        "cbs-gebiedscodes",
        "cbs_gebiedscodes_2025_buurten.csv",
        2025,
        None,
        f"CBS gebiedscodes 2025, {_CBS}",
        date(2025, 1, 1),
    ),
    RealFile(
        "cbs-kwb-gebieden",
        "cbs_kwb_2024_bevolking.csv",
        2024,
        None,
        f"CBS Kerncijfers wijken en buurten 2024, {_CBS}",
        date(2024, 1, 1),
    ),
    RealFile(
        "pdok-grenzen",
        "pdok_gemeenten_2024.geojson",
        2025,
        None,
        f"Gemeentegrenzen 2024/2025, {_PDOK}",
        date(2025, 1, 1),
    ),
    RealFile(
        "pdok-grenzen", "pdok_wijken_2025.geojson", 2025, None, f"Wijkgrenzen 2025, {_PDOK}", date(2025, 1, 1)
    ),
    RealFile(
        "pdok-grenzen",
        "amsterdam_buurten_2025.geojson",
        2025,
        None,
        f"Buurtgrenzen Amsterdam 2025, {_PDOK}",
        date(2025, 1, 1),
    ),
    RealFile(
        "cbs-kwb",
        "cbs_kwb_2024_bevolking.csv",
        2024,
        2024,
        f"CBS Kerncijfers wijken en buurten 2024, {_CBS}",
        date(2024, 1, 1),
    ),
    RealFile(
        "cbs-kwb",
        "politie_misdrijven_buurt_2024.csv",
        2025,
        2024,
        f"Politie/CBS geregistreerde misdrijven 2024 (47018NED), {_CBS}",
        date(2025, 1, 1),
    ),
    RealFile(
        "cbs-kwb",
        "cbs_kwb_2021_gemeente_wonen.csv",
        2025,
        2021,
        f"CBS Kerncijfers 2021, omgerekend naar gemeenten 2025, {_CBS}",
        date(2021, 1, 1),
    ),
)


def data_path(name: str) -> Path:
    return Path(str(resources.files("leefbaar") / "data" / name))


def province_map() -> dict[str, str]:
    with open(data_path("cbs_kwb_2021_gemeente_wonen.csv"), encoding="utf-8") as handle:
        return {row["gemeentecode"]: row["provinciecode"] for row in csv.DictReader(handle)}


def is_empty(url: str) -> bool:
    return not scalar(url, "SELECT count(*) FROM import_log")


def load_real_data(url: str, progress: Progress | None = None) -> list[ImportResult]:
    """Import the shipped CBS/PDOK files; every one must land (or have landed before)."""
    report = progress or (lambda _s, _i, _n: None)
    provinces = province_map()
    results = []
    for index, real in enumerate(REAL_FILES):
        report(f"{real.file}", index, len(REAL_FILES))
        options = ImportOptions(
            peildatum=real.peildatum,
            indelingsjaar=real.indelingsjaar,
            bron=real.bron,
            gebruiker="leefbaar demo",
        )
        result = import_source_file(
            url,
            real.kind,
            data_path(real.file),
            options,
            jaar=real.jaar,
            provincies=provinces,
            herberekenen=False,  # the demo runs the monitor and the index itself, once
        )
        if result.status is ImportStatus.REJECTED:
            reasons = "; ".join(str(e) for e in result.errors[:5])
            raise DemoError(f"Meegeleverd bestand {real.file} kon niet worden geïmporteerd: {reasons}")
        results.append(result)
    return results


def build(
    url: str, scale: str = "tiny", seed: int = 2025, progress: Progress | None = None
) -> dict[str, int]:
    """Create (or upgrade) the schema, load the real data and generate the synthetic data."""
    if scale not in demo_generator.SCALES:
        raise DemoError(f"onbekende schaal '{scale}'; kies uit: {', '.join(demo_generator.SCALES)}")
    database.upgrade(url)
    if not is_empty(url):
        raise DemoError(
            "De database bevat al gegevens; kies een nieuw bestand of een lege database voor de demo."
        )
    load_real_data(url, progress)
    ring = processing_log.checked_keyring(url)
    generated = demo_generator.generate(
        url,
        demo_generator.SCALES[scale],
        seed,
        progress,
        pseudonymiser=ring.pseudonymiser(ALLOCATION_RECEIVER),
    )
    counts = dict(generated.counts)
    counts["afspraken"] = _demo_agreements(url, generated.lokale_afspraken)
    counts.update(_demo_accounts(url))
    return counts


#: Why the demo's agreements were recorded (shown in their history).
REDEN_DEMO = "voorbeeld bij de demo"
REDEN_SYNTHETISCH = "synthetische afspraak van de demo-generator"


def _demo_agreements(url: str, lokale_afspraken: list[dict[str, Any]]) -> int:
    """The shipped example local agreements and a synthetic one for every other generated municipality."""
    for path in agreements.shipped_files("lokaal-"):
        agreements.import_agreement_file(url, path, account=None, reden=REDEN_DEMO, herberekenen=False)
    results = [load_agreement(synthetic_agreement(a), a["afspraak_id"]) for a in lokale_afspraken]
    return len(agreements.shipped_files("lokaal-")) + agreements.store_many(url, results, REDEN_SYNTHETISCH)


def synthetic_agreement(skeleton: dict[str, Any]) -> dict[str, Any]:
    """An agreement document for a generated local agreement: its parties and period, and one
    qualitative commitment of the municipality (a wijkaanpak), so that it is a complete agreement."""
    code, naam = skeleton["gemeentecode"], skeleton["gemeentenaam"]
    start, eind = skeleton["startjaar"], skeleton["eindjaar"]
    return {
        "id": skeleton["afspraak_id"],
        "titel": f"Prestatieafspraken {naam} {start}-{eind} (synthetisch)",
        "soort": "lokaal",
        "gemeente": {"code": code, "indelingsjaar": skeleton["indelingsjaar"]},
        "periode": {"start": start, "eind": eind},
        "partijen": skeleton["partijen"],
        "toezeggingen": [
            {
                "id": "wijkaanpak",
                "soort": "kwalitatief",
                "requirement": "R4",
                "titel": "Een gerichte wijkaanpak met de maatschappelijke partners",
                "resultaat": "Een wijkaanpak onder regie van de gemeente, met de corporaties, de huurders "
                "en de zorg- en welzijnspartners.",
                "deadline": eind,
                "verantwoordelijke": code,
            }
        ],
        "toelichting": "Synthetische afspraak van de demo-generator: partijen en looptijd zijn verzonnen.",
    }


def _demo_accounts(url: str) -> dict[str, int]:
    """One account per role with the documented demo passwords, and demo sharing (development only)."""
    from leefbaar.config import get_settings
    from leefbaar.domain.parties import Rol
    from leefbaar.services import accounts, sharing

    settings = get_settings()
    if not settings.is_development:
        return {}
    made = accounts.create_demo_accounts(url, settings=settings)
    by_role = {account.rol: account for account in made}
    signals = sharing.create_demo_sharing(
        url, by_role[Rol.BEHEERDER], by_role[Rol.CORPORATIE], settings=settings
    )
    return {"demo-accounts": len(made), "demo-signalen": signals}


def scales() -> list[str]:
    return list(demo_generator.SCALES)


def is_synthetisch_cached(url: str) -> bool:
    """:func:`is_synthetisch`, asked once per data version (for every page and API call)."""
    try:
        return bool(cache.memo("demo.synthetisch", url, (), lambda: is_synthetisch(url), counted=False))
    except Exception:  # an empty or unmigrated database has no data version, and no demo data
        return False


def is_synthetisch(url: str) -> bool:
    """True when the database holds generated (synthetic) demo data."""
    try:
        return bool(scalar(url, "SELECT count(*) FROM import_log WHERE soort LIKE 'demo:%'"))
    except Exception:  # an empty or unmigrated database holds no demo data
        return False
