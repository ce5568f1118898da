"""Fixtures for the liveability tests: the shipped registry and weights, and a matrix builder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import yaml

import leefbaar.liveability as lv
from leefbaar.domain.regions import Niveau

PACKAGE = Path(lv.__file__).parent


@pytest.fixture(scope="session")
def registry_data() -> dict[str, object]:
    return yaml.safe_load((PACKAGE / lv.REGISTER_BESTAND).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def weights_data() -> dict[str, object]:
    return yaml.safe_load((PACKAGE / lv.GEWICHTEN_BESTAND).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def registry(registry_data: dict[str, object]) -> lv.Registry:
    return lv.parse_registry(registry_data)


@pytest.fixture(scope="session")
def weights(weights_data: dict[str, object], registry: lv.Registry) -> lv.Weights:
    return lv.parse_weights(weights_data, registry)


def matrix(
    indicatoren: Sequence[str],
    waarden: Sequence[Sequence[float]] | np.ndarray,
    *,
    inwoners: Sequence[float] | None = None,
    codes: Sequence[str] | None = None,
    regio: Sequence[str] | None = None,
    jaar: int = 2024,
) -> lv.IndicatorMatrix:
    """A buurt matrix; codes BU00010000, BU00010001 ... and 1,000 inhabitants unless given."""
    arr = np.asarray(waarden, dtype=np.float64)
    n = arr.shape[0]
    return lv.IndicatorMatrix(
        jaar=jaar,
        niveau=Niveau.BUURT,
        codes=list(codes) if codes is not None else [f"BU0001{i:04d}" for i in range(n)],
        inwoners=np.asarray(inwoners if inwoners is not None else [1000.0] * n, dtype=np.float64),
        indicatoren=list(indicatoren),
        waarden=arr,
        regio=regio,
    )
