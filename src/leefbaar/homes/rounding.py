"""Largest-remainder (Hamilton) rounding: whole numbers that sum exactly to a given total.

Used for fair-share targets, the redistribution proposal and the status-holder taakstelling, where a
municipality cannot receive a fraction of a household and the parts must add up to the whole.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

#: Quotas within this distance of a whole number count as that number, so that float noise
#: (2.9999999999) neither loses a unit nor reorders tied remainders.
TOLERANTIE = 1e-9


def largest_remainder(quotas: Sequence[float] | NDArray[np.float64], total: int) -> NDArray[np.int64]:
    """Round non-negative ``quotas`` (which sum to ``total``) to integers summing exactly to ``total``.

    Every part gets the whole part of its quota; the units left over go one each to the largest
    remainders. Ties go to the earlier position, so the result is deterministic.
    """
    q = np.asarray(quotas, dtype=np.float64)
    if q.ndim != 1:
        raise ValueError("quota's moeten een rij van getallen zijn")
    if total < 0:
        raise ValueError(f"het totaal mag niet negatief zijn (kreeg {total})")
    if q.size == 0:
        if total != 0:
            raise ValueError("geen delen om het totaal over te verdelen")
        return np.zeros(0, dtype=np.int64)
    if np.any(~np.isfinite(q)) or np.any(q < -TOLERANTIE):
        raise ValueError("quota's moeten eindige, niet-negatieve getallen zijn")
    whole = np.floor(q + TOLERANTIE)
    remainder = np.round(np.clip(q - whole, 0.0, None), 9)
    left = total - int(whole.sum())
    if left < 0 or left > q.size:
        raise ValueError(f"de quota's tellen niet op tot {total} (som {q.sum():.6g})")
    # lexsort sorts on the last key first: remainder descending, then position ascending.
    order = np.lexsort((np.arange(q.size), -remainder))
    result = whole.astype(np.int64)
    result[order[:left]] += 1
    return result


def largest_remainder_exact(
    numerators: Sequence[int] | NDArray[np.int64], denominator: int
) -> NDArray[np.int64]:
    """Largest-remainder rounding of the quotas ``numerators / denominator``, in integers only.

    The numerators must sum to a multiple of ``denominator``; the result sums to that multiple.
    No float is involved, so equal quotas are always tied and broken by position.
    """
    num = np.asarray(numerators, dtype=np.int64)
    if denominator <= 0:
        raise ValueError("de noemer moet groter dan nul zijn")
    if num.ndim != 1 or np.any(num < 0):
        raise ValueError("tellers moeten een rij niet-negatieve gehele getallen zijn")
    total, rest = divmod(int(num.sum()), denominator)
    if rest:
        raise ValueError("de quota's tellen niet op tot een geheel getal")
    whole, remainder = np.divmod(num, denominator)
    left = total - int(whole.sum())
    order = np.lexsort((np.arange(num.size), -remainder))
    result = whole.astype(np.int64)
    result[order[:left]] += 1
    return result
