"""A home for everyone (R9-R12) for CLI, API and web: the 30% table and projection, the province view,
fair share of priority groups with the status-holder taakstelling, concentration per buurt, and the
municipal instruments.

Storage (``storage.homes_queries``) gives counts, ``leefbaar.homes`` computes, and every aggregate of
allocations (toewijzingen) passes through ``leefbaar.privacy.disclosure`` before it leaves this module:
counts below ``k`` (setting ``suppression_k``) are hidden with their complementary cells, and every
column derived from a hidden count is blanked with it (``disclosure.allocations`` says which). Stock figures, inhabitants, targets and
taakstelling are not counts of households and are published as they are.

What the database does not hold (regional allocation keys, regional need per group and period, the
national status-holder numbers, new-build and sales) comes from a regional configuration file; see
:func:`load_config` and docs/home-for-everyone.md.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from leefbaar.config import get_settings
from leefbaar.domain.allocation import Aandachtsgroep
from leefbaar.domain.regions import PROVINCIES, Niveau, is_valid_code
from leefbaar.homes import concentration as conc
from leefbaar.homes import fair_share as fs
from leefbaar.homes import instruments as ins
from leefbaar.homes import social_rent as sr
from leefbaar.homes.labels import AANDACHTSGROEP_LABELS
from leefbaar.privacy.disclosure import (
    cell_kind,
    mask_concentration,
    mask_fair_share_group,
    mask_fair_share_total,
    suppress_rows,
)
from leefbaar.storage import homes_queries as q

Row = dict[str, Any]

#: The default target year of the 30% trajectory (the agreements run to 2030).
DOELJAAR = 2030

PIJPLIJN_KOLOMMEN = (
    "sociale_toevoegingen",
    "sloop_sociaal",
    "verkoop_sociaal",
    "overige_nieuwbouw",
    "sloop_overig",
)
PERIODE_PATTERN = r"([0-9]{4})(?:-([12]))?"


class HomesError(ValueError):
    """A request this module cannot answer (message in Dutch, fit to show as is)."""


# ---------------------------------------------------------------- configuration


@dataclass(frozen=True)
class RegioInstelling:
    """A region from the configuration: code, name, municipalities (empty: the province's own from the
    database), allocation key, regional need per period and group, and the part of the possible
    redistribution to propose."""

    code: str
    naam: str
    gemeenten: tuple[str, ...]
    sleutel: fs.Verdeelsleutel
    behoefte: Mapping[str, Mapping[Aandachtsgroep, int]] = field(default_factory=dict)
    verschuiven: float = 1.0


@dataclass(frozen=True)
class PijplijnRij:
    gemeentecode: str
    jaar: int
    aantallen: Mapping[str, int]


@dataclass(frozen=True)
class Instellingen:
    """The whole regional configuration (all parts optional)."""

    regios: Mapping[str, RegioInstelling] = field(default_factory=dict)
    taakstelling: Mapping[str, int] = field(default_factory=dict)
    drempel: conc.Concentratiedrempel = field(default_factory=lambda: conc.Concentratiedrempel(1.5, 1, 10))
    pijplijn: tuple[PijplijnRij, ...] = ()
    doeljaar: int = DOELJAAR


def _fail(where: str, message: str) -> HomesError:
    return HomesError(f"{where}: {message}")


def _int(value: object, where: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _fail(where, f"verwacht een geheel getal vanaf {minimum}, kreeg {value!r}")
    return value


def parse_periode(periode: str) -> tuple[date, date]:
    """'2025' -> the calendar year, '2025-1' -> January-June, '2025-2' -> July-December; end exclusive."""
    m = re.fullmatch(PERIODE_PATTERN, periode.strip())
    if m is None:
        raise HomesError(f"periode '{periode}' heeft niet de vorm 2025 (jaar) of 2025-1 / 2025-2 (halfjaar)")
    year, half = int(m.group(1)), m.group(2)
    if half is None:
        return date(year, 1, 1), date(year + 1, 1, 1)
    return (date(year, 1, 1), date(year, 7, 1)) if half == "1" else (date(year, 7, 1), date(year + 1, 1, 1))


def _halfjaren(periode: str) -> list[str]:
    m = re.fullmatch(PERIODE_PATTERN, periode.strip())
    assert m is not None
    return [periode] if m.group(2) else [f"{m.group(1)}-1", f"{m.group(1)}-2"]


def _regio(data: object, where: str) -> RegioInstelling:
    if not isinstance(data, Mapping):
        raise _fail(where, "een regio is een tabel met code, naam, gemeenten en sleutel")
    code = data.get("code")
    if not isinstance(code, str) or not code.strip():
        raise _fail(where, "een regio heeft een code nodig")
    where = f"{where} ({code})"
    unknown = set(data) - {"code", "naam", "gemeenten", "sleutel", "behoefte", "verschuiven"}
    if unknown:
        raise _fail(where, f"onbekende sleutel(s): {', '.join(sorted(map(str, unknown)))}")
    gemeenten = data.get("gemeenten", [])
    if not isinstance(gemeenten, list) or not all(isinstance(g, str) for g in gemeenten):
        raise _fail(where, "'gemeenten' moet een lijst gemeentecodes zijn")
    if not gemeenten and code not in PROVINCIES:
        raise _fail(where, "een eigen regio (geen provincie) heeft een lijst 'gemeenten' nodig")
    sleutel_data = data.get("sleutel", {"inwoners": 1})
    if not isinstance(sleutel_data, Mapping):
        raise _fail(where, "'sleutel' moet grondslagen met gewichten geven, bv. {inwoners: 1}")
    try:
        sleutel = fs.Verdeelsleutel.from_mapping(sleutel_data)
        if gemeenten:  # validates the codes with Dutch errors
            fs.Regio(code, str(data.get("naam") or code), tuple(gemeenten), sleutel)
    except ValueError as exc:
        raise _fail(where, str(exc)) from None
    behoefte: dict[str, dict[Aandachtsgroep, int]] = {}
    raw_need = data.get("behoefte", {}) or {}
    if not isinstance(raw_need, Mapping):
        raise _fail(where, "'behoefte' moet per periode de behoefte per aandachtsgroep geven")
    for periode, groups in raw_need.items():
        key = str(periode)
        parse_periode(key)
        if not isinstance(groups, Mapping):
            raise _fail(where, f"behoefte {key}: geef per aandachtsgroep een aantal")
        per_group: dict[Aandachtsgroep, int] = {}
        for name, amount in groups.items():
            try:
                groep = Aandachtsgroep(name)
            except ValueError:
                known = ", ".join(g.value for g in Aandachtsgroep)
                raise _fail(
                    where, f"behoefte {key}: onbekende aandachtsgroep '{name}' (kies uit: {known})"
                ) from None
            per_group[groep] = _int(amount, f"{where}, behoefte {key} {name}")
        behoefte[key] = per_group
    fraction = data.get("verschuiven", 1.0)
    if isinstance(fraction, bool) or not isinstance(fraction, int | float) or not 0 <= fraction <= 1:
        raise _fail(where, f"'verschuiven' moet een getal tussen 0 en 1 zijn, kreeg {fraction!r}")
    naam = data.get("naam") or PROVINCIES.get(code, code)
    return RegioInstelling(code, str(naam), tuple(gemeenten), sleutel, behoefte, float(fraction))


def parse_config(data: object, base: Path | None = None) -> Instellingen:
    """Validate parsed configuration (a dict from YAML); ``base`` resolves a relative pipeline file."""
    if data is None:
        return Instellingen()
    if not isinstance(data, Mapping):
        raise HomesError("de configuratie moet een tabel (mapping) zijn")
    known = {"versie", "regios", "taakstelling", "concentratie", "pijplijn", "doeljaar"}
    unknown = set(data) - known
    if unknown:
        raise HomesError(
            f"onbekende sleutel(s) in de configuratie: {', '.join(sorted(map(str, unknown)))} "
            f"(toegestaan: {', '.join(sorted(known))})"
        )
    raw_regios = data.get("regios", []) or []
    if not isinstance(raw_regios, list):
        raise HomesError("'regios' moet een lijst regio's zijn")
    regios: dict[str, RegioInstelling] = {}
    for i, item in enumerate(raw_regios, start=1):
        regio = _regio(item, f"regio {i}")
        if regio.code in regios:
            raise HomesError(f"regio {regio.code} staat twee keer in de configuratie")
        regios[regio.code] = regio
    taak: dict[str, int] = {}
    raw_taak = data.get("taakstelling", {}) or {}
    if not isinstance(raw_taak, Mapping):
        raise HomesError("'taakstelling' moet per halfjaar (2025-1, 2025-2) een landelijk aantal geven")
    for halfjaar, amount in raw_taak.items():
        if re.fullmatch(fs.HALFJAAR_PATTERN, str(halfjaar)) is None:
            raise HomesError(f"taakstelling: halfjaar '{halfjaar}' heeft niet de vorm 2025-1 of 2025-2")
        taak[str(halfjaar)] = _int(amount, f"taakstelling {halfjaar}")
    raw_conc = data.get("concentratie", {}) or {}
    if not isinstance(raw_conc, Mapping) or set(raw_conc) - {"verhouding", "minimum_toewijzingen"}:
        raise HomesError("'concentratie' kent alleen 'verhouding' en 'minimum_toewijzingen'")
    ratio = raw_conc.get("verhouding", 1.5)
    if isinstance(ratio, bool) or not isinstance(ratio, int | float):
        raise HomesError("concentratie: 'verhouding' moet een getal zijn")
    try:
        drempel = conc.Concentratiedrempel(
            float(ratio),
            1,
            _int(raw_conc.get("minimum_toewijzingen", 10), "concentratie.minimum_toewijzingen", 1),
        )
    except ValueError as exc:
        raise HomesError(f"concentratie: {exc}") from None
    doeljaar = _int(data.get("doeljaar", DOELJAAR), "doeljaar", 2000)
    pipeline: tuple[PijplijnRij, ...] = ()
    if data.get("pijplijn"):
        name = data["pijplijn"]
        if not isinstance(name, str):
            raise HomesError("'pijplijn' moet de naam van een CSV-bestand zijn")
        path = Path(name) if base is None or Path(name).is_absolute() else base / name
        pipeline = read_pipeline(path)
    return Instellingen(regios, taak, drempel, pipeline, doeljaar)


def load_config(path: Path | str | None) -> Instellingen:
    """Read a regional configuration file (YAML, ``safe_load``); ``None`` gives the defaults."""
    if path is None:
        return Instellingen()
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise HomesError(f"configuratiebestand {p} is niet te lezen: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise HomesError(f"configuratiebestand {p} is geen geldige YAML: {exc}") from None
    return parse_config(data, p.parent)


def read_pipeline(path: Path) -> tuple[PijplijnRij, ...]:
    """The optional pipeline CSV (``;`` or ``,``): gemeentecode, jaar and any of PIJPLIJN_KOLOMMEN.

    A small planning file (one row per municipality and year), so the csv module suffices.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise HomesError(f"pijplijnbestand {path} is niet te lezen: {exc.strerror or exc}") from None
    lines = text.splitlines()
    if not lines:
        raise HomesError(f"pijplijnbestand {path} is leeg")
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.DictReader(lines, delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ("gemeentecode", "jaar") if c not in header]
    unknown = [c for c in header if c not in ("gemeentecode", "jaar", *PIJPLIJN_KOLOMMEN)]
    if missing or unknown:
        raise HomesError(
            f"pijplijnbestand {path.name}: kolommen zijn gemeentecode, jaar en "
            f"{', '.join(PIJPLIJN_KOLOMMEN)} (ontbreekt: {', '.join(missing) or '-'}; "
            f"onbekend: {', '.join(unknown) or '-'})"
        )
    rows = []
    seen: set[tuple[str, int]] = set()
    for number, record in enumerate(reader, start=2):
        where = f"pijplijnbestand {path.name}, rij {number}"
        record = {k.strip(): (v or "").strip() for k, v in record.items() if k}
        code = record["gemeentecode"]
        if not is_valid_code(Niveau.GEMEENTE, code):
            raise _fail(where, f"'{code}' is geen gemeentecode")
        if not re.fullmatch(r"[0-9]{4}", record["jaar"]):
            raise _fail(where, f"jaar '{record['jaar']}' is geen jaartal")
        counts = {}
        for column in PIJPLIJN_KOLOMMEN:
            value = record.get(column, "") or "0"
            if not re.fullmatch(r"[0-9]+", value):
                raise _fail(where, f"{column} '{value}' is geen geheel aantal woningen (0 of meer)")
            counts[column] = int(value)
        key = (code, int(record["jaar"]))
        if key in seen:
            raise _fail(where, f"{code} {key[1]} staat er twee keer in")
        seen.add(key)
        rows.append(PijplijnRij(code, key[1], counts))
    return tuple(rows)


