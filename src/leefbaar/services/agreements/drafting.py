"""Agreements drawn up and changed by hand: the forms and the write API build the same document the
YAML import validates, and store it through :func:`records.store_agreement` with the version the
writer saw, so a stale form or ``If-Match`` changes nothing.

- :class:`AfspraakInvoer`, :class:`ToezeggingInvoer`: what a form gives, as typed;
- :func:`draw_up` (a municipality's new local agreement with its first commitment), :func:`change`
  (title, period, parties, explanation: a new version with a reason) and :func:`put_commitment`
  (add a commitment or change one) for the forms;
- :func:`create_document`, :func:`replace_document` and :func:`put_commitment_item` for the API,
  whose JSON bodies are the document (or one commitment) itself;
- :func:`party_choices`: the organisations a form offers as parties.

Every error is an :class:`AgreementError` with the path in the document (``periode.eind``,
``toezeggingen[2].deadline``), all of them at once in :class:`AfspraakOngeldig`; the faces map the
paths to their fields. Who may write: ``records.check_may_change`` before the input is read, and
``store_agreement``'s ownership rule when it is stored (both audited).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from leefbaar.domain.parties import PartijSoort, soort_van_id
from leefbaar.rules.loader import all_errors
from leefbaar.rules.model import AgreementError
from leefbaar.services.accounts import Account
from leefbaar.services.agreements.records import (
    AfspraakNietGevonden,
    AfspraakOngeldig,
    Vastgelegd,
    VersieConflict,
    check_may_change,
    store_agreement,
    stored_agreement,
)
from leefbaar.storage import agreement_queries as q
from leefbaar.storage import area_queries

BESTAND = "(formulier)"

#: The kinds of party a municipality chooses for a local agreement (besides itself), in form order.
LOKALE_PARTIJSOORTEN = (
    PartijSoort.CORPORATIE,
    PartijSoort.HUURDERSORGANISATIE,
    PartijSoort.ZORGPARTNER,
    PartijSoort.VEILIGHEIDSPARTNER,
    PartijSoort.BEWONERSORGANISATIE,
)

#: Keys a qualitative commitment may not carry (docs/agreement-format.md).
_MEASURED_ONLY = ("indicator", "doel", "scopes", "variant", "themas", "drempels")

MAX_ID = 80


class AfspraakBestaat(VersieConflict):
    """A new agreement whose id is taken (409): change that agreement, or choose another title."""


@dataclass(frozen=True)
class Organisatie:
    """A known organisation a form offers as a party."""

    partij_id: str
    soort: str
    naam: str


@dataclass(frozen=True)
class AfspraakInvoer:
    """The agreement itself as a form gives it (text as typed; parties by id, besides the gemeente)."""

    titel: str = ""
    start: str = ""
    eind: str = ""
    gemeentecode: str = ""
    partijen: tuple[str, ...] = ()
    toelichting: str = ""


@dataclass(frozen=True)
class ToezeggingInvoer:
    """One commitment as a form gives it: measured (indicator, comparison, target value) or
    qualitative (the deliverable); both with requirement, title, deadline and responsible party."""

    soort: str = "kwalitatief"
    id: str = ""
    requirement: str = ""
    titel: str = ""
    resultaat: str = ""
    indicator: str = ""
    vergelijking: str = ""
    waarde: str = ""
    deadline: str = ""
    verantwoordelijke: str = ""
    toelichting: str = ""


# --- choices ----------------------------------------------------------------------------------------


def party_choices(url: str, gemeentecode: str, chosen: Sequence[str] = ()) -> list[Organisatie]:
    """The organisations seated in the municipality (of the kinds a local agreement names) and those
    already chosen, by kind in form order, then id; the municipality itself is not among them."""
    rows = q.organisations(
        url,
        gemeentecode=gemeentecode,
        soorten=[s.value for s in LOKALE_PARTIJSOORTEN],
        ids=[c for c in chosen if c != gemeentecode],
    )
    order = {s.value: n for n, s in enumerate(LOKALE_PARTIJSOORTEN)}
    found = [
        Organisatie(str(r["partij_id"]), str(r["soort"]), str(r["naam"]))
        for r in rows
        if r["partij_id"] != gemeentecode
    ]
    return sorted(found, key=lambda o: (order.get(o.soort, len(order)), o.partij_id))


def municipalities(url: str) -> list[Organisatie]:
    """Every known municipality (the beheerder chooses whose agreement it draws up)."""
    rows = q.organisations(url, soorten=[PartijSoort.GEMEENTE.value])
    return [Organisatie(str(r["partij_id"]), str(r["soort"]), str(r["naam"])) for r in rows]


# --- building a document ----------------------------------------------------------------------------


def slug(text: str) -> str:
    """Lower-case ASCII words joined by ``-``: ``Wijkaanpak Zuidoost`` -> ``wijkaanpak-zuidoost``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def local_agreement_id(gemeentecode: str, titel: str, start: str, eind: str) -> str:
    """``lokaal-<GM code>-<title>-<start year>-<end year>``, as the file names (at most 80 characters)."""
    years = "-".join(y[:4] for y in (start.strip(), eind.strip()) if re.match(r"^\d{4}", y))
    words = slug(titel) or "afspraak"
    if years and words.endswith(years):
        words = words[: -len(years)].rstrip("-") or "afspraak"
    head = f"lokaal-{gemeentecode}-"
    tail = f"-{years}" if years else ""
    return head + words[: MAX_ID - len(head) - len(tail)].rstrip("-") + tail


