"""Containers: the bases and images, the compose stack of a run directory, shared configs."""
