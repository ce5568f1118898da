"""Demo sharing agreements and synthetic signals (development only)."""

from __future__ import annotations

from datetime import date

from leefbaar.config import Settings
from leefbaar.privacy.sharing import Bewaartermijn, Gegevenscategorie, Gegevensdelingsovereenkomst
from leefbaar.services.accounts import Account
from leefbaar.services.processing_log import Geweigerd
from leefbaar.services.sharing.agreements import load_agreements, register_agreement
from leefbaar.services.sharing.signals import share_signal

#: Synthetic household ids of the demo signals; never real ids.
DEMO_HUISHOUDENS = ("DEMO-HH-000001", "DEMO-HH-000002", "DEMO-HH-000003")


def demo_agreements() -> list[Gegevensdelingsovereenkomst]:
    """Two demo agreements: arrears L0001 -> GM0363, care signals and nuisance L0001 -> ZP0001."""
    return [
        Gegevensdelingsovereenkomst(
            id="GDO-DEMO-L0001-GM0363",
            verstrekker="L0001",
            ontvanger="GM0363",
            doel="vroegsignalering_schulden",
            doel_omschrijving="vroegsignalering van betalingsachterstanden (demo)",
            grondslag="Wet gemeentelijke schuldhulpverlening, art. 3 en 5 (vroegsignalering)",
            categorieen=frozenset({Gegevenscategorie.BETALINGSACHTERSTAND}),
            bewaartermijn=Bewaartermijn(maanden=6),
            begindatum=date(2025, 1, 1),
        ),
        Gegevensdelingsovereenkomst(
            id="GDO-DEMO-L0001-ZP0001",
            verstrekker="L0001",
            ontvanger="ZP0001",
            doel="zorg_en_ondersteuning",
            doel_omschrijving="zorg en ondersteuning bij overlast en zorgen over een huurder (demo)",
            grondslag="uitdrukkelijke toestemming van de huurder (AVG art. 9 lid 2 onder a)",
            categorieen=frozenset({Gegevenscategorie.ZORGSIGNAAL, Gegevenscategorie.OVERLAST}),
            bewaartermijn=Bewaartermijn(dagen=90),
            begindatum=date(2025, 1, 1),
        ),
    ]


def create_demo_sharing(url: str, beheerder: Account, corporatie: Account, *, settings: Settings) -> int:
    """Register the demo agreements and share a few synthetic signals; development only.

    Returns the number of signals shared (0 when the demo agreements already exist).
    """
    if not settings.is_development:
        raise Geweigerd("demogegevens voor signalen alleen in een ontwikkelomgeving")
    existing = {a.id for a in load_agreements(url, corporatie.organisatie)}
    agreements = demo_agreements()
    if all(a.id in existing for a in agreements):
        return 0
    for agreement in agreements:
        if agreement.id not in existing:
            register_agreement(url, beheerder, agreement)
    plan = [
        (
            DEMO_HUISHOUDENS[0],
            "GM0363",
            "betalingsachterstand",
            "vroegsignalering_schulden",
            "Huur 2 maanden niet betaald.",
        ),
        (
            DEMO_HUISHOUDENS[1],
            "GM0363",
            "betalingsachterstand",
            "vroegsignalering_schulden",
            "Betalingsregeling niet nagekomen.",
        ),
        (
            DEMO_HUISHOUDENS[2],
            "ZP0001",
            "zorgsignaal",
            "zorg_en_ondersteuning",
            "Zorgen over zelfredzaamheid bewoner.",
        ),
        (
            DEMO_HUISHOUDENS[2],
            "ZP0001",
            "overlast",
            "zorg_en_ondersteuning",
            "Herhaalde geluidsoverlast gemeld door buren.",
        ),
    ]
    for household, ontvanger, categorie, doel, tekst in plan:
        share_signal(url, corporatie, household, ontvanger, categorie, doel, tekst, settings=settings)
    return len(plan)
