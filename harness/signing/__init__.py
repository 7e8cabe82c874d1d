"""The accounts service's signing keys: made, kept (0600) and rotated by the harness."""
