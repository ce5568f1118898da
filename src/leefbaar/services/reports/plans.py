"""The sections of the gemeente report about money and plans in areas: the Volkshuisvestingsfonds
(R7), buurtkamers (R5) and restructuring plans (R3, R8) — the tables of the gemeente page, from the
same services (services.vhf, services.buurtkamers, services.restructuring)."""

from __future__ import annotations

from typing import Any

from leefbaar.reports import Kolom, Sectie, Soort, Tabel
from leefbaar.services import buurtkamers, restructuring, vhf


def vhf_sectie(url: str, code: str) -> Sectie:
    fonds = vhf.gemeente(url, code)
    if fonds is None or not fonds["bijdragen"]:
        return Sectie(
            "Volkshuisvestingsfonds", meldingen=("Deze gemeente heeft geen bijdrage uit het fonds.",)
        )
    totaal = fonds["totaal"]
    rijen = tuple(
        (
            b["gebied"],
            b["ronde"],
            b["bedrag"],
            b["cofinanciering"],
            b["besteed"],
            b["plan"]["particulier"],
            b["plan"]["corporatie"],
            b["plan"]["complexen"],
        )
        for b in fonds["bijdragen"]
    )
    tabel = Tabel(
        "Bijdragen uit het Volkshuisvestingsfonds",
        "Volkshuisvestingsfonds",
        (
            Kolom("Gebied", breedte=28),
            Kolom("Ronde", Soort.JAAR),
            Kolom("Rijksbijdrage", Soort.GETAL, "euro", breedte=16),
            Kolom("Cofinanciering", Soort.GETAL, "euro", breedte=16),
            Kolom("Besteed", Soort.GETAL, "euro", breedte=16),
            Kolom("Adressen particulier", Soort.GETAL, breedte=12),
            Kolom("Adressen corporatie", Soort.GETAL, breedte=12),
            Kolom("Complexen", Soort.GETAL, breedte=10),
        ),
        rijen,
    )
    zin = f"Uitvoeringsplannen met adressen: {totaal['plannen_met_adressen']} van {len(rijen)}. " + str(
        fonds["uitleg"]
    )
    return Sectie("Volkshuisvestingsfonds", alineas=(zin,), tabellen=(tabel,))


def buurtkamers_sectie(url: str, code: str) -> Sectie:
    rows = buurtkamers.van_gemeente(url, code) or []
    if not rows:
        return Sectie("Buurtkamers", meldingen=("Er zijn in deze gemeente geen buurtkamers vastgelegd.",))
    o: dict[str, Any] = buurtkamers.overzicht(rows)
    rijen = tuple(
        (
            r["naam"],
            r["buurtnaam"] or r["buurtcode"],
            r["status"],
            r["geopend_op"],
            r["gesloten_op"],
            r["jaarkosten_eur"],
            r["bezoekers_per_jaar"],
            ", ".join(p["naam"] for p in r["partners"]),
        )
        for r in rows
    )
    tabel = Tabel(
        "Buurtkamers",
        "Buurtkamers",
        (
            Kolom("Naam", breedte=28),
            Kolom("Buurt", breedte=24),
            Kolom("Status", breedte=14),
            Kolom("Geopend", Soort.DATUM),
            Kolom("Gesloten", Soort.DATUM),
            Kolom("Jaarkosten", Soort.GETAL, "euro", breedte=14),
            Kolom("Bezoekers per jaar", Soort.GETAL, breedte=12),
            Kolom("Partners", breedte=40),
        ),
        rijen,
    )
    zin = f"Open: {o['open']}; gesloten: {o['gesloten']}; nog niet geopend: {o['nog_niet_geopend']}."
    return Sectie("Buurtkamers", alineas=(zin,), tabellen=(tabel,))


def herstructurering_sectie(url: str, code: str) -> Sectie:
    plannen = restructuring.gemeente(url, code)
    if not plannen:
        return Sectie("Herstructurering", meldingen=("Er zijn geen herstructureringsplannen vastgelegd.",))
    rijen = tuple(
        (
            p.naam,
            p.status_tekst,
            p.startjaar,
            p.eindjaar,
            p.woningen_sloop,
            p.woningen_renovatie,
            p.woningen_nieuwbouw,
            p.corporatie_woningen,
            p.particuliere_woningen,
            "ja" if p.gemengd else "nee",
        )
        for p in plannen
    )
    tabel = Tabel(
        "Herstructureringsplannen",
        "Herstructurering",
        (
            Kolom("Plan", breedte=30),
            Kolom("Status", breedte=14),
            Kolom("Van", Soort.JAAR),
            Kolom("Tot en met", Soort.JAAR),
            Kolom("Sloop", Soort.GETAL),
            Kolom("Renovatie", Soort.GETAL),
            Kolom("Nieuwbouw", Soort.GETAL),
            Kolom("Corporatiewoningen", Soort.GETAL, breedte=12),
            Kolom("Particuliere woningen", Soort.GETAL, breedte=12),
            Kolom("Beide voorraden", breedte=10),
        ),
        rijen,
    )
    return Sectie("Herstructurering", tabellen=(tabel,))
