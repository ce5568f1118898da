"""The kinds of single records parties keep by hand, their Dutch labels, record ids and text values.

Each record kind is an import kind (``ingest.kinds``) written one row at a time: its columns, checks,
natural key and ownership are the import kind's. This module adds what a form and the write API
need on top: a short Dutch label per field, which kinds a party may withdraw (DELETE), and the
record id, the natural key written as one URL path segment.

Record id: the key values in key order, each percent-encoded (every character but letters, digits
and ``_.-~``), joined by ``,``; an empty key part (a condition score of the whole complex has no
element) is empty: ``L0001,P-1043-1``, ``L0001,2025,vocht_schimmel,extra``, ``GM0363,2024-07-01``,
``L0001,1043,,2025-03-14``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import quote, unquote

from leefbaar.domain.housing import PlanStatus
from leefbaar.domain.vhf import PlanadresStatus
from leefbaar.ingest import kinds
from leefbaar.ingest.vocabulary import Column, ColumnType, ImportKind

T = ColumnType

#: Column types whose values the import upper-cases (codes and party ids).
_UPPER = {T.GEMEENTECODE, T.WIJKCODE, T.BUURTCODE, T.REGIOCODE, T.VERBLIJFSOBJECT, T.PARTY, T.PARTY_LIST}
#: Column types holding a list separated by ``;`` (an array in JSON).
LIST_TYPES = frozenset({T.CHOICE_LIST, T.PARTY_LIST})


@dataclass(frozen=True)
class RecordKind:
    """A kind of record written one at a time: an import kind plus labels and what may be withdrawn."""

    #: The import kind, also the API path (``/api/v1/plannen``) and the web path segment.
    name: str
    #: One record in Dutch ("plan", "VHF-bijdrage").
    enkelvoud: str
    #: The kind in Dutch as a heading ("Plannen", "VHF-bijdragen").
    titel: str
    #: Short Dutch label per column (the import kind's description is the help text).
    labels: Mapping[str, str]
    #: Columns shown in a list of records besides the key.
    summary: tuple[str, ...] = ()
    #: DELETE withdraws a record as a new version (``withdrawn`` gives the column and value).
    withdrawn: tuple[str, str] | None = None
    #: What withdrawing means, in Dutch (the form says it beside the button).
    withdrawn_effect: str = ""
    #: Extra words per column for the form (e.g. what an empty value means).
    hints: Mapping[str, str] = field(default_factory=dict)
    #: The noun takes "het" (het plan, het gebrek), else "de".
    het: bool = False

    @property
    def the(self) -> str:
        """The record with its article: "het plan", "de investering"."""
        return f"{'het' if self.het else 'de'} {self.enkelvoud}"

    @property
    def which(self) -> str:
        """The relative pronoun: "het plan dat", "de investering die"."""
        return "dat" if self.het else "die"

    @property
    def new(self) -> str:
        """ "nieuw plan", "nieuwe investering"."""
        return f"{'nieuw' if self.het else 'nieuwe'} {self.enkelvoud}"

    @property
    def kind(self) -> ImportKind:
        return kinds.BY_NAME[self.name]

    @property
    def table(self) -> str:
        return self.kind.table

    @property
    def key(self) -> tuple[str, ...]:
        return self.kind.key

    @property
    def owner_column(self) -> str:
        return self.kind.ownership.owner_columns[0]

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.kind.columns

    def label(self, column: str) -> str:
        return self.labels.get(column, column)


_CORPORATIE = {"corporatie_id": "Corporatie", "complexnummer": "Complexnummer"}

ALL: tuple[RecordKind, ...] = (
    RecordKind(
        "plannen",
        "plan",
        "Plannen",
        {
            "plan_id": "Kenmerk",
            **_CORPORATIE,
            "soort": "Soort plan",
            "status": "Status",
            "geplande_datum": "Geplande uitvoering",
            "aantal_woningen": "Aantal woningen",
        },
        summary=("complexnummer", "soort", "status", "geplande_datum"),
        withdrawn=("status", PlanStatus.INGETROKKEN.value),
        withdrawn_effect="Een ingetrokken plan telt nergens meer mee (geen uitzondering op de 5/6-regel, niet in "
        "de sloopplanning). Het blijft met zijn geschiedenis bewaard en u kunt het later weer een andere status geven.",
        het=True,
    ),
    RecordKind(
        "investeringen",
        "investering",
        "Investeringen",
        {
            "partij_id": "Partij",
            "jaar": "Jaar",
            "thema": "Thema",
            "soort": "Regulier of extra",
            "bedrag_eur": "Bedrag in euro",
            "gemeentecode": "Gemeente",
            "wijkcode": "Wijk",
            "buurtcode": "Buurt",
            "complexnummer": "Complexnummer",
        },
        summary=("bedrag_eur",),
        hints={
            "complexnummer": "Alleen een complex van de corporatie die investeert.",
            "soort": "Regulier of extra; het gemeten extra is wat boven de basislijn uitkomt.",
        },
    ),
    RecordKind(
        "buurtkamers",
        "buurtkamer",
        "Buurtkamers",
        {
            "buurtkamer_id": "Kenmerk",
            "naam": "Naam",
            "buurtcode": "Buurtcode",
            "corporatie_id": "Corporatie",
            "partners": "Partners",
            "geopend_op": "Geopend op",
            "activiteiten": "Activiteiten",
            "adres": "Adres",
            "gesloten_op": "Gesloten op",
            "jaarkosten_eur": "Jaarkosten in euro",
            "betaald_door": "Betaald door",
            "bezoekers_per_jaar": "Bezoekers per jaar",
            "activiteiten_per_jaar": "Activiteiten per jaar",
        },
        summary=("naam", "buurtcode", "geopend_op", "gesloten_op"),
        hints={
            "partners": "Partij-codes gescheiden door ; (bijvoorbeeld GM0363;ZP0001).",
            "gesloten_op": "Leeg zolang de buurtkamer open is. Een gesloten buurtkamer telt vanaf die dag niet meer mee.",
            "betaald_door": "Partij-codes gescheiden door ; (bijvoorbeeld GM0363;L0001).",
        },
    ),
    RecordKind(
        "vhf-bijdragen",
        "VHF-bijdrage",
        "VHF-bijdragen",
        {
            "bijdrage_id": "Kenmerk",
            "gemeentecode": "Gemeente",
            "ronde": "Ronde (jaar)",
            "gebied": "Gebied",
            "buurtcodes": "Buurtcodes",
            "bedrag_eur": "Rijksbijdrage in euro",
            "cofinanciering_eur": "Cofinanciering in euro",
            "uitvoeringsplan": "Uitvoeringsplan",
            "aantal_woningen": "Aantal woningen",
            "betrokken_partijen": "Betrokken partijen",
        },
        summary=("ronde", "gebied", "bedrag_eur"),
        hints={"betrokken_partijen": "Partij-codes gescheiden door ; (bijvoorbeeld L0001;HO0001;BO0001)."},
    ),
    RecordKind(
        "vhf-bestedingen",
        "VHF-besteding",
        "VHF-bestedingen",
        {
            "gemeentecode": "Gemeente",
            "bijdrage_id": "Kenmerk van de bijdrage",
            "jaar": "Jaar",
            "besteed_eur": "Besteed in euro",
        },
        summary=("besteed_eur",),
    ),
    RecordKind(
        "vhf-planadressen",
        "VHF-planadres",
        "VHF-planadressen",
        {
            "gemeentecode": "Gemeente",
            "bijdrage_id": "Kenmerk van de bijdrage",
            "verblijfsobject_id": "Adres (BAG-verblijfsobject-id)",
            "voorraad": "Voorraad",
            "corporatie_id": "Corporatie",
            "complexnummer": "Complexnummer",
            "status": "Status",
        },
        summary=("voorraad", "complexnummer", "status"),
        withdrawn=("status", PlanadresStatus.INGETROKKEN.value),
        withdrawn_effect="Een ingetrokken adres hoort niet meer bij het uitvoeringsplan van de bijdrage en telt niet "
        "meer mee (ook niet in de beoordeling van R7). Het blijft met zijn geschiedenis bewaard en u kunt het later "
        "weer opnemen.",
        het=True,
    ),
    RecordKind(
        "herstructureringsplannen",
        "herstructureringsplan",
        "Herstructureringsplannen",
        {
            "plan_id": "Kenmerk",
            "gemeentecode": "Gemeente",
            "naam": "Naam",
            "gebied": "Wijken en buurten",
            "startjaar": "Startjaar",
            "eindjaar": "Eindjaar",
            "status": "Status",
            "woningen_sloop": "Woningen gesloopt",
            "woningen_renovatie": "Woningen gerenoveerd",
            "woningen_nieuwbouw": "Woningen gebouwd",
            "woningen_verduurzaamd": "Gerenoveerd naar label B of beter",
            "sociale_huur_voor": "Sociale huur voor",
            "middenhuur_voor": "Middenhuur voor",
            "koop_voor": "Koop voor",
            "sociale_huur_na": "Sociale huur na",
            "middenhuur_na": "Middenhuur na",
            "koop_na": "Koop na",
            "partijen": "Betrokken partijen",
        },
        summary=("naam", "status", "startjaar", "eindjaar"),
        hints={
            "gebied": "Wijk- en buurtcodes gescheiden door ; (bijvoorbeeld WK059915;BU05991510).",
            "partijen": "Partij-codes gescheiden door ; (bijvoorbeeld L0003;HO0003).",
        },
        het=True,
    ),
    RecordKind(
        "urgentieverordeningen",
        "urgentieverordening",
        "Urgentieverordeningen",
        {
            "gemeentecode": "Gemeente",
            "vastgesteld_op": "Vastgesteld op",
            "groepen": "Gedekte aandachtsgroepen",
        },
        summary=("groepen",),
    ),
    RecordKind(
        "woonzorgvisies",
        "woonzorgvisie",
        "Woonzorgvisies",
        {"gemeentecode": "Gemeente", "vastgesteld_op": "Vastgesteld op", "geldig_tot": "Geldig tot"},
        summary=("geldig_tot",),
    ),
    RecordKind(
        "conditiemetingen",
        "conditiemeting",
        "Conditiemetingen",
        {
            **_CORPORATIE,
            "element": "Element (bouwdeel)",
            "score": "Conditiescore (NEN 2767)",
            "vervangingswaarde_eur": "Vervangingswaarde in euro",
            "meetdatum": "Meetdatum",
            "methode": "Methode",
        },
        summary=("score",),
    ),
    RecordKind(
        "gebreken",
        "gebrek",
        "Gebreken",
        {
            "gebrek_id": "Kenmerk",
            **_CORPORATIE,
            "verblijfsobject_id": "Woning (BAG-verblijfsobject-id)",
            "soort": "Soort gebrek",
            "geconstateerd_op": "Geconstateerd op",
            "opgelost_op": "Opgelost op",
        },
        summary=("complexnummer", "soort", "geconstateerd_op", "opgelost_op"),
        het=True,
    ),
)
BY_NAME: dict[str, RecordKind] = {k.name: k for k in ALL}


# --- text values: what a one-row import file holds ----------------------------------------------


def as_text(value: Any) -> str:
    """A stored (typed) value as the text an import file would hold; "" for no value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def number_text(value: float | int) -> str:
    """A number from JSON as import text: a point is always the decimal sign. (The import reads one
    point followed by exactly three digits as ambiguous, so such a fraction gets a trailing 0.)"""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(value)), "f")
    if re.fullmatch(r"[+-]?[0-9]+\.[0-9]{3}", text):
        text += "0"
    return text


