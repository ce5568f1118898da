"""Leefbaar: open platform for the national performance agreements on liveable and safe neighbourhoods."""

__version__ = "0.1.0"
