"""``/corporaties``: housing associations, their stock by condition and the 5/6 list, and the improvement
scenario (what-if for R1 and R2, never a verdict)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from leefbaar.api.conditional import NOT_MODIFIED, voorwaardelijk
from leefbaar.api.downloads import FORMAAT, PEILDATUM, RESPONSES, rapport_response
from leefbaar.api.models import (
    Corporatie,
    CorporatieKort,
    GeldEnResultaat,
    corporatie,
    corporatie_kort,
    geld_en_resultaat,
)
from leefbaar.api.pagination import HalPage, Paginering, hal_page, paginering
from leefbaar.api.problems import InvalidInput, InvalidParam, problem_response
from leefbaar.api.scenario import Verbeterscenario, verbeterscenario
from leefbaar.services import areas, investments, monitor, reports
from leefbaar.services.areas import database_url

router = APIRouter(
    prefix="/corporaties",
    tags=["corporaties"],
    dependencies=[Depends(voorwaardelijk)],
    responses=NOT_MODIFIED,
)

CORPORATIE_ID = Annotated[
    str, Path(pattern="^[A-Za-z0-9]{1,12}$", description="Kenmerk van de corporatie.", examples=["L0001"])
]


class CorporatiesPagina(HalPage[CorporatieKort]):
    """One page of corporaties: ``_embedded.corporaties`` and ``_links``."""


@router.get(
    "",
    summary="Corporaties",
    description="Alle woningcorporaties met hun voorraad, per pagina (zonder totaal).",
    response_model=CorporatiesPagina,
    response_model_by_alias=True,
    response_model_exclude_none=True,
    operation_id="listCorporaties",
)
def list_corporaties(request: Request, page: Paginering = Depends(paginering)) -> dict[str, Any]:
    rows = areas.corporaties(offset=page.offset, limit=page.limit)
    return hal_page(request, "corporaties", [corporatie_kort(r) for r in rows], page)


@router.get(
    "/{id}",
    summary="Eén corporatie",
    description="Voorraad naar NEN 2767-conditie, de complexen met conditie 5 of 6 (met de uitzondering "
    "voor een concreet sloopplan) en de investeringen per jaar en thema.",
    response_model=Corporatie,
    response_model_exclude_none=True,
    operation_id="getCorporatie",
)
def get_corporatie(id: CORPORATIE_ID) -> Any:
    row = areas.corporatie(None, id)
    if row is None:
        return problem_response(404, f"Corporatie {id} bestaat niet.")
    return corporatie(row)


@router.get(
    "/{id}/geld-en-resultaat",
    summary="Geld en resultaat van een corporatie (R2, R5)",
    description="Per thema het extra geld van de corporatie in het nieuwste jaar met investeringen: wat zij "
    "besteedde, haar basislijn (reguliere uitgaven in een referentiejaar) en het extra daarboven; zonder "
    "basislijn het extra dat zij zelf opgaf. Voor de risico's van R2 ook hoeveel woningen met dat risico "
    "het binnen het jaar opgelost kregen (uit het gebrekenregister).",
    response_model=GeldEnResultaat,
    operation_id="getCorporatieGeldEnResultaat",
)
def get_geld_en_resultaat(id: CORPORATIE_ID) -> Any:
    if areas.corporatie(None, id) is None:
        return problem_response(404, f"Corporatie {id} bestaat niet.")
    return geld_en_resultaat(investments.corporatie(None, id))


@router.get(
    "/{id}/rapport",
    summary="Rapport van een corporatie (PDF of XLSX)",
    description='Het rapport "Stand van de afspraken" van een corporatie: voorraad en NEN 2767-conditie, de '
    "complexen in conditie 5 of 6, de beoordelingen met hun toelichting, de investeringen, de bronnen en "
    "een colofon. Als toegankelijke PDF (PDF/UA-1, A4) of als Excel-werkmap (XLSX).",
    response_class=Response,
    responses=RESPONSES,
    operation_id="getCorporatieRapport",
)
def get_rapport(id: CORPORATIE_ID, formaat: FORMAAT = "pdf", peildatum: PEILDATUM = None) -> Any:
    # A plain def: rendering takes seconds and runs in the thread pool, never on the event loop.
    return rapport_response(lambda: reports.corporatie_rapport(None, id, formaat, peildatum))


@router.get(
    "/{id}/verbeterscenario",
    summary="Verbeterscenario: welke complexen eerst verbeteren binnen een budget (geen oordeel)",
    description="Wat-als voor R1 en R2: de complexen van de corporatie in conditie 5 of 6 zonder concreet "
    "sloopplan, met hun vervangingswaarde en geschatte kosten, en een voorstel welke eerst te verbeteren "
    "binnen een budget per jaar (de meeste woningen uit conditie 5/6, berekend met de MILP-rekenmachine "
    "HiGHS), naast het eerlijke R2-aandeel van de corporatie. Een scenario bij aannames, nooit een oordeel: "
    "er wordt niets opgeslagen. Het scenario begint het jaar na vandaag.",
    response_model=Verbeterscenario,
    response_model_by_alias=True,
    operation_id="getCorporatieVerbeterscenario",
    responses={404: {"description": "De corporatie bestaat niet."}},
)
def get_verbeterscenario(
    request: Request,
    id: CORPORATIE_ID,
    # The bounds are in the spec; the service checks them, so that a bad value gets its own Dutch reason.
    budget: Annotated[
        int | None,
        Query(
            description="Budget per jaar in hele euro; standaard het eerlijke R2-aandeel van het eerste jaar.",
            json_schema_extra={"minimum": 0, "maximum": monitor.SCENARIO_MAX_BEDRAG},
        ),
    ] = None,
    jaren: Annotated[
        int | None,
        Query(
            description=f"Aantal jaren (1 tot en met {monitor.SCENARIO_MAX_JAREN}); standaard tot en met het "
            "laatste jaar van R2 (2030).",
            json_schema_extra={"minimum": 1, "maximum": monitor.SCENARIO_MAX_JAREN},
        ),
    ] = None,
    kosten_per_woning: Annotated[
        int,
        Query(
            alias="kostenPerWoning",
            description="Aangenomen kosten per woning in hele euro, voor complexen zonder vervangingswaarde van "
            "bouwdelen in conditie 5 of 6.",
            json_schema_extra={"minimum": 1, "maximum": monitor.SCENARIO_MAX_BEDRAG},
        ),
    ] = monitor.STANDAARD_KOSTEN_PER_WONING,
    regel: Annotated[
        str | None,
        Query(
            pattern="^[a-z_]{1,40}$",
            description="Alleen complexen in conditie 5 of 6 onder deze R1-rekenregel; standaard onder elke regel.",
            json_schema_extra={"enum": list(monitor.REGEL_NAMEN)},
        ),
    ] = None,
) -> Any:
    # A plain def: the solver may take a second and runs in the thread pool, never on the event loop.
    try:
        s = monitor.improvement_scenario(
            database_url(),
            id,
            budget_per_jaar=budget,
            jaren=jaren,
            kosten_per_woning=kosten_per_woning,
            regel=regel,
        )
    except monitor.ScenarioFout as exc:
        raise InvalidInput(
            [InvalidParam(name=veld, code="ongeldig", reason=tekst) for veld, tekst in exc.fouten.items()]
        ) from exc
    if s is None:
        return problem_response(404, f"Corporatie {id} bestaat niet.")
    return verbeterscenario(request, s)
