"""Releases gated on SLOs: a canary beside the stable release, traffic shifted in steps, each step analysed, then promoted, rolled back or stopped as inconclusive."""
