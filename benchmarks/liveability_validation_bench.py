"""Agreement of the Leefbaar-index with the Leefbaarometer on real buurten (province of Utrecht).

Prints, for the default weights, the Spearman correlation and the share of the Leefbaarometer's
bottom decile that is in ours (all buurten, and only those the weights were not chosen on), per
dimension, and what `index calibrate` reaches beside its two baselines. Needs the reference
extract (see benchmarks/lbm_reference.py for where it is looked for); without it, it says so.
"""

from __future__ import annotations

import numpy as np
from lbm_reference import PLAATSEN, Case, case_2020, case_2024, data_dir

import leefbaar.liveability as lv
from leefbaar.services.liveability import load_registry, load_weights


def _compare(
    case: Case, registry: lv.Registry, weights: lv.Weights, held_out: bool
) -> dict[str, lv.Vergelijking]:
    result = lv.compute_scores(case.matrix, registry, weights)
    reference = case.referentie
    if held_out:
        reference = {k: np.where(case.ontwikkel, np.nan, v) for k, v in reference.items()}
    return {v.onderdeel: v for v in lv.validate(result, case.codes, reference)}


def main() -> None:
    if data_dir() is None:
        print(f"Leefbaarometer-referentie-extract ontbreekt (gezocht in {', '.join(map(str, PLAATSEN))}).")
        return
    registry = load_registry()
    weights, _text = load_weights(registry)
    cases = {2024: case_2024(), 2020: case_2020()}
    print("case                         n   Spearman  bottom-decile overlap")
    for year, case in cases.items():
        for held_out in (False, True):
            total = _compare(case, registry, weights, held_out)["totaal"]
            label = f"{year} {'held-out' if held_out else 'all buurten'}"
            print(f"{label:<24} {total.n:>6}   {total.spearman:7.3f}   {total.onderste_deciel:6.2f}")
    print("\nper dimension (2024, all buurten):")
    for part, value in _compare(cases[2024], registry, weights, False).items():
        print(
            f"  {part:<24} n={value.n:<5} Spearman {value.spearman:.3f}"
            + (f" ({value.reden})" if value.reden else "")
        )
    print("\nindex calibrate (5-fold cross-validated):")
    for year, case in cases.items():
        out = lv.calibrate(case.matrix, registry, weights, case.codes, case.referentie["totaal"])
        print(
            f"  {year}: chosen {out.model_naam} {out.spearman_gekalibreerd:.3f}; best single indicator "
            f"({out.enkel_indicator}) {out.spearman_enkel:.3f}; plain linear {out.spearman_lineair:.3f}; "
            f"default weights {out.spearman_standaard:.3f}"
        )


if __name__ == "__main__":
    main()
