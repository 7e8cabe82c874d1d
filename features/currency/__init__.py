"""Acceptance scenarios: currency."""
