"""Fault injection: flags, Envoy runtime faults, process faults, and their catalogue."""
