"""Columns and ownership rules that several import kinds share (ingest.kinds, ingest.investment_kinds)."""

from __future__ import annotations

from leefbaar.domain.parties import PartijSoort, Rol
from leefbaar.ingest.vocabulary import Column, ColumnType, Reference
from leefbaar.privacy.ownership import Ownership

T = ColumnType


def choice_values(enum: type) -> tuple[str, ...]:
    return tuple(member.value for member in enum)  # type: ignore[attr-defined]


def free_text_column(
    name: str, description: str, max_length: int, example: str, required: bool = True
) -> Column:
    """A text column a person types: refused when it carries personal data (privacy.personal_text)."""
    return Column(name, T.TEXT, description, required, max_length=max_length, example=example, free_text=True)


CORPORATIE_COLUMN = Column(
    "corporatie_id",
    T.PARTY,
    "Registratienummer van de corporatie (L + 4 cijfers)",
    party_kinds=(PartijSoort.CORPORATIE,),
    example="L0001",
)
COMPLEXNUMMER_COLUMN = Column(
    "complexnummer",
    T.TEXT,
    "Complexnummer (VERA-cluster) binnen de corporatie",
    max_length=20,
    example="1043",
)
COMPLEX_REFERENCE = Reference(
    ("corporatie_id", "complexnummer"),
    "complex",
    ("corporatie_id", "complexnummer"),
    "onbekend complex: importeer eerst de complexen van deze corporatie",
)

#: Records an association writes for itself (the row's corporatie_id is its own).
CORPORATIE_EIGEN = Ownership(frozenset({Rol.CORPORATIE}), ("corporatie_id",))
#: Records a municipality writes for itself (the row's gemeentecode is its own).
GEMEENTE_EIGEN = Ownership(frozenset({Rol.GEMEENTE}), ("gemeentecode",))
