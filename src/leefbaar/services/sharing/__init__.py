"""Sharing agreements (gegevensdelingsovereenkomsten) and signals between parties (R14, R15).

Callers use ``services.sharing`` as one thing: this package re-exports the public names of its
rooms, one subject each.

- ``agreements``: stored agreements, registering and ending one, their status on a day, listing them
- ``access``: the policy call, who may use the sharing screens, the account a command acts as
- ``signals``: sharing a signal, reading signals (each read logged), deleting after retention
- ``fields``: field errors and checks of typed text shared by the forms
- ``agreement_forms``: an agreement from what was typed on the form or the command line
- ``signal_forms``: a signal from what was typed; the agreements a form offers; signals sent
- ``demo``: demo agreements and synthetic signals (development only)
"""

from __future__ import annotations

from leefbaar.services.sharing.access import acting_account, authorize, may_use_sharing, resource_for
from leefbaar.services.sharing.agreement_forms import (
    MAX_BEWAARTERMIJN_JAREN,
    MAX_GRONDSLAG,
    PERSOONSGEGEVENS_PARTIJEN,
    AfspraakInvoer,
    check_agreement,
    register_agreement_from_input,
)
from leefbaar.services.sharing.agreements import (
    Afspraakregel,
    AfspraakStatus,
    NietGevonden,
    agreement_for,
    agreement_status,
    agreements_for,
    end_agreement,
    load_agreements,
    receiving_purposes,
    register_agreement,
)
from leefbaar.services.sharing.demo import DEMO_HUISHOUDENS, create_demo_sharing, demo_agreements
from leefbaar.services.sharing.fields import MAX_OMSCHRIJVING, Invoerfouten, Veldfout
from leefbaar.services.sharing.signal_forms import (
    MAX_HUISHOUDEN,
    SignaalInvoer,
    VerstuurdSignaal,
    sent_signals,
    share_signal_from_input,
    signal_agreements,
)
from leefbaar.services.sharing.signals import (
    GRONDSLAG_BEWAARTERMIJN,
    SIGNAALCATEGORIEEN,
    Signaal,
    purge_expired,
    read_signal,
    share_signal,
    signals_for,
)

__all__ = [
    "DEMO_HUISHOUDENS",
    "GRONDSLAG_BEWAARTERMIJN",
    "MAX_BEWAARTERMIJN_JAREN",
    "MAX_GRONDSLAG",
    "MAX_HUISHOUDEN",
    "MAX_OMSCHRIJVING",
    "PERSOONSGEGEVENS_PARTIJEN",
    "SIGNAALCATEGORIEEN",
    "AfspraakInvoer",
    "AfspraakStatus",
    "Afspraakregel",
    "Invoerfouten",
    "NietGevonden",
    "Signaal",
    "SignaalInvoer",
    "Veldfout",
    "VerstuurdSignaal",
    "acting_account",
    "agreement_for",
    "agreement_status",
    "agreements_for",
    "authorize",
    "check_agreement",
    "create_demo_sharing",
    "demo_agreements",
    "end_agreement",
    "load_agreements",
    "may_use_sharing",
    "purge_expired",
    "read_signal",
    "receiving_purposes",
    "register_agreement",
    "register_agreement_from_input",
    "resource_for",
    "sent_signals",
    "share_signal",
    "share_signal_from_input",
    "signal_agreements",
    "signals_for",
]
