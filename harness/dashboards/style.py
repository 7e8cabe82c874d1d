"""The house style: the few panel kinds every AstroShop dashboard is made of.

Each helper returns a grafanalib panel with the datasource, a unit and sane defaults set,
so a dashboard file reads as a list of what it shows. Queries use fixed windows (no
Grafana-only variables), so `astroshop dashboards verify` can run them as they are.
"""
from __future__ import annotations

from grafanalib.core import (Heatmap, RowPanel, Stat, Target, TimeSeries, YAxis)

DATASOURCE_UID = "astroshop-prometheus"
DATASOURCE = {"type": "prometheus", "uid": DATASOURCE_UID}
RATE = "1m"   # window of request-rate panels: several scrapes even at the 5 s default
SLOW = "5m"   # window of business events, which come far less often than requests
QUANTILES = (0.5, 0.95, 0.99)

Query = tuple[str, str]  # (PromQL, legend)


def targets(queries: list[Query] | str) -> list[Target]:
    """grafanalib targets, one per (expr, legend), with ref ids A, B, C..."""
    pairs = [(queries, "")] if isinstance(queries, str) else queries
    return [Target(expr=expr, legendFormat=legend, refId=chr(ord("A") + index),
                   datasource=DATASOURCE)
            for index, (expr, legend) in enumerate(pairs)]


def timeseries(title: str, queries: list[Query] | str, unit: str, description: str = "",
               width: int = 8, stacked: bool = False) -> TimeSeries:
    """A time-series panel; `unit` is a Grafana unit id such as reqps, s or percentunit."""
    return TimeSeries(title=title, description=description, dataSource=DATASOURCE,
                      targets=targets(queries), unit=unit, span=width,
                      legendDisplayMode="list", fillOpacity=10 if stacked else 0,
                      stacking={"mode": "normal"} if stacked else {})


def stat(title: str, query: str, unit: str, description: str = "", width: int = 4,
         decimals: int | None = None) -> Stat:
    """A single big number (the last value of one query)."""
    return Stat(title=title, description=description, dataSource=DATASOURCE,
                targets=targets(query), format=unit, span=width, decimals=decimals,
                reduceCalc="lastNotNull", graphMode="area")


def heatmap(title: str, bucket: str, unit: str = "s", description: str = "",
            width: int = 8) -> Heatmap:
    """A latency heatmap of a histogram's buckets (`bucket` is a `_bucket` selector)."""
    target = Target(expr=f"sum by (le) (increase({bucket}[{RATE}]))", legendFormat="{{le}}",
                    refId="A", format="heatmap", datasource=DATASOURCE)
    return Heatmap(title=title, description=description, dataSource=DATASOURCE,
                   targets=[target], dataFormat="tsbuckets", yAxis=YAxis(format=unit),
                   span=width, hideZeroBuckets=True)


def row(title: str) -> RowPanel:
    """A section header across the dashboard."""
    return RowPanel(title=title)


def quantiles(title: str, bucket: str, unit: str, by: str = "", width: int = 8,
              description: str = "") -> TimeSeries:
    """p50/p95/p99 of a histogram (`bucket` is a `_bucket` selector), optionally by a label."""
    group = f"{by}, le" if by else "le"
    legend = f"p{{q}} {{{{{by}}}}}" if by else "p{q}"
    queries = [(f"histogram_quantile({q}, sum by ({group}) (rate({bucket}[{RATE}])))",
                legend.format(q=round(q * 100))) for q in QUANTILES]
    return timeseries(title, queries, unit, description, width)


def ratio(good_or_bad: str, total: str, window: str = RATE, by: str = "") -> str:
    """sum(rate(part)) / sum(rate(total)), both summed by the same labels."""
    grouping = f" by ({by})" if by else ""
    return (f"sum{grouping} (rate({good_or_bad}[{window}])) / "
            f"sum{grouping} (rate({total}[{window}]))")


def red_panels(requests: str, bucket: str, by: str, errors: str) -> list:
    """Rate, errors and duration of one request counter and its latency histogram."""
    return [
        timeseries("Request rate", [(f"sum by ({by}) (rate({requests}[{RATE}]))",
                                     f"{{{{{by}}}}}")], "reqps",
                   "Requests per second, by " + by, stacked=True),
        timeseries("Error ratio (5xx)", [(ratio(errors, requests, by=by), f"{{{{{by}}}}}")],
                   "percentunit", "Share of requests answered with a server error"),
        quantiles("Duration", bucket, "s", description="p50, p95 and p99 over all " + by + "s"),
    ]


NEEDS_JOB = "needs-job:"  # a dashboard tag: its panels read that Prometheus job only


def needs_job(job: str) -> str:
    """The tag of a dashboard that shows one job's metrics (an exporter that not every
    deployment runs): `dashboards verify` skips it, saying why, where Prometheus has none."""
    return f"{NEEDS_JOB}{job}"