def normalised(column: Column, text: str) -> str:
    """The text as the import normalises it for comparison: trimmed, codes upper case, a choice in
    its own spelling."""
    text = text.strip()
    if column.type in _UPPER:
        return text.upper()
    if column.type is T.CHOICE:
        return next((c for c in column.choices if c.lower() == text.lower()), text)
    return text


# --- record ids ---------------------------------------------------------------------------------


def record_id(kind: RecordKind, values: Mapping[str, Any]) -> str:
    """The id of the record with these (typed or text) values: its key as one path segment."""
    return ",".join(quote(as_text(values.get(column)), safe="") for column in kind.key)


def parse_record_id(kind: RecordKind, text: str) -> dict[str, Any] | None:
    """The key (column -> typed value, None for an empty part) of a record id; None when the id
    cannot name a record of this kind (wrong number of parts, a date or number that is none)."""
    parts = text.split(",")
    if len(parts) != len(kind.key):
        return None
    key: dict[str, Any] = {}
    for column_name, part in zip(kind.key, parts, strict=True):
        column = kind.kind.column(column_name)
        value = unquote(part).strip()
        if not value:
            if column.required:
                return None
            key[column_name] = None
            continue
        typed = _typed(column, value)
        if typed is None:
            return None
        key[column_name] = typed
    return key


def _typed(column: Column, value: str) -> Any:
    """The typed value the import would store for this key text (None when it stores none)."""
    if column.type is T.INTEGER:
        whole = re.fullmatch(r"([0-9]{1,9})(\.0*)?", value)
        return int(whole.group(1)) if whole else None
    if column.type is T.DATE:
        return parse_date(value)
    return normalised(column, value)


def parse_date(value: str) -> date | None:
    """A date as the import reads it: JJJJ-MM-DD (or an ISO timestamp) or DD-MM-JJJJ."""
    for parse in (date.fromisoformat, lambda v: datetime.fromisoformat(v).date()):
        try:
            return parse(value)
        except ValueError:
            pass
    try:
        return datetime.strptime(value, "%d-%m-%Y").date()
    except ValueError:
        return None
