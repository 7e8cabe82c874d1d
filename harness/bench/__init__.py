"""astroshop bench: wrk measurements, the Python ceiling of one process, py-spy profiles."""
