"""The web tests use the tiny demo and the browser harness registered in tests/conftest.py."""