def _number(text: str) -> float | int | None:
    """A number as typed, Dutch or not: ``1.234,5``, ``1.234.567``, ``32,5``, ``12.5`` (one point
    and no comma: a decimal point), ``0``; None when it is none."""
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in value or value.count(".") > 1:  # a decimal comma, or points between thousands
        value = value.replace(".", "").replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return int(number) if number.is_integer() and "." not in value else number


def _set(target: dict[str, Any], key: str, value: str) -> None:
    """Set a key to typed text, or leave it out when empty (the validation then names it as missing)."""
    text = value.strip()
    if text:
        target[key] = text
    else:
        target.pop(key, None)


def commitment_item(
    invoer: ToezeggingInvoer, index: int, existing: dict[str, Any] | None, taken: Sequence[str]
) -> tuple[dict[str, Any], list[AgreementError]]:
    """The commitment as the document holds it: ``existing`` (a change keeps what the form does not
    show: scopes, variant, themes, thresholds, a series of targets) with the form's fields over it."""
    item: dict[str, Any] = dict(existing) if existing else {}
    pad = f"toezeggingen[{index}]"
    fouten: list[AgreementError] = []
    if existing is None:
        new_id = invoer.id.strip() or slug(invoer.titel)[:60].rstrip("-") or "toezegging"
        if not invoer.id.strip():
            base, n = new_id, 2
            while new_id in taken:
                new_id, n = f"{base}-{n}", n + 1
        item["id"] = new_id
    if invoer.soort == "kwalitatief":
        item["soort"] = "kwalitatief"
        for key in _MEASURED_ONLY:
            item.pop(key, None)
        _set(item, "resultaat", invoer.resultaat)
    else:
        item.pop("resultaat", None)
        if invoer.soort == "gemeten":
            if item.get("soort") == "kwalitatief":
                item.pop("soort")
        else:
            item["soort"] = invoer.soort.strip()  # the validation names a wrong kind
        _set(item, "indicator", invoer.indicator)
        doel: dict[str, Any] = {k: v for k, v in dict(item.get("doel") or {}).items() if k == "reeks"}
        _set(doel, "vergelijking", invoer.vergelijking)
        if invoer.waarde.strip():
            number = _number(invoer.waarde)
            doel.pop("reeks", None)
            if number is None:
                fouten.append(AgreementError(BESTAND, f"{pad}.doel.waarde", "is geen getal"))
            else:
                doel["waarde"] = number
        item["doel"] = doel
    _set(item, "requirement", invoer.requirement.upper())
    _set(item, "titel", invoer.titel)
    _set(item, "deadline", invoer.deadline)
    _set(item, "verantwoordelijke", invoer.verantwoordelijke.upper())
    _set(item, "toelichting", invoer.toelichting)
    return item, fouten


