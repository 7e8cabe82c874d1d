"""The detection matrix: every fault injected under load, caught by its signal, then cleared."""
