"""Comparing two samples the way a release and a gate against a baseline both do: errors by a
test of two proportions, latency by Mann-Whitney U with the Hodges-Lehmann shift, each with
its effect, confidence interval and minimum detectable effect at the sample it had.

proportions: Fisher's exact test and Newcombe's interval; shift: Mann-Whitney U and the
Hodges-Lehmann shift; power: the minimum detectable effects; comparison: the typed result
and the verdict against a tolerance.
"""
