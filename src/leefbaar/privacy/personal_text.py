"""Personal data in free text: a BSN, an e-mail address, a phone number, a postcode with house number.

Free text (a signal's description, a name or description in an import file) must not identify a
person: the household travels as a pseudonym, and a BSN or address in the text would undo that.
This module is the one definition of what is refused. Services test a typed text with
:func:`personal_data_refusal`; the import checks (storage) build their SQL from the same
:data:`SOORTEN`, so a file and a form refuse exactly the same things with the same words.

The patterns are written for Python's ``re`` and RE2 (DuckDB) alike: no look-around, no
back-references. A BSN is a number of nine digits, also written in groups (``1234.56.782``,
``123 456 782``), that passes the *elfproef*: ``9·d1 + 8·d2 + ... + 2·d8 - 1·d9`` is divisible by
11 (and not all zeros). Numbers of nine digits that fail the elfproef (about 10 in 11) pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The weights of the BSN elfproef, digit by digit.
ELFPROEF_GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2, -1)
#: Numbers in a text, as maximal tokens: digits, optionally in groups separated by one space, dot
#: or dash ("123 456 782"), and the bare runs of digits inside them ("100 123456782").
BSN_KANDIDATEN = (r"[0-9]+([ .-][0-9]+)*", r"[0-9]+")

_NOT_DIGIT = r"(^|[^0-9])"
_END = r"($|[^0-9])"


@dataclass(frozen=True)
class Persoonsgegeven:
    """One kind of personal data refused in free text: its Dutch name and how it is found.

    ``pattern`` finds it; with ``elfproef`` the pattern finds candidate numbers (``BSN_KANDIDATEN``),
    and only one whose digits pass the elfproef counts.
    """

    naam: str
    patterns: tuple[str, ...]
    elfproef: bool = False


SOORTEN = (
    Persoonsgegeven("een BSN", BSN_KANDIDATEN, elfproef=True),
    Persoonsgegeven("een e-mailadres", (r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",)),
    Persoonsgegeven(
        "een telefoonnummer",
        (
            # 0612345678, 06-12345678, 06 12 34 56 78, 0201234567, 020-1234567, (020) 123 4567
            _NOT_DIGIT + r"0[1-9][0-9]{8}" + _END,
            _NOT_DIGIT + r"06[ -]?[0-9]{8}" + _END,
            _NOT_DIGIT + r"06([ -][0-9]{2}){4}" + _END,
            _NOT_DIGIT + r"(0[1-9][0-9]|\(0[1-9][0-9]\))[ -]?[0-9]{3}[ -]?[0-9]{4}" + _END,
            _NOT_DIGIT + r"(0[1-9][0-9]{2}|\(0[1-9][0-9]{2}\))[ -]?[0-9]{3}[ -]?[0-9]{3}" + _END,
            # +31 6 12345678, +31 (0)20 1234567, 0031201234567
            r"(\+|(^|[^0-9])00)31[ -]?(\(0\))?[ -]?[1-9]([ -]?[0-9]){8}" + _END,
        ),
    ),
    Persoonsgegeven(
        "een postcode met huisnummer",
        (
            # 1234 AB 12, 1234AB12, 1234ab, 5: the letters in capitals, or lower case written
            # against the digits (so "tussen 2024 en 2025" is no postcode).
            _NOT_DIGIT + r"[1-9][0-9]{3}( ?[A-Z]{2}|[a-z]{2})[ ,]*[0-9]{1,5}" + _END,
            # Dorpsstraat 12, 1234 AB
            _NOT_DIGIT + r"[0-9]{1,5}[A-Za-z]?,? +[1-9][0-9]{3} ?[A-Z]{2}([^A-Za-z]|$)",
        ),
    ),
)

#: What a refusal adds: why, and what to do instead (Dutch).
UITLEG = "persoonsgegevens horen niet in vrije tekst; het huishouden reist alleen als pseudoniem mee"


def elfproef(digits: str) -> bool:
    """Whether nine digits pass the BSN elfproef (all zeros do not)."""
    if len(digits) != len(ELFPROEF_GEWICHTEN) or not digits.isdigit() or set(digits) == {"0"}:
        return False
    return sum(w * int(d) for w, d in zip(ELFPROEF_GEWICHTEN, digits, strict=True)) % 11 == 0


def found_in(text: str) -> list[str]:
    """The kinds of personal data in ``text`` (their Dutch names, in the order of SOORTEN)."""
    found = []
    for soort in SOORTEN:
        if soort.elfproef:
            candidates = (m.group(0) for p in soort.patterns for m in re.finditer(p, text))
            hit = any(elfproef(re.sub(r"[^0-9]", "", c)) for c in candidates)
        else:
            hit = any(re.search(p, text) for p in soort.patterns)
        if hit:
            found.append(soort.naam)
    return found


def personal_data_refusal(text: str) -> str | None:
    """Why ``text`` is refused ("bevat een BSN: ..."), in Dutch; None when it carries none of SOORTEN."""
    found = found_in(text)
    if not found:
        return None
    names = found[0] if len(found) == 1 else ", ".join(found[:-1]) + " en " + found[-1]
    return f"bevat {names}: {UITLEG}"
