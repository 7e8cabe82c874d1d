"""The release report's plots (matplotlib, embedded as PNG data URIs): each step's latency
distributions, canary against stable, and error ratios with their intervals."""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from harness.release.result import Step
from harness.report.plots import data_uri

COLOURS = {"canary": "tab:orange", "stable": "tab:blue"}


def latency(step: Step, samples: dict[str, list[float]]) -> str:
    """Both sides' latencies as empirical distribution functions, with the medians."""
    figure = Figure(figsize=(6.5, 3.0))
    axes = figure.subplots()
    for side in ("stable", "canary"):
        values = np.sort(np.asarray(samples.get(side, []), dtype=float))
        if len(values):
            axes.step(values, np.arange(1, len(values) + 1) / len(values), where="post",
                      color=COLOURS[side], label=f"{side} (n={len(values)} plotted)")
            axes.axvline(float(np.median(values)), color=COLOURS[side], linestyle=":")
    axes.set_xscale("log")
    axes.set_xlabel("request duration, ms (log)")
    axes.set_ylabel("share of requests")
    axes.set_title(f"step {step.index + 1}: latency, {step.latency.reason[:70]}", fontsize=9)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8, loc="lower right")
    return data_uri(figure)


def errors(step: Step) -> str:
    """Each side's error ratio, the difference's interval and the tolerance."""
    figure = Figure(figsize=(6.5, 2.6))
    left, right = figure.subplots(1, 2)
    test = step.errors
    ratios = [test.reference_value or 0.0, test.candidate_value or 0.0]
    left.bar(["stable", "canary"], [100 * r for r in ratios],
             color=[COLOURS["stable"], COLOURS["canary"]])
    left.set_ylabel("5xx of upstream attempts, %")
    left.set_title(f"n = {test.reference_n} / {test.candidate_n}", fontsize=9)
    if test.effect is not None:
        right.errorbar([0], [100 * test.effect], yerr=[[100 * (test.effect - test.ci_low)],
                                                      [100 * (test.ci_high - test.effect)]],
                       fmt="o", color="black", capsize=6, label="canary - stable")
    right.axhline(100 * test.tolerance, color="crimson", linestyle=":", label="tolerance")
    right.axhline(0, color="grey", linewidth=0.8)
    right.set_xticks([])
    right.set_ylabel("difference, points")
    right.legend(fontsize=7)
    figure.tight_layout()
    return data_uri(figure)
