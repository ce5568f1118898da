"""Tests of the pure domain vocabulary (leefbaar.domain)."""
