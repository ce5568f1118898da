"""A tiny crafted dataset for the monitor tests (no tests here), imported through the import service.

Hand-computed facts (peildatum 2026-01-01, R1 recent = measured after 2021-01-01):

complex        dwellings  gemeente  complex score      elements (score x vervangingswaarde)   sloop plan
L0001/1043     12         GM0363    4 (2024-06-01)     dak 6 x 10.000, gevel 4 x 90.000 -> 4.2 -> 4   -
L0001/1044      4         GM0363    5 (2018-01-01)     -                                       voornemen
L0002/2001      5         GM0599    6 (2025-01-01)     -                                       concreet (or voornemen)
L0002/2002      3         GM0599    -                  dak 4 x 50.000, gevel 5 x 50.000 -> 4.5 -> 5   -

Other dwellings: GM0363 2 overige_huur sociaal, 2 overige_huur vrij, 10 koop; GM0599 5 koop.
GM0034 (PV24) has no dwellings at all.

Volkshuisvestingsfonds: rounds 2023 (12 mln available), 2024 (8 mln), 2027 (5 mln); grants V1
(GM0363, 2023, 10 mln), V2 (GM0363, 2024, 5 mln, "per complex" but no addresses), V3 (GM0599, 2024,
3 mln, spent 3.5 mln), V4 (GM0599, 2027). V1's plan: association 1043 (dwellings 1, 2) and 1044
(13), private 25 (overige huur) and 29 (koop); 30 (koop) withdrawn. Spending: V1 2 + 3 + 1.5 mln
(2023, 2024, 2026), V2 1 mln in 2040, V3 3.5 mln in 2025.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services.agreements import store_agreement
from leefbaar.services.imports import import_file

PEILDATUM = date(2026, 1, 1)


def _bag(gemeente: str, n: int) -> str:
    return f"{gemeente[2:]}01{n:010d}"


def _woningen() -> str:
    rows = ["verblijfsobject_id,buurtcode,eigendom,corporatie_id,complexnummer,huursegment,energielabel"]
    n = 0

    def add(
        gemeente: str, count: int, eigendom: str, corp: str, nummer: str, segment: str, labels: list[str]
    ) -> None:
        nonlocal n
        buurt = f"BU{gemeente[2:]}0001"
        for i in range(count):
            n += 1
            label = labels[i] if i < len(labels) else ""
            rows.append(f"{_bag(gemeente, n)},{buurt},{eigendom},{corp},{nummer},{segment},{label}")

    add("GM0363", 12, "corporatie", "L0001", "1043", "sociaal", ["E", "E", "E", "G"] + ["B"] * 8)
    add("GM0363", 4, "corporatie", "L0001", "1044", "sociaal", [])
    add("GM0599", 5, "corporatie", "L0002", "2001", "sociaal", ["F"] * 5)
    add("GM0599", 3, "corporatie", "L0002", "2002", "midden", ["A"] * 3)
    add("GM0363", 2, "overige_huur", "", "", "sociaal", [])
    add("GM0363", 2, "overige_huur", "", "", "vrij", [])
    add("GM0363", 10, "koop", "", "", "", [])
    add("GM0599", 5, "koop", "", "", "", [])
    return "\n".join(rows) + "\n"


def files(sloop_status: str = "concreet") -> list[tuple[str, str]]:
    """(kind, CSV text) in import order."""
    return [
        (
            "gebieden",
            "code,naam,provinciecode\nGM0363,Amsterdam,PV27\nGM0599,Rotterdam,PV28\nGM0034,Almere,PV24\n"
            "WK036300,Centrum,\nWK059900,Stadsdriehoek,\nBU03630001,Kop Zeedijk,\nBU05990001,Oude Westen,\n",
        ),
        (
            "partijen",
            "partij_id,soort,naam,gemeentecode\nGM0363,gemeente,Gemeente Amsterdam,GM0363\n"
            "GM0599,gemeente,Gemeente Rotterdam,GM0599\nL0001,corporatie,Woonstichting X,GM0363\n"
            "L0002,corporatie,Woonstichting Y,GM0599\nZP0001,zorgpartner,Zorg Amsterdam,GM0363\n"
            "BO0001,bewonersorganisatie,Bewoners Noord,GM0363\n",
        ),
        (
            "complexen",
            "corporatie_id,complexnummer,naam,gemeentecode\nL0001,1043,Zeeheldenbuurt,GM0363\n"
            "L0001,1044,Kop,GM0363\nL0002,2001,Westen,GM0599\nL0002,2002,Oost,GM0599\n",
        ),
        ("woningen", _woningen()),
        (
            "conditiemetingen",
            "corporatie_id,complexnummer,element,score,vervangingswaarde_eur,meetdatum\n"
            "L0001,1043,,4,,2024-06-01\nL0001,1043,dak,6,10000,2024-06-01\nL0001,1043,gevel,4,90000,2024-06-01\n"
            "L0001,1044,,5,,2018-01-01\nL0002,2001,,6,,2025-01-01\n"
            "L0002,2002,dak,4,50000,2023-03-01\nL0002,2002,gevel,5,50000,2023-03-01\n"
            # a later measurement than the peildatum never counts
            "L0001,1043,,6,,2026-06-01\n",
        ),
        (
            "plannen",
            "plan_id,corporatie_id,complexnummer,soort,status\n"
            f"P-1044,L0001,1044,sloop,voornemen\nP-2001,L0002,2001,sloop,{sloop_status}\n"
            "P-1043,L0001,1043,renovatie,concreet\n",
        ),
        (
            "gebreken",
            "gebrek_id,corporatie_id,complexnummer,verblijfsobject_id,soort,geconstateerd_op,opgelost_op\n"
            f"G1,L0001,1043,{_bag('GM0363', 1)},vocht_schimmel,2025-01-01,\n"
            f"G2,L0001,1043,{_bag('GM0363', 1)},vocht_schimmel,2025-02-01,\n"
            f"G3,L0001,1043,{_bag('GM0363', 2)},vocht_schimmel,2025-01-01,2025-06-01\n"
            f"G4,L0001,1043,{_bag('GM0363', 3)},lood,2025-01-01,\n",
        ),
        (
            "investeringen",
            "partij_id,jaar,thema,soort,bedrag_eur,gemeentecode\nL0001,2025,vocht_schimmel,extra,1000000,GM0363\n"
            "L0001,2025,lood,extra,500000,GM0363\nL0001,2025,asbest,regulier,2000000,GM0363\n"
            "L0001,2025,buurtkamers,extra,300000,GM0363\nL0002,2024,lood,extra,700000,GM0599\n",
        ),
        ("vhf-rondes", "ronde,beschikbaar_eur\n2023,12000000\n2024,8000000\n2027,5000000\n"),
        (
            "vhf-bijdragen",
            "bijdrage_id,gemeentecode,ronde,gebied,bedrag_eur,cofinanciering_eur,uitvoeringsplan,betrokken_partijen\n"
            'V1,GM0363,2023,Noord,10000000,2500000,per_complex,"L0001;BO0001"\n'
            "V2,GM0363,2024,Oost,5000000,1000000,per_complex,\n"
            "V3,GM0599,2024,Zuid,3000000,0,geen,L0002\nV4,GM0599,2027,Zuid II,1000000,0,per_complex,\n",
        ),
        (
            "vhf-bestedingen",
            "gemeentecode,bijdrage_id,jaar,besteed_eur\nGM0363,V1,2023,2000000\nGM0363,V1,2024,3000000\n"
            "GM0363,V1,2026,1500000\nGM0363,V2,2040,1000000\nGM0599,V3,2025,3500000\n",
        ),
        (
            "vhf-planadressen",
            "gemeentecode,bijdrage_id,verblijfsobject_id,voorraad,corporatie_id,complexnummer,status\n"
            f"GM0363,V1,{_bag('GM0363', 1)},corporatie,L0001,1043,opgenomen\n"
            f"GM0363,V1,{_bag('GM0363', 2)},corporatie,L0001,1043,\n"
            f"GM0363,V1,{_bag('GM0363', 13)},corporatie,L0001,1044,opgenomen\n"
            f"GM0363,V1,{_bag('GM0363', 25)},particulier,,,opgenomen\n"
            f"GM0363,V1,{_bag('GM0363', 29)},particulier,,,opgenomen\n"
            f"GM0363,V1,{_bag('GM0363', 30)},particulier,,,ingetrokken\n",
        ),
        (
            "urgentieverordeningen",
            "gemeentecode,vastgesteld_op,groepen\n"
            "GM0363,2024-01-01,dakloos;medische_urgentie;sociale_urgentie;uitstroom_detentie;uitstroom_instelling\n"
            "GM0599,2024-01-01,dakloos;medische_urgentie;sociale_urgentie;uitstroom_instelling\n",
        ),
        (
            "woonzorgvisies",
            "gemeentecode,vastgesteld_op,geldig_tot\nGM0363,2023-05-01,\nGM0599,2019-01-01,\n",
        ),
        (
            "buurtkamers",
            "buurtkamer_id,naam,buurtcode,corporatie_id,geopend_op\nBK1,De Kop,BU03630001,L0001,2024-03-01\n"
            "BK2,Later,BU03630001,L0001,2027-01-01\n",
        ),
    ]


#: Local agreements (id, gemeente, parties, first and last year): PA-3 is no longer in force in 2026.
LOCAL_AGREEMENTS = (
    ("PA-1", "GM0363", ("GM0363", "L0001", "ZP0001"), 2024, 2027),
    ("PA-2", "GM0599", ("GM0599", "L0002"), 2024, 2027),
    ("PA-3", "GM0599", ("GM0599", "L0002", "ZP0001"), 2020, 2023),
)

_SOORT = {"GM": "gemeente", "L0": "corporatie", "ZP": "zorgpartner"}


def local_agreement(
    afspraak_id: str, gemeente: str, partijen: tuple[str, ...], start: int, eind: int
) -> dict:  # type: ignore[type-arg]
    """A local agreement document with the given parties and one qualitative commitment."""
    return {
        "id": afspraak_id,
        "titel": f"Afspraken {afspraak_id}",
        "soort": "lokaal",
        "gemeente": {"code": gemeente, "indelingsjaar": 2025},
        "periode": {"start": start, "eind": eind},
        "partijen": [{"id": p, "soort": _SOORT[p[:2]], "naam": f"Partij {p}"} for p in partijen],
        "toezeggingen": [
            {
                "id": "wijkaanpak",
                "soort": "kwalitatief",
                "requirement": "R4",
                "titel": "Wijkaanpak",
                "resultaat": "Een wijkaanpak",
                "deadline": eind,
                "verantwoordelijke": gemeente,
            }
        ],
    }


def load(url: str, tmp_path: Path, sloop_status: str = "concreet") -> None:
    """Import the crafted files into ``url`` and store the local agreements as records; fails with the
    import errors when a file is rejected."""
    options = ImportOptions(peildatum=date(2025, 1, 1), indelingsjaar=2025, bron="test", gebruiker="test")
    for index, (kind, content) in enumerate(files(sloop_status)):
        path = tmp_path / f"{index:02d}-{kind}.csv"
        path.write_text(content, encoding="utf-8")
        result = import_file(url, kind, path, options)
        assert result.status is ImportStatus.IMPORTED, (kind, result.errors)
    for afspraak in LOCAL_AGREEMENTS:
        store_agreement(url, local_agreement(*afspraak), account=None, reden="test")
