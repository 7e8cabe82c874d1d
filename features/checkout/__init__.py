"""Acceptance scenarios: checkout."""
