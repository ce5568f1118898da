"""One module per page family, each with ``router = APIRouter()``; list new ones in :data:`ROUTERS`."""

from __future__ import annotations

from fastapi import APIRouter

from leefbaar.web.pages import gegevens, landelijk, toegankelijkheid, zoeken

ROUTERS: tuple[APIRouter, ...] = (landelijk.router, zoeken.router, gegevens.router, toegankelijkheid.router)