def agreement_document(
    url: str,
    invoer: AfspraakInvoer,
    *,
    current: dict[str, Any] | None,
    eerste: ToezeggingInvoer | None = None,
) -> tuple[dict[str, Any], list[AgreementError]]:
    """The document of a new local agreement (with its first commitment) or of a change of
    ``current`` (its commitments, id, kind and municipality kept), and the errors only a form has
    (an unknown organisation, a target that is no number)."""
    fouten: list[AgreementError] = []
    document: dict[str, Any] = dict(current) if current else {"soort": "lokaal"}
    gemeente = dict(document.get("gemeente") or {})
    code = str(gemeente.get("code") or invoer.gemeentecode.strip().upper())
    if current is None:
        document["id"] = local_agreement_id(code, invoer.titel, invoer.start, invoer.eind)
    document["titel"] = invoer.titel.strip()
    periode: dict[str, Any] = {}
    _set(periode, "start", invoer.start)
    _set(periode, "eind", invoer.eind)
    document["periode"] = periode
    _set(document, "toelichting", invoer.toelichting)
    ids = list(dict.fromkeys(p.strip().upper() for p in invoer.partijen if p.strip()))
    known = {str(r["partij_id"]): r for r in q.organisations(url, ids=[code, *ids])}
    partijen: list[dict[str, Any]] = []
    if document.get("soort") == "lokaal":
        if not code:
            fouten.append(AgreementError(BESTAND, "gemeente", "kies de gemeente die de regie heeft"))
        elif code not in known or known[code]["soort"] != PartijSoort.GEMEENTE.value:
            fouten.append(AgreementError(BESTAND, "gemeente", f"{code} is geen bekende gemeente"))
        else:
            jaar = gemeente.get("indelingsjaar") or area_queries.latest_indelingsjaar(url)
            document["gemeente"] = {"code": code, "indelingsjaar": jaar}
            partijen.append({"id": code, "soort": "gemeente", "naam": str(known[code]["naam"])})
    kept = {p["id"]: p for p in (current or {}).get("partijen", [])}
    for partij_id in ids:
        if partij_id == code:
            continue
        row = known.get(partij_id)
        if row is not None:
            partijen.append({"id": partij_id, "soort": str(row["soort"]), "naam": str(row["naam"])})
        elif partij_id in kept:  # a party of the current version that the register does not know
            partijen.append(dict(kept[partij_id]))
        else:
            soort = soort_van_id(partij_id)
            wat = "geen geldig partij-id" if soort is None else "geen bekende organisatie"
            fouten.append(AgreementError(BESTAND, "partijen", f"{partij_id} is {wat}"))
    if current is None or document.get("soort") == "lokaal":
        document["partijen"] = partijen
    if current is None:
        item, extra = commitment_item(eerste or ToezeggingInvoer(), 0, None, [])
        document["toezeggingen"] = [item]
        fouten += extra
    return document, fouten


# --- storing ----------------------------------------------------------------------------------------


def _reden_fout(reden: str, required: bool) -> list[AgreementError]:
    if required and not reden.strip():
        return [AgreementError(BESTAND, "reden", "geef een reden voor deze versie")]
    return []


def _store(
    url: str,
    account: Account | None,
    document: dict[str, Any],
    fouten: list[AgreementError],
    reden: str,
    verwachte_versie: int,
) -> Vastgelegd:
    """Store the document, or raise every error at once (the form's own and the validation's)."""
    found = {f.pad for f in fouten}
    checked = [f for f in all_errors(document, BESTAND) if f.pad not in found]
    if fouten or checked:
        raise AfspraakOngeldig([*fouten, *checked])
    try:
        return store_agreement(
            url, document, account=account, reden=reden, bestand=BESTAND, verwachte_versie=verwachte_versie
        )
    except VersieConflict as exc:
        if verwachte_versie == 0:
            raise AfspraakBestaat(
                f"er is al een afspraak {document.get('id')}; wijzig die, of kies een andere titel of periode"
            ) from None
        raise exc


def draw_up(
    url: str, account: Account | None, invoer: AfspraakInvoer, eerste: ToezeggingInvoer, reden: str = ""
) -> Vastgelegd:
    """A new local agreement with its first commitment (version 1); :class:`AfspraakBestaat` when
    its id is taken, :class:`AfspraakOngeldig` with every error, ``AfspraakGeweigerd`` (audited)."""
    document, fouten = agreement_document(url, invoer, current=None, eerste=eerste)
    return _store(url, account, document, fouten, reden.strip() or "opgesteld", 0)


def change(
    url: str,
    account: Account | None,
    afspraak_id: str,
    invoer: AfspraakInvoer,
    reden: str,
    verwachte_versie: int,
) -> Vastgelegd:
    """A new version with the form's title, period, parties and explanation (commitments kept)."""
    stored = stored_agreement(url, afspraak_id)
    check_may_change(url, account, stored)
    document, fouten = agreement_document(url, invoer, current=stored.document)
    fouten = _reden_fout(reden, True) + fouten
    return _store(url, account, document, fouten, reden.strip(), verwachte_versie)


