"""Pseudonyms: stable per receiver, unlinkable across receivers, and equal to an HMAC computed by hand."""

from __future__ import annotations

import base64
import hashlib
import hmac

import numpy as np
import pytest

from leefbaar.privacy.pseudonymise import (
    PSEUDONYM_LENGTH,
    Pseudonymiser,
    Subjectsoort,
    generate_master_key,
    hkdf_sha256,
    is_pseudonym,
    parse_master_key,
    pseudonymise,
    pseudonymise_many,
    receiver_key,
)

MASTER = bytes(range(32))


def _hand_made(master: bytes, receiver: str, subject: str, soort: str) -> str:
    """The scheme written out with hmac/hashlib only (independent of the module)."""
    prk = hmac.new(b"leefbaar/pseudoniem/v1", master, hashlib.sha256).digest()
    key = hmac.new(prk, b"ontvanger:" + receiver.encode() + b"\x01", hashlib.sha256).digest()
    digest = hmac.new(key, soort.encode() + b"\x00" + subject.encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:20]).decode()


def test_hkdf_matches_rfc5869_test_case_1() -> None:
    ikm = bytes.fromhex("0b" * 22)
    salt = bytes.fromhex("000102030405060708090a0b0c")
    info = bytes.fromhex("f0f1f2f3f4f5f6f7f8f9")
    okm = hkdf_sha256(ikm, salt=salt, info=info, length=42)
    assert okm.hex() == (
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    )


@pytest.mark.parametrize(
    ("receiver", "subject", "soort"),
    [
        ("GM0363", "HH000000001", Subjectsoort.HUISHOUDEN),  # a municipality, a household
        ("ZP0001", "HH000000001", Subjectsoort.HUISHOUDEN),  # a care partner, same household
        ("GM0363", "P-42", Subjectsoort.PERSOON),  # a person
        ("L1234", "Ærø-ü", Subjectsoort.PERSOON),  # non-ASCII id is encoded as UTF-8
    ],
)
def test_pseudonym_equals_hmac_computed_by_hand(receiver: str, subject: str, soort: Subjectsoort) -> None:
    expected = _hand_made(MASTER, receiver, subject, soort.value)
    assert pseudonymise(MASTER, receiver, subject, soort) == expected
    assert pseudonymise_many(MASTER, receiver, [subject], soort) == [expected]


def test_same_receiver_same_pseudonym_other_receiver_other_pseudonym() -> None:
    a1 = pseudonymise(MASTER, "GM0363", "HH1")
    a2 = pseudonymise(MASTER, "GM0363", "HH1")
    b = pseudonymise(MASTER, "ZP0001", "HH1")
    assert a1 == a2
    assert a1 != b
    # Another master key gives another pseudonym for the same receiver.
    assert pseudonymise(bytes(range(1, 33)), "GM0363", "HH1") != a1


def test_household_and_person_with_the_same_number_do_not_share_a_pseudonym() -> None:
    assert pseudonymise(MASTER, "GM0363", "7", Subjectsoort.HUISHOUDEN) != pseudonymise(
        MASTER, "GM0363", "7", Subjectsoort.PERSOON
    )


def test_many_equals_one_by_one_for_list_and_numpy_array() -> None:
    ids = [f"HH{i:06d}" for i in range(500)]
    p = Pseudonymiser.for_receiver(MASTER, "L0001")
    one_by_one = [p.pseudonym(i) for i in ids]
    assert p.many(ids) == one_by_one
    assert p.many(np.array(ids)) == one_by_one
    assert p.many([]) == []
    assert len(set(one_by_one)) == len(ids)


def test_pseudonym_shape_is_fixed() -> None:
    values = pseudonymise_many(MASTER, "GM0363", ["1", "a" * 1000, "HH-ü"])
    assert all(len(v) == PSEUDONYM_LENGTH and is_pseudonym(v) for v in values)
    assert not is_pseudonym("HH000000001")


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (b"", "leeg"),  # empty key
        (b"x" * 31, "minimaal 32"),  # too short
    ],
)
def test_unsafe_keys_are_refused(key: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pseudonymise(key, "GM0363", "HH1")
    with pytest.raises(ValueError, match=message):
        receiver_key(key, "GM0363")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "leeg"),  # nothing configured
        ("zz" * 32, "hexadecimale"),  # not hex
        ("ab" * 16, "minimaal 32"),  # 16 bytes
    ],
)
def test_parse_master_key_refuses_bad_configuration(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_master_key(text)


def test_development_placeholder_is_accepted_only_in_development() -> None:
    placeholder = "ontwikkeling-niet-geheim"
    with pytest.raises(ValueError, match="hexadecimale"):
        parse_master_key(placeholder)
    key = parse_master_key(placeholder, development=True)
    assert key == hashlib.sha256(b"leefbaar-ontwikkelsleutel:" + placeholder.encode()).digest()
    assert parse_master_key("ab" * 16, development=True) != bytes.fromhex("ab" * 16)  # short hex stretched
    assert parse_master_key(MASTER.hex(), development=True) == MASTER  # a real key stays itself
    with pytest.raises(ValueError, match="leeg"):
        parse_master_key("  ", development=True)


def test_parse_master_key_reads_hex_and_generated_keys_are_random() -> None:
    assert parse_master_key(" " + MASTER.hex() + "\n") == MASTER
    assert generate_master_key() != generate_master_key()
    assert len(generate_master_key()) == 32


@pytest.mark.parametrize(
    "subject",
    [
        "",  # empty id
        " HH1",  # leading space would silently give a second pseudonym
        "HH1\n",  # trailing newline from a file
    ],
)
def test_bad_subject_ids_are_refused(subject: str) -> None:
    with pytest.raises(ValueError, match="ongeldige huishouden-id"):
        pseudonymise(MASTER, "GM0363", subject)
    with pytest.raises(ValueError, match="ongeldige huishouden-id"):
        pseudonymise_many(MASTER, "GM0363", ["HH1", subject])


def test_empty_receiver_is_refused() -> None:
    with pytest.raises(ValueError, match="ontvangende partij"):
        receiver_key(MASTER, " ")


def test_key_is_not_in_repr() -> None:
    p = Pseudonymiser.for_receiver(MASTER, "GM0363")
    assert receiver_key(MASTER, "GM0363").hex() not in repr(p)
    assert "_key" not in repr(p)
