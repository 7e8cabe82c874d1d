"""Acceptance scenarios: orders."""
