"""The fields of the agreement forms (/afspraken/nieuw, .../wijzigen, .../nieuwe-toezegging) and
reading them back.

A form is a list of :class:`record_forms.Veld` (the same field macro as the record forms renders
them): the agreement's own fields (title, municipality, period, parties, explanation, reason) and a
commitment's (``t_`` + kind, requirement, title, deliverable or indicator and target, deadline,
responsible party). The service builds the agreement document from them; its errors name a path in
that document (``periode.eind``, ``toezeggingen[2].deadline``), which :func:`field_of` maps back to
the field the message is shown beside.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from starlette.datastructures import FormData

from leefbaar.rules.indicators import CATALOGUS
from leefbaar.rules.model import AgreementError
from leefbaar.services import agreements
from leefbaar.web.record_forms import Veld

AFSPRAAK_VELDEN = (
    "titel",
    "gemeente",
    "start",
    "eind",
    "partijen",
    "andere_partijen",
    "toelichting",
    "reden",
)
TOEZEGGING_VELDEN = (
    "t_soort",
    "t_requirement",
    "t_titel",
    "t_deadline",
    "t_verantwoordelijke",
    "t_resultaat",
    "t_indicator",
    "t_vergelijking",
    "t_waarde",
    "t_toelichting",
)
LABELS = {
    "titel": "Titel",
    "gemeente": "Gemeente (regie)",
    "start": "Begin van de looptijd",
    "eind": "Einde van de looptijd",
    "partijen": "Partijen",
    "andere_partijen": "Andere partijen",
    "toelichting": "Toelichting",
    "reden": "Reden van deze versie",
    "t_soort": "Soort toezegging",
    "t_requirement": "Eis uit de nationale afspraken",
    "t_titel": "Wat wordt toegezegd",
    "t_deadline": "Deadline",
    "t_verantwoordelijke": "Verantwoordelijke partij",
    "t_resultaat": "Op te leveren resultaat",
    "t_indicator": "Indicator",
    "t_vergelijking": "Vergelijking",
    "t_waarde": "Doelwaarde",
    "t_toelichting": "Toelichting bij de toezegging",
}
_PAD_VELD = {
    "id": "titel",
    "titel": "titel",
    "periode": "eind",
    "periode.start": "start",
    "periode.eind": "eind",
    "gemeente": "gemeente",
    "partijen": "partijen",
    "toelichting": "toelichting",
    "reden": "reden",
}
_TOEZEGGING_PAD_VELD = {
    "id": "t_titel",
    "soort": "t_soort",
    "requirement": "t_requirement",
    "titel": "t_titel",
    "resultaat": "t_resultaat",
    "indicator": "t_indicator",
    "doel": "t_waarde",
    "doel.vergelijking": "t_vergelijking",
    "doel.waarde": "t_waarde",
    "doel.reeks": "t_waarde",
    "deadline": "t_deadline",
    "verantwoordelijke": "t_verantwoordelijke",
    "toelichting": "t_toelichting",
}
VERGELIJKINGEN = (
    ("<=", "ten hoogste (<=)"),
    (">=", "ten minste (>=)"),
    ("==", "precies (==)"),
    ("budget", "binnen een budget (budget)"),
)
SOORTEN = (
    ("kwalitatief", "kwalitatief: een beschreven resultaat"),
    ("gemeten", "gemeten: een indicator met een doel"),
)
REQUIREMENTS = tuple((f"R{n}", f"R{n}") for n in range(1, 17))


def field_of(pad: str, index: int | None) -> str | None:
    """The form field an error at ``pad`` belongs beside; ``index``: the commitment the form shows."""
    found = re.match(r"^toezeggingen\[(\d+)\]\.?(.*)$", pad)
    if found:
        rest = re.sub(r"\[\d+\].*$", "", found.group(2))
        if index is not None and int(found.group(1)) == index:
            return _TOEZEGGING_PAD_VELD.get(rest) or _TOEZEGGING_PAD_VELD.get(rest.split(".")[0])
        # another commitment's responsible party left the parties
        return "partijen" if rest == "verantwoordelijke" else None
    if pad.startswith("partijen"):
        return "partijen"
    return _PAD_VELD.get(pad) or _PAD_VELD.get(re.split(r"[.\[]", pad)[0])


def errors(
    fouten: Sequence[AgreementError], index: int | None
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Per field the message beside it, and the summary: (text, field or '') for every error."""
    per_field: dict[str, str] = {}
    summary: list[tuple[str, str]] = []
    for f in fouten:
        veld = field_of(f.pad, index)
        reden = _sentence(f.reden)
        if veld is not None:
            per_field[veld] = f"{per_field[veld]} {reden}" if veld in per_field else reden
            summary.append((f"{LABELS[veld]}: {reden}", veld))
        else:
            summary.append((f"{f.pad}: {reden}" if f.pad else reden, ""))
    return per_field, summary


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def form_values(form: FormData) -> dict[str, str]:
    """Every field the form sent, as text (the parties: their ids joined by ``;``)."""
    out = {
        k: str(form.get(k) or "")[:4000] for k in (*AFSPRAAK_VELDEN, *TOEZEGGING_VELDEN) if k != "partijen"
    }
    out["partijen"] = ";".join(str(v)[:20] for v in form.getlist("partijen"))[:4000]
    return out


