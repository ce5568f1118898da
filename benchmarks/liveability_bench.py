"""Benchmark of the liveability index: all buurten, wijken and gemeenten for five years.

Synthetic data of national size (14,822 buurten, 3,504 wijken, 342 gemeenten; every indicator of the
shipped registry, subjective ones for a quarter of the areas, 5 % missing values) is scored for five
years with the shipped default weights. Prints the time of the scoring (generation excluded), then of the trend rules on the buurten.
The target of issue 4 is at most 5 s on 2 cores.

End to end (``--end-to-end``): on the national demo DuckDB (built into a temporary file unless
``--database URL`` is given; building takes about 25 s and is not timed), ``services.liveability.compute``
for five years: set-based reading of the indicator values and own data, scoring of all three levels
and storing the run (scores, indicators, contributions), per year and in total.

Run: ``.venv/bin/python benchmarks/liveability_bench.py [--end-to-end [--database URL]]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

import leefbaar.liveability as lv
from leefbaar.domain.regions import Niveau

NIVEAUS = {Niveau.BUURT: 14_822, Niveau.WIJK: 3_504, Niveau.GEMEENTE: 342}
JAREN = (2020, 2021, 2022, 2023, 2024)
PREFIX = {Niveau.BUURT: "BU", Niveau.WIJK: "WK", Niveau.GEMEENTE: "GM"}


def synthetic(
    registry: lv.Registry, niveau: Niveau, n: int, jaar: int, rng: np.random.Generator
) -> lv.IndicatorMatrix:
    k = len(registry)
    waarden = rng.gamma(2.0, 1.0, (n, k)) * rng.uniform(0.5, 50.0, k)
    subjectief = np.array([i.soort is lv.IndicatorSoort.SUBJECTIEF for i in registry])
    zonder_enquete = rng.random(n) > 0.25
    waarden[np.ix_(zonder_enquete, subjectief)] = np.nan
    waarden[rng.random((n, k)) < 0.05] = np.nan
    breedte = 8 if niveau is Niveau.BUURT else 6 if niveau is Niveau.WIJK else 4
    codes = [f"{PREFIX[niveau]}{i:0{breedte}d}" for i in range(n)]
    return lv.IndicatorMatrix(
        jaar=jaar,
        niveau=niveau,
        codes=codes,
        inwoners=rng.lognormal(7.0, 1.2, n),
        indicatoren=list(registry.sleutels),
        waarden=waarden,
        regio=[f"GM{i % 342:04d}" for i in range(n)],
    )


def main() -> None:
    pakket = Path(lv.__file__).parent
    registry = lv.parse_registry(yaml.safe_load((pakket / lv.REGISTER_BESTAND).read_text(encoding="utf-8")))
    weights = lv.parse_weights(
        yaml.safe_load((pakket / lv.GEWICHTEN_BESTAND).read_text(encoding="utf-8")), registry
    )
    rng = np.random.default_rng(2024)
    matrices = [synthetic(registry, niveau, n, jaar, rng) for jaar in JAREN for niveau, n in NIVEAUS.items()]
    start = time.perf_counter()
    results = [lv.compute_scores(m, registry, weights) for m in matrices]
    duur = time.perf_counter() - start
    gebieden = sum(len(r.codes) for r in results)
    print(
        f"liveability: {gebieden:,} area-years ({len(results)} level-years, {len(registry)} indicators) in {duur:.2f} s"
    )
    buurten = [r for r in results if r.niveau is Niveau.BUURT]
    start = time.perf_counter()
    lv.structureel_onder_druk(buurten)
    lv.trendkeer(buurten)
    lv.change(buurten[-2], buurten[-1])
    print(f"liveability trends (buurten: onder druk, trendkeer, change): {time.perf_counter() - start:.2f} s")


def end_to_end(url: str | None) -> None:
    """Time ``compute`` (read, score, store) for five years on the national demo."""
    from leefbaar.services import demo
    from leefbaar.services import liveability as service
    from leefbaar.storage import migrate

    with tempfile.TemporaryDirectory() as map_:
        if url is None:
            url = f"duckdb:///{Path(map_) / 'national.duckdb'}"
            start = time.perf_counter()
            demo.build(url, "national", 2025)
            print(f"national demo built in {time.perf_counter() - start:.1f} s (not part of the figure)")
        migrate.upgrade(url)
        totaal = 0.0
        for jaar in JAREN:
            start = time.perf_counter()
            uitkomst = service.compute(url, jaar, gebruiker="benchmark")
            duur = time.perf_counter() - start
            totaal += duur
            gebieden = sum(v.gebieden for v in uitkomst.niveaus)
            gebruikt = len(uitkomst.niveaus[0].gebruikt)
            print(f"  {jaar}: {gebieden:,} areas, {gebruikt} buurt indicators, read+score+store {duur:.2f} s")
        print(f"liveability end to end (national demo, {len(JAREN)} years, all levels): {totaal:.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--end-to-end", action="store_true", help="also time compute on the national demo")
    parser.add_argument("--database", help="an existing national demo database (default: build one)")
    args = parser.parse_args()
    main()
    if args.end_to_end:
        end_to_end(args.database)
