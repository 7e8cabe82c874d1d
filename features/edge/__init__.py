"""Acceptance scenarios: edge."""