def party_ids(values: Mapping[str, str]) -> tuple[str, ...]:
    """The chosen parties and those typed under "Andere partijen" (comma, space or ; separated)."""
    typed = re.split(r"[\s,;]+", values.get("andere_partijen", ""))
    chosen = values.get("partijen", "").split(";")
    return tuple(dict.fromkeys(p.strip().upper() for p in (*chosen, *typed) if p.strip()))


def afspraak_invoer(values: Mapping[str, str], gemeentecode: str) -> agreements.AfspraakInvoer:
    return agreements.AfspraakInvoer(
        titel=values.get("titel", ""),
        start=values.get("start", ""),
        eind=values.get("eind", ""),
        gemeentecode=gemeentecode,
        partijen=party_ids(values),
        toelichting=values.get("toelichting", ""),
    )


def toezegging_invoer(values: Mapping[str, str]) -> agreements.ToezeggingInvoer:
    return agreements.ToezeggingInvoer(
        soort=values.get("t_soort") or "kwalitatief",
        requirement=values.get("t_requirement", ""),
        titel=values.get("t_titel", ""),
        resultaat=values.get("t_resultaat", ""),
        indicator=values.get("t_indicator", ""),
        vergelijking=values.get("t_vergelijking", ""),
        waarde=values.get("t_waarde", ""),
        deadline=values.get("t_deadline", ""),
        verantwoordelijke=values.get("t_verantwoordelijke", ""),
        toelichting=values.get("t_toelichting", ""),
    )


# --- values of a stored agreement -----------------------------------------------------------------


def agreement_values(stored: agreements.StoredAgreement) -> dict[str, str]:
    a = stored.agreement
    gemeente = a.gemeente.code if a.gemeente else ""
    return {
        "titel": a.titel,
        "gemeente": gemeente,
        "start": a.periode.start.isoformat(),
        "eind": a.periode.eind.isoformat(),
        "partijen": ";".join(p.id for p in a.partijen if p.id != gemeente),
        "andere_partijen": "",
        "toelichting": a.toelichting or "",
        "reden": "",
    }


def commitment_values(stored: agreements.StoredAgreement, toezegging_id: str) -> dict[str, str] | None:
    """The form values of one commitment of the stored version, None when it has none by that id."""
    item = next((t for t in stored.document["toezeggingen"] if t["id"] == toezegging_id), None)
    if item is None:
        return None
    measured = next((t for t in stored.agreement.toezeggingen if t.id == toezegging_id), None)
    qualitative = stored.agreement.kwalitatieve_toezegging(toezegging_id)
    commitment = measured or qualitative
    assert commitment is not None
    doel = item.get("doel") or {}
    waarde = doel.get("waarde")
    return {
        "t_soort": "gemeten" if measured else "kwalitatief",
        "t_requirement": commitment.requirement,
        "t_titel": commitment.titel,
        "t_deadline": commitment.deadline.isoformat(),
        "t_verantwoordelijke": commitment.verantwoordelijke,
        "t_resultaat": qualitative.resultaat if qualitative else "",
        "t_indicator": measured.indicator if measured else "",
        "t_vergelijking": str(doel.get("vergelijking") or ""),
        "t_waarde": "" if waarde is None else str(waarde).replace(".", ","),
        "t_toelichting": str(item.get("toelichting") or ""),
    }


# --- the fields -----------------------------------------------------------------------------------


