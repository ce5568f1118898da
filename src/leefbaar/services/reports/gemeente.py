"""The per-gemeente report "Stand van de afspraken — gemeente X, peildatum …".

Its figures are the gemeente page's: the verdicts from ``monitor.latest_evaluation`` (scope
gemeente), a home for everyone from ``homes.gemeente_overzicht``, the key figures, corporaties and
local agreements from ``areas.gemeente``, and the map from the stored boundaries. Nothing is computed
here; cells the services withheld (disclosure control) become ``Onderdrukt``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from leefbaar.domain.regions import Niveau, is_valid_code
from leefbaar.reports import Kolom, Onderdrukt, Rapport, Sectie, Soort, Tabel, render_svg_map
from leefbaar.reports.model import Cel
from leefbaar.reports.text import datum, getal
from leefbaar.services import areas, cache, homes, investments, monitor
from leefbaar.services.reports.common import (
    RapportFout,
    Rendered,
    bronnen,
    colofon,
    controleer_formaat,
    render,
)
from leefbaar.services.reports.money import geld_sectie
from leefbaar.services.reports.plans import buurtkamers_sectie, herstructurering_sectie, vhf_sectie


def gemeentecodes(url: str | None = None, provinciecode: str | None = None) -> list[str]:
    """The codes of every gemeente of the newest division year (``rapport alle-gemeenten``), or of
    those in one province."""
    return [
        str(g["code"])
        for g in areas.gemeenten(url)
        if provinciecode is None or g.get("provinciecode") == provinciecode.upper()
    ]


def gemeente_rapport(
    url: str | None, code: str, formaat: str, peildatum: date | None = None, *, bewaren: bool = True
) -> Rendered:
    """The report of gemeente ``code`` as PDF or XLSX; RapportFout (Dutch) for an unknown code or format.

    Kept per data version (services.cache): a second download of the same report costs nothing.
    ``bewaren=False`` (a run over all gemeenten) renders without keeping it.
    """
    checked = controleer_formaat(formaat)
    url = areas.database_url(url)
    code = code.upper()
    if not bewaren:
        return render(gemeente_model(url, code, peildatum), checked)
    return cache.memo(  # type: ignore[no-any-return]  # the cache keeps Any
        "reports.gemeente",
        url,
        (code, checked, peildatum),
        lambda: render(gemeente_model(url, code, peildatum), checked),
    )


def gemeente_model(url: str | None, code: str, peildatum: date | None = None) -> Rapport:
    """The report model of one gemeente (what the PDF and XLSX are written from)."""
    url = areas.database_url(url)
    # The report only reads: one data version for all of its lookups, read once.
    with cache.request_scope("GET"):
        return _gemeente_model(url, code, peildatum)


def _gemeente_model(url: str, code: str, peildatum: date | None) -> Rapport:
    code = code.upper()
    g = areas.gemeente(url, code) if is_valid_code(Niveau.GEMEENTE, code) else None
    if g is None:
        raise RapportFout(f"Gemeente {code} bestaat niet in de nieuwste gebiedsindeling.")
    run = monitor.latest_evaluation(url, monitor.parse_scope(f"gemeente:{code}"), peildatum)
    thuis = homes.gemeente_overzicht(url, code, g.get("provinciecode"), peildatum)
    feiten = colofon(url)
    peil = run.peildatum if run is not None else peildatum
    titel = f"Stand van de afspraken — gemeente {g['naam']}"
    if peil is not None:
        titel += f", peildatum {datum(peil)}"
    kaart, kaart_titel = _kaart(url, code, g)
    return Rapport(
        titel=titel,
        onderwerp=f"Gemeente {g['naam']} ({code})",
        bestandsnaam=f"stand-van-de-afspraken-{code}" + (f"-{peil.isoformat()}" if peil else ""),
        peildatum=peil,
        inleiding=(
            f"{code}"
            + (f", provincie {g['provincie']}" if g.get("provincie") else "")
            + f" (gebiedsindeling {g['indelingsjaar']}).",
        ),
        secties=(
            _kerncijfers(g),
            afspraken_sectie(
                run, g["naam"], "Er is voor deze gemeente nog geen beoordeling van de afspraken opgeslagen."
            ),
            _thuis(thuis),
            geld_sectie(investments.gemeente(url, g["code"]), "gemeente"),
            vhf_sectie(url, g["code"]),
            buurtkamers_sectie(url, g["code"]),
            herstructurering_sectie(url, g["code"]),
        ),
        bronnen=bronnen(url),
        kaart_svg=kaart,
        kaart_titel=kaart_titel,
        **feiten,
    )


def _kerncijfers(g: dict[str, Any]) -> Sectie:
    inwoners = "Inwoners" + (f" {g['inwoners_jaar']}" if g.get("inwoners_jaar") else "")
    tabel = Tabel(
        f"Kerncijfers van {g['naam']}",
        "Kerncijfers",
        (
            Kolom("Gemeente", breedte=24),
            Kolom(inwoners, Soort.GETAL, "aantal"),
            Kolom("Woningen", Soort.GETAL, "aantal"),
            Kolom("Aandeel sociale huur", Soort.PROCENT, "%"),
            Kolom("Aandeel corporatiewoningen", Soort.PROCENT, "%"),
        ),
        ((g["naam"], g.get("inwoners"), g.get("woningen"), g.get("sociaal_pct"), g.get("corporatie_pct")),),
    )
    corporaties = Tabel(
        "Corporaties met bezit in de gemeente",
        "Corporaties",
        (Kolom("Corporatie", breedte=40), Kolom("Code"), Kolom("Woningen in totaal", Soort.GETAL, "aantal")),
        tuple((c["naam"], c["id"], c.get("woningen")) for c in g.get("corporaties") or ()),
    )
    afspraken = Tabel(
        "Lokale prestatieafspraken",
        "Prestatieafspraken",
        (
            Kolom("Afspraak", breedte=28),
            Kolom("Startjaar", Soort.JAAR),
            Kolom("Eindjaar", Soort.JAAR),
            Kolom("Partijen", breedte=60),
        ),
        tuple(
            (
                a["afspraak_id"],
                a.get("startjaar"),
                a.get("eindjaar"),
                ", ".join(p["naam"] for p in a["partijen"]),
            )
            for a in g.get("prestatieafspraken") or ()
        ),
    )
    tabellen = [tabel]
    meldingen = []
    if corporaties.rijen:
        tabellen.append(corporaties)
    else:
        meldingen.append("Er zijn geen corporaties met bezit in deze gemeente geladen.")
    if afspraken.rijen:
        tabellen.append(afspraken)
    else:
        meldingen.append("Er zijn geen lokale prestatieafspraken geladen.")
    return Sectie("Kerncijfers", tabellen=tuple(tabellen), meldingen=tuple(meldingen))


def afspraken_sectie(run: monitor.MonitorRun | None, naam: str, geen: str) -> Sectie:
    """The verdicts of one scope with their Dutch explanations (every report has this section)."""
    titel = "Afspraken en hun status"
    if run is None or not run.beoordelingen:
        return Sectie(
            titel, meldingen=("Er is voor deze gemeente nog geen beoordeling van de afspraken opgeslagen.",)
        )
    rijen = tuple(
        (b.titel, b.status.value, b.waarde, b.eenheid, b.doel, b.volledigheid, b.deadline, b.uitleg)
        for b in run.beoordelingen
    )
    tabel = Tabel(
        f"Landelijke en lokale afspraken voor {naam}",
        "Afspraken",
        (
            Kolom("Afspraak", breedte=30),
            Kolom("Status", breedte=13),
            Kolom("Waarde", Soort.DECIMAAL, breedte=10),
            Kolom("Eenheid", breedte=17),
            Kolom("Doel", Soort.DECIMAAL, breedte=8),
            Kolom("Volledigheid", Soort.AANDEEL, "%", breedte=16),
            Kolom("Deadline", Soort.DATUM, breedte=17),
            Kolom("Toelichting", breedte=58),
        ),
        rijen,
        voetnoten=(
            "Volledigheid: het deel van de woningen of gebieden waarover gegevens bekend zijn. "
            "Een ontbrekende waarde telt niet als 0.",
        ),
    )
    return Sectie(titel, alineas=(f"Beoordeling op peildatum {datum(run.peildatum)}.",), tabellen=(tabel,))


def as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _thuis(thuis: dict[str, Any]) -> Sectie:
    alineas: list[str] = []
    tabellen: list[Tabel] = []
    s = thuis.get("sociaal")
    if s:
        zin = (
            f"{getal(s['sociale_huur'])} van de {getal(s['woningen'])} woningen zijn sociale huur: "
            f"{getal(100 * s['aandeel'], 1)}% (doel {s['doelpercentage']}%, peildatum {datum(as_date(s['peildatum']) or date.min)})."
        )
        if s.get("op_doel"):
            zin += " De gemeente zit op of boven het doel."
        else:
            zin += (
                f" Tekort: {getal(s['tekort'])} woningen; nodig per jaar tot {s['benodigd']['doeljaar']}: "
                f"{getal(s['benodigd']['per_jaar_afgerond'])}."
            )
        zin += f" Verwachting: {s['traject']['uitkomst']}."
        alineas.append(zin)
        tabellen.append(
            Tabel(
                "Verwacht aandeel sociale huur per jaar (30%-doel)",
                "Sociale huur",
                (
                    Kolom("Jaar", Soort.JAAR),
                    Kolom("Sociale huur", Soort.GETAL, "woningen"),
                    Kolom("Woningen", Soort.GETAL, "aantal"),
                    Kolom("Aandeel", Soort.AANDEEL, "%"),
                ),
                tuple(
                    (j["jaar"], j["sociale_huur"], j["woningen"], j["aandeel"]) for j in s["traject"]["jaren"]
                ),
            )
        )
    v = thuis.get("verdeling")
    if v and v.get("rijen"):
        tabellen.append(
            Tabel(
                f"Eerlijke verdeling van aandachtsgroepen ({v['periode']}) binnen {v['regio']}",
                "Eerlijke verdeling",
                (
                    Kolom("Aandachtsgroep", breedte=26),
                    Kolom("Eerlijk deel", Soort.GETAL, "toewijzingen"),
                    Kolom("Gerealiseerd", Soort.GETAL, "toewijzingen"),
                    Kolom("Verschil", Soort.GETAL, "toewijzingen"),
                ),
                tuple(
                    (
                        str(r["groep"]).replace("_", " "),
                        *(_suppressed(r, k) for k in ("doel", "gerealiseerd", "afwijking")),
                    )
                    for r in v["rijen"]
                ),
                voetnoten=(
                    f"Kleine aantallen (minder dan {v['k']}) worden niet getoond, net als cijfers waaruit ze af te leiden zijn.",
                    *(
                        o[:1].upper() + o[1:] + ("" if o.endswith(".") else ".")
                        for o in v.get("opmerkingen") or ()
                    ),
                ),
            )
        )
    i = thuis.get("instrumenten")
    if i:
        tabellen.append(
            Tabel(
                "Instrumenten",
                "Instrumenten",
                (
                    Kolom("Instrument", breedte=22),
                    Kolom("Vastgesteld", breedte=12),
                    Kolom("Vastgesteld op", Soort.DATUM, breedte=16),
                    Kolom("Toelichting", breedte=70),
                ),
                (
                    (
                        "Urgentieverordening",
                        "ja" if i.get("vastgesteld") else "nee",
                        as_date(i.get("vastgesteld_op")),
                        i.get("toelichting"),
                    ),
                    (
                        "Woonzorgvisie",
                        "ja" if i.get("woonzorgvisie_vastgesteld") else "nee",
                        as_date(i.get("woonzorgvisie_vastgesteld_op")),
                        i.get("woonzorgvisie_toelichting"),
                    ),
                ),
            )
        )
    meldingen = tuple(
        m[:1].upper() + m[1:] + ("" if m.endswith(".") else ".") for m in thuis.get("meldingen") or ()
    )
    return Sectie(
        "Een thuis voor iedereen", alineas=tuple(alineas), tabellen=tuple(tabellen), meldingen=meldingen
    )


def _suppressed(row: dict[str, Any], key: str) -> Cel:
    """A fair-share figure, or Onderdrukt when disclosure control withheld it (None from the service)."""
    value = row.get(key)
    if value is None:
        reden = (row.get("redenen") or {}).get(key) or "niet getoond"
        return Onderdrukt(str(reden))
    return value if isinstance(value, int | float) else str(value)


def _kaart(url: str, code: str, g: dict[str, Any]) -> tuple[str | None, str | None]:
    niveau = g.get("kaartniveau")
    if not niveau:
        return None, None
    data = areas.deelgebied_grenzen(url, code, str(niveau))
    if not data:
        return None, None
    titel = f"Kaart van de {'buurten' if niveau == 'buurt' else 'wijken'} van {g['naam']}"
    return render_svg_map(data, titel), titel
