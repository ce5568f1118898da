"""Privacy (pure): the one place for pseudonymisation, disclosure control, access decisions,
sharing agreements and processing-log events. See docs/privacy.md.

- ``pseudonymise``: HMAC-SHA256 pseudonyms of household/person ids per receiving party.
- ``disclosure``: small-cell suppression with complementary cells, for every outgoing aggregate.
- ``policy``: ``decide(actor, verzoek, agreements, on_date=...)`` -> Decision.
- ``sharing``: gegevensdelingsovereenkomsten, coverage, retention (bewaartermijn).
- ``processing_log``: processing and audit events, VNG/LDV exports, the hash chain.

No I/O, no frameworks: callers pass plain values (keys from configuration, agreements and log
entries from storage).
"""
