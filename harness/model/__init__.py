"""The model: the one registry of everything deployment-shaped, from which every target renders.

services: the services (ports, routes, timeouts, stores, budgets, host role); stores: the
databases they use; edge: the edge's request classes; hosts: host roles and placement;
budgets: container memory and CPU; buckets: latency histogram buckets; topology: a concrete
deployment (replicas, addresses, ports); environment: each replica's ASTROSHOP_* variables.
"""
