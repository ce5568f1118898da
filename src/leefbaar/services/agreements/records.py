"""Agreements as records: every version stored, the current one read by everything else.

- :func:`store_agreement` appends a version of an agreement (validated exactly like a file, through
  ``rules.loader``), after ``privacy.ownership.agreement_refusal`` allowed the writer; the same
  transaction rewrites the current version's parties and commitments and appends the audit event.
  A document equal to the current version is no new version. Nothing is ever overwritten.
- :func:`import_agreement_file` / :func:`import_agreement_text` do that for YAML;
  :func:`export_agreement` gives any version back as YAML.
- :func:`current_agreements` is what the monitor, the pages and the API evaluate and show;
  :func:`ensure_shipped` loads the packaged national agreement when it is absent (``db upgrade``).

Writers are accounts (``account``) or the system (``account=None``: ``db upgrade``, the demo, the
CLI without ``--als``), recorded as organisation ``LEEFBAAR``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from leefbaar.domain.agreements import ToezeggingSoort, is_collectief
from leefbaar.domain.parties import BEHEER_ORGANISATIE
from leefbaar.privacy.ownership import Writer, agreement_refusal
from leefbaar.privacy.processing_log import new_trace_id
from leefbaar.rules.loader import load_agreement, reload_agreement
from leefbaar.rules.model import AfspraakSoort, Agreement, AgreementError, LoadResult
from leefbaar.services import jobs
from leefbaar.services.accounts import Account
from leefbaar.services.agreements.files import (
    AgreementsInvalid,
    dump_agreement,
    parse_agreement_text,
    read_agreement_file,
    shipped_files,
)
from leefbaar.services.processing_log import append_events, audit_event, record_audit
from leefbaar.storage import agreement_queries as q

#: The reason recorded for the packaged national agreement.
REDEN_MEEGELEVERD = "meegeleverd met Leefbaar (leefbaar db upgrade)"


class AfspraakGeweigerd(PermissionError):
    """The writer may not draw up or change this agreement (Dutch). The refusal is audited."""


class AfspraakOngeldig(ValueError):
    """The document is no valid agreement; ``fouten`` holds every error (Dutch, with path)."""

    def __init__(self, fouten: tuple[AgreementError, ...] | list[AgreementError]) -> None:
        super().__init__("\n".join(str(f) for f in fouten))
        self.fouten = tuple(fouten)


class AfspraakNietGevonden(LookupError):
    """No such agreement (or version)."""


class VersieConflict(RuntimeError):
    """The agreement changed since the writer read it (the expected version is not the current one)."""


@dataclass(frozen=True)
class StoredAgreement:
    """One version of an agreement: the model, the document and who recorded it, when and why."""

    agreement: Agreement
    document: dict[str, Any]
    versie: int
    vastgelegd_op: datetime
    organisatie: str
    account_id: str | None
    reden: str


@dataclass(frozen=True)
class Vastgelegd:
    """The outcome of a write: the version that is now current, and whether it is new."""

    afspraak_id: str
    versie: int
    nieuw: bool


def canonical_sha256(document: dict[str, Any]) -> str:
    """SHA-256 of the document's canonical JSON (sorted keys): equal documents, equal hash."""
    body = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# --- writing ----------------------------------------------------------------------------------------


def store_agreement(
    url: str,
    document: object,
    *,
    account: Account | None,
    reden: str,
    bestand: str = "(formulier)",
    verwachte_versie: int | None = None,
    now: datetime | None = None,
) -> Vastgelegd:
    """Validate and store a new version of the agreement in ``document``.

    Raises :class:`AfspraakOngeldig` (every error), :class:`AfspraakGeweigerd` (ownership; audited),
    :class:`VersieConflict` when ``verwachte_versie`` is given and not current.
    """
    result = load_agreement(document, bestand)
    return _store(url, result, account=account, reden=reden, verwachte_versie=verwachte_versie, now=now)


def import_agreement_text(
    url: str, text: str, bestand: str, *, account: Account | None, reden: str | None = None
) -> Vastgelegd:
    """Store the agreement in YAML ``text`` (validated as a file) as a new version."""
    result = parse_agreement_text(text, bestand)
    return _store(url, result, account=account, reden=reden or f"geïmporteerd uit {Path(bestand).name}")