# ---------------------------------------------------------------- shared helpers


def _url(url: str | None) -> str:
    return url or get_settings().database_url


def _k() -> int:
    return get_settings().suppression_k


def _indelingsjaar(url: str) -> int:
    jaar = q.latest_indelingsjaar(url)
    if jaar is None:
        raise HomesError(
            "de database bevat geen gemeenten: importeer eerst de gebieden (leefbaar demo of import)"
        )
    return jaar


def _stock_date(url: str, peildatum: date | None) -> date:
    found = q.latest_stock_peildatum(url, peildatum)
    if found is None:
        when = f" op of voor {peildatum.isoformat()}" if peildatum else ""
        raise HomesError(f"de database bevat geen woningen{when}: importeer eerst woningen")
    return found


def _names(url: str, jaar: int) -> dict[str, Row]:
    return {r["gemeentecode"]: r for r in q.gemeenten(url, jaar)}


def _check_gemeente(code: str, names: Mapping[str, Row]) -> None:
    if not is_valid_code(Niveau.GEMEENTE, code):
        raise HomesError(f"'{code}' is geen gemeentecode (GM gevolgd door 4 cijfers)")
    if code not in names:
        raise HomesError(f"gemeente {code} bestaat niet in de nieuwste gebiedsindeling")


# ---------------------------------------------------------------- 30% social rent (R10)


