"""The SLO gate: a load profile judged by Prometheus over exactly the load window."""
