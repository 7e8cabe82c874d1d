"""Overview: the four golden signals at the edge, the health of every target, SLO status."""
from harness.dashboards.layout import dashboard as build
from harness.dashboards.slo import FASTEST_LONG, burn
from harness.dashboards.style import RATE, quantiles, ratio, row, stat, timeseries

EDGE = 'envoy_http_downstream_rq_xx{envoy_http_conn_manager_prefix="public"}'
EDGE_5XX = ('envoy_http_downstream_rq_xx{envoy_http_conn_manager_prefix="public",'
            'envoy_response_code_class="5"}')
EDGE_TIME = 'envoy_http_downstream_rq_time_bucket{envoy_http_conn_manager_prefix="public"}'
BURN_ALERTS = 'ALERTS{alertname="SLOErrorBudgetBurn",alertstate="firing"}'

dashboard = build("AstroShop / Overview", "astroshop-overview", [
    row("Golden signals at the edge (Envoy public listener)"),
    stat("Traffic", f"sum(rate({EDGE}[{RATE}]))", "reqps", "Responses per second"),
    stat("Errors (5xx)", ratio(EDGE_5XX, EDGE), "percentunit", "Share of 5xx responses"),
    stat("Latency p95", f"histogram_quantile(0.95, sum by (le) (rate({EDGE_TIME}[{RATE}])))",
         "ms", "95th percentile of the edge's request time"),
    stat("In flight",
         'sum(envoy_http_downstream_rq_active{envoy_http_conn_manager_prefix="public"})',
         "short", "Requests being served right now (saturation)"),
    stat("Targets up", "sum(up) / count(up)", "percentunit",
         "Share of Prometheus targets answering their scrape"),
    stat("Burn alerts firing", f"count({BURN_ALERTS}) or vector(0)", "short",
         "SLO burn-rate alerts firing now", decimals=0),
    timeseries("Responses by status class",
               [(f"sum by (envoy_response_code_class) (rate({EDGE}[{RATE}]))",
                 "{{envoy_response_code_class}}xx")], "reqps", stacked=True),
    quantiles("Edge latency", EDGE_TIME, "ms"),
    timeseries("Service CPU (saturation)",
               [(f"sum by (job) (rate(process_cpu_seconds_total[{RATE}]))", "{{job}}")],
               "percentunit", "CPU seconds per second of each service's workers"),
    row("Service level objectives"),
    timeseries("Error budget remaining",
               [("slo:error_budget_remaining:ratio", "{{slo}}")], "percentunit",
               "Share of each objective's error budget left over its period", width=12),
    timeseries("Burn rate over the fastest page's long window",
               [(burn(f'window=~"{FASTEST_LONG}"'), "{{slo}}")], "suffix:x",
               "Error ratio over the error budget; 1x spends it exactly in a period",
               width=12),
])
