"""What several import kinds share: columns (an association, its complex, a free-text column, a list
of buurtcodes), the reference to a complex, and the ownership of an association's or a
municipality's own records.

``ingest.kinds``, ``ingest.investment_kinds``, ``ingest.restructuring_kinds`` and
``ingest.vhf_kinds`` declare the kinds from these parts.
"""

from __future__ import annotations

from enum import StrEnum

from leefbaar.domain.parties import PartijSoort, Rol
from leefbaar.domain.regions import CODE_PATTERNS, Niveau
from leefbaar.ingest.vocabulary import Column, ColumnType, Reference
from leefbaar.privacy.ownership import Ownership

T = ColumnType


def choice_values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The values of an enumeration, as the choices of a column."""
    return tuple(member.value for member in enum)


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

_BUURT = CODE_PATTERNS[Niveau.BUURT]
#: Buurtcodes separated by ';' (spaces around them and a closing ';' are tolerated).
BUURTCODE_LIST = rf" *{_BUURT} *(; *{_BUURT} *)*;?"
