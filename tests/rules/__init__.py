"""Tests of the pure agreements engine (leefbaar.rules)."""
