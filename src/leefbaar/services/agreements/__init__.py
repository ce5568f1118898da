"""The agreements: stored as versioned records, imported and exported as YAML files, their qualitative
commitments kept up to date by the parties.

- ``files``: read and validate agreement files (YAML), write a stored document back as YAML, the
  agreements shipped as package data;
- ``records``: versions (append-only, ownership-checked, audited), the current agreements that the
  monitor, the pages and the API read, the packaged national agreement loaded by ``db upgrade``;
- ``commitments``: status reports with evidence, co-signers' confirmations and contests, the
  derived status and history of a qualitative commitment, evidence documents;
- ``activity``: who changed what, per agreement and per organisation;
- ``overview``: an agreement or a qualitative commitment as its page shows it, in one call.
"""

from leefbaar.services.agreements.activity import Activiteit, agreement_activity, organisation_activity
from leefbaar.services.agreements.commitments import (
    Bewijsstuk,
    Deel,
    KwalitatieveStand,
    Melding,
    StoredDocument,
    ToezeggingGeweigerd,
    Upload,
    commitment_history,
    evidence_document,
    is_party,
    may_react,
    may_report,
    qualitative_state,
    qualitative_states,
    react_to_status,
    report_status,
)
from leefbaar.services.agreements.files import (
    AGREEMENT_SUFFIXES,
    AgreementsInvalid,
    default_agreements_dir,
    dump_agreement,
    load_agreements,
    parse_agreement_text,
    read_agreement_file,
    read_agreements_dir,
    shipped_files,
)
from leefbaar.services.agreements.overview import (
    AfspraakOverzicht,
    ToezeggingOverzicht,
    agreement_list,
    agreement_overview,
    commitment_overview,
)
from leefbaar.services.agreements.records import (
    AfspraakGeweigerd,
    AfspraakNietGevonden,
    AfspraakOngeldig,
    StoredAgreement,
    Vastgelegd,
    VersieConflict,
    agreement_versions,
    current_agreements,
    current_rows,
    current_stored,
    ensure_shipped,
    export_agreement,
    import_agreement_file,
    import_agreement_text,
    store_agreement,
    store_many,
    stored_agreement,
)

__all__ = [
    "AGREEMENT_SUFFIXES",
    "Activiteit",
    "AfspraakGeweigerd",
    "AfspraakNietGevonden",
    "AfspraakOngeldig",
    "AfspraakOverzicht",
    "AgreementsInvalid",
    "Bewijsstuk",
    "Deel",
    "KwalitatieveStand",
    "Melding",
    "StoredAgreement",
    "StoredDocument",
    "ToezeggingGeweigerd",
    "ToezeggingOverzicht",
    "Upload",
    "Vastgelegd",
    "VersieConflict",
    "agreement_activity",
    "agreement_list",
    "agreement_overview",
    "agreement_versions",
    "commitment_history",
    "commitment_overview",
    "current_agreements",
    "current_rows",
    "current_stored",
    "default_agreements_dir",
    "dump_agreement",
    "ensure_shipped",
    "evidence_document",
    "export_agreement",
    "import_agreement_file",
    "import_agreement_text",
    "is_party",
    "load_agreements",
    "may_react",
    "may_report",
    "organisation_activity",
    "parse_agreement_text",
    "qualitative_state",
    "qualitative_states",
    "react_to_status",
    "read_agreement_file",
    "read_agreements_dir",
    "report_status",
    "shipped_files",
    "store_agreement",
    "store_many",
    "stored_agreement",
]
