"""``/leefbaarheid/{code}``: the liveability index of a buurt, wijk or gemeente, and its trend."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from leefbaar.api.conditional import NOT_MODIFIED, voorwaardelijk
from leefbaar.api.problems import problem_response
from leefbaar.services import liveability
from leefbaar.services.areas import database_url

router = APIRouter(tags=["leefbaarheid"], dependencies=[Depends(voorwaardelijk)], responses=NOT_MODIFIED)

GEBIEDSCODE = Annotated[
    str,
    Path(
        pattern="^(BU[0-9]{4}[0-9A-Z]{4}|WK[0-9]{4}[0-9A-Z]{2}|GM[0-9]{4})$",
        description="CBS-code van een buurt, wijk of gemeente.",
        examples=["BU0363AA04"],
    ),
]


class Onderdeel(BaseModel):
    onderdeel: str = Field(description="Een dimensie, of totaal.")
    score: float | None = None
    klasse: str | None = None
    percentielLandelijk: float | None = None


class Jaarscore(BaseModel):
    jaar: int
    objectief: float | None = Field(None, description="Totaalscore uit registraties.")
    subjectief: float | None = Field(None, description="Totaalscore uit enquêtes.")


class Leefbaarheid(BaseModel):
    code: str
    jaar: int
    onderdrukt: bool = Field(description="Geen score, bijvoorbeeld door te weinig inwoners.")
    reden: str | None = None
    objectief: list[Onderdeel]
    subjectief: list[Onderdeel]
    bijdragen: list[str] = Field(description="De grootste bijdragen aan de score, in het Nederlands.")
    trend: list[Jaarscore]


def _delen(delen: Any) -> list[dict[str, Any]]:
    return [
        {
            "onderdeel": d.onderdeel,
            "score": d.score,
            "klasse": d.klasse,
            "percentielLandelijk": d.percentiel_landelijk,
        }
        for d in delen
    ]


def _totaal(delen: Any) -> float | None:
    return next((d.score for d in delen if d.onderdeel == "totaal"), None)


@router.get(
    "/leefbaarheid/{code}",
    summary="Leefbaarheidsindex van een gebied",
    description="De nieuwste berekende index met dimensies (objectief en subjectief apart), de grootste "
    "bijdragen en de totaalscore per berekend jaar.",
    response_model=Leefbaarheid,
    response_model_exclude_none=True,
    operation_id="getLeefbaarheid",
)
def get_leefbaarheid(code: GEBIEDSCODE) -> Any:
    url = database_url()
    try:
        uitleg = liveability.explanation(url, code)
        reeks = liveability.trend(url, code)
    except liveability.IndexFout as exc:
        return problem_response(404, f"Geen leefbaarheidsindex voor {code}: {exc}.")
    s = uitleg.score
    return {
        "code": s.code,
        "jaar": s.jaar,
        "onderdrukt": s.onderdrukt,
        "reden": s.reden,
        "objectief": _delen(s.objectief),
        "subjectief": _delen(s.subjectief),
        "bijdragen": [b.zin for b in (uitleg.objectief + uitleg.subjectief)[:5]],
        "trend": [
            {"jaar": g.jaar, "objectief": _totaal(g.objectief), "subjectief": _totaal(g.subjectief)}
            for g in reeks
        ],
    }
