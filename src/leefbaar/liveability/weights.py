"""Weights of the liveability index: one weight per dimension and one per indicator within it.

The default weights are a data file (``gewichten.yaml`` next to this module); calibrated weights
(see :mod:`leefbaar.liveability.calibration`) are written in the same format. The services layer
reads a file with ``yaml.safe_load`` and passes the dict to :func:`parse_weights`.

Format::

    versie: 1
    naam: standaard
    onderbouwing: why these weights
    dimensies:
      woningvoorraad:
        gewicht: 1.0
        onderbouwing: why this dimension weight
        indicatoren:
          percentage_onbewoond: {gewicht: 1.0, onderbouwing: why}
          gemiddelde_woz_waarde: 0.5        # a bare number is allowed too

Weights are relative: within a dimension they are renormalised over the indicators an area has a
value for, and dimension weights over the dimensions that have a score. A weight may be 0 (not used).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from leefbaar.liveability.registry import DIMENSIES, Dimensie, Registry, RegistryError


@dataclass(frozen=True)
class Weights:
    """Validated weights. ``indicatoren`` maps indicator key to its weight within its dimension."""

    naam: str
    dimensies: Mapping[Dimensie, float]
    indicatoren: Mapping[str, float]
    dimensie_van: Mapping[str, Dimensie]
    onderbouwing: str = ""
    onderbouwing_per: Mapping[str, str] = field(default_factory=dict)


def parse_weights(data: Mapping[str, Any], registry: Registry | None = None) -> Weights:
    """Validate a parsed weights file; with a registry, also check keys and dimensions against it."""
    if not isinstance(data, Mapping) or not isinstance(data.get("dimensies"), Mapping):
        raise RegistryError(["het gewichtenbestand moet een tabel 'dimensies' bevatten"])
    fouten: list[str] = []
    dimensies: dict[Dimensie, float] = {}
    indicatoren: dict[str, float] = {}
    dimensie_van: dict[str, Dimensie] = {}
    onderbouwing_per: dict[str, str] = {}
    for naam, blok in data["dimensies"].items():
        if naam not in [d.value for d in DIMENSIES]:
            fouten.append(f"dimensie '{naam}' is onbekend; kies uit {', '.join(d.value for d in DIMENSIES)}")
            continue
        dimensie = Dimensie(naam)
        if not isinstance(blok, Mapping):
            fouten.append(f"dimensie '{naam}': verwacht 'gewicht' en 'indicatoren'")
            continue
        gewicht = _gewicht(f"dimensie '{naam}'", blok.get("gewicht"), fouten)
        if gewicht is not None:
            dimensies[dimensie] = gewicht
        if isinstance(blok.get("onderbouwing"), str):
            onderbouwing_per[naam] = blok["onderbouwing"].strip()
        items = blok.get("indicatoren", {})
        if not isinstance(items, Mapping):
            fouten.append(f"dimensie '{naam}': 'indicatoren' moet een tabel zijn")
            continue
        for sleutel, waarde in items.items():
            waar = f"indicator '{sleutel}'"
            if sleutel in dimensie_van:
                fouten.append(f"{waar} staat onder meer dan één dimensie")
                continue
            ruwe = waarde.get("gewicht") if isinstance(waarde, Mapping) else waarde
            ind_gewicht = _gewicht(waar, ruwe, fouten)
            if ind_gewicht is None:
                continue
            indicatoren[str(sleutel)] = ind_gewicht
            dimensie_van[str(sleutel)] = dimensie
            if isinstance(waarde, Mapping) and isinstance(waarde.get("onderbouwing"), str):
                onderbouwing_per[str(sleutel)] = waarde["onderbouwing"].strip()
    if dimensies and not any(g > 0 for g in dimensies.values()):
        fouten.append("minstens één dimensie moet een gewicht groter dan 0 hebben")
    if registry is not None:
        _check_tegen_register(registry, dimensie_van, fouten)
    if fouten:
        raise RegistryError(fouten)
    return Weights(
        naam=str(data.get("naam", "")),
        dimensies=dimensies,
        indicatoren=indicatoren,
        dimensie_van=dimensie_van,
        onderbouwing=str(data.get("onderbouwing", "")).strip(),
        onderbouwing_per=onderbouwing_per,
    )


def _gewicht(waar: str, waarde: object, fouten: list[str]) -> float | None:
    if isinstance(waarde, bool) or not isinstance(waarde, int | float) or not math.isfinite(waarde):
        fouten.append(f"{waar}: gewicht ontbreekt of is geen getal")
        return None
    if waarde < 0:
        fouten.append(f"{waar}: gewicht {waarde} is negatief; gewichten zijn 0 of groter")
        return None
    return float(waarde)


def _check_tegen_register(
    registry: Registry, dimensie_van: Mapping[str, Dimensie], fouten: list[str]
) -> None:
    for sleutel, dimensie in dimensie_van.items():
        if sleutel not in registry:
            fouten.append(f"indicator '{sleutel}' staat niet in het indicatorenregister")
        elif registry[sleutel].dimensie is not dimensie:
            fouten.append(
                f"indicator '{sleutel}' staat onder dimensie '{dimensie.value}', "
                f"maar hoort volgens het register bij '{registry[sleutel].dimensie.value}'"
            )


def weights_to_dict(weights: Weights) -> dict[str, Any]:
    """The weights as a plain dict in the file format, ready for ``yaml.safe_dump(sort_keys=False)``."""
    dimensies: dict[str, Any] = {}
    for dimensie in DIMENSIES:
        if dimensie not in weights.dimensies:
            continue
        blok: dict[str, Any] = {"gewicht": round(weights.dimensies[dimensie], 6)}
        if dimensie.value in weights.onderbouwing_per:
            blok["onderbouwing"] = weights.onderbouwing_per[dimensie.value]
        items: dict[str, Any] = {}
        for sleutel, gewicht in weights.indicatoren.items():
            if weights.dimensie_van[sleutel] is dimensie:
                item: dict[str, Any] = {"gewicht": round(gewicht, 6)}
                if sleutel in weights.onderbouwing_per:
                    item["onderbouwing"] = weights.onderbouwing_per[sleutel]
                items[sleutel] = item
        blok["indicatoren"] = items
        dimensies[dimensie.value] = blok
    return {"versie": 1, "naam": weights.naam, "onderbouwing": weights.onderbouwing, "dimensies": dimensies}
