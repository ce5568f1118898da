"""The per-corporatie report "Stand van de afspraken — corporatie X, peildatum …".

Its figures are the corporatie page's: the stock, its NEN 2767 condition and the list of complexes in
condition 5 or 6 (``areas.corporatie``), the investments, and the verdicts for the association
(``monitor.latest_evaluation``, scope corporatie). Only public aggregates: a complex's dwellings are
not in it (they are for the owner, docs/privacy.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from leefbaar.reports import Kolom, Rapport, Sectie, Soort, Tabel
from leefbaar.reports.text import datum
from leefbaar.services import areas, cache, investments, monitor
from leefbaar.services.reports.common import (
    RapportFout,
    Rendered,
    bronnen,
    colofon,
    controleer_formaat,
    render,
)
from leefbaar.services.reports.gemeente import afspraken_sectie, as_date
from leefbaar.services.reports.money import geld_sectie


def corporatie_rapport(
    url: str | None, partij_id: str, formaat: str, peildatum: date | None = None
) -> Rendered:
    """The report of corporatie ``partij_id`` as PDF or XLSX (kept per data version); RapportFout (Dutch)
    for an unknown association or format."""
    checked = controleer_formaat(formaat)
    url = areas.database_url(url)
    partij_id = partij_id.upper()[:12]
    return cache.memo(  # type: ignore[no-any-return]  # the cache keeps Any
        "reports.corporatie",
        url,
        (partij_id, checked, peildatum),
        lambda: render(corporatie_model(url, partij_id, peildatum), checked),
    )


def corporatie_model(url: str | None, partij_id: str, peildatum: date | None = None) -> Rapport:
    url = areas.database_url(url)
    with cache.request_scope("GET"):
        c = areas.corporatie(url, partij_id.upper()[:12])
        if c is None:
            raise RapportFout(f"Corporatie {partij_id} bestaat niet.")
        run = monitor.latest_evaluation(url, monitor.parse_scope(f"corporatie:{c['id']}"), peildatum)
        peil = run.peildatum if run is not None else peildatum
        titel = f"Stand van de afspraken — {c['naam']}"
        if peil is not None:
            titel += f", peildatum {datum(peil)}"
        return Rapport(
            titel=titel,
            onderwerp=f"{c['naam']} ({c['id']})",
            bestandsnaam=f"stand-van-de-afspraken-{c['id']}" + (f"-{peil.isoformat()}" if peil else ""),
            peildatum=peil,
            inleiding=(
                f"Corporatie {c['id']}"
                + (f", gevestigd in {c['gemeentenaam']}" if c.get("gemeentenaam") else "")
                + ".",
            ),
            secties=(
                _voorraad(c),
                afspraken_sectie(
                    run, c["naam"], "Er is voor deze corporatie nog geen beoordeling opgeslagen."
                ),
                geld_sectie(investments.corporatie(url, c["id"]), "corporatie"),
                _investeringen(c),
            ),
            bronnen=bronnen(url),
            **colofon(url),
        )


def _voorraad(c: dict[str, Any]) -> Sectie:
    kern = Tabel(
        f"Woningvoorraad van {c['naam']}",
        "Voorraad",
        (
            Kolom("Corporatie", breedte=30),
            Kolom("Complexen", Soort.GETAL, "aantal"),
            Kolom("Woningen", Soort.GETAL, "aantal"),
            Kolom("Sociale huur", Soort.GETAL, "woningen"),
            Kolom("Middenhuur", Soort.GETAL, "woningen"),
            Kolom("Vrije sector", Soort.GETAL, "woningen"),
            Kolom("Aandeel sociale huur", Soort.PROCENT, "%"),
        ),
        (
            (
                c["naam"],
                c.get("complexen"),
                c.get("woningen"),
                c.get("sociaal"),
                c.get("midden"),
                c.get("vrij"),
                c.get("sociaal_pct"),
            ),
        ),
    )
    conditie = Tabel(
        "Woningen naar NEN 2767-conditie van hun complex",
        "Conditie",
        (
            Kolom("Conditie", breedte=12),
            Kolom("Oordeel", breedte=16),
            Kolom("Complexen", Soort.GETAL, "aantal"),
            Kolom("Woningen", Soort.GETAL, "aantal"),
        ),
        tuple(
            (
                str(r["score"]) if r.get("score") is not None else "onbekend",
                r.get("oordeel"),
                r.get("complexen"),
                r.get("woningen"),
            )
            for r in c.get("conditie") or ()
        ),
    )
    slecht = Tabel(
        "Complexen in conditie 5 of 6",
        "Conditie 5 of 6",
        (
            Kolom("Complex", breedte=30),
            Kolom("Gemeente", breedte=18),
            Kolom("Conditie", Soort.JAAR, breedte=10),
            Kolom("Meetdatum", Soort.DATUM, breedte=14),
            Kolom("Woningen", Soort.GETAL, "aantal", breedte=12),
            Kolom("Sloopplan", breedte=14),
            Kolom("Uitzondering", breedte=16),
        ),
        tuple(
            (
                f"{r['naam']} ({r['id']})",
                r.get("gemeentenaam"),
                r.get("score"),
                as_date(r.get("meetdatum")),
                r.get("woningen"),
                r.get("sloopplan") or "geen",
                "ja" if r.get("uitzondering") else "nee",
            )
            for r in c.get("slechte_conditie") or ()
        ),
        voetnoten=("Uitzondering: alleen een concreet sloopplan telt (afspraak R1).",),
    )
    tabellen = [kern, conditie] if conditie.rijen else [kern]
    meldingen = []
    if slecht.rijen:
        tabellen.append(slecht)
    else:
        meldingen.append("Geen complexen in conditie 5 of 6.")
    return Sectie("Woningvoorraad en conditie", tabellen=tuple(tabellen), meldingen=tuple(meldingen))


def _investeringen(c: dict[str, Any]) -> Sectie:
    rijen = tuple(
        (r["jaar"], r.get("thema"), r.get("soort"), r.get("bedrag_eur")) for r in c.get("investeringen") or ()
    )
    if not rijen:
        return Sectie("Investeringen", meldingen=("Er zijn geen investeringen geladen.",))
    return Sectie(
        "Investeringen",
        tabellen=(
            Tabel(
                "Investeringen per jaar en thema",
                "Investeringen",
                (
                    Kolom("Jaar", Soort.JAAR),
                    Kolom("Thema", breedte=20),
                    Kolom("Soort", breedte=12),
                    Kolom("Bedrag", Soort.GETAL, "euro", breedte=16),
                ),
                rijen,
            ),
        ),
    )