def _stock(url: str, peildatum: date, codes: list[str]) -> dict[str, Row]:
    found = {r["gemeentecode"]: r for r in q.stock_per_gemeente(url, peildatum, codes)}
    return {c: {k: int(v) for k, v in found[c].items() if k != "gemeentecode"} for c in codes if c in found}


def _pipeline(
    url: str, peildatum: date, codes: list[str], startjaar: int, eindjaar: int, config: Instellingen
) -> sr.Pijplijn:
    """Demolitions from the plans plus the configured pipeline, as matrices gemeenten x years."""
    years = eindjaar - startjaar + 1
    index = {c: i for i, c in enumerate(codes)}
    parts = {name: np.zeros((len(codes), years), dtype=np.int64) for name in PIJPLIJN_KOLOMMEN}
    plans = q.demolitions_per_year(url, peildatum, codes, startjaar, eindjaar)
    if plans:
        rows = np.array([index[r["gemeentecode"]] for r in plans])
        cols = np.array([int(r["jaar"]) - startjaar for r in plans])
        np.add.at(parts["sloop_sociaal"], (rows, cols), np.array([int(r["sloop"]) for r in plans]))
    for item in config.pijplijn:
        if item.gemeentecode in index and startjaar <= item.jaar <= eindjaar:
            for name in PIJPLIJN_KOLOMMEN:
                parts[name][index[item.gemeentecode], item.jaar - startjaar] += item.aantallen[name]
    return sr.Pijplijn.build(startjaar, **parts)


