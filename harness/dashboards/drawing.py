"""Drawing Prometheus range results on matplotlib axes, in the units Grafana would show."""
from __future__ import annotations

import math
import re
from datetime import datetime

import numpy as np
from matplotlib.axes import Axes
from matplotlib.dates import DateFormatter

# Grafana unit id -> (multiplier, axis label)
UNITS = {"percentunit": (100, "%"), "reqps": (1, "requests/s"), "s": (1, "seconds"),
         "ms": (1, "milliseconds"), "bytes": (1 / 2**20, "MiB"), "opm": (1, "per minute"),
         "currencyUSD": (1, "US dollars"), "short": (1, ""), "suffix:x": (1, "x budget")}
MAX_LEGEND = 12


def scale_of(unit: str) -> tuple[float, str]:
    """How to scale values of a unit, and the axis label to write."""
    return UNITS.get(unit, (1, unit))


def legend(template: str, labels: dict) -> str:
    """Grafana's legend format: {{label}} replaced by the series' label values."""
    text = re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), template or "")
    return text.strip() or ",".join(f"{k}={v}" for k, v in labels.items()
                                    if k != "__name__") or "value"


def points(series: dict) -> tuple[list[datetime], list[float]]:
    """Times and values of one range series, NaN where Prometheus had no number."""
    times = [datetime.fromtimestamp(float(t)) for t, _ in series["values"]]
    return times, [float(v) for _, v in series["values"]]


def lines(axes: Axes, results: list[tuple[str, list[dict]]], unit: str,
          last_value: bool = False) -> int:
    """One line per series; the last finite value in the legend for stat panels."""
    factor, label = scale_of(unit)
    drawn = 0
    for template, result in results:
        for series in result:
            times, values = points(series)
            scaled = [v * factor for v in values]
            name = legend(template, series["metric"])
            finite = [v for v in scaled if not math.isnan(v)]
            if last_value and finite:
                name = f"{name}: {finite[-1]:.4g} {label}".strip()
            axes.plot(times, scaled, linewidth=1.2, label=name)
            drawn += 1
    axes.set_ylabel(label)
    axes.xaxis.set_major_formatter(DateFormatter("%H:%M:%S"))
    axes.grid(True, alpha=0.3)
    if 0 < drawn <= MAX_LEGEND:
        axes.legend(fontsize=7, loc="upper left")
    return drawn


def heatmap(axes: Axes, result: list[dict], unit: str) -> int:
    """Buckets (by `le`) against time, coloured by how many requests fell in each."""
    buckets = sorted((s for s in result if s["metric"].get("le") not in (None, "+Inf")),
                     key=lambda s: float(s["metric"]["le"]))
    if not buckets:
        return 0
    times, _ = points(buckets[0])
    cumulative = np.array([[float(v) for _, v in s["values"]] for s in buckets
                           if len(s["values"]) == len(times)])
    per_bucket = np.nan_to_num(np.diff(cumulative, axis=0, prepend=0))
    axes.imshow(per_bucket, aspect="auto", origin="lower", cmap="viridis",
                interpolation="nearest")
    labels = [s["metric"]["le"] for s in buckets][: len(per_bucket)]
    axes.set_yticks(range(len(labels)), labels, fontsize=6)
    axes.set_ylabel(f"le ({scale_of(unit)[1]})")
    ticks = np.linspace(0, len(times) - 1, num=min(6, len(times)), dtype=int)
    axes.set_xticks(ticks, [times[i].strftime("%H:%M:%S") for i in ticks], fontsize=7)
    return len(labels)
