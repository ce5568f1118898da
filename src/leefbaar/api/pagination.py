"""HAL-style pagination without totals (NL API Strategie extension "pagination", API-42).

A collection answer looks like::

    {"_embedded": {"gemeenten": [...]},
     "_links": {"self": {"href": ".../gemeenten?pagina=2"},
                "prev": {"href": ".../gemeenten?pagina=1"},
                "next": {"href": ".../gemeenten?pagina=3"}}}

There is no total count and no ``last`` link: counting a national collection costs as much as
reading it. To know whether a next page exists, ask the service for one item more than the page
size (:attr:`Paginering.limit`) and pass what it returned to :func:`hal_page`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fastapi import Query, Request
from pydantic import BaseModel, Field

T = TypeVar("T")

MAX_PAGE_SIZE = 100
#: Beyond any real collection (14,822 buurten); keeps offsets within 64-bit integers.
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class Paginering:
    """The page a client asked for: 1-based page number and page size."""

    pagina: int = 1
    paginagrootte: int = 20

    @property
    def offset(self) -> int:
        """How many items come before this page."""
        return (self.pagina - 1) * self.paginagrootte

    @property
    def limit(self) -> int:
        """How many items to ask the service for: one extra tells whether a next page exists."""
        return self.paginagrootte + 1


def paginering(
    pagina: int = Query(1, ge=1, le=MAX_PAGE, description=f"Paginanummer, vanaf 1 (hoogstens {MAX_PAGE})."),
    paginagrootte: int = Query(
        20, ge=1, le=MAX_PAGE_SIZE, description=f"Aantal items per pagina (hoogstens {MAX_PAGE_SIZE})."
    ),
) -> Paginering:
    """FastAPI dependency reading the ``pagina`` and ``paginagrootte`` query keys."""
    return Paginering(pagina=pagina, paginagrootte=paginagrootte)


class Link(BaseModel):
    href: str = Field(description="Absolute URL.")


class PageLinks(BaseModel):
    self: Link
    next: Link | None = None
    prev: Link | None = None


class HalPage(BaseModel, Generic[T]):
    """Schema for documentation: ``_embedded`` holds one list named after the resource."""

    embedded: dict[str, list[T]] = Field(alias="_embedded")
    links: PageLinks = Field(alias="_links")


def page_link(request: Request, pagina: int) -> dict[str, str]:
    """The request's own URL with ``pagina`` replaced (other query keys kept)."""
    return {"href": str(request.url.include_query_params(pagina=pagina))}


def hal_page(request: Request, name: str, items: Sequence[Any], page: Paginering) -> dict[str, Any]:
    """A HAL page of ``items`` as returned for ``page.limit``; drops the look-ahead item.

    ``self`` is always there, ``prev`` from page 2 on, ``next`` only when the service returned
    more than ``paginagrootte`` items.
    """
    has_next = len(items) > page.paginagrootte
    links: dict[str, dict[str, str]] = {"self": page_link(request, page.pagina)}
    if has_next:
        links["next"] = page_link(request, page.pagina + 1)
    if page.pagina > 1:
        links["prev"] = page_link(request, page.pagina - 1)
    return {"_embedded": {name: list(items[: page.paginagrootte])}, "_links": links}