def woningvoorraad(
    url: str | None,
    gemeentecode: str,
    *,
    peildatum: date | None = None,
    doeljaar: int | None = None,
    config: Instellingen | None = None,
) -> Row:
    """The 30% table and projection of one municipality (R10), shaped as the CLI's JSON.

    Stock: the current dwellings on the newest dwelling peildatum on or before ``peildatum``;
    ``startjaar`` is that peildatum's year. Pipeline: demolitions from the plans plus the configured
    pipeline, ``startjaar`` through ``doeljaar``.
    """
    url = _url(url)
    config = config or Instellingen()
    names = _names(url, _indelingsjaar(url))
    _check_gemeente(gemeentecode, names)
    stock_date = _stock_date(url, peildatum)
    target_year = doeljaar or config.doeljaar
    start = stock_date.year
    if target_year < start:
        raise HomesError(f"het doeljaar {target_year} ligt vóór het startjaar {start} van de voorraad")
    stock = _stock(url, stock_date, [gemeentecode]).get(gemeentecode)
    if stock is None:
        raise HomesError(f"geen woningen van gemeente {gemeentecode} op {stock_date.isoformat()}")
    try:
        voorraad = sr.Woningvoorraad(
            gemeentecode,
            stock_date,
            stock["corporatie_sociaal"],
            stock["overige_sociale_huur"],
            stock["woningen"],
        )
        pipeline = _pipeline(url, stock_date, [gemeentecode], start, target_year, config)
        traject = sr.project_trajectory(voorraad, pipeline)
        years = target_year - start + 1
        growth = (int(pipeline.total_change()[0].sum())) / years
        needed = sr.required_yearly_additions(voorraad.sociale_huur, voorraad.woningen, growth, years)
    except ValueError as exc:
        raise HomesError(f"{gemeentecode}: {exc}") from None
    s, t = voorraad.sociale_huur, voorraad.woningen
    return {
        "gemeentecode": gemeentecode,
        "naam": names[gemeentecode]["naam"],
        "peildatum": stock_date.isoformat(),
        "corporatiewoningen": voorraad.corporatiewoningen,
        "corporatiewoningen_totaal": stock["corporatie"],
        "overige_sociale_huur": voorraad.overige_sociale_huur,
        "sociale_huur": s,
        "woningen": t,
        "aandeel": sr.social_share(s, t),
        "doelpercentage": sr.DOELPERCENTAGE,
        "op_doel": sr.meets_target(s, t),
        "tekort": sr.gap_dwellings(s, t),
        "tekort_nieuwbouw": sr.gap_by_new_build(s, t),
        "benodigd": {
            "doeljaar": target_year,
            "jaren": needed.jaren,
            "groei_per_jaar": growth,
            "per_jaar": needed.per_jaar,
            "per_jaar_afgerond": needed.per_jaar_afgerond,
            "meer_dan_groei": needed.meer_dan_groei,
        },
        "traject": {
            "startjaar": traject.startjaar,
            "eindjaar": traject.eindjaar,
            "status": traject.status.value,
            "jaar_bereikt": traject.jaar_bereikt,
            "uitkomst": traject.uitkomst,
            "jaren": [j.as_row() for j in traject.jaren],
        },
        "pijplijn": _pipeline_rows(pipeline),
    }


def _pipeline_rows(pipeline: sr.Pijplijn) -> list[Row]:
    return [
        {"jaar": pipeline.startjaar + j, **{n: int(getattr(pipeline, n)[0, j]) for n in PIJPLIJN_KOLOMMEN}}
        for j in range(pipeline.jaren)
    ]


