"""Containers: images from the one Dockerfile, compose for Docker users, shared configs."""
