"""A home for everyone (R9-R12), pure: no I/O, no frameworks; plain values and numpy arrays in and out.

Modules:

- ``social_rent``    social-rent share, gap to 30%, required yearly additions, pipeline projection,
                     province view with the credible-trajectory rule (R10)
- ``fair_share``     allocation keys per region, fair-share targets, deviation, redistribution
                     proposal, status-holder taakstelling (R9)
- ``concentration``  share of allocations to priority groups per buurt against the municipal average (R9)
- ``instruments``    urgentieverordening coverage and woonzorgvisie currency (R11, R12)
- ``rounding``       largest-remainder rounding shared by the modules above
- ``labels``         Dutch labels of the priority groups

Outputs are rows of counts (dataclasses with ``as_row()``); small-cell suppression is left to
``leefbaar.privacy``. Formulas and rules: docs/home-for-everyone.md.
"""
