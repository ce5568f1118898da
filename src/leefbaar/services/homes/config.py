"""The regional configuration of "a home for everyone": what the database does not hold (regional
allocation keys, regional need per group and period, the national status-holder numbers, the
concentration threshold, new-build and sales as a pipeline CSV), read from a YAML file with
Dutch errors. See docs/home-for-everyone.md.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from leefbaar.domain.allocation import Aandachtsgroep
from leefbaar.domain.regions import PROVINCIES, Niveau, is_valid_code
from leefbaar.homes import concentration as conc
from leefbaar.homes import fair_share as fs
from leefbaar.services.homes.common import HomesError

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


def halfjaren(periode: str) -> list[str]:
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
