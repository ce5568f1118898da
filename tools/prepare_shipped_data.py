"""One-off preparation of the real open data that Leefbaar ships in src/leefbaar/data/.

Run by a developer from the repository root with the shared data folder beside the checkout:
    .venv/bin/python tools/prepare_shipped_data.py ../shared/data
Leefbaar never reads the shared folder at run time; it reads only what this script wrote.
What was copied unchanged and what was derived (and how) is documented in docs/data-sources.md.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

OUT = Path("src/leefbaar/data")

PROVINCE_CODES = {
    "Groningen": "PV20", "Friesland": "PV21", "Fryslân": "PV21", "Drenthe": "PV22", "Overijssel": "PV23",
    "Flevoland": "PV24", "Gelderland": "PV25", "Utrecht": "PV26", "Noord-Holland": "PV27", "Zuid-Holland": "PV28",
    "Zeeland": "PV29", "Noord-Brabant": "PV30", "Limburg": "PV31",
}

# Municipal mergers between the 2021 and 2025 divisions (CBS "gemeentelijke indelingswijzigingen"):
# new code -> the 2021 municipalities it was formed from. Weesp joined Amsterdam and Beemster joined
# Purmerend; those two keep their own 2021 figures.
MERGERS_2021_2025 = {
    "GM1980": ["GM0398", "GM0416"],  # Dijk en Waard = Heerhugowaard + Langedijk (2022)
    "GM1982": ["GM0756", "GM0786", "GM0815", "GM1684", "GM1702"],  # Land van Cuijk (2022)
    "GM1991": ["GM0856", "GM1685"],  # Maashorst = Uden + Landerd (2022)
    "GM1992": ["GM0501", "GM0530", "GM0614"],  # Voorne aan Zee (2023)
}

MISSING_PROVINCE = {"GM1979": "PV20"}

WONEN_COLUMNS = {
    "Population": "inwoners_2021",
    "Demographics/Avg household size": "gemiddelde_huishoudensgrootte",
    "Housing/Owner-occupied (%)": "koopwoningen_pct",
    "Housing/Rental homes (%)": "huurwoningen_pct",
    "Housing/Social housing (%)": "corporatiewoningen_pct",
    "Housing/Vacancy rate (%)": "onbewoond_pct",
}


def main(shared: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    copies = {
        "cbs-gebiedscodes-2025/CBS_GEM2025.csv": "cbs_gebiedscodes_2025_gemeenten.csv",
        "cbs-gebiedscodes-2025/CBS_WIJK2025.csv": "cbs_gebiedscodes_2025_wijken.csv",
        "cbs-gebiedscodes-2025/CBS_BUURT2025.csv": "cbs_gebiedscodes_2025_buurten.csv",
        "nl-gemeenten-2024/gemeente_gegeneraliseerd_2024.geojson": "pdok_gemeenten_2024.geojson",
        "nl-wijken-2025/wijk_2025.geojson": "pdok_wijken_2025.geojson",
        "nl-buurten-amsterdam-2025/amsterdam_buurten_2025.geojson": "amsterdam_buurten_2025.geojson",
        "cbs-kwb-2024-bevolking/Kerncijfers_wijken_en_buurten_2024_geslachten.csv": "cbs_kwb_2024_bevolking.csv",
    }
    for source, target in copies.items():
        shutil.copyfile(shared / source, OUT / target)
    _crime(shared)
    _wonen_and_provinces(shared)


def _crime(shared: Path) -> None:
    # Drop the catch-all row BU00000000 (crimes without a known buurt): it is no CBS area.
    with open(shared / "cbs-politie-misdrijven-buurt-2024/cbs_crime_2024JJ00_buurten.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["WijkenEnBuurten"] != "BU00000000"]
    with open(OUT / "politie_misdrijven_buurt_2024.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["WijkenEnBuurten", "GeregistreerdeMisdrijven_1"])
        writer.writerows([r["WijkenEnBuurten"], r["GeregistreerdeMisdrijven_1"]] for r in rows)


def _wonen_and_provinces(shared: Path) -> None:
    with open(shared / "cbs-kwb-2021-gemeente-wonen/kwb2021_gemeente_flat.csv", encoding="utf-8") as f:
        rows2021 = {r["gemeentecode"]: r for r in csv.DictReader(f)}
    with open(shared / "cbs-gebiedscodes-2025/CBS_GEM2025.csv", encoding="utf-8-sig") as f:
        gemeenten = [("GM" + r["Gemeente2025"], r["Gemeentenaam2025"]) for r in csv.DictReader(f, delimiter=";")]
    out = []
    for code, name in gemeenten:
        if code == "GM0998":
            continue
        parts = [rows2021[c] for c in MERGERS_2021_2025.get(code, [code])]
        weights = [float(p["Population"]) for p in parts]
        total = sum(weights)
        values = {}
        for column, target in WONEN_COLUMNS.items():
            if column == "Population":
                values[target] = f"{total:.0f}"
                continue
            known = [(float(p[column]), w) for p, w in zip(parts, weights, strict=True) if p[column] != ""]
            weight = sum(w for _, w in known)
            values[target] = f"{sum(v * w for v, w in known) / weight:.2f}" if known else ""
        # Eemsdelta (formed 2021) has no province in the 2021 file; it lies in Groningen.
        province = PROVINCE_CODES.get(parts[0]["Provincie"]) or MISSING_PROVINCE[code]
        out.append({"gemeentecode": code, "gemeentenaam": name, "provinciecode": province,
                    "samengevoegd_uit_2021": ";".join(MERGERS_2021_2025.get(code, [])), **values})
    with open(OUT / "cbs_kwb_2021_gemeente_wonen.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(out[0]))
        writer.writeheader()
        writer.writerows(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
