"""Indicators about areas: the Volkshuisvestingsfonds against its budget (R7), the
social-rent share (R10), the urgentieverordening (R11), the woonzorgvisie (R12), local agreements
with a care partner (R13) and buurtkamers (R5).

Per municipality from the data; nation and provinces as a roll-up of their municipalities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from leefbaar.domain.allocation import Aandachtsgroep
from leefbaar.domain.vhf import Uitvoeringsplan
from leefbaar.homes.instruments import (
    Urgentieverordening,
    Woonzorgvisie,
    ordinance_coverage,
    woonzorgvisie_status,
)
from leefbaar.homes.social_rent import meets_target
from leefbaar.rules import budget
from leefbaar.rules import formatting as fmt
from leefbaar.services.monitor.values import Values, Waarde
from leefbaar.storage import agreement_queries, vhf_queries
from leefbaar.storage import monitor_queries as q


def vhf_values(url: str, peildatum: date, scopes: Iterable[str], names: Mapping[str, str]) -> Values:
    """Volkshuisvestingsfonds (R7), for the country: the grants of the rounds up to the reference
    year (the value, to compare with the budget), each round's grants against the amount it made
    available (for ``rules.budget``), the spending, and the plans with and without addresses."""
    if "nationaal" not in set(scopes):
        return {}
    jaar = peildatum.year
    bijdragen = vhf_queries.grants(url, peildatum, ronde_tot=jaar)
    # No grant up to this date is no data for the commitment, not an allocation of zero.
    if not bijdragen:
        return {}
    beschikbaar = {int(r["ronde"]): float(r["beschikbaar_eur"]) for r in vhf_queries.rounds(url, peildatum)}
    toegekend: dict[int, float] = defaultdict(float)
    for b in bijdragen:
        toegekend[int(b["ronde"])] += b["bedrag_eur"]
    rondes = tuple(
        budget.Ronde(j, beschikbaar.get(j), toegekend.get(j, 0.0))
        for j in sorted({j for j in beschikbaar if j <= jaar} | set(toegekend))
    )
    totaal = sum(b["bedrag_eur"] for b in bijdragen)
    besteed = sum(b["besteed"] for b in bijdragen)
    met = [b for b in bijdragen if b["particulier"] + b["corporatie"] > 0]
    zonder = [b for b in bijdragen if b["particulier"] + b["corporatie"] == 0]
    kern = {
        "toegekend": totaal,
        "beschikbaar_in_rondes": sum(r.beschikbaar for r in rondes if r.beschikbaar is not None),
        "bijdragen": len(bijdragen),
        "besteed": besteed,
        "aandeel_besteed": besteed / totaal if totaal else None,
        "plannen_met_adressen": len(met),
        "plannen_zonder_adressen": len(zonder),
        "adressen_particulier": sum(b["particulier"] for b in bijdragen),
        "adressen_corporatie": sum(b["corporatie"] for b in bijdragen),
        "complexen": sum(b["complexen"] for b in bijdragen),
        "rondes": [{"ronde": r.jaar, "beschikbaar": r.beschikbaar, "toegekend": r.toegekend} for r in rondes],
    }
    n = len(bijdragen)
    zin = (
        f"{fmt.getal(n)} {'bijdrage' if n == 1 else 'bijdragen'} uit de rondes tot en met {jaar}. Besteed tot en "
        f"met {jaar}: {fmt.euro(besteed)}, {fmt.aandeel(kern['aandeel_besteed'] or 0)} van het toegekende. "
        f"Uitvoeringsplannen: {len(met)} van de {n} {'noemt' if len(met) == 1 else 'noemen'} de adressen "
        f"({fmt.getal(kern['adressen_particulier'])} particulier, {fmt.getal(kern['adressen_corporatie'])} "
        f"corporatie in {fmt.getal(kern['complexen'])} {'complex' if kern['complexen'] == 1 else 'complexen'}), "
        f"{len(zonder)} nog niet ({fmt.euro(sum(b['bedrag_eur'] for b in zonder))}); adressen per complex zijn "
        "aanbevolen, niet verplicht."
    )
    bewijs = [
        {
            "soort": "vhf_ronde",
            "code": str(r.jaar),
            "toelichting": f"ronde {r.jaar}: {fmt.euro(r.toegekend)} toegekend, {fmt.euro(r.beschikbaar or 0)} beschikbaar",
        }
        for r in rondes
        if r.overschrijding > 0
    ]
    bewijs += [
        _vhf_evidence(b, names, f"{fmt.euro(b['besteed'])} besteed van {fmt.euro(b['bedrag_eur'])} toegekend")
        for b in bijdragen
        if b["besteed"] > b["bedrag_eur"]
    ]
    bewijs += [
        _vhf_evidence(
            b,
            names,
            f"{fmt.euro(b['bedrag_eur'])}, uitvoeringsplan zonder adressen"
            + (" (gemeld als per complex)" if b["uitvoeringsplan"] == Uitvoeringsplan.PER_COMPLEX else ""),
        )
        for b in sorted(zonder, key=lambda b: (-b["bedrag_eur"], b["bijdrage_id"]))
    ]
    return {
        ("nationaal", "NL", ""): Waarde(float(totaal), None, zin, bewijs, {"rondes": rondes}, kern),
    }


def _vhf_evidence(grant: Mapping[str, Any], names: Mapping[str, str], wat: str) -> dict[str, Any]:
    gemeente = names.get(grant["gemeentecode"], grant["gemeentecode"])
    return {
        "soort": "vhf_bijdrage",
        "code": grant["bijdrage_id"],
        "gemeentecode": grant["gemeentecode"],
        "bedrag": grant["bedrag_eur"],
        "toelichting": f"{grant['gebied']} ({gemeente}, ronde {grant['ronde']}): {wat}",
    }


def social_rent_values(
    url: str,
    peildatum: date,
    scopes: Iterable[str],
    names: Mapping[str, str],
    provincie_van: Mapping[str, str | None],
) -> Values:
    """Social rent share (%) as ``domain.housing.is_sociale_huur`` defines it, over all dwellings (the
    key figures and the 30% block count the same: ``storage.rule_sql.sociale_huur``)."""
    rows = [r for r in q.social_rent(url, peildatum, scopes) if r["scope_code"] is not None]
    gemeenten = [r for r in rows if r["scope_soort"] == "gemeente"]
    values: Values = {}
    for row in rows:
        sociaal = row["corporatie"] + row["overig_sociaal"]
        bewijs = []
        if row["scope_soort"] != "gemeente":
            # the municipalities of this area below the norm, furthest behind first
            onder = sorted(
                (100.0 * (g["corporatie"] + g["overig_sociaal"]) / g["woningen"], str(g["scope_code"]))
                for g in gemeenten
                if _in_area(row, g["scope_code"], provincie_van)
                and g["woningen"]
                and not meets_target(int(g["corporatie"] + g["overig_sociaal"]), int(g["woningen"]))
            )
            bewijs = [
                {
                    "soort": "gemeente",
                    "code": code,
                    "naam": names.get(code, code),
                    "aandeel": p,
                    "toelichting": f"{names.get(code, code)}: {fmt.procent(p)} sociale huur",
                }
                for p, code in onder
            ]
        zin = (
            f"{fmt.woningen(sociaal)} sociale huur ({fmt.getal(row['corporatie'])} corporatiewoningen in het "
            f"sociale segment, {fmt.getal(row['overig_sociaal'])} overige sociale huur) van "
            f"{fmt.woningen(row['woningen'])}."
        )
        values[(row["scope_soort"], row["scope_code"], "")] = Waarde(
            100.0 * sociaal / row["woningen"] if row["woningen"] else None,
            1.0 - row["onbekend"] / row["woningen"] if row["woningen"] else None,
            zin,
            bewijs,
            kerngetallen={
                "woningen": row["woningen"],
                "corporatie_sociaal": row["corporatie"],
                "overige_sociale_huur": row["overig_sociaal"],
                "segment_onbekend": row["onbekend"],
            },
        )
    return values


def _in_area(area: Mapping[str, Any], gemeentecode: str, provincie_van: Mapping[str, str | None]) -> bool:
    if area["scope_soort"] == "nationaal":
        return True
    return bool(provincie_van.get(gemeentecode) == area["scope_code"])


def _area_rollup(
    per_gemeente: Mapping[str, tuple[bool, str]],
    gemeenten: Sequence[Mapping[str, Any]],
    scopes: Iterable[str],
    onderwerp: str,
) -> Values:
    """Nation and provinces from per-municipality verdicts: % of municipalities with data that comply,
    completeness = share of municipalities with data; the non-compliant ones are the evidence."""
    values: Values = {}
    gebieden: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for g in gemeenten:
        gebieden[("nationaal", "NL")].append(g)
        if g["provinciecode"]:
            gebieden[("provincie", g["provinciecode"])].append(g)
    for (soort, code), leden in gebieden.items():
        if soort not in scopes:
            continue
        met_data = [g for g in leden if g["gemeentecode"] in per_gemeente]
        goed = [g for g in met_data if per_gemeente[g["gemeentecode"]][0]]
        bewijs = [
            {
                "soort": "gemeente",
                "code": g["gemeentecode"],
                "naam": g["naam"],
                "toelichting": f"{g['naam']}: {per_gemeente[g['gemeentecode']][1]}",
            }
            for g in met_data
            if not per_gemeente[g["gemeentecode"]][0]
        ]
        zin = (
            f"{len(goed)} van {len(met_data)} gemeenten met gegevens {onderwerp}; "
            f"van {len(leden) - len(met_data)} van de {len(leden)} gemeenten zijn geen gegevens bekend."
        )
        values[(soort, code, "")] = Waarde(
            100.0 * len(goed) / len(met_data) if met_data else None, len(met_data) / len(leden), zin, bewijs
        )
    return values


def urgency_values(
    url: str, peildatum: date, scopes: Iterable[str], gemeenten: Sequence[Mapping[str, Any]]
) -> Values:
    """R11: share of the mandatory urgency groups the latest adopted ordinance covers (per municipality),
    and the share of municipalities with full coverage (areas). No ordinance on file: no data."""
    values: Values = {}
    oordeel: dict[str, tuple[bool, str]] = {}
    for row in q.latest_instruments(url, peildatum, "urgentieverordening"):
        groepen = frozenset(Aandachtsgroep(g) for g in (row["groepen"] or "").split(";") if g)
        dekking = ordinance_coverage(
            row["gemeentecode"],
            Urgentieverordening(row["gemeentecode"], row["vastgesteld_op"], groepen),
            peildatum,
        )
        tekst = f"urgentieverordening van {fmt.datum(row['vastgesteld_op'])}: {dekking.toelichting}"
        oordeel[row["gemeentecode"]] = (dekking.volledig, tekst)
        values[("gemeente", row["gemeentecode"], "")] = Waarde(
            100.0 * dekking.dekkingsgraad, None, tekst[0].upper() + tekst[1:] + "."
        )
    values.update(
        _area_rollup(oordeel, gemeenten, scopes, "hebben een verordening die alle verplichte groepen dekt")
    )
    return values


def woonzorgvisie_values(
    url: str, peildatum: date, scopes: Iterable[str], gemeenten: Sequence[Mapping[str, Any]]
) -> Values:
    """R12: 100 when the latest woonzorgvisie is current on the date, else 0; areas as a share."""
    values: Values = {}
    oordeel: dict[str, tuple[bool, str]] = {}
    for row in q.latest_instruments(url, peildatum, "woonzorgvisie"):
        status = woonzorgvisie_status(
            row["gemeentecode"],
            Woonzorgvisie(row["gemeentecode"], row["vastgesteld_op"], row["geldig_tot"]),
            peildatum,
        )
        tekst = f"woonzorgvisie van {fmt.datum(row['vastgesteld_op'])}: {status.toelichting}"
        oordeel[row["gemeentecode"]] = (status.actueel, tekst)
        values[("gemeente", row["gemeentecode"], "")] = Waarde(
            100.0 if status.actueel else 0.0, None, tekst[0].upper() + tekst[1:] + "."
        )
    values.update(_area_rollup(oordeel, gemeenten, scopes, "hebben een actuele woonzorgvisie"))
    return values


def care_partner_values(
    url: str, peildatum: date, scopes: Iterable[str], gemeenten: Sequence[Mapping[str, Any]]
) -> Values:
    """R13: % of the local prestatieafspraken in force that include a zorgpartner (party soort), from
    the current version of the stored agreements."""
    per_gemeente: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for a in agreement_queries.local_agreements_with_care(url, peildatum):
        per_gemeente[a["gemeentecode"]].append(a)
    values: Values = {}
    gebieden: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for g in gemeenten:
        gebieden[("gemeente", g["gemeentecode"])].append(g)
        gebieden[("nationaal", "NL")].append(g)
        if g["provinciecode"]:
            gebieden[("provincie", g["provinciecode"])].append(g)
    for (soort, code), leden in gebieden.items():
        if soort not in scopes:
            continue
        afspraken = [a for g in leden for a in per_gemeente.get(g["gemeentecode"], [])]
        if not afspraken:
            continue
        met = [a for a in afspraken if a["met_zorgpartner"]]
        namen = {g["gemeentecode"]: g["naam"] for g in leden}
        bewijs = [
            {
                "soort": "prestatieafspraak",
                "code": a["afspraak_id"],
                "gemeentecode": a["gemeentecode"],
                "toelichting": f"{a['afspraak_id']} ({namen.get(a['gemeentecode'])}, "
                f"{a['startdatum'].year}-{a['einddatum'].year}): geen zorg- of welzijnspartij",
            }
            for a in afspraken
            if not a["met_zorgpartner"]
        ]
        gemeenten_met = len({a["gemeentecode"] for a in afspraken})
        zin = (
            f"{len(met)} van {len(afspraken)} lopende prestatieafspraken hebben een zorg- of welzijnspartij."
        )
        values[(soort, code, "")] = Waarde(
            100.0 * len(met) / len(afspraken),
            None if soort == "gemeente" else gemeenten_met / len(leden),
            zin,
            bewijs,
        )
    return values


def buurtkamer_values(url: str, peildatum: date) -> Values:
    """R5: buurtkamers open on the date (``rule_sql.buurtkamer_open``: opened on or before it, not
    closed on or before it) per municipality and association. The evidence is every buurtkamer that
    opened on or before the date, closed ones first, each linked to the Buurtkamers section of its
    buurt page; the key figures add the closed ones and the costs and reach reported for the open ones.
    """
    counts, kamers = q.buurtkamers(url, peildatum)
    evidence: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for k in kamers:
        item = _buurtkamer_evidence(k)
        for key in (("gemeente", k["gemeentecode"]), ("corporatie", k["corporatie_id"])):
            if key[1]:
                evidence[key].append(item)
    values: Values = {}
    for r in counts:
        key = (r["scope_soort"], r["scope_code"])
        aantal, gesloten = int(r["aantal"]), int(r["gesloten"])
        zin = f"{aantal} {'buurtkamer' if aantal == 1 else 'buurtkamers'} open op {fmt.datum(peildatum)}"
        if gesloten:
            zin += f"; {gesloten} eerder geopende {'is' if gesloten == 1 else 'zijn'} gesloten"
        if r["kosten_gemeld"]:
            zin += (
                f"; jaarkosten gemeld voor {r['kosten_gemeld']} van de open buurtkamers: "
                f"samen {fmt.euro(r['jaarkosten'])} per jaar"
            )
        kern = {
            "open": aantal,
            "gesloten": gesloten,
            "jaarkosten_eur": r["jaarkosten"],
            "met_jaarkosten": r["kosten_gemeld"],
            "bezoekers_per_jaar": r["bezoekers"],
            "met_bezoekers": r["bezoekers_gemeld"],
            "activiteiten_per_jaar": r["activiteiten"],
            "met_activiteiten": r["activiteiten_gemeld"],
        }
        values[(*key, "")] = Waarde(float(aantal), None, zin + ".", evidence.get(key, []), kerngetallen=kern)
    return values


def _buurtkamer_evidence(k: Mapping[str, Any]) -> dict[str, Any]:
    """One buurtkamer as an evidence row: where it is, since when open or when closed."""
    waar = k["buurtnaam"] or k["buurtcode"]
    if k["is_open"]:
        stand = f"open sinds {fmt.datum(k['geopend_op'])}"
    else:
        stand = f"gesloten op {fmt.datum(k['gesloten_op'])} (geopend op {fmt.datum(k['geopend_op'])})"
    return {
        "soort": "buurtkamer",
        "code": k["buurtkamer_id"],
        "naam": k["naam"],
        "buurtcode": k["buurtcode"],
        "gemeentecode": k["gemeentecode"],
        "corporatie_id": k["corporatie_id"],
        "open": bool(k["is_open"]),
        "toelichting": f"{k['naam']} ({waar}): {stand}",
    }