def import_agreement_file(
    url: str,
    path: Path | str,
    *,
    account: Account | None,
    reden: str | None = None,
    herberekenen: bool = True,
) -> Vastgelegd:
    """Store the agreement in a YAML file as a new version (``herberekenen``: queue the
    re-evaluation of its verdicts; the demo runs the monitor itself)."""
    result = read_agreement_file(path)
    return _store(
        url,
        result,
        account=account,
        reden=reden or f"geïmporteerd uit {Path(path).name}",
        herberekenen=herberekenen,
    )


def _store(
    url: str,
    result: LoadResult,
    *,
    account: Account | None,
    reden: str,
    verwachte_versie: int | None = None,
    now: datetime | None = None,
    herberekenen: bool = True,
) -> Vastgelegd:
    if result.agreement is None or result.document is None:
        raise AfspraakOngeldig(result.fouten)
    if not reden.strip():
        raise AfspraakOngeldig([AgreementError(result.bestand, "reden", "geef een reden voor deze versie")])
    agreement, document = result.agreement, result.document
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None, microsecond=0)
    sha = canonical_sha256(document)
    with q.transaction(url) as conn:
        current = q.latest_version(conn, agreement.id)
        refusal = _refusal(account, agreement, current)
        if refusal is None and verwachte_versie is not None:
            found = int(current["versie"]) if current else 0
            if found != verwachte_versie:
                raise VersieConflict(
                    f"afspraak {agreement.id} is intussen gewijzigd: versie {found} is actueel, "
                    f"niet {verwachte_versie}; laad de afspraak opnieuw"
                )
        if refusal is None:
            if current is not None and current["sha256"] == sha:
                return Vastgelegd(agreement.id, int(current["versie"]), False)
            versie = int(current["versie"]) + 1 if current else 1
            q.append_versions(conn, *_rows(agreement, document, versie, sha, account, reden.strip(), moment))
            wat = f"afspraak {agreement.id} versie {versie} vastgelegd: {reden.strip()}"
            append_events(conn, [_audit(account, wat, True, moment)])
    if refusal is None:  # committed: the verdicts follow the new version
        if herberekenen:
            jobs.after_agreement(
                url,
                agreement,
                account.email if account is not None else "leefbaar",
                f"afspraak {agreement.id} versie {versie}: {reden.strip()}",
            )
        return Vastgelegd(agreement.id, versie, True)
    record_audit(url, [_audit(account, f"afspraak {agreement.id} vastleggen", False, moment, refusal)])
    raise AfspraakGeweigerd(refusal)


def _refusal(account: Account | None, agreement: Agreement, current: dict[str, Any] | None) -> str | None:
    """The ownership rule, on the new document and (for a change) on the current version."""
    if current is not None and (
        current["soort"] != agreement.soort.value
        or current["gemeentecode"] != (agreement.gemeente.code if agreement.gemeente else None)
    ):
        return (
            f"afspraak {agreement.id} is een {current['soort']}e afspraak"
            + (f" van {current['gemeentecode']}" if current["gemeentecode"] else "")
            + "; soort en gemeente van een afspraak veranderen niet (leg een nieuwe afspraak vast)"
        )
    if account is None:
        return None
    return agreement_refusal(
        Writer(account.rol, account.organisatie),
        nationaal=agreement.soort is AfspraakSoort.NATIONAAL,
        gemeentecode=agreement.gemeente.code if agreement.gemeente else None,
    )


def may_write(account: Account | None, *, nationaal: bool, gemeentecode: str | None) -> bool:
    """Whether the account may draw up or change such an agreement (for showing a form or a link)."""
    if account is None:
        return False
    writer = Writer(account.rol, account.organisatie)
    return agreement_refusal(writer, nationaal=nationaal, gemeentecode=gemeentecode) is None


