"""The Volkshuisvestingsfonds of one municipality (R7), as its page and the API show it.

Per grant: the round (with the amount that round made available nationally), the grant and its
co-financing, the spending per year, and the implementation plan: its addresses in private and in
association stock, the association complexes they lie in, and the parties involved. Plain dicts with
Dutch keys; the figures come from ``storage.vhf_queries``, which the monitor's R7 verdict reads too.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from leefbaar.domain.vhf import COMPLEXNIVEAU_UITLEG
from leefbaar.services import areas, cache
from leefbaar.storage import vhf_queries as q

Row = dict[str, Any]


def gemeente(url: str | None, code: str, peildatum: date | None = None) -> Row | None:
    """The fund in municipality ``code`` on ``peildatum`` (default today): None for a municipality
    that is not in the newest division. Kept per data version."""
    url = areas.database_url(url)
    day = peildatum or date.today()
    g = areas.gemeente(url, code)
    if g is None:
        return None
    found: Row = cache.memo(
        "vhf.gemeente", url, (code, day), lambda: _gemeente(url, code, str(g["naam"]), day)
    )
    return found


def _gemeente(url: str, code: str, naam: str, peildatum: date) -> Row:
    grants = q.grants(url, peildatum, gemeentecode=code)
    beschikbaar = {int(r["ronde"]): float(r["beschikbaar_eur"]) for r in q.rounds(url, peildatum)}
    per_grant: dict[str, list[Row]] = defaultdict(list)
    per_jaar: dict[int, float] = defaultdict(float)
    for s in q.spending(url, peildatum, code):
        per_grant[s["bijdrage_id"]].append({"jaar": int(s["jaar"]), "besteed": float(s["besteed_eur"])})
        per_jaar[int(s["jaar"])] += float(s["besteed_eur"])
    ids = sorted({p for g in grants for p in _parties(g["betrokken_partijen"])})
    names = q.party_names(url, peildatum, ids)
    bijdragen = [
        {
            "bijdrage_id": g["bijdrage_id"],
            "ronde": int(g["ronde"]),
            "ronde_beschikbaar": beschikbaar.get(int(g["ronde"])),
            "gebied": g["gebied"],
            "bedrag": float(g["bedrag_eur"]),
            "cofinanciering": float(g["cofinanciering_eur"]),
            "aantal_woningen": g["aantal_woningen"],
            "uitvoeringsplan": g["uitvoeringsplan"],
            "besteed": float(g["besteed"]),
            "bestedingen": per_grant.get(g["bijdrage_id"], []),
            "plan": {
                "particulier": int(g["particulier"]),
                "corporatie": int(g["corporatie"]),
                "complexen": int(g["complexen"]),
                "met_adressen": int(g["particulier"]) + int(g["corporatie"]) > 0,
            },
            "partijen": [{"id": p, "naam": names.get(p, p)} for p in _parties(g["betrokken_partijen"])],
        }
        for g in grants
    ]
    met = sum(1 for b in bijdragen if b["plan"]["met_adressen"])
    bedrag = sum(b["bedrag"] for b in bijdragen)
    besteed = sum(b["besteed"] for b in bijdragen)
    return {
        "gemeentecode": code,
        "naam": naam,
        "peildatum": peildatum,
        "bijdragen": bijdragen,
        "per_jaar": [{"jaar": j, "besteed": per_jaar[j]} for j in sorted(per_jaar)],
        "totaal": {
            "bedrag": bedrag,
            "cofinanciering": sum(b["cofinanciering"] for b in bijdragen),
            "besteed": besteed,
            "aandeel_besteed": besteed / bedrag if bedrag else None,
            "plannen_met_adressen": met,
            "plannen_zonder_adressen": len(bijdragen) - met,
            "particulier": sum(b["plan"]["particulier"] for b in bijdragen),
            "corporatie": sum(b["plan"]["corporatie"] for b in bijdragen),
            "complexen": sum(b["plan"]["complexen"] for b in bijdragen),
        },
        "uitleg": COMPLEXNIVEAU_UITLEG,
    }


def _parties(value: str | None) -> list[str]:
    """The party ids of a ';'-separated list, in their order, without empties or repeats."""
    return list(dict.fromkeys(p.strip() for p in (value or "").split(";") if p.strip()))
