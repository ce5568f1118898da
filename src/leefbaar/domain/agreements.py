"""Vocabulary of the agreements monitor: commitment statuses and evaluation scopes."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """The status of a commitment for a scope on a reference date."""

    GEHAALD = "gehaald"
    OP_KOERS = "op koers"
    RISICO = "risico"
    NIET_GEHAALD = "niet gehaald"
    GEEN_GEGEVENS = "geen gegevens"


class ScopeSoort(StrEnum):
    NATIONAAL = "nationaal"
    PROVINCIE = "provincie"
    GEMEENTE = "gemeente"
    CORPORATIE = "corporatie"
    COMPLEX = "complex"
