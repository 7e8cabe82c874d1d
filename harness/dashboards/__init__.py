"""Dashboards as code: loading grafanalib sources, building, checking and drawing them."""
