"""What crosses a service boundary: ids, headers, Money, each route and its models.

Every service may import this package; no service imports another service. It depends on
pydantic alone (no Flask), so callers, servers and the harness read the same declarations.
"""
