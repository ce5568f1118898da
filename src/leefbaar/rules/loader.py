"""Turn a parsed agreement document (the dict from a YAML file) into a typed :class:`Agreement`.

Pure: the caller reads and parses the file and passes the result with the file name used in
messages. Validation runs in two passes. First the JSON Schema (structure, types, code shapes);
its errors are translated into Dutch. Only a structurally valid document gets the semantic checks
(indicator catalogue, scopes, parties, dates), because those rely on the structure being right.
Every error names the file, the path in the document (``toezeggingen[2].doel.waarde``) and the reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from jsonschema import Draft202012Validator

from leefbaar.domain.agreements import ScopeSoort, ToezeggingSoort, is_collectief, soort_van_partij
from leefbaar.domain.housing import InvesteringThema
from leefbaar.domain.parties import PartijSoort
from leefbaar.domain.regions import AreaRef
from leefbaar.rules.indicators import INDICATOREN, Eenheid, Indicator, Richting
from leefbaar.rules.model import (
    AfspraakSoort,
    Agreement,
    AgreementError,
    Commitment,
    LoadResult,
    MargeSoort,
    Milestone,
    Party,
    Period,
    QualitativeCommitment,
    Target,
    Thresholds,
    Vergelijking,
)
from leefbaar.rules.schema import AGREEMENT_SCHEMA

_VALIDATOR = Draft202012Validator(AGREEMENT_SCHEMA)

_TYPENAMEN = {
    "string": "tekst",
    "integer": "geheel getal",
    "number": "getal",
    "array": "lijst",
    "object": "tabel met velden",
    "boolean": "ja/nee-waarde",
}

#: Scopes a local agreement can never be evaluated for.
_BOVEN_GEMEENTE = (ScopeSoort.NATIONAAL, ScopeSoort.PROVINCIE)

#: Keys of a measured commitment that a qualitative one has no use for.
_ALLEEN_GEMETEN = ("indicator", "doel", "scopes", "variant", "themas", "drempels")

#: Comparisons that fit each good direction ("==" fits both; a budget is an amount to allocate, so
#: more is better up to it).
_PASSENDE_VERGELIJKING = {
    Richting.HOGER: (Vergelijking.TEN_MINSTE, Vergelijking.GELIJK, Vergelijking.BINNEN_BUDGET),
    Richting.LAGER: (Vergelijking.TEN_HOOGSTE, Vergelijking.GELIJK),
}
#: A budget is an amount of money.
_BUDGET_EENHEDEN = (Eenheid.EURO, Eenheid.EURO_PER_JAAR)


def load_agreement(data: object, bestand: str) -> LoadResult:
    """Validate a parsed agreement document and build its model, or return all errors found."""
    document = _plain(data)
    fouten = list(_schema_fouten(document, bestand))
    if fouten:
        return LoadResult(bestand, None, tuple(fouten))
    assert isinstance(document, dict)  # the schema guarantees it
    fouten = list(_semantische_fouten(document, bestand))
    if fouten:
        return LoadResult(bestand, None, tuple(fouten))
    return LoadResult(bestand, _build(document), document=document)


def reload_agreement(document: dict[str, Any], bestand: str) -> LoadResult:
    """A document that passed :func:`load_agreement` when it was stored, built again without the JSON
    Schema pass (by far the costly part: the monitor reads hundreds of stored agreements). The
    semantic checks still run; a document the current model cannot take (a schema that changed since
    it was stored) falls back to the full load, with every error in Dutch."""
    try:
        fouten = list(_semantische_fouten(document, bestand))
        if not fouten:
            return LoadResult(bestand, _build(document), document=document)
    except (KeyError, TypeError, ValueError, AttributeError):
        pass
    return load_agreement(document, bestand)


def all_errors(data: object, bestand: str) -> list[AgreementError]:
    """Every error to report at once where a person fixes them together (a form, an API body): the
    structural ones and, as far as the document can be read despite them, the semantic ones (a path
    already named is not named again). A file still reports one pass at a time (:func:`load_agreement`)."""
    document = _plain(data)
    fouten = list(_schema_fouten(document, bestand))
    if not fouten:
        return list(_semantische_fouten(document, bestand))  # type: ignore[arg-type]
    if not isinstance(document, dict):
        return fouten
    named = {f.pad for f in fouten}

    def under_named(pad: str) -> bool:
        return any(pad == n or pad.startswith((n + ".", n + "[")) for n in named)

    try:
        for fout in _semantische_fouten(document, bestand):
            if not under_named(fout.pad):
                fouten.append(fout)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        pass  # the rest cannot be read until the structure is right
    return fouten


def validate_agreement(data: object, bestand: str) -> list[AgreementError]:
    """Only the errors (empty when the document is a valid agreement)."""
    return list(load_agreement(data, bestand).fouten)


def format_path(parts: Iterable[str | int]) -> str:
    """``["toezeggingen", 2, "doel"]`` -> ``toezeggingen[2].doel``; the root is ``(document)``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(document)"