def provincie(
    url: str | None,
    provinciecode: str,
    *,
    peildatum: date | None = None,
    doeljaar: int | None = None,
    config: Instellingen | None = None,
) -> Row:
    """The R10 province view: every municipality of the province with share, gap, needed and planned
    additions, trajectory, and whether it is a candidate for the provincial intervention power.

    ``rijen`` lists the intervention candidates first (lowest share first), then the others by code.
    """
    url = _url(url)
    config = config or Instellingen()
    if provinciecode not in PROVINCIES:
        raise HomesError(f"'{provinciecode}' is geen provinciecode (PV20 t/m PV31)")
    gemeenten = q.gemeenten(url, _indelingsjaar(url), provinciecode)
    stock_date = _stock_date(url, peildatum)
    target_year = doeljaar or config.doeljaar
    start = stock_date.year
    if target_year < start:
        raise HomesError(f"het doeljaar {target_year} ligt vóór het startjaar {start} van de voorraad")
    stock = _stock(url, stock_date, [g["gemeentecode"] for g in gemeenten])
    codes = [g["gemeentecode"] for g in gemeenten if g["gemeentecode"] in stock]
    zonder = [g["gemeentecode"] for g in gemeenten if g["gemeentecode"] not in stock]
    rows: list[sr.ProvincieRij] = []
    if codes:
        try:
            pipeline = _pipeline(url, stock_date, codes, start, target_year, config)
            rows = sr.province_overview(
                codes,
                [stock[c]["corporatie_sociaal"] + stock[c]["overige_sociale_huur"] for c in codes],
                [stock[c]["woningen"] for c in codes],
                pipeline,
                target_year,
            )
        except ValueError as exc:
            raise HomesError(f"{provinciecode}: {exc}") from None
    names = {g["gemeentecode"]: g["naam"] for g in gemeenten}
    candidates = sr.intervention_candidates(rows)
    others = [r for r in rows if not r.interventiekandidaat]
    return {
        "provinciecode": provinciecode,
        "naam": PROVINCIES[provinciecode],
        "peildatum": stock_date.isoformat(),
        "doeljaar": target_year,
        "doelpercentage": sr.DOELPERCENTAGE,
        "rijen": [{"naam": names[r.gemeentecode], **r.as_row()} for r in (*candidates, *others)],
        "interventiekandidaten": [r.gemeentecode for r in candidates],
        "zonder_woningen": zonder,
    }


# ---------------------------------------------------------------- fair share (R9)


def _resolve_regio(url: str, code: str, config: Instellingen, jaar: int) -> RegioInstelling:
    setting = config.regios.get(code)
    if setting is None:
        if code not in PROVINCIES:
            known = ", ".join(sorted(config.regios)) or "geen"
            raise HomesError(
                f"onbekende regio '{code}': geef een provincie (PV20 t/m PV31) of een regio uit de "
                f"configuratie (daarin: {known})"
            )
        setting = RegioInstelling(code, PROVINCIES[code], (), fs.Verdeelsleutel.enkel(fs.Grondslag.INWONERS))
    if not setting.gemeenten:
        codes = tuple(g["gemeentecode"] for g in q.gemeenten(url, jaar, code))
        if not codes:
            raise HomesError(f"provincie {code} heeft geen gemeenten in de indeling {jaar}")
        setting = RegioInstelling(
            setting.code, setting.naam, codes, setting.sleutel, setting.behoefte, setting.verschuiven
        )
    return setting


def _bases(
    url: str, codes: list[str], sleutel: fs.Verdeelsleutel, stock_date: date | None, jaar: int
) -> dict[fs.Grondslag, list[int]]:
    used = {g for g, w in sleutel.gewichten if w > 0}
    out: dict[fs.Grondslag, list[int]] = {}
    if fs.Grondslag.INWONERS in used:
        inh = q.inhabitants(url, jaar, codes)
        missing = [c for c in codes if c not in inh]
        if missing:
            raise HomesError(f"geen inwonertal voor {', '.join(missing[:5])}: importeer de CBS-kerncijfers")
        out[fs.Grondslag.INWONERS] = [inh[c] for c in codes]
    if used & {fs.Grondslag.WONINGEN, fs.Grondslag.SOCIALE_HUURWONINGEN}:
        if stock_date is None:
            raise HomesError("de verdeelsleutel gebruikt woningen, maar de database bevat geen woningen")
        stock = _stock(url, stock_date, codes)
        empty = {"woningen": 0, "corporatie_sociaal": 0, "overige_sociale_huur": 0}
        out[fs.Grondslag.WONINGEN] = [stock.get(c, empty)["woningen"] for c in codes]
        out[fs.Grondslag.SOCIALE_HUURWONINGEN] = [
            stock.get(c, empty)["corporatie_sociaal"] + stock.get(c, empty)["overige_sociale_huur"]
            for c in codes
        ]
    return out


