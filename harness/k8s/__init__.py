"""Kubernetes: a kustomize base and overlays rendered from the topology model, and their checks."""
