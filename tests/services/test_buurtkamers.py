"""Buurtkamers (R5): which count on a date and the evidence of the verdict, on a crafted dataset with
hand-computed answers (both backends); ``tests/api/test_buurtkamers_api.py`` lists the same data.

Crafted facts (peildatum 2025-01-01):

buurtkamer  buurt                   opened      closed      yearly cost  paid by       reach
BK1 De Kop  BU03630001 Kop Zeedijk  2024-03-01  -           45.000       GM0363;L0001  2.400 visitors, 150 activities
BK2 Het     BU03630002 Oude Kerk    2023-01-01  2025-07-01  30.000       L0001         -
    Hoekje
BK3 Later   BU03630001 Kop Zeedijk  2099-01-01  -           -            -             -
BK4 Maas-   BU05990001 Oude Westen  2020-05-01  -           -            -             40 activities
    oever
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services import monitor
from leefbaar.services.imports import import_file

FILES = (
    (
        "gebieden",
        "code,naam,provinciecode\nGM0363,Amsterdam,PV27\nGM0599,Rotterdam,PV28\nWK036300,Centrum,\n"
        "WK059900,Stadsdriehoek,\nBU03630001,Kop Zeedijk,\nBU03630002,Oude Kerk,\nBU05990001,Oude Westen,\n",
    ),
    (
        "partijen",
        "partij_id,soort,naam,gemeentecode\nGM0363,gemeente,Gemeente Amsterdam,GM0363\n"
        "GM0599,gemeente,Gemeente Rotterdam,GM0599\nL0001,corporatie,Woonstichting X,GM0363\n"
        "ZP0001,zorgpartner,Zorg Amsterdam,GM0363\nVP0001,veiligheidspartner,Veiligheidshuis,GM0363\n"
        "BO0001,bewonersorganisatie,Bewonersplatform,GM0363\n",
    ),
    (
        "buurtkamers",
        "buurtkamer_id,naam,buurtcode,corporatie_id,partners,geopend_op,gesloten_op,jaarkosten_eur,"
        "betaald_door,bezoekers_per_jaar,activiteiten_per_jaar\n"
        'BK1,De Kop,BU03630001,L0001,"GM0363;ZP0001",2024-03-01,,45000,"GM0363;L0001",2400,150\n'
        'BK2,Het Hoekje,BU03630002,L0001,"BO0001;VP0001",2023-01-01,2025-07-01,30000,L0001,,\n'
        "BK3,Later,BU03630001,L0001,,2099-01-01,,,,,\n"
        "BK4,Maasoever,BU05990001,L0001,GM0599,2020-05-01,,,,,40\n",
    ),
)


def load(url: str, tmp_path: Path) -> None:
    """Import the crafted files into ``url``."""
    options = ImportOptions(peildatum=date(2025, 1, 1), indelingsjaar=2025, bron="test", gebruiker="test")
    for kind, content in FILES:
        path = tmp_path / f"{kind}.csv"
        path.write_text(content, encoding="utf-8")
        result = import_file(url, kind, path, options)
        assert result.status is ImportStatus.IMPORTED, (kind, [str(e) for e in result.errors])


@pytest.fixture
def crafted(empty_db: str, tmp_path: Path) -> str:
    load(empty_db, tmp_path)
    return empty_db


def test_buurtkamer_closed_mid_year_counts_before_its_closing_day_only(crafted: str) -> None:
    before = monitor.buurtkamer_values(crafted, date(2025, 6, 30))
    after = monitor.buurtkamer_values(crafted, date(2025, 7, 1))  # BK2 closes on 1 July
    counts = {
        day: {(soort, code): v.waarde for (soort, code, _), v in values.items()}
        for day, values in (("30-6", before), ("1-7", after))
    }
    # BK3 opens only in 2099; BK4 is in Rotterdam, of the same association
    assert counts == {
        "30-6": {("gemeente", "GM0363"): 2.0, ("gemeente", "GM0599"): 1.0, ("corporatie", "L0001"): 3.0},
        "1-7": {("gemeente", "GM0363"): 1.0, ("gemeente", "GM0599"): 1.0, ("corporatie", "L0001"): 2.0},
    }
    amsterdam = after[("gemeente", "GM0363", "")]
    # the closed one first: it explains the drop; each row names the buurt its page link goes to
    assert [(r["code"], r["buurtcode"], r["open"]) for r in amsterdam.bewijs] == [
        ("BK2", "BU03630002", False),
        ("BK1", "BU03630001", True),
    ]
    assert amsterdam.bewijs[0]["toelichting"] == (
        "Het Hoekje (Oude Kerk): gesloten op 1 juli 2025 (geopend op 1 januari 2023)"
    )
    # costs and reach of the open ones only: 45.000 on 1 July, 45.000 + 30.000 the day before
    assert amsterdam.kerngetallen == {
        "open": 1,
        "gesloten": 1,
        "jaarkosten_eur": 45000.0,
        "met_jaarkosten": 1,
        "bezoekers_per_jaar": 2400,
        "met_bezoekers": 1,
        "activiteiten_per_jaar": 150,
        "met_activiteiten": 1,
    }
    assert before[("gemeente", "GM0363", "")].kerngetallen["jaarkosten_eur"] == 75000.0
    assert amsterdam.zin == (
        "1 buurtkamer open op 1 juli 2025; 1 eerder geopende is gesloten; jaarkosten gemeld voor 1 van de "
        "open buurtkamers: samen € 45.000 per jaar."
    )