def fair_share(
    url: str | None,
    regio: str,
    periode: str,
    *,
    config: Instellingen | None = None,
    groep: str | None = None,
    peildatum: date | None = None,
) -> Row:
    """Fair share of priority groups in a region for one period (R9), after small-cell suppression.

    ``rijen``: per group (in Aandachtsgroep order) and municipality: sleutelaandeel, doel_exact, doel,
    gerealiseerd, afwijking, afwijking_relatief, voorstel, verschuiving; a hidden value is None, with
    ``onderdrukt[column]`` = primair | secundair | verhuld | achtergehouden | afgeleid and
    ``redenen[column]`` in Dutch. ``opmerkingen`` includes the disclosure note when small counts
    could be derived from the labels and the remedy had to hide more (``MaskedRows.note``).
    ``totalen``: per group the regional need and realised total (None when hidden). ``taakstelling``:
    the status-holder taakstelling per half-year of the period (when the configuration gives the
    national number). Groups shown: those with allocations in the region or a configured need.
    """
    url = _url(url)
    config = config or Instellingen()
    start, end = parse_periode(periode)
    chosen: Aandachtsgroep | None = None
    if groep is not None:
        try:
            chosen = Aandachtsgroep(groep)
        except ValueError:
            known = ", ".join(g.value for g in Aandachtsgroep)
            raise HomesError(f"onbekende aandachtsgroep '{groep}' (kies uit: {known})") from None
    jaar = _indelingsjaar(url)
    setting = _resolve_regio(url, regio, config, jaar)
    names = _names(url, jaar)
    unknown = [c for c in setting.gemeenten if c not in names]
    if unknown:
        raise HomesError(
            f"regio {setting.code}: onbekende gemeente(n) {', '.join(unknown)} in de indeling {jaar}"
        )
    codes = list(setting.gemeenten)
    reference = peildatum or date.today()
    stock_date = q.latest_stock_peildatum(url, reference)
    try:
        regio_obj = fs.Regio(setting.code, setting.naam, tuple(codes), setting.sleutel)
        bases = _bases(url, codes, setting.sleutel, stock_date, start.year)
        fs.key_shares(setting.sleutel, bases)  # validates the bases with Dutch errors
    except ValueError as exc:
        raise HomesError(f"regio {setting.code}: {exc}") from None

    index = {c: i for i, c in enumerate(codes)}
    counts: dict[Aandachtsgroep, np.ndarray] = {}
    for r in q.allocations_per_group(url, reference, codes, start, end):
        g = Aandachtsgroep(r["aandachtsgroep"])
        counts.setdefault(g, np.zeros(len(codes), dtype=np.int64))[index[r["gemeentecode"]]] += int(
            r["aantal"]
        )
    need = dict(setting.behoefte.get(periode, {}))
    groups = [g for g in Aandachtsgroep if g in counts or g in need]
    realised = {g: counts.get(g, np.zeros(len(codes), dtype=np.int64)) for g in groups}

    k = _k()
    # One table gemeenten x groups with row and column totals: complementary suppression across groups.
    masked = (
        suppress_rows(
            [
                {"gemeentecode": c, **{g.value: int(realised[g][i]) for g in groups}}
                for i, c in enumerate(codes)
            ],
            [g.value for g in groups],
            total_column="totaal",
            total_row={"gemeentecode": "Totaal"},
            k=k,
        )
        if groups
        else None
    )

    try:
        table = fs.fair_share_table(
            regio_obj,
            bases,
            periode,
            realised,
            {g: need[g] for g in groups if g in need},
            setting.verschuiven,
        )
    except ValueError as exc:
        raise HomesError(f"regio {setting.code}: {exc}") from None

    rows: list[Row] = []
    totals: list[Row] = []
    for j, g in enumerate(groups):
        assert masked is not None
        column = [masked.table.cells[i][j] for i in range(len(codes))]
        column_total = masked.table.column_totals[j] if masked.table.column_totals else None
        group_rows: list[Row] = [
            {**item.as_row(), "naam": names[item.gemeentecode]["naam"], "onderdrukt": {}, "redenen": {}}
            for item in table
            if item.groep is g
        ]
        mask_fair_share_group(
            group_rows, column, column_total, fs.TELKOLOMMEN["gerealiseerd"], target_from_total=g not in need
        )
        if chosen is None or g is chosen:
            rows += group_rows
            total_row: Row = {
                "groep": g.value,
                "label": AANDACHTSGROEP_LABELS[g],
                "behoefte": need.get(g),
                "doel": need[g] if g in need else int(realised[g].sum()),
                "gerealiseerd": int(realised[g].sum()),
                "onderdrukt": {},
                "redenen": {},
            }
            if column_total is not None:
                mask_fair_share_total(total_row, column_total, target_from_total=g not in need)
            totals.append(total_row)
    gemeente_totalen = []
    if masked is not None:
        for i, c in enumerate(codes):
            total = masked.table.row_totals[i] if masked.table.row_totals else None
            gemeente_totalen.append(
                {
                    "gemeentecode": c,
                    "naam": names[c]["naam"],
                    "gerealiseerd": None if total is None or total.hidden else total.value,
                    "onderdrukt": {"gerealiseerd": cell_kind(total)}
                    if total is not None and total.hidden
                    else {},
                }
            )
    return {
        "regio": setting.code,
        "naam": setting.naam,
        "sleutel": setting.sleutel.omschrijving(),
        "periode": periode,
        "k": k,
        "gemeenten": codes,
        "rijen": rows,
        "totalen": totals,
        "gemeente_totalen": gemeente_totalen,
        "taakstelling": _taakstelling(url, periode, codes, config, start.year),
        "opmerkingen": _fair_share_notes(groups, need, config, periode)
        + ([masked.note] if masked is not None and masked.note else []),
    }


