"""Agreements engine (pure): agreement file schema, loader with Dutch errors, status evaluation.

Modules: ``indicators`` (the catalogue), ``model`` (frozen dataclasses), ``schema`` (JSON Schema),
``loader`` (parsed dict -> Agreement or errors), ``evaluation`` (status + Dutch explanation),
``contribution`` (fair contribution per association, R2/R5), ``qualitative`` (the status of a
qualitative commitment from reports, reactions and its deadline), ``formatting`` (Dutch numbers).
The format and the status rules are documented in docs/agreement-format.md.
"""

from leefbaar.rules.contribution import (
    FAIR_CONTRIBUTION_INDICATORS,
    Contribution,
    contributions,
    fair_shares,
)
from leefbaar.rules.evaluation import Evaluation, Measurement, evaluate, evaluate_commitment, target_on
from leefbaar.rules.indicators import (
    CATALOGUS,
    INDICATOREN,
    Eenheid,
    Indicator,
    R1Regel,
    Richting,
    themes_for,
    variants_for,
)
from leefbaar.rules.loader import load_agreement, validate_agreement
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
from leefbaar.rules.qualitative import QualitativeVerdict, Reaction, StatusReport, judge_qualitative
from leefbaar.rules.schema import AGREEMENT_SCHEMA

__all__ = [
    "AGREEMENT_SCHEMA",
    "CATALOGUS",
    "FAIR_CONTRIBUTION_INDICATORS",
    "INDICATOREN",
    "AfspraakSoort",
    "Agreement",
    "AgreementError",
    "Commitment",
    "Contribution",
    "Eenheid",
    "Evaluation",
    "Indicator",
    "LoadResult",
    "MargeSoort",
    "Measurement",
    "Milestone",
    "Party",
    "Period",
    "QualitativeCommitment",
    "QualitativeVerdict",
    "R1Regel",
    "Reaction",
    "Richting",
    "StatusReport",
    "Target",
    "Thresholds",
    "Vergelijking",
    "contributions",
    "evaluate",
    "evaluate_commitment",
    "fair_shares",
    "judge_qualitative",
    "load_agreement",
    "target_on",
    "themes_for",
    "validate_agreement",
    "variants_for",
]
