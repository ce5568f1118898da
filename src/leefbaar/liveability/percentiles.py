"""Percentile ranks, nationally and within a region, vectorised.

The percentile of an area is the share of areas with a lower score plus half the share with an
equal score, times 100 (the mid-rank percentile): of four areas with scores 1, 2, 3, 4 the
percentiles are 12.5, 37.5, 62.5 and 87.5, and two equal scores share the same percentile. Only
areas with a score take part; an area without a score gets NaN.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def percentile_rank(waarden: FloatArray, groepen: IntArray | None = None) -> FloatArray:
    """Mid-rank percentile (0-100) of each value within its group (one group when None)."""
    uit = np.full(waarden.shape, np.nan)
    geldig = np.flatnonzero(~np.isnan(waarden))
    if geldig.size == 0:
        return uit
    v = waarden[geldig]
    g = np.zeros(geldig.size, dtype=np.int64) if groepen is None else groepen[geldig]
    volgorde = np.lexsort((v, g))
    vs, gs = v[volgorde], g[volgorde]
    positie = np.arange(vs.size)
    nieuwe_groep = np.r_[True, gs[1:] != gs[:-1]]
    nieuwe_reeks = nieuwe_groep | np.r_[True, vs[1:] != vs[:-1]]
    groep_start = np.maximum.accumulate(np.where(nieuwe_groep, positie, 0))
    reeks_start = np.maximum.accumulate(np.where(nieuwe_reeks, positie, 0))
    reeks_lengte = np.diff(np.r_[np.flatnonzero(nieuwe_reeks), vs.size])
    reeks_id = np.cumsum(nieuwe_reeks) - 1
    groep_lengte = np.diff(np.r_[np.flatnonzero(nieuwe_groep), vs.size])
    groep_id = np.cumsum(nieuwe_groep) - 1
    lager = reeks_start - groep_start
    gelijk = reeks_lengte[reeks_id]
    pct = 100.0 * (lager + 0.5 * gelijk) / groep_lengte[groep_id]
    uit[geldig[volgorde]] = pct
    return uit
