"""Envoy: upstream requests, retries, outlier ejections, circuit breakers, health checks, and
the edge's cache."""
from harness.dashboards.layout import dashboard as build
from harness.dashboards.style import RATE, SLOW, quantiles, row, timeseries

BY = "envoy_cluster_name"
LEGEND = "{{envoy_cluster_name}}"
CACHE = "envoy_cache_event"  # the cache_v2 filter's events, labelled by event_type
LOOKUPS = "hit|miss|validate|failed_validation"


def per_cluster(metric: str, window: str = RATE, function: str = "rate") -> str:
    """A per-cluster rate (or increase) of one of Envoy's cluster counters."""
    return f"sum by ({BY}) ({function}({metric}[{window}]))"


dashboard = build("AstroShop / Envoy", "astroshop-envoy", [
    row("Upstream requests (every service is an Envoy cluster)"),
    timeseries("Upstream requests by cluster",
               [(per_cluster("envoy_cluster_upstream_rq_total"), LEGEND)], "reqps",
               stacked=True),
    timeseries("Upstream responses by class",
               [("sum by (envoy_response_code_class) "
                 f"(rate(envoy_cluster_upstream_rq_xx[{RATE}]))",
                 "{{envoy_response_code_class}}xx")],
               "reqps", stacked=True),
    quantiles("Upstream time p95 by cluster", "envoy_cluster_upstream_rq_time_bucket", "ms",
              by=BY),
    row("Resilience: retries, timeouts, outlier detection, circuit breakers"),
    timeseries("Retries", [(per_cluster("envoy_cluster_upstream_rq_retry"), LEGEND)], "reqps",
               "Requests Envoy retried, by cluster"),
    timeseries("Timeouts", [(per_cluster("envoy_cluster_upstream_rq_timeout"), LEGEND)],
               "reqps", "Upstream requests that hit the route timeout"),
    timeseries("Outlier ejections", [
        (per_cluster("envoy_cluster_outlier_detection_ejections_enforced_total", SLOW,
                     "increase"), "ejected {{envoy_cluster_name}}"),
        (f"sum by ({BY}) (envoy_cluster_outlier_detection_ejections_active)",
         "still out {{envoy_cluster_name}}")], "short",
               f"Replicas ejected in the last {SLOW}, and those still ejected"),
    timeseries("Circuit breaker overflows", [
        (per_cluster("envoy_cluster_upstream_rq_pending_overflow"),
         "pending {{envoy_cluster_name}}"),
        (per_cluster("envoy_cluster_upstream_cx_overflow"), "connections {{envoy_cluster_name}}"),
        (per_cluster("envoy_cluster_upstream_rq_retry_overflow"), "retries {{envoy_cluster_name}}"),
    ], "reqps", "Requests refused because a circuit breaker was open"),
    timeseries("Health check failures",
               [(per_cluster("envoy_cluster_health_check_failure", SLOW, "increase"), LEGEND)],
               "short", f"Failed active health checks in the last {SLOW}"),
    timeseries("Healthy replicas",
               [(f"sum by ({BY}) (envoy_cluster_membership_healthy)", LEGEND)], "short"),
    row("Listeners"),
    timeseries("Downstream requests by listener",
               [("sum by (envoy_http_conn_manager_prefix) "
                 f"(rate(envoy_http_downstream_rq_total[{RATE}]))",
                 "{{envoy_http_conn_manager_prefix}}")], "reqps", width=12),
    timeseries("Active downstream connections",
               [("sum by (envoy_http_conn_manager_prefix) (envoy_http_downstream_cx_active)",
                 "{{envoy_http_conn_manager_prefix}}")], "short", width=12),
    row("The edge: cache and TLS"),
    timeseries("Edge cache hit ratio", [(
        f'sum(rate({CACHE}{{event_type="hit"}}[{RATE}])) / '
        f'sum(rate({CACHE}{{event_type=~"{LOOKUPS}"}}[{RATE}]))', "hit ratio")],
               "percentunit", "Cacheable lookups (catalog GETs, static files) answered from "
               "Envoy's cache without reaching a service", width=12),
    timeseries("Edge cache events",
               [(f"sum by (event_type) (rate({CACHE}[{RATE}]))", "{{event_type}}")], "reqps",
               "hit, miss, validate (a stale entry revalidated), uncacheable", width=12),
], "Envoy's cluster and listener stats from /stats/prometheus", tags=("envoy",))
