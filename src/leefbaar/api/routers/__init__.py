"""One router module per resource family. Add a module here and list it in :data:`ROUTERS`.

Each module exposes ``router = APIRouter(tags=[...])`` with paths relative to /api/v1
(kebab-case Dutch plural nouns, camelCase query keys). See docs/api.md, "Adding a router".
"""

from __future__ import annotations

from fastapi import APIRouter

from leefbaar.api.routers import (
    afspraken,
    afspraken_schrijven,
    buurten,
    complexen,
    corporaties,
    gegevens,
    gemeentegrenzen,
    gemeenten,
    health,
    leefbaarheid,
    monitor,
    nederland,
    records,
    signalen,
    zoeken,
)

#: Included in this order by :func:`leefbaar.api.create_api`.
ROUTERS: tuple[APIRouter, ...] = (
    health.router,
    gemeenten.router,
    gemeentegrenzen.router,
    buurten.router,
    corporaties.router,
    complexen.router,
    zoeken.router,
    gegevens.router,
    afspraken.router,
    afspraken_schrijven.router,
    monitor.router,
    nederland.router,
    leefbaarheid.router,
    signalen.router,
    records.router,
)
