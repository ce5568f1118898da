"""The JSON Schema of an agreement file (YAML), as a constant; docs/agreement-format.md shows it.

The schema checks the structure: required fields, types, enumerations and the shape of codes.
Every ``description`` is written in Dutch because the loader puts it in the error message when a
value does not match ("verwacht <description>"). Checks that need the indicator catalogue or the
rest of the document (unknown indicator, deadline outside the period ...) are semantic and live in
:mod:`leefbaar.rules.loader`.

Dates in the file may be written as ``2026-01-01`` (YAML reads that as a date; the loader turns it
back into text before validating) or, where the schema says so, as a bare year.
"""

from __future__ import annotations

from typing import Any

from leefbaar.domain.agreements import COLLECTIEVE_PARTIJ_PATTERN, ScopeSoort, ToezeggingSoort
from leefbaar.domain.housing import InvesteringThema
from leefbaar.domain.parties import PARTIJ_ID_PATTERN, PartijSoort
from leefbaar.domain.regions import CODE_PATTERNS, Niveau
from leefbaar.rules.model import AfspraakSoort, MargeSoort, Vergelijking

DATUM_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
REQUIREMENT_PATTERN = r"^R([1-9]|1[0-6])$"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"

_JAAR_OF_DATUM: dict[str, Any] = {
    "type": ["integer", "string"],
    "minimum": 2000,
    "maximum": 2100,
    "pattern": DATUM_PATTERN,
    "description": "een jaartal (2024) of een datum (2024-01-01)",
}

_TEKST: dict[str, Any] = {"type": "string", "minLength": 1, "description": "tekst"}

_PARTIJ: dict[str, Any] = {
    "type": "object",
    "description": "een partij met id, soort en naam",
    "required": ["id", "soort", "naam"],
    "additionalProperties": False,
    "properties": {
        "id": {
            "type": "string",
            "pattern": f"^({PARTIJ_ID_PATTERN}|{COLLECTIEVE_PARTIJ_PATTERN})$",
            "description": "een partij-id: GM0363, PV27, L0001, HO0001, ZP0001, VP0001, BO0001 of MINBZK, "
            "of in een nationale afspraak een verzamelpartij (gemeenten, corporaties, huurdersorganisaties ...)",
        },
        "soort": {"enum": [s.value for s in PartijSoort], "description": "een partijsoort"},
        "naam": _TEKST,
    },
}

_DOEL: dict[str, Any] = {
    "type": "object",
    "description": "een doel met vergelijking en waarde (of reeks)",
    "required": ["vergelijking"],
    "additionalProperties": False,
    "properties": {
        "vergelijking": {"enum": [v.value for v in Vergelijking], "description": "een vergelijking"},
        "waarde": {"type": "number", "description": "een getal"},
        "reeks": {
            "type": "array",
            "minItems": 1,
            "description": "een lijst van jaardoelen (jaar en waarde)",
            "items": {
                "type": "object",
                "description": "een jaardoel met jaar en waarde",
                "required": ["jaar", "waarde"],
                "additionalProperties": False,
                "properties": {
                    "jaar": {
                        "type": "integer",
                        "minimum": 2000,
                        "maximum": 2100,
                        "description": "een jaartal",
                    },
                    "waarde": {"type": "number", "description": "een getal"},
                },
            },
        },
    },
}

_DREMPELS: dict[str, Any] = {
    "type": "object",
    "description": "drempels (marge, marge_soort, minimale_volledigheid)",
    "additionalProperties": False,
    "properties": {
        "marge": {"type": "number", "minimum": 0, "description": "een getal van 0 of meer"},
        "marge_soort": {"enum": [m.value for m in MargeSoort], "description": "absoluut of relatief"},
        "minimale_volledigheid": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "een aandeel tussen 0 en 1",
        },
    },
}

