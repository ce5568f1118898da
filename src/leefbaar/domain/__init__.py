"""Pure domain types: areas with their division year, parties, housing, agreements vocabulary.

Nothing in this package does I/O or imports a framework; every other package may import it.
"""
