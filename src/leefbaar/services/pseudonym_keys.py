"""Pseudonym key versions: rotate to a new key, and compare the configured keys with the record.

The keys themselves live in configuration only (``LEEFBAAR_PSEUDONYM_KEY`` with
``LEEFBAAR_PSEUDONYM_KEY_VERSION``, earlier ones in ``LEEFBAAR_PSEUDONYM_KEYS_PREVIOUS``). The
database records each version handed out with its fingerprint (``pseudoniemsleutel``), so a key
configured under the wrong version is refused before it makes a pseudonym that matches nothing
(``processing_log.checked_keyring``). A rotation is in the audit log. docs/privacy.md, "Key rotation".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from leefbaar.config import Settings
from leefbaar.privacy.processing_log import new_trace_id
from leefbaar.privacy.pseudonymise import Sleutelversie, generate_master_key
from leefbaar.services.processing_log import append_events, audit_event, checked_keyring, keyring, naive_utc
from leefbaar.storage import privacy_queries as q


@dataclass(frozen=True)
class Rotatie:
    """A new key version: its number and fingerprint (recorded) and the key (shown once, never stored)."""

    versie: int
    vingerafdruk: str
    sleutel_hex: str = field(repr=False)
    #: The version configured now, which becomes a previous key.
    vorige_versie: int


def rotate(url: str, *, door: str, settings: Settings | None = None, now: datetime | None = None) -> Rotatie:
    """Hand out the next key version: a fresh random key whose number and fingerprint are recorded.

    The configured keys must fit the record (else ``processing_log.SleutelFout``); the current
    version is recorded too when it was not yet (version 1 from before rotation), so that its key
    is bound to its number from now on. The rotation is audited with ``door`` as the user.
    """
    moment = now or datetime.now(UTC)
    ring = checked_keyring(url, settings)
    recorded = q.key_versions(url)
    versie = max([*recorded, *(v.versie for v in ring.versies)]) + 1
    nieuw = Sleutelversie(versie, generate_master_key())
    rows = []
    if ring.huidige.versie not in recorded:
        rows.append(_record(ring.huidige, door, moment))
    rows.append(_record(nieuw, door, moment))
    reden = (
        f"sleutelversie {versie} vastgelegd (vingerafdruk {nieuw.vingerafdruk}); "
        f"in gebruik tot de herstart: versie {ring.huidige.versie}"
    )
    with q.transaction(url, log=True) as conn:
        q.record_key_versions(conn, rows)
        append_events(
            conn,
            [
                audit_event(
                    None,
                    "pseudonimiseringssleutel.roteren",
                    True,
                    reden,
                    now=moment,
                    trace_id=new_trace_id(),
                    gebruiker=door,
                )
            ],
        )
    return Rotatie(versie, nieuw.vingerafdruk, nieuw.sleutel.hex(), ring.huidige.versie)


def _record(versie: Sleutelversie, door: str, moment: datetime) -> dict[str, object]:
    return {
        "versie": versie.versie,
        "vingerafdruk": versie.vingerafdruk,
        "vastgelegd_op": naive_utc(moment),
        "vastgelegd_door": door[:64],
    }


@dataclass(frozen=True)
class Sleutelstand:
    """One key version as recorded and as configured: ``ingesteld`` is huidig, vorig or None."""

    versie: int
    vastgelegd: str | None
    ingesteld: str | None
    vingerafdruk: str | None

    @property
    def klopt(self) -> bool:
        """Configured and recorded agree (or one of them is absent)."""
        return self.vastgelegd is None or self.vingerafdruk is None or self.vastgelegd == self.vingerafdruk

    def tekst(self) -> str:
        rol = {"huidig": "huidige sleutel", "vorig": "vorige sleutel", None: "niet ingesteld"}[self.ingesteld]
        if self.vastgelegd is None:
            return f"versie {self.versie}: {rol} (vingerafdruk {self.vingerafdruk}), nog niet vastgelegd"
        if self.vingerafdruk is None:
            return f"versie {self.versie}: vastgelegd (vingerafdruk {self.vastgelegd}), {rol}"
        oordeel = "klopt" if self.klopt else f"KLOPT NIET: ingesteld is vingerafdruk {self.vingerafdruk}"
        return f"versie {self.versie}: {rol}, vastgelegd met vingerafdruk {self.vastgelegd}: {oordeel}"


def status(url: str, settings: Settings | None = None) -> list[Sleutelstand]:
    """Every key version that is recorded or configured, by number."""
    ring = keyring(settings)
    recorded = q.key_versions(url)
    configured = {v.versie: v for v in ring.versies}
    return [
        Sleutelstand(
            versie=n,
            vastgelegd=recorded.get(n),
            ingesteld=None if n not in configured else "huidig" if n == ring.huidige.versie else "vorig",
            vingerafdruk=configured[n].vingerafdruk if n in configured else None,
        )
        for n in sorted({*recorded, *configured})
    ]