def check_may_change(url: str, account: Account | None, stored: StoredAgreement) -> None:
    """Refuse (audited) an account that may not change this agreement, before its input is read:
    a party changing another's agreement hears that, not what was wrong with its input."""
    agreement = stored.agreement
    nationaal = agreement.soort is AfspraakSoort.NATIONAAL
    gemeentecode = agreement.gemeente.code if agreement.gemeente else None
    if account is None or may_write(account, nationaal=nationaal, gemeentecode=gemeentecode):
        return
    refusal = agreement_refusal(
        Writer(account.rol, account.organisatie), nationaal=nationaal, gemeentecode=gemeentecode
    )
    moment = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    record_audit(url, [_audit(account, f"afspraak {agreement.id} wijzigen", False, moment, refusal)])
    raise AfspraakGeweigerd(refusal or "")


def _audit(account: Account | None, wat: str, ok: bool, moment: datetime, reden: str | None = None) -> Any:
    return audit_event(
        account,
        wat,
        ok,
        reden or "",
        now=moment.replace(tzinfo=UTC),
        trace_id=new_trace_id(),
        gebruiker=None if account else "leefbaar",
    )


def _rows(
    agreement: Agreement,
    document: dict[str, Any],
    versie: int,
    sha: str,
    account: Account | None,
    reden: str,
    moment: datetime,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The version row and the current version's relational rows of one agreement."""
    gemeente = agreement.gemeente
    version = {
        "afspraak_id": agreement.id,
        "versie": versie,
        "soort": agreement.soort.value,
        "gemeentecode": gemeente.code if gemeente else None,
        "titel": agreement.titel,
        "document": json.dumps(document, ensure_ascii=False),
        "sha256": sha,
        "account_id": account.account_id if account else None,
        "organisatie": account.organisatie if account else BEHEER_ORGANISATIE,
        "reden": reden,
        "vastgelegd_op": moment,
    }
    current = {
        "afspraak_id": agreement.id,
        "versie": versie,
        "soort": agreement.soort.value,
        "titel": agreement.titel,
        "gemeentecode": gemeente.code if gemeente else None,
        "indelingsjaar": gemeente.indelingsjaar if gemeente else None,
        "startdatum": agreement.periode.start,
        "einddatum": agreement.periode.eind,
        "vastgelegd_op": moment,
    }
    parties = [
        {
            "afspraak_id": agreement.id,
            "versie": versie,
            "partij_id": p.id,
            "soort": p.soort.value,
            "naam": p.naam,
            "collectief": is_collectief(p.id),
        }
        for p in agreement.partijen
    ]
    by_id = {t.id: t for t in agreement.toezeggingen}
    by_id_q = {t.id: t for t in agreement.kwalitatieve_toezeggingen}
    commitments = []
    for volgorde, item in enumerate(document["toezeggingen"]):
        measured = by_id.get(item["id"])
        qualitative = by_id_q.get(item["id"])
        t = measured or qualitative
        assert t is not None
        commitments.append(
            {
                "afspraak_id": agreement.id,
                "versie": versie,
                "toezegging_id": t.id,
                "volgorde": volgorde,
                "soort": (ToezeggingSoort.GEMETEN if measured else ToezeggingSoort.KWALITATIEF).value,
                "requirement": t.requirement,
                "titel": t.titel,
                "indicator": measured.indicator if measured else None,
                "resultaat": qualitative.resultaat if qualitative else None,
                "deadline": t.deadline,
                "verantwoordelijke": t.verantwoordelijke,
            }
        )
    return [version], [current], parties, commitments


def store_many(url: str, results: list[LoadResult], reden: str) -> int:
    """Store many new agreements as the system in one transaction (the demo's synthetic ones).

    Agreements that exist already are left alone; returns how many were stored.
    """
    versions: list[dict[str, Any]] = []
    current: list[dict[str, Any]] = []
    parties: list[dict[str, Any]] = []
    commitments: list[dict[str, Any]] = []
    fouten = [f for r in results for f in r.fouten]
    if fouten:
        raise AfspraakOngeldig(fouten)
    moment = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    with q.transaction(url) as conn:
        existing = q.existing_ids(conn, [r.agreement.id for r in results if r.agreement])
        for r in results:
            if r.agreement is None or r.document is None or r.agreement.id in existing:
                continue
            rows = _rows(r.agreement, r.document, 1, canonical_sha256(r.document), None, reden, moment)
            for target, part in zip((versions, current, parties, commitments), rows, strict=True):
                target.extend(part)
        q.append_versions(conn, versions, current, parties, commitments)
        if versions:
            wat = f"{len(versions)} afspraken vastgelegd: {reden}"
            append_events(conn, [_audit(None, wat, True, moment)])
    return len(versions)


def ensure_shipped(url: str) -> list[str]:
    """Load the packaged national agreement(s) when absent; returns the ids loaded (none when present)."""
    loaded = []
    for path in shipped_files("nationaal-"):
        result = read_agreement_file(path)
        if result.agreement is None:
            raise AgreementsInvalid(list(result.fouten))
        with q.transaction(url) as conn:
            present = bool(q.existing_ids(conn, [result.agreement.id]))
        if not present:
            # No re-evaluation queued: an empty database has nothing to judge yet, and the imports
            # that follow queue their own.
            _store(url, result, account=None, reden=REDEN_MEEGELEVERD, herberekenen=False)
            loaded.append(result.agreement.id)
    return loaded


# --- reading ----------------------------------------------------------------------------------------

#: Versions never change: a parsed version is kept, keyed by id, version and the document's text.
_parsed: dict[tuple[str, int, str], Agreement] = {}


def _parse(afspraak_id: str, versie: int, text: str) -> tuple[Agreement, dict[str, Any]]:
    document = json.loads(text)
    key = (afspraak_id, versie, hashlib.sha256(text.encode("utf-8")).hexdigest())
    found = _parsed.get(key)
    if found is None:
        result = reload_agreement(document, f"{afspraak_id} (versie {versie})")
        if result.agreement is None:
            raise AgreementsInvalid(list(result.fouten))
        found = _parsed[key] = result.agreement
    return found, document


def current_agreements(url: str) -> list[Agreement]:
    """The current version of every stored agreement, national ones first."""
    return [s.agreement for s in current_stored(url)]


def current_stored(url: str) -> list[StoredAgreement]:
    """The current version of every stored agreement with its document and who recorded it (one query)."""
    return [_stored(r) for r in q.current_documents(url)]


def stored_agreement(url: str, afspraak_id: str, versie: int | None = None) -> StoredAgreement:
    """One version (default: the current one) with its document; :class:`AfspraakNietGevonden` if absent."""
    row = q.version(url, afspraak_id, versie)
    if row is None:
        wat = f"afspraak {afspraak_id}" + (f" versie {versie}" if versie is not None else "")
        raise AfspraakNietGevonden(f"{wat} bestaat niet")
    return _stored(row)


def _stored(row: dict[str, Any]) -> StoredAgreement:
    agreement, document = _parse(str(row["afspraak_id"]), int(row["versie"]), str(row["document"]))
    return StoredAgreement(
        agreement,
        document,
        int(row["versie"]),
        row["vastgelegd_op"],
        str(row["organisatie"]),
        row["account_id"],
        str(row["reden"]),
    )


def agreement_versions(url: str, afspraak_id: str) -> list[dict[str, Any]]:
    """Every version of an agreement (who, when, why), oldest first; :class:`AfspraakNietGevonden` if none."""
    rows = q.versions(url, afspraak_id)
    if not rows:
        raise AfspraakNietGevonden(f"afspraak {afspraak_id} bestaat niet")
    return rows


def export_agreement(url: str, afspraak_id: str, versie: int | None = None) -> str:
    """A version (default: the current one) as YAML in the agreement file format."""
    return dump_agreement(stored_agreement(url, afspraak_id, versie).document)


def current_rows(url: str, gemeentecode: str | None = None) -> list[dict[str, Any]]:
    """The current agreements as rows with their parties (names from the agreement itself)."""
    rows = q.current_agreements(url, gemeentecode)
    parties: dict[str, list[dict[str, Any]]] = {}
    for p in q.current_parties(url, [str(r["afspraak_id"]) for r in rows]):
        parties.setdefault(str(p["afspraak_id"]), []).append(p)
    return [{**r, "partijen": parties.get(str(r["afspraak_id"]), [])} for r in rows]
