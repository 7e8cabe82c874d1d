"""Acceptance scenarios: health."""
