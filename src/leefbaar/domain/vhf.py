"""The Volkshuisvestingsfonds (R7): what a grant's implementation plan lists and when it counts as
concrete down to the complex.

A municipality's grant (``vhf_bijdrage``) comes from one round of the fund (``vhf_ronde``, with the
amount that round made available); its spending is reported per year (``vhf_besteding``) and its
implementation plan lists the addresses it tackles (``vhf_planadres``): each a BAG verblijfsobject,
either association stock (with the association and its complex) or private stock.
"""

from __future__ import annotations

from enum import StrEnum


class PlanadresStatus(StrEnum):
    """An address is in the plan, or was taken out of it (a new version; history stays)."""

    OPGENOMEN = "opgenomen"
    INGETROKKEN = "ingetrokken"


class Uitvoeringsplan(StrEnum):
    """The level of the implementation plan the municipality states with its grant."""

    PER_COMPLEX = "per_complex"
    PER_GEBIED = "per_gebied"
    GEEN = "geen"


#: The one definition of "a plan with complex-level detail" (R7: "concreet tot op klein gebied, bij
#: voorkeur per complex"; recommended, not required): the plan lists at least one address with status
#: ``opgenomen``. Every count of plans with and without that detail (the monitor, the municipality
#: page, the API) uses it (``storage.vhf_queries``); this sentence says it to users.
COMPLEXNIVEAU_UITLEG = (
    "Een uitvoeringsplan is concreet tot op complexniveau als het de aangepakte adressen noemt "
    "(BAG-verblijfsobjecten: corporatiewoningen met hun complex, en particuliere woningen). De "
    "nationale afspraak beveelt dat aan, maar verplicht het niet."
)
