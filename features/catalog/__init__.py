"""Acceptance scenarios: catalog."""
