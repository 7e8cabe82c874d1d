"""SLOs as code: the spec format, its loader, the Prometheus rules and the live status."""
