"""What every liveability use case shares: the levels of the index, its Dutch error, and the
shipped indicator registry and weights files (or a weights file given by the user).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

import leefbaar.liveability as lv
from leefbaar.domain.regions import Niveau
from leefbaar.liveability.normalise import WINSOR

#: Levels the index is computed for, smallest first.
NIVEAUS: tuple[Niveau, ...] = (Niveau.BUURT, Niveau.WIJK, Niveau.GEMEENTE)


class IndexFout(ValueError):
    """A request the index cannot answer; the message is Dutch and says what to do."""


def load_registry() -> lv.Registry:
    """The shipped indicator registry."""
    tekst = (resources.files("leefbaar.liveability") / lv.REGISTER_BESTAND).read_text(encoding="utf-8")
    return lv.parse_registry(yaml.safe_load(tekst))


def load_weights(registry: lv.Registry, path: Path | None = None) -> tuple[lv.Weights, str]:
    """The weights (the shipped defaults, or a file) and the file's YAML text; IndexFout when invalid."""
    if path is None:
        tekst = (resources.files("leefbaar.liveability") / lv.GEWICHTEN_BESTAND).read_text(encoding="utf-8")
    else:
        try:
            tekst = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise IndexFout(f"gewichtenbestand '{path}' kan niet worden gelezen: {exc.strerror}") from exc
    try:
        data = yaml.safe_load(tekst)
    except yaml.YAMLError as exc:
        raise IndexFout(f"gewichtenbestand '{path}' is geen geldige YAML: {exc}") from exc
    try:
        return lv.parse_weights(data, registry), tekst
    except lv.RegistryError as exc:
        raise IndexFout(f"gewichtenbestand '{path}' is ongeldig: " + "; ".join(exc.fouten)) from exc


def method() -> dict[str, Any]:
    """How the index is read, for the page that explains it: the classes with their bounds on the
    standardised score, the dimensions with their default weight, every indicator of the registry
    with its unit, dimension, kind, good direction and default weight, and the population threshold."""
    registry = load_registry()
    weights, _ = load_weights(registry)
    grenzen: list[float | None] = [None, *lv.KLASSEGRENZEN, None]
    return {
        "klassen": [
            {"klasse": k, "van": grenzen[i], "tot": grenzen[i + 1]} for i, k in enumerate(lv.KLASSEN)
        ],
        "dimensies": [{"naam": d.label, "gewicht": weights.dimensies.get(d, 0.0)} for d in lv.DIMENSIES],
        "indicatoren": [
            {
                "naam": i.naam,
                "eenheid": i.eenheid,
                "dimensie": i.dimensie.label,
                "soort": i.soort.value,
                "richting": "hoger is beter" if i.richting is lv.Richting.HOGER_BETER else "lager is beter",
                "gewicht": weights.indicatoren.get(i.sleutel, 0.0),
            }
            for d in lv.DIMENSIES
            for i in registry
            if i.dimensie is d
        ],
        "min_inwoners": lv.MIN_INWONERS,
        "winsor": WINSOR,
    }