#: A qualitative commitment names its deliverable; a measured one (the default) an indicator and target.
_KWALITATIEF: dict[str, Any] = {
    "properties": {"soort": {"const": ToezeggingSoort.KWALITATIEF.value}},
    "required": ["soort"],
}

_TOEZEGGING: dict[str, Any] = {
    "type": "object",
    "description": "een toezegging",
    "required": ["id", "requirement", "titel", "deadline", "verantwoordelijke"],
    "additionalProperties": False,
    "if": _KWALITATIEF,
    "then": {"required": ["resultaat"]},
    "else": {"required": ["indicator", "doel"]},
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN, "description": "een id (letters, cijfers, - _ .)"},
        "soort": {
            "enum": [s.value for s in ToezeggingSoort],
            "description": "gemeten (standaard) of kwalitatief",
        },
        "resultaat": {
            "type": "string",
            "minLength": 1,
            "description": "tekst: wat er wordt opgeleverd (bij een kwalitatieve toezegging)",
        },
        "requirement": {
            "type": "string",
            "pattern": REQUIREMENT_PATTERN,
            "description": "een requirementnummer R1 t/m R16",
        },
        "titel": _TEKST,
        "indicator": {"type": "string", "minLength": 1, "description": "de naam van een indicator"},
        "doel": _DOEL,
        "deadline": _JAAR_OF_DATUM,
        "verantwoordelijke": {"type": "string", "minLength": 1, "description": "het id van een partij"},
        "scopes": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "description": "een lijst van scopes",
            "items": {"enum": [s.value for s in ScopeSoort], "description": "een scope"},
        },
        "variant": {"type": "string", "minLength": 1, "description": "de naam van een rekenregel"},
        "themas": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "description": "een lijst van thema's",
            "items": {"enum": [t.value for t in InvesteringThema], "description": "een thema"},
        },
        "drempels": _DREMPELS,
        "toelichting": _TEKST,
    },
}

#: The JSON Schema (draft 2020-12) of an agreement file.
AGREEMENT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:leefbaar:afspraak:1",
    "title": "Leefbaar: nationale of lokale prestatieafspraak",
    "type": "object",
    "description": "een afspraak (tabel met velden)",
    "required": ["id", "titel", "soort", "periode", "partijen", "toezeggingen"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN, "description": "een id (letters, cijfers, - _ .)"},
        "titel": _TEKST,
        "soort": {"enum": [s.value for s in AfspraakSoort], "description": "nationaal of lokaal"},
        "periode": {
            "type": "object",
            "description": "een periode met start en eind",
            "required": ["start", "eind"],
            "additionalProperties": False,
            "properties": {"start": _JAAR_OF_DATUM, "eind": _JAAR_OF_DATUM},
        },
        "gemeente": {
            "type": "object",
            "description": "een gemeente met code en indelingsjaar",
            "required": ["code", "indelingsjaar"],
            "additionalProperties": False,
            "properties": {
                "code": {
                    "type": "string",
                    "pattern": f"^{CODE_PATTERNS[Niveau.GEMEENTE]}$",
                    "description": "een gemeentecode (GM + 4 cijfers)",
                },
                "indelingsjaar": {
                    "type": "integer",
                    "minimum": 2000,
                    "maximum": 2100,
                    "description": "een jaartal",
                },
            },
        },
        "partijen": {
            "type": "array",
            "minItems": 1,
            "description": "een lijst van partijen",
            "items": _PARTIJ,
        },
        "toezeggingen": {
            "type": "array",
            "minItems": 1,
            "description": "een lijst van toezeggingen",
            "items": _TOEZEGGING,
        },
        "toelichting": _TEKST,
        "bron": _TEKST,
    },
    # A local agreement belongs to one municipality (that a national one has none is a semantic check).
    "if": {"properties": {"soort": {"const": AfspraakSoort.LOKAAL.value}}, "required": ["soort"]},
    "then": {"required": ["gemeente"]},
}
