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

Agreements and their commitments follow the same idea (``agreement_refusal``, ``status_refusal``,
``reaction_refusal``):

* a local agreement is drawn up and changed by the municipality that directs it (its gemeente) or
  the beheerder; the national agreement only by the beheerder, who records it as published;
* the status of a qualitative commitment is reported only by its responsible party (for a
  collective party such as ``gemeenten``: each member for its own part); the beheerder is no party;
* a reported status is confirmed or contested only by a co-signer: a party of the agreement other
  than the responsible one.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from leefbaar.domain.agreements import hoort_bij
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


# --- agreements and their commitments -------------------------------------------------------------


def agreement_refusal(writer: Writer, *, nationaal: bool, gemeentecode: str | None) -> str | None:
    """Why ``writer`` may not draw up or change this agreement (Dutch), or None when it may."""
    if writer.rol is Rol.BEHEERDER:
        return None
    if nationaal:
        return (
            "de nationale afspraak legt alleen de beheerder van Leefbaar vast, zoals die is gepubliceerd; "
            "een ondertekenaar meldt de status van haar eigen toezeggingen"
        )
    if writer.rol is Rol.GEMEENTE and writer.organisatie == gemeentecode:
        return None
    return (
        f"een lokale afspraak van {gemeentecode} wordt vastgelegd door die gemeente (zij heeft de regie) "
        f"of de beheerder, niet door {writer.organisatie}"
    )


def status_refusal(writer: Writer, verantwoordelijke: str) -> str | None:
    """Why ``writer`` may not report the status of a commitment of ``verantwoordelijke``, or None."""
    if writer.rol is Rol.BEHEERDER:
        return "de beheerder is geen partij bij de afspraak en meldt geen status"
    if hoort_bij(writer.organisatie, verantwoordelijke):
        return None
    return f"alleen de verantwoordelijke partij ({verantwoordelijke}) meldt de status van deze toezegging"


def reaction_refusal(
    writer: Writer, partijen: Collection[str], verantwoordelijke: str, partij: str
) -> str | None:
    """Why ``writer`` may not confirm or contest the status ``partij`` reported for a commitment of
    ``verantwoordelijke`` in an agreement of ``partijen``, or None when it may."""
    if writer.rol is Rol.BEHEERDER:
        return "de beheerder is geen partij bij de afspraak en bevestigt of betwist geen status"
    if writer.organisatie == partij or hoort_bij(writer.organisatie, verantwoordelijke):
        return "een partij bevestigt of betwist niet de status van haar eigen toezegging"
    if any(hoort_bij(writer.organisatie, p) for p in partijen if p != verantwoordelijke):
        return None
    return (
        f"alleen partijen die de afspraak mede ondertekenden bevestigen of betwisten een status; "
        f"{writer.organisatie} is geen partij"
    )
