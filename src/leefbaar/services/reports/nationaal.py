"""The national report "Stand van de afspraken — Nederland, peildatum …".

Its figures are the national page's: the national verdicts (``monitor.latest_evaluation``, scope
nationaal) and, for every commitment judged for all municipalities, the status per gemeente and the
count per status (``monitor.status_map``, the national map's colouring).
"""

from __future__ import annotations

from datetime import date

from leefbaar.domain.agreements import Status
from leefbaar.reports import Kolom, Rapport, Sectie, Soort, Tabel
from leefbaar.reports.model import Cel
from leefbaar.reports.text import datum
from leefbaar.services import areas, cache, monitor
from leefbaar.services.reports.common import Rendered, bronnen, colofon, controleer_formaat, render
from leefbaar.services.reports.gemeente import afspraken_sectie


def nationaal_rapport(url: str | None, formaat: str, peildatum: date | None = None) -> Rendered:
    """The national report as PDF or XLSX (kept per data version)."""
    checked = controleer_formaat(formaat)
    url = areas.database_url(url)
    return cache.memo(  # type: ignore[no-any-return]  # the cache keeps Any
        "reports.nationaal",
        url,
        (checked, peildatum),
        lambda: render(nationaal_model(url, peildatum), checked),
    )


def nationaal_model(url: str | None, peildatum: date | None = None) -> Rapport:
    url = areas.database_url(url)
    with cache.request_scope("GET"):
        run = monitor.latest_evaluation(url, monitor.NATIONAAL, peildatum)
        peil = run.peildatum if run is not None else peildatum
        titel = "Stand van de afspraken — Nederland" + (f", peildatum {datum(peil)}" if peil else "")
        return Rapport(
            titel=titel,
            onderwerp="Nederland",
            bestandsnaam="stand-van-de-afspraken-nederland" + (f"-{peil.isoformat()}" if peil else ""),
            peildatum=peil,
            inleiding=(
                "De landelijke afspraken en, per gemeente, de status van de afspraken die voor elke gemeente gelden.",
            ),
            secties=(
                afspraken_sectie(run, "Nederland", "Er is nog geen landelijke beoordeling opgeslagen."),
                _per_gemeente(url),
            ),
            bronnen=bronnen(url),
            **colofon(url),
        )


def _per_gemeente(url: str) -> Sectie:
    kaart = monitor.status_map(url)
    titel = "Status per gemeente"
    if kaart is None:
        return Sectie(titel, meldingen=("Er is nog geen beoordeling van alle gemeenten opgeslagen.",))
    codes = [f"T{i}" for i in range(1, len(kaart.toezeggingen) + 1)]
    legenda = Tabel(
        "De toezeggingen die voor elke gemeente gelden",
        "Toezeggingen",
        (Kolom("Code", breedte=8), Kolom("Toezegging", breedte=90)),
        tuple((code, t.titel) for code, t in zip(codes, kaart.toezeggingen, strict=True)),
    )
    telling = Tabel(
        f"Aantal gemeenten per status (peildatum {datum(kaart.peildatum)})",
        "Aantal per status",
        (Kolom("Code", breedte=8), *(Kolom(s.value, Soort.GETAL, "gemeenten", breedte=14) for s in Status)),
        tuple(
            (code, *(kaart.telling(t.sleutel)[s.value] for s in Status))
            for code, t in zip(codes, kaart.toezeggingen, strict=True)
        ),
    )
    rijen: list[tuple[Cel, ...]] = []
    for g in areas.gemeenten(url):
        statussen = [kaart.status(t.sleutel, g["code"]) for t in kaart.toezeggingen]
        rijen.append((g["naam"], g["code"], *(s or "geen oordeel" for s in statussen)))
    per_gemeente = Tabel(
        "Status per gemeente",
        "Status per gemeente",
        (Kolom("Gemeente", breedte=24), Kolom("Code", breedte=12), *(Kolom(c, breedte=11) for c in codes)),
        tuple(rijen),
    )
    return Sectie(
        titel,
        alineas=(f"Uit de nieuwste beoordeling van alle gemeenten, peildatum {datum(kaart.peildatum)}.",),
        tabellen=(legenda, telling, per_gemeente),
    )
