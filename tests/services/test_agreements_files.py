"""The shipped agreement files, reading YAML from disk, and the ``leefbaar agreements`` commands."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.domain.agreements import Status
from leefbaar.domain.parties import PartijSoort
from leefbaar.rules import AGREEMENT_SCHEMA, CATALOGUS, AfspraakSoort, Agreement, evaluate_commitment
from leefbaar.services.agreements import (
    AgreementsInvalid,
    default_agreements_dir,
    load_agreements,
    parse_agreement_text,
    read_agreement_file,
    read_agreements_dir,
)

REPO = Path(__file__).resolve().parents[2]
AGREEMENTS = REPO / "src" / "leefbaar" / "data" / "agreements"
DOC = REPO / "docs" / "agreement-format.md"
SHIPPED = sorted(AGREEMENTS.glob("*.yaml"))


def by_id() -> dict[str, Agreement]:
    return {a.id: a for a in load_agreements(AGREEMENTS)}


def test_default_folder_is_the_package_data_folder() -> None:
    # package data, so that an installed wheel has them (db upgrade loads the national agreement)
    assert default_agreements_dir() == AGREEMENTS
    assert [p.name for p in SHIPPED if p.name.startswith("nationaal-")] == [
        "nationaal-leefbaarheid-2022-2030.yaml"
    ]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_is_valid_and_named_after_its_id(path: Path) -> None:
    result = read_agreement_file(path)
    assert result.ok, [str(f) for f in result.fouten]
    assert result.agreement is not None
    agreement = result.agreement
    assert agreement.id == path.stem
    # named by party and period: nationaal-<name>-<start>-<end> or lokaal-<GM code>-<name>-<start>-<end>
    match = re.fullmatch(r"(nationaal|lokaal)(-GM[0-9]{4})?-[a-z-]+-([0-9]{4})-([0-9]{4})", path.stem)
    assert match is not None
    assert (int(match[3]), int(match[4])) == (agreement.periode.start.year, agreement.periode.eind.year)
    if agreement.gemeente is not None:
        assert match[2] == f"-{agreement.gemeente.code}"


def test_national_agreement_has_one_commitment_per_requirement() -> None:
    national = by_id()["nationaal-leefbaarheid-2022-2030"]
    assert national.soort is AfspraakSoort.NATIONAAL
    requirements = [t.requirement for t in national.toezeggingen]
    assert requirements == ["R1", "R2", "R3", "R5", "R7", "R8", "R10", "R11", "R12", "R13"]
    doel = {t.requirement: t for t in national.toezeggingen}
    assert (doel["R1"].doel.waarde, doel["R1"].deadline) == (0, date(2026, 1, 1))
    assert {m.waarde for m in doel["R2"].doel.reeks} == {200e6} and doel["R2"].doel.reeks[-1].jaar == 2030
    assert {m.waarde for m in doel["R5"].doel.reeks} == {75e6} and doel["R5"].deadline == date(2030, 12, 31)
    assert len(doel["R2"].themas) == 4
    assert (doel["R7"].doel.waarde, doel["R7"].deadline) == (600e6, date(2026, 12, 31))
    assert doel["R10"].doel.waarde == 30


@pytest.mark.parametrize(
    ("toezegging", "verantwoordelijke"),
    [
        ("r1-geen-conditie-5-6", "corporaties"),  # "Corporaties committeren zich ..."
        ("r2-extra-woningverbetering", "corporaties"),  # "investeren corporaties ... € 200 miljoen extra"
        (
            "r5-extra-leefbaarheid",
            "corporaties",
        ),  # "trekken corporaties hier ... € 75 miljoen extra voor uit"
        (
            "r7-volkshuisvestingsfonds",
            "MINBZK",
        ),  # "De minister voor VRO investeert ... Volkshuisvestingsfonds"
        # "Deze opgave moet tezamen opgepakt worden met de verduurzamingsopgave" (the associations' stock)
        ("r3-herstructurering-met-verduurzaming", "corporaties"),
        ("r8-herstructurering-gemengde-voorraad", "gemeenten"),  # "onder regie van de gemeente"
        ("r10-dertig-procent-sociale-huur", "gemeenten"),  # "Gemeenten moeten ... gehouden kunnen worden"
        ("r11-urgentieverordening", "gemeenten"),  # "Alle gemeenten gaan verordeningen opstellen"
        (
            "r12-woonzorgvisie",
            "gemeenten",
        ),  # "een verplichting voor gemeenten om een woonzorgvisie op te stellen"
        ("r13-zorg-en-welzijn-aan-tafel", "gemeenten"),  # the municipality directs its local agreements
        ("r4-gerichte-wijkaanpak", "gemeenten"),  # "Gemeenten dienen een gerichte wijkaanpak te ontwikkelen"
        ("r4-zorg-en-begeleiding", "gemeenten"),  # "afspraken te maken ... over zorg en begeleiding"
        ("r6-programma-leefbaarheid-en-veiligheid", "MINBZK"),  # "De minister voor VRO legt ... neer"
        ("r8-afspraken-herstructurering", "gemeenten"),  # "Het is aan gemeenten om hier ... op te sturen"
        (
            "r14-wetsvoorstel-persoonsgegevens",
            "MINBZK",
        ),  # "De minister voor VRO zal een wetsvoorstel indienen"
        ("r15-ondersteuningsstructuur", "MINBZK"),  # the programme "Een (t)huis voor iedereen"
    ],
)
def test_national_commitments_name_the_responsible_party_the_seed_names(
    toezegging: str, verantwoordelijke: str
) -> None:
    national = by_id()["nationaal-leefbaarheid-2022-2030"]
    found = {t.id: t.verantwoordelijke for t in (*national.toezeggingen, *national.kwalitatieve_toezeggingen)}
    assert found[toezegging] == verantwoordelijke
    assert len(found) == 16


def test_national_signatories_are_the_ministry_and_three_collectives() -> None:
    national = by_id()["nationaal-leefbaarheid-2022-2030"]
    assert [(p.id, p.soort.value, p.collectief) for p in national.partijen] == [
        ("MINBZK", "ministerie", False),
        ("corporaties", "corporatie", True),
        ("gemeenten", "gemeente", True),
        ("huurdersorganisaties", "huurdersorganisatie", True),
    ]
    assert [t.requirement for t in national.kwalitatieve_toezeggingen] == [
        "R4",
        "R4",
        "R6",
        "R8",
        "R14",
        "R15",
    ]


@pytest.mark.parametrize(
    ("agreement_id", "gemeente", "partijen", "zorgpartner"),
    [
        (
            "lokaal-GM0363-amsterdam-2024-2027",
            "GM0363",
            {"GM0363", "L0001", "L0002", "HO0001", "HO0002", "ZP0001"},
            True,
        ),
        (
            "lokaal-GM0599-rotterdam-2024-2027",
            "GM0599",
            {"GM0599", "L0003", "L0004", "HO0003", "HO0004", "ZP0002"},
            True,
        ),
        # Utrecht deliberately has no care or welfare party: the negative case for R13
        (
            "lokaal-GM0344-utrecht-2025-2028",
            "GM0344",
            {"GM0344", "L0005", "L0006", "HO0005", "HO0006"},
            False,
        ),
    ],
)
def test_local_agreements_match_the_demo_parties(
    agreement_id: str, gemeente: str, partijen: set[str], zorgpartner: bool
) -> None:
    agreement = by_id()[agreement_id]
    assert agreement.gemeente is not None and agreement.gemeente.code == gemeente
    assert {p.id for p in agreement.partijen} == partijen
    assert agreement.heeft_partij_van_soort(PartijSoort.ZORGPARTNER) is zorgpartner


def test_r13_on_the_shipped_files_is_not_met() -> None:
    # An independent route to the R13 figure: 2 of the 3 local agreements have a zorgpartner.
    agreements = by_id()
    lokaal = [a for a in agreements.values() if a.soort is AfspraakSoort.LOKAAL]
    share = 100 * sum(a.heeft_partij_van_soort(PartijSoort.ZORGPARTNER) for a in lokaal) / len(lokaal)
    r13 = next(
        t for t in agreements["nationaal-leefbaarheid-2022-2030"].toezeggingen if t.requirement == "R13"
    )
    e = evaluate_commitment(r13, share, date(2026, 1, 1))
    assert e.status is Status.NIET_GEHAALD
    assert "66,7%" in e.uitleg and "33,3 procentpunt te weinig" in e.uitleg


@pytest.mark.parametrize(
    ("text", "reden"),
    [
        (
            "id: x\ntitel: [a\n",
            "YAML-syntaxfout op regel 3",
        ),  # unclosed list, reported where the parser stopped
        ("id: x\n  titel: b\n", "YAML-syntaxfout op regel 2, kolom 8"),  # bad indentation
        ("id: x\nid: y\n", "dubbele sleutel 'id'"),  # a repeated key must not silently win
        ("id: x\n\ttitel: y\n", "tab gevonden"),  # tabs cannot indent YAML
        ("", "het bestand is leeg"),  # empty file
        ("# alleen commentaar\n", "het bestand is leeg"),  # only a comment is empty too
        ("- a\n- b\n", "bevat geen afspraak"),  # a list, not a mapping
        ("gewoon tekst\n", "bevat geen afspraak"),  # a bare scalar
    ],
)
def test_yaml_problems_become_dutch_errors(text: str, reden: str) -> None:
    result = parse_agreement_text(text, "kapot.yaml")
    assert result.agreement is None
    [fout] = result.fouten
    assert fout.bestand == "kapot.yaml" and fout.pad == "(document)"
    assert reden in fout.reden


def test_missing_file(tmp_path: Path) -> None:
    [fout] = read_agreement_file(tmp_path / "nergens.yaml").fouten
    assert fout.reden == "bestand niet gevonden"


def test_folder_with_duplicate_ids_and_an_invalid_file(tmp_path: Path) -> None:
    source = (AGREEMENTS / "lokaal-GM0363-amsterdam-2024-2027.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "b.yml").write_text(source, encoding="utf-8")
    (tmp_path / "c.yaml").write_text("id: c\n", encoding="utf-8")
    (tmp_path / "notities.txt").write_text("geen afspraak", encoding="utf-8")  # ignored: not YAML
    results = read_agreements_dir(tmp_path)
    assert [Path(r.bestand).name for r in results] == ["a.yaml", "b.yml", "c.yaml"]
    assert [r.ok for r in results] == [False, False, False]
    assert "komt in meer dan één bestand voor" in results[0].fouten[0].reden
    with pytest.raises(AgreementsInvalid) as raised:
        load_agreements(tmp_path)
    assert len(raised.value.fouten) == 2 + len(results[2].fouten)


def test_missing_folder(tmp_path: Path) -> None:
    [result] = read_agreements_dir(tmp_path / "weg")
    assert result.fouten[0].reden == "map met afspraken niet gevonden"


# --- the CLI --------------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_check_valid_file() -> None:
    result = runner.invoke(
        app, ["agreements", "check", str(AGREEMENTS / "nationaal-leefbaarheid-2022-2030.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "Geldig: Nationale prestatieafspraken leefbare en veilige wijken 2022-2030 (16 toezeggingen)"
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("id: x\ntitel: y\n", "soort: verplicht veld ontbreekt"),  # structurally incomplete
        ("id: x\ntitel: [\n", "YAML-syntaxfout"),  # not YAML at all
    ],
)
def test_cli_check_invalid_file_exits_non_zero(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "fout.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["agreements", "check", str(path)])
    assert result.exit_code == 1
    assert "Ongeldig" in result.stderr and fragment in result.stderr


def test_cli_check_unknown_indicator_lists_the_known_ones(tmp_path: Path) -> None:
    source = (AGREEMENTS / "lokaal-GM0344-utrecht-2025-2028.yaml").read_text(encoding="utf-8")
    path = tmp_path / "utrecht.yaml"
    path.write_text(
        source.replace("indicator: energielabel_efg_aandeel", "indicator: labels"), encoding="utf-8"
    )
    result = runner.invoke(app, ["agreements", "check", str(path)])
    assert result.exit_code == 1
    assert "toezeggingen[3].indicator: onbekende indicator 'labels'" in result.stderr


def test_cli_list_shows_every_shipped_agreement() -> None:
    result = runner.invoke(app, ["agreements", "list", "--map", str(AGREEMENTS)])
    assert result.exit_code == 0, result.output
    for path in SHIPPED:
        assert path.stem in result.stdout


def test_cli_list_exits_non_zero_when_a_file_is_invalid(tmp_path: Path) -> None:
    (tmp_path / "kapot.yaml").write_text("id: x\n", encoding="utf-8")
    result = runner.invoke(app, ["agreements", "list", "--map", str(tmp_path)])
    assert result.exit_code == 1
    assert "ongeldig" in result.stdout


# --- the documentation stays true -----------------------------------------------------------------


def test_docs_show_the_schema_in_use() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- schema -->\s*```json\n(.*?)```", text, re.DOTALL)
    assert block is not None, "docs/agreement-format.md mist het schemablok"
    assert json.loads(block[1]) == AGREEMENT_SCHEMA


def test_docs_list_every_indicator() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [i.naam for i in CATALOGUS if f"`{i.naam}`" not in text]
    assert missing == []