# --- structure ----------------------------------------------------------------------------------


def _plain(value: object) -> object:
    """YAML turns ``2026-01-01`` into a date; the schema speaks JSON, so dates go back to ISO text."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _schema_fouten(document: object, bestand: str) -> Iterator[AgreementError]:
    seen: set[AgreementError] = set()
    # sort by position in the document; list indexes numerically (toezeggingen[2] before [10])
    errors = sorted(
        _VALIDATOR.iter_errors(document),
        key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, p) for p in e.absolute_path],
    )
    for error in errors:
        for pad, reden in _vertaal(error):
            fout = AgreementError(bestand, pad, reden)
            if fout not in seen:
                seen.add(fout)
                yield fout


def _vertaal(error: Any) -> list[tuple[str, str]]:
    """Translate one jsonschema error into (path, Dutch reason) pairs."""
    path = list(error.absolute_path)
    pad = format_path(path)
    soort = error.validator
    instance = error.instance
    uitleg = error.schema.get("description", "")
    if soort == "required":
        missing = [key for key in error.validator_value if key not in instance]
        return [(format_path([*path, key]), "verplicht veld ontbreekt") for key in missing]
    if soort == "additionalProperties":
        bekend = error.schema.get("properties", {})
        extra = [key for key in instance if key not in bekend]
        toegestaan = ", ".join(bekend)
        return [(format_path([*path, key]), f"onbekend veld; toegestaan: {toegestaan}") for key in extra]
    if soort == "type":
        return [
            (pad, f"verwacht {uitleg or _typenaam(error.validator_value)}, gevonden {_beschrijf(instance)}")
        ]
    if soort == "enum":
        toegestaan = ", ".join(str(v) for v in error.validator_value)
        return [(pad, f"ongeldige waarde {_citeer(instance)}; toegestaan: {toegestaan}")]
    if soort == "pattern":
        return [(pad, f"{_citeer(instance)} is ongeldig; verwacht {uitleg}")]
    if soort == "minItems":
        return [(pad, f"de lijst moet minstens {error.validator_value} element(en) bevatten")]
    if soort == "minLength":
        return [(pad, "mag niet leeg zijn")]
    if soort == "uniqueItems":
        return [(pad, "bevat dubbele waarden")]
    if soort == "minimum":
        return [(pad, f"{instance} is kleiner dan het minimum {error.validator_value}")]
    if soort == "maximum":
        return [(pad, f"{instance} is groter dan het maximum {error.validator_value}")]
    return [(pad, f"ongeldige waarde ({soort})")]


def _typenaam(value: object) -> str:
    names = value if isinstance(value, list) else [value]
    return " of ".join(_TYPENAMEN.get(str(name), str(name)) for name in names)


def _beschrijf(value: object) -> str:
    if value is None:
        return "een lege waarde"
    if isinstance(value, bool):
        return f"ja/nee-waarde {value}"
    if isinstance(value, str):
        return f"tekst {_citeer(value)}"
    if isinstance(value, int | float):
        return f"getal {value}"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een tabel met velden"
    return type(value).__name__


def _citeer(value: object) -> str:
    return f"'{value}'" if isinstance(value, str) else str(value)


# --- semantics ----------------------------------------------------------------------------------


def _datum(value: int | str, *, einde: bool) -> date | None:
    """A bare year means 1 January (start) or 31 December (end, deadline)."""
    if isinstance(value, int):
        return date(value, 12, 31) if einde else date(value, 1, 1)
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _semantische_fouten(doc: dict[str, Any], bestand: str) -> Iterator[AgreementError]:
    def fout(pad: Sequence[str | int], reden: str) -> AgreementError:
        return AgreementError(bestand, format_path(pad), reden)

    start = _datum(doc["periode"]["start"], einde=False)
    eind = _datum(doc["periode"]["eind"], einde=True)
    for key, value in (("start", start), ("eind", eind)):
        if value is None:
            yield fout(["periode", key], f"ongeldige datum '{doc['periode'][key]}'")
    if start and eind and eind < start:
        yield fout(["periode", "eind"], f"eind {eind} ligt voor de start {start}")
    periode = Period(start, eind) if start and eind and start <= eind else None

    partijen: list[dict[str, Any]] = doc["partijen"]
    soort = AfspraakSoort(doc["soort"])
    yield from (fout(pad, reden) for pad, reden in _partij_fouten(partijen, soort))
    partij_ids = {p["id"] for p in partijen}

    if soort is AfspraakSoort.NATIONAAL and "gemeente" in doc:
        yield fout(["gemeente"], "een nationale afspraak hoort bij geen gemeente; laat 'gemeente' weg")
    if soort is AfspraakSoort.LOKAAL:
        code = doc["gemeente"]["code"]
        if not any(p["id"] == code and p["soort"] == PartijSoort.GEMEENTE for p in partijen):
            yield fout(
                ["partijen"], f"de gemeente {code} van deze lokale afspraak staat niet bij de partijen"
            )

    toezeggingen: list[dict[str, Any]] = doc["toezeggingen"]
    for dubbel in _dubbele([t["id"] for t in toezeggingen]):
        yield fout(["toezeggingen"], f"toezegging-id '{dubbel}' komt meer dan eens voor")
    for index, toezegging in enumerate(toezeggingen):
        for pad, reden in _toezegging_fouten(toezegging, soort, periode, partij_ids):
            yield fout(["toezeggingen", index, *pad], reden)


def _dubbele(values: Iterable[str]) -> list[str]:
    return [value for value, count in Counter(values).items() if count > 1]


def _partij_fouten(
    partijen: list[dict[str, Any]], soort: AfspraakSoort
) -> Iterator[tuple[list[str | int], str]]:
    for dubbel in _dubbele(p["id"] for p in partijen):
        yield ["partijen"], f"partij-id '{dubbel}' komt meer dan eens voor"
    for index, partij in enumerate(partijen):
        if soort is AfspraakSoort.LOKAAL and is_collectief(partij["id"]):
            yield (
                ["partijen", index, "id"],
                f"een verzamelpartij ('{partij['id']}') kan alleen in een nationale afspraak; "
                "noem in een lokale afspraak elke partij met haar eigen id",
            )
        verwacht = soort_van_partij(partij["id"])  # the schema has checked the id's shape
        if partij["soort"] != verwacht:
            yield (
                ["partijen", index, "soort"],
                f"partij-id '{partij['id']}' hoort bij soort '{verwacht}', niet bij '{partij['soort']}'",
            )


def _toezegging_fouten(
    t: dict[str, Any], soort: AfspraakSoort, periode: Period | None, partij_ids: set[str]
) -> Iterator[tuple[list[str | int], str]]:
    kwalitatief = t.get("soort") == ToezeggingSoort.KWALITATIEF
    if kwalitatief:
        for key in _ALLEEN_GEMETEN:
            if key in t:
                yield [key], "hoort niet bij een kwalitatieve toezegging (die beschrijft een 'resultaat')"
    elif "resultaat" in t:
        yield ["resultaat"], "hoort alleen bij een kwalitatieve toezegging (soort: kwalitatief)"
    if t["verantwoordelijke"] not in partij_ids:
        yield (
            ["verantwoordelijke"],
            f"partij '{t['verantwoordelijke']}' staat niet bij de partijen van deze afspraak",
        )
    deadline = _datum(t["deadline"], einde=True)
    if deadline is None:
        yield ["deadline"], f"ongeldige datum '{t['deadline']}'"
    elif periode is not None and deadline not in periode:
        plaats = "voor het begin" if deadline < periode.start else "na het einde"
        yield (
            ["deadline"],
            f"deadline {deadline} ligt {plaats} van de periode ({periode.start} t/m {periode.eind})",
        )
    if kwalitatief:
        return
    yield from _doel_fouten(t["doel"], periode, deadline)

    ind = INDICATOREN.get(t["indicator"])
    if ind is None:
        bekend = ", ".join(INDICATOREN)
        yield ["indicator"], f"onbekende indicator '{t['indicator']}'; bekende indicatoren: {bekend}"
        return
    yield from _indicator_fouten(t, ind, soort)


def _doel_fouten(
    doel: dict[str, Any], periode: Period | None, deadline: date | None
) -> Iterator[tuple[list[str | int], str]]:
    if "waarde" in doel and "reeks" in doel:
        yield ["doel"], "geef 'waarde' of 'reeks', niet allebei"
    if "waarde" not in doel and "reeks" not in doel:
        yield ["doel", "waarde"], "verplicht veld ontbreekt (of geef een 'reeks' van jaardoelen)"
    jaren = [m["jaar"] for m in doel.get("reeks", [])]
    if jaren != sorted(set(jaren)):
        yield ["doel", "reeks"], "de jaren moeten oplopen en mogen niet dubbel voorkomen"
    for index, jaar in enumerate(jaren):
        if periode is not None and not periode.start.year <= jaar <= periode.eind.year:
            yield ["doel", "reeks", index, "jaar"], f"jaar {jaar} ligt buiten de periode"
        elif deadline is not None and jaar > deadline.year:
            yield ["doel", "reeks", index, "jaar"], f"jaar {jaar} ligt na de deadline {deadline}"


def _indicator_fouten(
    t: dict[str, Any], ind: Indicator, soort: AfspraakSoort
) -> Iterator[tuple[list[str | int], str]]:
    naam = ind.naam
    for index, scope in enumerate(t.get("scopes", [])):
        if scope not in ind.scopes:
            kan = ", ".join(ind.scopes)
            yield ["scopes", index], f"indicator '{naam}' bestaat niet voor scope '{scope}' (wel voor: {kan})"
        elif soort is AfspraakSoort.LOKAAL and scope in _BOVEN_GEMEENTE:
            yield ["scopes", index], f"een lokale afspraak geldt niet voor scope '{scope}'"
    if "variant" in t and t["variant"] not in ind.varianten:
        kan = ", ".join(ind.varianten) or "geen"
        yield ["variant"], f"indicator '{naam}' kent geen rekenregel '{t['variant']}' (wel: {kan})"
    for index, thema in enumerate(t.get("themas", [])):
        if thema not in ind.themas:
            kan = ", ".join(ind.themas) or "geen"
            yield ["themas", index], f"indicator '{naam}' kent geen thema '{thema}' (wel: {kan})"
    vergelijking = Vergelijking(t["doel"]["vergelijking"])
    passend = [
        v
        for v in _PASSENDE_VERGELIJKING[ind.richting]
        if v is not Vergelijking.BINNEN_BUDGET or ind.eenheid in _BUDGET_EENHEDEN
    ]
    if vergelijking not in passend:
        tekst = " of ".join(f"'{v}'" for v in passend)
        yield (
            ["doel", "vergelijking"],
            f"'{vergelijking}' past niet bij indicator '{naam}' ({ind.richting}, {ind.eenheid}); gebruik {tekst}",
        )


# --- building the model -------------------------------------------------------------------------


def _build(doc: dict[str, Any]) -> Agreement:
    soort = AfspraakSoort(doc["soort"])
    gemeente = doc.get("gemeente")
    return Agreement(
        id=doc["id"],
        titel=doc["titel"],
        soort=soort,
        periode=Period(
            _zeker(doc["periode"]["start"], einde=False), _zeker(doc["periode"]["eind"], einde=True)
        ),
        partijen=tuple(Party(p["id"], PartijSoort(p["soort"]), p["naam"]) for p in doc["partijen"]),
        toezeggingen=tuple(_commitment(t, soort) for t in doc["toezeggingen"] if not _is_kwalitatief(t)),
        gemeente=AreaRef(gemeente["code"], gemeente["indelingsjaar"]) if gemeente else None,
        toelichting=doc.get("toelichting"),
        bron=doc.get("bron"),
        kwalitatieve_toezeggingen=tuple(_qualitative(t) for t in doc["toezeggingen"] if _is_kwalitatief(t)),
    )


def _is_kwalitatief(t: Mapping[str, Any]) -> bool:
    return t.get("soort") == ToezeggingSoort.KWALITATIEF


def _qualitative(t: dict[str, Any]) -> QualitativeCommitment:
    return QualitativeCommitment(
        id=t["id"],
        requirement=t["requirement"],
        titel=t["titel"],
        resultaat=t["resultaat"],
        deadline=_zeker(t["deadline"], einde=True),
        verantwoordelijke=t["verantwoordelijke"],
        toelichting=t.get("toelichting"),
    )


def _zeker(value: int | str, *, einde: bool) -> date:
    day = _datum(value, einde=einde)
    assert day is not None  # checked by the semantic pass
    return day


def _commitment(t: dict[str, Any], soort: AfspraakSoort) -> Commitment:
    ind = INDICATOREN[t["indicator"]]
    return Commitment(
        id=t["id"],
        requirement=t["requirement"],
        titel=t["titel"],
        indicator=ind.naam,
        doel=_target(t["doel"]),
        deadline=_zeker(t["deadline"], einde=True),
        verantwoordelijke=t["verantwoordelijke"],
        scopes=_scopes(t.get("scopes"), ind, soort),
        drempels=_thresholds(t.get("drempels", {})),
        variant=t.get("variant"),
        themas=tuple(InvesteringThema(x) for x in t.get("themas", [])),
        toelichting=t.get("toelichting"),
    )


def _scopes(given: list[str] | None, ind: Indicator, soort: AfspraakSoort) -> tuple[ScopeSoort, ...]:
    """Without explicit scopes: all of the indicator's, minus those above the municipality for local ones."""
    if given is not None:
        return tuple(ScopeSoort(s) for s in given)
    if soort is AfspraakSoort.LOKAAL:
        return tuple(s for s in ind.scopes if s not in _BOVEN_GEMEENTE)
    return ind.scopes


def _target(doel: dict[str, Any]) -> Target:
    reeks = tuple(Milestone(m["jaar"], float(m["waarde"])) for m in doel.get("reeks", []))
    waarde = float(doel["waarde"]) if "waarde" in doel else None
    return Target(Vergelijking(doel["vergelijking"]), waarde, reeks)


def _thresholds(drempels: Mapping[str, Any]) -> Thresholds:
    standaard = Thresholds()
    return Thresholds(
        marge=float(drempels.get("marge", standaard.marge)),
        marge_soort=MargeSoort(drempels.get("marge_soort", standaard.marge_soort)),
        minimale_volledigheid=float(drempels.get("minimale_volledigheid", standaard.minimale_volledigheid)),
    )
