"""Acceptance scenarios: cart."""