def agreement_fields(
    values: Mapping[str, str],
    per_field: Mapping[str, str],
    *,
    keuzes: Sequence[agreements.Organisatie],
    gemeenten: Sequence[agreements.Organisatie] | None,
    reden_verplicht: bool,
    partijen: bool = True,
) -> list[Veld]:
    """The agreement's own fields; ``gemeenten`` only when the writer chooses the municipality."""

    def veld(naam: str, soort: str, verplicht: bool, uitleg: str = "", **extra: object) -> Veld:
        return Veld(
            naam=naam,
            label=LABELS[naam],
            uitleg=uitleg,
            soort=soort,
            verplicht=verplicht,
            waarde=values.get(naam, ""),
            fout=per_field.get(naam),
            **extra,  # type: ignore[arg-type]
        )

    out = [
        veld(
            "titel",
            "tekst",
            True,
            "Zoals de afspraak heet, bijvoorbeeld ‘Prestatieafspraken Amsterdam 2025-2028’.",
            maxlength=200,
        )
    ]
    if gemeenten is not None:
        keuze = tuple((g.partij_id, f"{g.naam} ({g.partij_id})") for g in gemeenten)
        out.append(
            veld(
                "gemeente",
                "keuze",
                True,
                "De gemeente die de regie heeft en de afspraak opstelt.",
                keuzes=keuze,
            )
        )
    out += [
        veld("start", "datum", True, "De eerste dag waarop de afspraak geldt."),
        veld("eind", "datum", True, "De laatste dag waarop de afspraak geldt."),
    ]
    if partijen:
        chosen = tuple(v for v in values.get("partijen", "").split(";") if v)
        out.append(
            veld(
                "partijen",
                "keuzes",
                False,
                "De organisaties in de gemeente die de afspraak mede ondertekenen; de gemeente zelf is altijd partij.",
                keuzes=tuple((o.partij_id, f"{o.naam} ({o.soort}, {o.partij_id})") for o in keuzes),
                waarden=chosen,
            )
        )
        out.append(
            veld(
                "andere_partijen",
                "tekst",
                False,
                "Kenmerken van bekende organisaties buiten de gemeente, gescheiden door komma’s, bijvoorbeeld L0007, VP0001.",
                maxlength=400,
            )
        )
    out.append(veld("toelichting", "tekstvak", False, maxlength=4000))
    out.append(
        veld(
            "reden",
            "tekst",
            reden_verplicht,
            "Waarom deze versie; staat bij de versie in de geschiedenis."
            if reden_verplicht
            else "Standaard: opgesteld.",
            maxlength=400,
        )
    )
    return out


def commitment_fields(
    values: Mapping[str, str],
    per_field: Mapping[str, str],
    *,
    verantwoordelijken: Sequence[tuple[str, str]],
) -> list[Veld]:
    """A commitment's fields: the common ones, then those of a qualitative one, then those of a
    measured one (the template puts each group in its own fieldset)."""

    def veld(naam: str, soort: str, verplicht: bool, uitleg: str = "", **extra: object) -> Veld:
        return Veld(
            naam=naam,
            label=LABELS[naam],
            uitleg=uitleg,
            soort=soort,
            verplicht=verplicht,
            waarde=values.get(naam, ""),
            fout=per_field.get(naam),
            **extra,  # type: ignore[arg-type]
        )

    indicatoren = tuple(
        (i.naam, f"{i.naam.replace('_', ' ')} ({', '.join(i.requirements)})") for i in CATALOGUS
    )
    return [
        veld(
            "t_soort",
            "keuze",
            True,
            "Gemeten: de monitor beoordeelt een indicator tegen een doel. Kwalitatief: de verantwoordelijke partij meldt de status met bewijs.",
            keuzes=SOORTEN,
        ),
        veld(
            "t_requirement",
            "keuze",
            True,
            "Welke eis (R1 t/m R16) deze toezegging invult.",
            keuzes=REQUIREMENTS,
        ),
        veld("t_titel", "tekst", True, "Wat er wordt toegezegd, in één regel.", maxlength=200),
        veld("t_deadline", "datum", True, "Uiterlijk op deze dag; binnen de looptijd van de afspraak."),
        veld(
            "t_verantwoordelijke",
            "keuze",
            True,
            "Een partij van de afspraak.",
            keuzes=tuple(verantwoordelijken),
        ),
        veld(
            "t_resultaat",
            "tekstvak",
            False,
            "Alleen bij een kwalitatieve toezegging: wat er wordt opgeleverd.",
            maxlength=4000,
        ),
        veld(
            "t_indicator",
            "keuze",
            False,
            "Alleen bij een gemeten toezegging: de indicator uit de catalogus.",
            keuzes=indicatoren,
        ),
        veld("t_vergelijking", "keuze", False, "Alleen bij een gemeten toezegging.", keuzes=VERGELIJKINGEN),
        veld(
            "t_waarde",
            "bedrag",
            False,
            "Alleen bij een gemeten toezegging: het doel in de eenheid van de indicator, bijvoorbeeld 0 of 12,5.",
            maxlength=40,
        ),
        veld("t_toelichting", "tekstvak", False, maxlength=4000),
    ]
