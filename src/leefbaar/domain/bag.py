"""BAG object identifiers (Basisregistratie Adressen en Gebouwen).

A BAG id is a 16-character string: the code of the issuing municipality (4 digits), the object
type (2 digits) and a 10-digit sequence number. Keep them as strings: leading zeros matter.
"""

from __future__ import annotations

import re
from enum import StrEnum


class BagObjecttype(StrEnum):
    VERBLIJFSOBJECT = "01"
    LIGPLAATS = "02"
    STANDPLAATS = "03"
    PAND = "10"
    NUMMERAANDUIDING = "20"
    OPENBARE_RUIMTE = "30"


#: A verblijfsobject id (a dwelling is a verblijfsobject with a residential function).
VERBLIJFSOBJECT_PATTERN = r"[0-9]{4}01[0-9]{10}"
#: Any BAG object id.
BAG_ID_PATTERN = r"[0-9]{4}(01|02|03|10|20|30)[0-9]{10}"
#: A Dutch postcode, four digits (no leading zero) and two capitals, without space.
POSTCODE_PATTERN = r"[1-9][0-9]{3}[A-Z]{2}"


def is_verblijfsobject_id(value: str) -> bool:
    return re.fullmatch(VERBLIJFSOBJECT_PATTERN, value) is not None


def objecttype(value: str) -> BagObjecttype:
    """The object type of a BAG id; raises ValueError for a malformed id."""
    if re.fullmatch(BAG_ID_PATTERN, value) is None:
        raise ValueError(f"'{value}' is geen BAG-identificatie van 16 cijfers")
    return BagObjecttype(value[4:6])
