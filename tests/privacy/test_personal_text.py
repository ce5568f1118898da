"""Personal data in free text: one definition of what a form and an import file refuse."""

from __future__ import annotations

import pytest

from leefbaar.privacy.personal_text import elfproef, found_in, personal_data_refusal


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("BSN 123456782", ["een BSN"]),  # nine digits that pass the elfproef
        ("bsn:111222333", ["een BSN"]),  # written against a word
        ("1234.56.782", ["een BSN"]),  # the official grouping
        ("123 456 782", ["een BSN"]),  # in groups of three
        ("nr 100 123456782", ["een BSN"]),  # a run of nine inside a longer number
        ("123456789", []),  # nine digits that fail the elfproef
        ("000000000", []),  # all zeros is no BSN
        ("jan@example.nl", ["een e-mailadres"]),
        ("mail j.jansen+huur@mail.co.uk graag", ["een e-mailadres"]),
        ("bel 0612345678", ["een telefoonnummer"]),
        ("06-12345678", ["een telefoonnummer"]),
        ("06 12 34 56 78", ["een telefoonnummer"]),
        ("020-1234567", ["een telefoonnummer"]),
        ("(020) 123 4567", ["een telefoonnummer"]),
        ("0575 123 456", ["een telefoonnummer"]),
        ("+31 6 12345678", ["een telefoonnummer"]),
        ("0031201234567", ["een telefoonnummer"]),
        ("1234 AB 12", ["een postcode met huisnummer"]),
        ("1234AB12", ["een postcode met huisnummer"]),
        ("1234ab 5", ["een postcode met huisnummer"]),
        ("Dorpsstraat 12, 1234 AB", ["een postcode met huisnummer"]),
        ("mail a@b.nl of bel 0612345678", ["een e-mailadres", "een telefoonnummer"]),
        # Ordinary text stays: dates, years, amounts, references, times.
        ("Huur 2 maanden niet betaald.", []),
        ("sinds 01-02-2025 10 klachten", []),
        ("tussen 2024 en 2025", []),
        ("2023 of 2024", []),
        ("postcode 1234AB", []),  # a postcode alone covers a street, not a home
        ("bedrag € 1.250.000,50", []),
        ("T-2025-000123", []),
        ("koffie 10:00-12:00 op 3 dagen", []),
    ],
)
def test_what_is_found_in_free_text(text: str, found: list[str]) -> None:
    assert found_in(text) == found


def test_the_refusal_names_what_was_found_in_dutch() -> None:
    assert personal_data_refusal("Herhaalde geluidsoverlast gemeld door buren.") is None
    assert personal_data_refusal("bel 0612345678") == (
        "bevat een telefoonnummer: persoonsgegevens horen niet in vrije tekst; het huishouden reist "
        "alleen als pseudoniem mee"
    )
    three = personal_data_refusal("123456782, a@b.nl, 0612345678")
    assert three is not None and three.startswith("bevat een BSN, een e-mailadres en een telefoonnummer:")


@pytest.mark.parametrize(
    ("digits", "passes"),
    [
        ("123456782", True),  # 9+16+21+24+25+24+21+16-2 = 154 = 14 x 11
        ("111222333", True),
        ("123456789", False),
        ("000000000", False),  # sum 0, but no BSN
        ("12345678", False),  # eight digits
        ("12345678a", False),
    ],
)
def test_elfproef(digits: str, passes: bool) -> None:
    assert elfproef(digits) is passes
