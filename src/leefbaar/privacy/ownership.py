"""Who may write what: the one rule every write path applies (file import, form, write API, CLI).

A record belongs to a party: an association's complexes, dwellings, plans, investments,
conditions, defects and buurtkamers; a municipality's instruments, VHF grants and the local
agreements it directs; the allocations of whoever made them. Reference data (areas, boundaries,
parties, CBS figures) belongs to the platform. The rules (docs/security.md, "Ownership"):

* a role may write a kind only when the kind names it as a writer; the beheerder may write every
  kind except personal data (the beheerder never handles personal data, see ``policy``);
* every row must belong to the writer's own organisation: the first filled owner column of the
  row names that party; a file with any foreign row is refused whole, naming the rows;
* a record whose key already belongs to another party cannot be taken over by a file (a dwelling
  changing hands goes through the beheerder);
* nothing else: no kind may be written by a role it does not name.
"""

from __future__ import annotations

from dataclasses import dataclass

from leefbaar.domain.parties import Rol


@dataclass(frozen=True)
class Ownership:
    """Who may write the records of one kind, and which column says whose a record is.

    ``writers``: the roles (besides the beheerder) that may write it; empty for reference data.
    ``owner_columns``: columns whose first filled value is the owning party's id; () for reference
    data. ``personal``: the records are personal data: the beheerder may not write them.
    """

    writers: frozenset[Rol] = frozenset()
    owner_columns: tuple[str, ...] = ()
    personal: bool = False


#: Reference data: only the platform's administrators write it.
REFERENTIEGEGEVENS = Ownership()


@dataclass(frozen=True)
class Writer:
    """Who writes: an account's role and organisation."""

    rol: Rol
    organisatie: str


def refusal(writer: Writer, ownership: Ownership, what: str) -> str | None:
    """Why ``writer`` may not write records of this kind at all (Dutch), or None when it may."""
    if writer.rol is Rol.BEHEERDER:
        if ownership.personal:
            return f"de beheerder verwerkt geen persoonsgegevens en importeert dus geen {what}"
        return None
    if writer.rol in ownership.writers:
        return None
    if not ownership.writers:
        return f"{what} zijn referentiegegevens: alleen de beheerder van Leefbaar legt ze vast"
    wie = " of ".join(sorted(r.value for r in ownership.writers))
    return f"{what} worden vastgelegd door een {wie}, niet door een {writer.rol.value}"


def restricted_to(writer: Writer, ownership: Ownership) -> str | None:
    """The organisation every row must belong to, or None when the writer may write any row."""
    if writer.rol is Rol.BEHEERDER or not ownership.owner_columns:
        return None
    return writer.organisatie


def foreign_row_reason(owner: str | None, organisatie: str) -> str:
    """The Dutch reason for a row that belongs to another party (or to none)."""
    if not owner:
        return f"de rij hoort bij geen partij; u mag alleen rijen van uw eigen organisatie {organisatie} aanleveren"
    return f"de rij hoort bij {owner}, niet bij uw organisatie {organisatie}"


def taken_over_reason(owner: str, organisatie: str) -> str:
    """The Dutch reason for a row whose key already belongs to another party."""
    return (
        f"deze sleutel is al vastgelegd door {owner}; {organisatie} kan die niet overnemen "
        "(een overdracht loopt via de beheerder)"
    )
