"""Who may write agreements, report a status and react to one (privacy.ownership), row by row."""

from __future__ import annotations

import pytest

from leefbaar.domain.agreements import hoort_bij, soort_van_partij
from leefbaar.domain.parties import PartijSoort, Rol
from leefbaar.privacy.ownership import Writer, agreement_refusal, reaction_refusal, status_refusal

GEMEENTE = Writer(Rol.GEMEENTE, "GM0363")
ANDERE_GEMEENTE = Writer(Rol.GEMEENTE, "GM0599")
CORPORATIE = Writer(Rol.CORPORATIE, "L0001")
ANDERE_CORPORATIE = Writer(Rol.CORPORATIE, "L0002")
HUURDERS = Writer(Rol.HUURDERSORGANISATIE, "HO0001")
ZORG = Writer(Rol.ZORGPARTNER, "ZP0001")
MINISTERIE = Writer(Rol.MINISTERIE, "MINBZK")
BEHEERDER = Writer(Rol.BEHEERDER, "LEEFBAAR")


@pytest.mark.parametrize(
    ("writer", "nationaal", "allowed"),
    [
        (GEMEENTE, False, True),  # the municipality directs its own local agreement
        (ANDERE_GEMEENTE, False, False),  # not another municipality's
        (CORPORATIE, False, False),  # a party to it, but it does not direct it
        (HUURDERS, False, False),
        (MINISTERIE, False, False),
        (BEHEERDER, False, True),  # the platform administrator may record any agreement
        (BEHEERDER, True, True),  # ... and is the only one for the national agreement
        (MINISTERIE, True, False),  # one signatory may not rewrite the others' commitments
        (GEMEENTE, True, False),
        (CORPORATIE, True, False),
    ],
)
def test_who_writes_an_agreement(writer: Writer, nationaal: bool, allowed: bool) -> None:
    refusal = agreement_refusal(writer, nationaal=nationaal, gemeentecode=None if nationaal else "GM0363")
    assert (refusal is None) is allowed


def test_refusals_name_the_directing_municipality() -> None:
    refusal = agreement_refusal(CORPORATIE, nationaal=False, gemeentecode="GM0363")
    assert refusal == (
        "een lokale afspraak van GM0363 wordt vastgelegd door die gemeente (zij heeft de regie) "
        "of de beheerder, niet door L0001"
    )


@pytest.mark.parametrize(
    ("writer", "verantwoordelijke", "allowed"),
    [
        (CORPORATIE, "L0001", True),  # the responsible party itself
        (ANDERE_CORPORATIE, "L0001", False),  # another association
        (HUURDERS, "L0001", False),  # a co-signer does not report, it reacts
        (BEHEERDER, "L0001", False),  # the beheerder is no party
        (CORPORATIE, "corporaties", True),  # a member of the collective, for its own part
        (GEMEENTE, "corporaties", False),  # not a member
        (GEMEENTE, "gemeenten", True),
        (MINISTERIE, "MINBZK", True),
        (MINISTERIE, "gemeenten", False),
    ],
)
def test_who_reports_a_status(writer: Writer, verantwoordelijke: str, allowed: bool) -> None:
    assert (status_refusal(writer, verantwoordelijke) is None) is allowed


LOKAAL = ("GM0363", "L0001", "L0002", "HO0001", "ZP0001")
NATIONAAL = ("MINBZK", "corporaties", "gemeenten", "huurdersorganisaties")


@pytest.mark.parametrize(
    ("writer", "partijen", "verantwoordelijke", "partij", "allowed"),
    [
        (HUURDERS, LOKAAL, "L0001", "L0001", True),  # a co-signer contests the association's status
        (GEMEENTE, LOKAAL, "L0001", "L0001", True),  # the municipality co-signed too
        (ANDERE_CORPORATIE, LOKAAL, "L0001", "L0001", True),  # another association that signed
        (CORPORATIE, LOKAAL, "L0001", "L0001", False),  # not one's own status
        (ANDERE_GEMEENTE, LOKAAL, "L0001", "L0001", False),  # no party to this agreement
        (BEHEERDER, LOKAAL, "L0001", "L0001", False),  # the beheerder is no party
        (CORPORATIE, NATIONAAL, "gemeenten", "GM0363", True),  # an association, via "corporaties"
        (HUURDERS, NATIONAAL, "gemeenten", "GM0363", True),  # tenants, via "huurdersorganisaties"
        (ANDERE_GEMEENTE, NATIONAAL, "gemeenten", "GM0363", False),  # a fellow member of the collective
        (GEMEENTE, NATIONAAL, "gemeenten", "GM0363", False),  # its own part
        (ZORG, NATIONAAL, "MINBZK", "MINBZK", False),  # care partners did not sign the national one
        (GEMEENTE, NATIONAAL, "MINBZK", "MINBZK", True),  # the municipalities react to the ministry's bill
    ],
)
def test_who_confirms_or_contests(
    writer: Writer, partijen: tuple[str, ...], verantwoordelijke: str, partij: str, allowed: bool
) -> None:
    assert (reaction_refusal(writer, partijen, verantwoordelijke, partij) is None) is allowed


@pytest.mark.parametrize(
    ("organisatie", "partij", "hoort"),
    [
        ("L0001", "L0001", True),  # itself
        ("L0001", "corporaties", True),  # a member of its collective
        ("L0001", "gemeenten", False),
        ("HO0001", "huurdersorganisaties", True),
        ("MINBZK", "MINBZK", True),
        ("LEEFBAAR", "corporaties", False),  # the platform belongs to no kind of party
    ],
)
def test_belonging_to_a_party(organisatie: str, partij: str, hoort: bool) -> None:
    assert hoort_bij(organisatie, partij) is hoort


def test_kind_of_a_party_of_an_agreement() -> None:
    assert soort_van_partij("corporaties") is PartijSoort.CORPORATIE
    assert soort_van_partij("GM0363") is PartijSoort.GEMEENTE
    assert soort_van_partij("koepels") is None