def _fair_share_notes(
    groups: Sequence[Aandachtsgroep], need: Mapping[Aandachtsgroep, int], config: Instellingen, periode: str
) -> list[str]:
    notes = []
    if not groups:
        notes.append(
            "geen toewijzingen aan aandachtsgroepen in deze regio en periode, en geen behoefte ingesteld"
        )
    without = [g.value for g in groups if g not in need]
    if without:
        notes.append(
            "zonder ingestelde behoefte is het doel het gerealiseerde regionale totaal, verdeeld met de sleutel: "
            + ", ".join(without)
        )
    missing = [h for h in _halfjaren(periode) if h not in config.taakstelling]
    if missing:
        notes.append(f"geen landelijke taakstelling statushouders ingesteld voor {', '.join(missing)}")
    return notes


def _taakstelling(url: str, periode: str, codes: list[str], config: Instellingen, jaar: int) -> list[Row]:
    halves = [h for h in _halfjaren(periode) if h in config.taakstelling]
    if not halves:
        return []
    # Pro rata over the whole country: the national inhabitants are the sum over every municipality.
    everyone = [g["gemeentecode"] for g in q.gemeenten(url, _indelingsjaar(url))]
    inh = q.inhabitants(url, jaar, everyone)
    national = [c for c in everyone if c in inh]
    if not national:
        raise HomesError("geen inwonertallen: importeer de CBS-kerncijfers voor de taakstelling")
    wanted = set(codes)
    out = []
    for half in halves:
        for row in fs.taakstelling(config.taakstelling[half], national, [inh[c] for c in national], half):
            if row.gemeentecode in wanted:
                out.append(row.as_row())
    return out


# ---------------------------------------------------------------- concentration (R9)


def latest_allocation_year(url: str | None, gemeentecode: str) -> int | None:
    """The calendar year of the newest allocation in a municipality (the default period)."""
    rows = q.allocations_years(_url(url), gemeentecode)
    return rows[-1] if rows else None


def concentratie(
    url: str | None,
    gemeentecode: str,
    periode: str | None = None,
    *,
    config: Instellingen | None = None,
    peildatum: date | None = None,
) -> Row:
    """Allocations to priority groups per buurt against the municipal average (R9), after suppression.

    The data holds allocations to priority groups only, so the base is the buurt's social rental
    stock: ``aandeel`` = placements per social rental dwelling, ``gemeente_aandeel`` the same over the
    municipality, ``verhouding`` their ratio. A buurt is flagged at ``verhouding >= drempel`` with at
    least ``minimum_toewijzingen`` placements. Hidden counts blank ``aandeel`` and ``verhouding``.
    ``opmerkingen``: the disclosure note when the remedy had to hide more (``MaskedRows.note``).
    """
    url = _url(url)
    config = config or Instellingen()
    jaar = _indelingsjaar(url)
    names = _names(url, jaar)
    _check_gemeente(gemeentecode, names)
    if periode is None:
        latest = latest_allocation_year(url, gemeentecode)
        if latest is None:
            raise HomesError(f"gemeente {gemeentecode} heeft geen toewijzingen")
        periode = str(latest)
    start, end = parse_periode(periode)
    reference = peildatum or date.today()
    stock_date = q.latest_stock_peildatum(url, reference)
    stock = {
        r["buurtcode"]: int(r["corporatie_sociaal"]) + int(r["overige_sociale_huur"])
        for r in (q.stock_per_buurt(url, stock_date, gemeentecode) if stock_date else [])
    }
    placed = {
        r["buurtcode"]: int(r["aantal"])
        for r in q.allocations_per_buurt(url, reference, gemeentecode, start, end)
        if r["buurtcode"] is not None
    }
    buurt_names = {r["buurtcode"]: r["naam"] for r in q.buurten(url, jaar, gemeentecode)}
    codes = sorted(c for c in set(stock) | set(placed) if stock.get(c, 0) > 0 or placed.get(c, 0) > 0)
    base = [max(stock.get(c, 0), placed.get(c, 0)) for c in codes]
    counts = [placed.get(c, 0) for c in codes]
    result = conc.concentration(codes, base, counts, config.drempel) if codes else []
    k = _k()
    masked = (
        suppress_rows(
            [
                {"buurtcode": c, "toewijzingen_aandachtsgroepen": n}
                for c, n in zip(codes, counts, strict=True)
            ],
            ["toewijzingen_aandachtsgroepen"],
            total_column=None,
            total_row={"buurtcode": "Totaal"},
            k=k,
        )
        if codes
        else None
    )
    total_cell = masked.table.column_totals[0] if masked and masked.table.column_totals else None
    total_hidden = total_cell is not None and total_cell.hidden
    rows: list[Row] = []
    for item in result:
        raw = item.as_row()
        rows.append(
            {
                "buurtcode": item.buurtcode,
                "naam": buurt_names.get(item.buurtcode),
                "sociale_huurwoningen": stock.get(item.buurtcode, 0),
                "toewijzingen_aandachtsgroepen": raw["toewijzingen_aandachtsgroepen"],
                "aandeel": raw["aandeel"],
                "gemeente_aandeel": raw["gemeente_aandeel"],
                "verhouding": raw["verhouding"],
                "gesignaleerd": raw["gesignaleerd"],
                "reden": raw["reden"],
                "onderdrukt": {},
                "redenen": {},
            }
        )
    if masked is not None:
        cells = [row[0] for row in masked.table.cells]
        mask_concentration(rows, cells, total_cell, conc.TELKOLOMMEN["toewijzingen_aandachtsgroepen"])
    d = config.drempel
    return {
        "gemeentecode": gemeentecode,
        "naam": names[gemeentecode]["naam"],
        "periode": periode,
        "peildatum_voorraad": stock_date.isoformat() if stock_date else None,
        "k": k,
        "drempel": {"verhouding": d.verhouding, "minimum_toewijzingen": d.minimum_aandachtsgroepen},
        "rijen": rows,
        "totaal": {
            "sociale_huurwoningen": sum(stock.get(c, 0) for c in codes),
            "toewijzingen_aandachtsgroepen": None if total_hidden or total_cell is None else total_cell.value,
            "onderdrukt": {"toewijzingen_aandachtsgroepen": cell_kind(total_cell)}
            if total_hidden and total_cell
            else {},
        },
        "gesignaleerd": [r["buurtcode"] for r in rows if r["gesignaleerd"]],
        "opmerkingen": [masked.note] if masked is not None and masked.note else [],
    }


