"""Envoy's bootstrap, rendered from the model for one target (see `bootstrap.render`).

filters: HTTP filters, access log, local replies; routes: route building blocks and the mesh;
public: the edge's routes and request classes; clusters: one per service; bootstrap: the
listeners and the whole config.
"""
from harness.envoy.bootstrap import render, write

__all__ = ["render", "write"]
