"""Helpers shared by the test suites (a real package, not conftest)."""
