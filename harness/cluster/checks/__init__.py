"""testinfra checks of every cluster host, run by `astroshop cluster verify`."""
