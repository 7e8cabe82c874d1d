"""Envoy's bootstrap, rendered from the model for one site (see `bootstrap.render`).

filters: HTTP filters, access log, local replies; routes: route building blocks and the mesh;
public: the edge's routes and request classes; clusters: one per service, and the admin's;
stats: the stats listener; bootstrap: the listeners of a site and the whole config.
"""
from harness.envoy.bootstrap import EnvoySite, render, write

__all__ = ["EnvoySite", "render", "write"]
