"""Key versions of the pseudonym key: a ring of the current and previous keys, their fingerprints,
the configuration they are read from, and the HMAC prefixes that storage computes with."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from leefbaar.privacy.pseudonymise import (
    Pseudonymiser,
    Sleutelring,
    Sleutelversie,
    Subjectsoort,
    fingerprint,
    parse_previous_keys,
    pseudonymise,
)

KEY_1 = bytes(range(32))
KEY_2 = bytes(range(1, 33))
KEY_3 = bytes(range(2, 34))


def _ring() -> Sleutelring:
    return Sleutelring(Sleutelversie(3, KEY_3), (Sleutelversie(1, KEY_1), Sleutelversie(2, KEY_2)))


def test_new_pseudonyms_use_the_current_version_and_say_so() -> None:
    p = _ring().pseudonymiser("GM0363")
    assert p.sleutelversie == 3
    assert p.pseudonym("HH1") == pseudonymise(KEY_3, "GM0363", "HH1")
    # An older version on request, for what was stored under it.
    assert _ring().pseudonymiser("GM0363", versie=1).pseudonym("HH1") == pseudonymise(KEY_1, "GM0363", "HH1")


def test_a_lookup_gets_the_pseudonym_under_every_version_current_first() -> None:
    assert _ring().all_pseudonyms("verwerkingenlog", "HH1") == [
        (3, pseudonymise(KEY_3, "verwerkingenlog", "HH1")),
        (1, pseudonymise(KEY_1, "verwerkingenlog", "HH1")),
        (2, pseudonymise(KEY_2, "verwerkingenlog", "HH1")),
    ]
    assert len({p for _, p in _ring().all_pseudonyms("verwerkingenlog", "HH1")}) == 3


def test_a_version_not_configured_is_refused_in_dutch() -> None:
    with pytest.raises(ValueError, match="sleutelversie 7 is niet ingesteld"):
        _ring().pseudonymiser("GM0363", versie=7)


@pytest.mark.parametrize(
    ("ring", "message"),
    [
        # the same version twice
        (lambda: Sleutelring(Sleutelversie(1, KEY_1), (Sleutelversie(1, KEY_2),)), "twee keer"),
        # one key under two versions: a rotation without a new key
        (lambda: Sleutelring(Sleutelversie(2, KEY_1), (Sleutelversie(1, KEY_1),)), "dezelfde sleutel"),
        # versions start at 1
        (lambda: Sleutelring(Sleutelversie(0, KEY_1)), "begint bij 1|beginnen bij 1"),
        # a short key under any version
        (lambda: Sleutelring(Sleutelversie(1, KEY_1), (Sleutelversie(2, b"kort"),)), "minimaal 32"),
    ],
)
def test_a_ring_that_cannot_be_right_is_refused(ring, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        ring()


def test_fingerprint_tells_keys_apart_and_nothing_about_them() -> None:
    assert fingerprint(KEY_1) == fingerprint(bytes(KEY_1))
    assert fingerprint(KEY_1) != fingerprint(KEY_2)
    assert len(fingerprint(KEY_1)) == 32 and KEY_1.hex()[:8] not in fingerprint(KEY_1)
    # A keyed hash of a fixed text, not a hash of the key (which a dictionary of keys could invert).
    assert (
        fingerprint(KEY_1) == hmac.new(KEY_1, b"leefbaar/sleutel-vingerafdruk/v1", "sha256").hexdigest()[:32]
    )
    assert fingerprint(KEY_1) != hashlib.sha256(KEY_1).hexdigest()[:32]
    assert KEY_1.hex() not in repr(Sleutelversie(1, KEY_1))


def test_previous_keys_are_read_from_versie_colon_hex() -> None:
    found = parse_previous_keys(f" 1:{KEY_1.hex()} , 2:{KEY_2.hex()},")
    assert [(v.versie, v.sleutel) for v in found] == [(1, KEY_1), (2, KEY_2)]
    assert parse_previous_keys("") == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (KEY_1.hex(), "vorm versie:sleutel"),  # no version
        (f"een:{KEY_1.hex()}", "vorm versie:sleutel"),  # version not a number
        ("1:abcd", "versie 1: de pseudonimiseringssleutel is 2 bytes"),  # too short
        ("2:" + "zz" * 32, "versie 2: de pseudonimiseringssleutel is geen hexadecimale"),  # not hex
    ],
)
def test_malformed_previous_keys_are_refused_without_repeating_them(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        parse_previous_keys(text)
    assert KEY_1.hex() not in str(caught.value) and "zz" * 32 not in str(caught.value)


def test_ring_from_configuration_and_its_mismatches_with_the_record() -> None:
    ring = Sleutelring.from_configuration(KEY_2.hex(), 2, f"1:{KEY_1.hex()}")
    assert (ring.huidige.versie, [v.versie for v in ring.vorige]) == (2, [1])
    recorded = {1: fingerprint(KEY_1), 2: fingerprint(KEY_2), 3: fingerprint(KEY_3)}
    assert ring.mismatches(recorded) == []
    assert ring.mismatches({}) == []  # nothing recorded yet (version 1 before any rotation)
    swapped = Sleutelring.from_configuration(KEY_1.hex(), 2, f"1:{KEY_2.hex()}")
    problems = swapped.mismatches(recorded)
    assert len(problems) == 2 and problems[0].startswith(
        "sleutelversie 2 in de configuratie is niet de sleutel"
    )


def test_hmac_prefixes_give_the_hmac_by_its_definition() -> None:
    p = Pseudonymiser.for_receiver(KEY_1, "toewijzingen", Subjectsoort.HUISHOUDEN)
    inner, outer = p.hmac_prefixes()
    assert len(outer) == 64 and inner.endswith(b"huishouden\x00")
    digest = hashlib.sha256(outer + hashlib.sha256(inner + b"H-000123").digest()).digest()
    import base64

    assert base64.b32encode(digest[:20]).decode() == p.pseudonym("H-000123")
