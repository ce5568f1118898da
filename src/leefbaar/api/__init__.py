"""The public API under /api/v1, following the Logius API Design Rules (see docs/api.md)."""

from __future__ import annotations

from fastapi import FastAPI

from leefbaar.api import conditional
from leefbaar.api.middleware import ApiHeadersMiddleware, parse_origins
from leefbaar.api.openapi import install_openapi
from leefbaar.api.problems import install_problem_handlers
from leefbaar.api.routers import ROUTERS
from leefbaar.config import get_settings
from leefbaar.services import demo
from leefbaar.services.areas import database_url

#: Semantic version of the API contract (info.version and the API-Version header). Bump it with
#: every change to the contract and note it in docs/api.md, "Changelog".
API_VERSION = "1.13.0"

#: The base path the API is mounted on; the major version is part of it (ADR /core/uri-version).
BASE_PATH = "/api/v1"

PUBLIC_URL = "https://leefbaar.example.nl"

#: info.contact (ADR /core/doc-openapi-contact).
CONTACT = {"name": "Leefbaar", "url": f"{PUBLIC_URL}/contact", "email": "api@leefbaar.example.nl"}

DESCRIPTION = (
    "Open API van Leefbaar: prestatieafspraken over leefbare en veilige wijken, met gegevens per "
    "gemeente, wijk en buurt. Volgt de API Design Rules van Logius. Fouten zijn problem details "
    "(application/problem+json); geometrie is GeoJSON in CRS84, of RD (EPSG:28992) op verzoek."
)


def create_api() -> FastAPI:
    """Build the versioned API sub-application; :func:`leefbaar.app.create_app` mounts it at /api/v1."""
    settings = get_settings()
    api = FastAPI(
        title="Leefbaar API",
        version=API_VERSION,
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        servers=[{"url": PUBLIC_URL + BASE_PATH, "description": "Productie"}],
        root_path_in_servers=False,
        contact={
            "name": "Leefbaar",
            "url": "https://leefbaar.example.nl/contact",
            "email": "api@leefbaar.example.nl",
        },
        license_info={"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    )
    for router in ROUTERS:
        api.include_router(router)
    install_problem_handlers(api)
    conditional.install(api)
    install_openapi(api)
    api.add_middleware(
        ApiHeadersMiddleware,
        api_version=API_VERSION,
        cors_origins=parse_origins(settings.cors_origins),
        synthetic=lambda: demo.is_synthetisch_cached(database_url()),
    )
    return api