# ---------------------------------------------------------------- instruments (R11, R12)


def _pick(rows: list[Row], peildatum: date) -> Row | None:
    """The instrument in force on the peildatum (latest adopted on or before it), else the first later one."""
    before = [r for r in rows if r["vastgesteld_op"] <= peildatum]
    if before:
        return max(before, key=lambda r: r["vastgesteld_op"])
    return min(rows, key=lambda r: r["vastgesteld_op"]) if rows else None


def instrumenten(
    url: str | None,
    *,
    gemeentecode: str | None = None,
    provinciecode: str | None = None,
    peildatum: date | None = None,
) -> Row:
    """Urgentieverordening coverage (R11) and woonzorgvisie status (R12) per municipality on a peildatum.

    ``rijen``: per municipality the ordinance's coverage (``Verordeningsdekking.as_row()``) and the
    woonzorgvisie status (``WoonzorgvisieStatus.as_row()``, keys prefixed ``woonzorgvisie_``).
    Give one municipality or one province.
    """
    url = _url(url)
    if (gemeentecode is None) == (provinciecode is None):
        raise HomesError("geef een gemeente of een provincie")
    jaar = _indelingsjaar(url)
    names = _names(url, jaar)
    if gemeentecode is not None:
        _check_gemeente(gemeentecode, names)
        codes = [gemeentecode]
    else:
        if provinciecode not in PROVINCIES:
            raise HomesError(f"'{provinciecode}' is geen provinciecode (PV20 t/m PV31)")
        codes = [g["gemeentecode"] for g in q.gemeenten(url, jaar, provinciecode)]
    day = peildatum or date.today()
    ordinances: dict[str, list[Row]] = {}
    for r in q.ordinances(url, day, codes):
        ordinances.setdefault(r["gemeentecode"], []).append(r)
    visions: dict[str, list[Row]] = {}
    for r in q.woonzorgvisies(url, day, codes):
        visions.setdefault(r["gemeentecode"], []).append(r)
    rows = []
    for code in codes:
        o = _pick(ordinances.get(code, []), day)
        v = _pick(visions.get(code, []), day)
        verordening = (
            ins.Urgentieverordening.from_mapping(
                {
                    "gemeente": code,
                    "vastgesteld_op": o["vastgesteld_op"],
                    "groepen": [g for g in o["groepen"].split(";") if g],
                }
            )
            if o
            else None
        )
        visie = ins.Woonzorgvisie(code, v["vastgesteld_op"], v["geldig_tot"]) if v else None
        dekking = ins.ordinance_coverage(code, verordening, day).as_row()
        status = ins.woonzorgvisie_status(code, visie, day).as_row()
        rows.append(
            {
                "naam": names[code]["naam"],
                **dekking,
                **{
                    f"woonzorgvisie_{k}": value
                    for k, value in status.items()
                    if k not in ("gemeentecode", "peildatum")
                },
            }
        )
    return {"peildatum": day.isoformat(), "rijen": rows}
