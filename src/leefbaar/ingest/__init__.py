"""Ingest: read source files into Arrow and declare, per import kind, what a valid row is.

The vocabulary of an import (kinds, columns, options, row errors, results) lives in
:mod:`leefbaar.ingest.vocabulary`; storage, one layer up, executes the kinds declared here.
Nothing in this package touches a database.
"""
