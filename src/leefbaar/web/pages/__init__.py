"""One module per page family, each with ``router = APIRouter()``; list new ones in :data:`ROUTERS`."""

from __future__ import annotations

from fastapi import APIRouter

from leefbaar.web.pages import (
    afspraak,
    afspraak_bewerken,
    auth,
    bijhouden,
    buurt,
    corporatie,
    delen,
    gegevens,
    gemeente,
    landelijk,
    leefbaarheid,
    mijn,
    open_data,
    toegankelijkheid,
    toezegging,
    zoeken,
)

ROUTERS: tuple[APIRouter, ...] = (
    landelijk.router,
    gemeente.router,
    buurt.router,
    leefbaarheid.router,
    corporatie.router,
    afspraak_bewerken.router,  # before afspraak: /afspraken/nieuw
    toezegging.router,  # before afspraak: /afspraken/documenten/... and /afspraken/activiteit/...
    afspraak.router,
    zoeken.router,
    gegevens.router,
    delen.router,
    bijhouden.router,
    open_data.router,
    toegankelijkheid.router,
    auth.router,
    mijn.router,
)
