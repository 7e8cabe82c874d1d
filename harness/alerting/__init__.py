"""Alerting: the edge alerts, Alertmanager's config and process, the webhook receiver."""
