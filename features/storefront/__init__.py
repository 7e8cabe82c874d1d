"""Acceptance scenarios: storefront."""