def put_commitment(
    url: str,
    account: Account | None,
    afspraak_id: str,
    invoer: ToezeggingInvoer,
    reden: str,
    verwachte_versie: int,
    toezegging_id: str | None = None,
) -> tuple[Vastgelegd, int]:
    """Add a commitment (``toezegging_id`` None) or change one, as a new version; returns the
    version and the commitment's index in the document (its errors are ``toezeggingen[index]...``)."""
    stored = stored_agreement(url, afspraak_id)
    check_may_change(url, account, stored)
    items = [dict(t) for t in stored.document["toezeggingen"]]
    index, existing = _find(items, afspraak_id, toezegging_id)
    item, fouten = commitment_item(invoer, index, existing, [t["id"] for t in items])
    document = _with_item(stored.document, items, index, item)
    required = toezegging_id is not None
    fouten = _reden_fout(reden, required) + fouten
    wat = reden.strip() or f"toezegging {item.get('id')} toegevoegd"
    return _store(url, account, document, fouten, wat, verwachte_versie), index


def _find(
    items: list[dict[str, Any]], afspraak_id: str, toezegging_id: str | None
) -> tuple[int, dict[str, Any] | None]:
    if toezegging_id is None:
        return len(items), None
    for index, item in enumerate(items):
        if item.get("id") == toezegging_id:
            return index, item
    raise AfspraakNietGevonden(f"afspraak {afspraak_id} heeft geen toezegging {toezegging_id}")


def _with_item(
    document: dict[str, Any], items: list[dict[str, Any]], index: int, item: dict[str, Any]
) -> dict[str, Any]:
    changed = list(items)
    if index == len(changed):
        changed.append(item)
    else:
        changed[index] = item
    return {**document, "toezeggingen": changed}


# --- the API: the body is the document (or one commitment) ------------------------------------------


def _body(body: object, what: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise AfspraakOngeldig([AgreementError(BESTAND, "", f"{what} moet een JSON-object zijn")])
    return dict(body)


def _reden(body: dict[str, Any]) -> tuple[str, list[AgreementError]]:
    reden = body.pop("reden", "")
    if not isinstance(reden, str):
        return "", [AgreementError(BESTAND, "reden", "moet een tekst zijn")]
    return reden, []


def create_document(url: str, account: Account | None, body: object) -> Vastgelegd:
    """POST: a new agreement from its document (and ``reden``, default "opgesteld"); version 1."""
    document = _body(body, "de afspraak")
    reden, fouten = _reden(document)
    return _store(url, account, document, fouten, reden.strip() or "opgesteld", 0)


def replace_document(
    url: str, account: Account | None, afspraak_id: str, body: object, verwachte_versie: int
) -> Vastgelegd:
    """PUT: a new version of the agreement with exactly this document (``reden`` required)."""
    stored = stored_agreement(url, afspraak_id)
    check_may_change(url, account, stored)
    document = _body(body, "de afspraak")
    reden, fouten = _reden(document)
    fouten += _reden_fout(reden, not fouten)
    if document.setdefault("id", afspraak_id) != afspraak_id:
        fouten.append(
            AgreementError(BESTAND, "id", f"het id van een afspraak verandert niet ({afspraak_id})")
        )
    return _store(url, account, document, fouten, reden.strip(), verwachte_versie)


def put_commitment_item(
    url: str,
    account: Account | None,
    afspraak_id: str,
    body: object,
    verwachte_versie: int,
    toezegging_id: str | None = None,
) -> tuple[Vastgelegd, int]:
    """POST (add) or PUT (replace) one commitment given as the document holds it, plus ``reden``
    (required for a change); returns the version and the commitment's index."""
    stored = stored_agreement(url, afspraak_id)
    check_may_change(url, account, stored)
    item = _body(body, "de toezegging")
    reden, fouten = _reden(item)
    fouten += _reden_fout(reden, toezegging_id is not None and not fouten)
    items = [dict(t) for t in stored.document["toezeggingen"]]
    index, _existing = _find(items, afspraak_id, toezegging_id)
    if toezegging_id is not None and item.setdefault("id", toezegging_id) != toezegging_id:
        fouten.append(
            AgreementError(
                BESTAND,
                f"toezeggingen[{index}].id",
                f"het id van een toezegging verandert niet ({toezegging_id})",
            )
        )
    document = _with_item(stored.document, items, index, item)
    wat = reden.strip() or f"toezegging {item.get('id')} toegevoegd"
    return _store(url, account, document, fouten, wat, verwachte_versie), index
