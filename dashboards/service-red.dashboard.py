"""One RED dashboard per service of the topology: adding a service adds its dashboard."""
from harness.dashboards.layout import dashboard as build
from harness.dashboards.style import RATE, heatmap, quantiles, red_panels, row, stat, timeseries
from harness.model.services import SERVICES


def red(service: str):
    """Rate, errors and duration of one service, from its own metrics and from Envoy's."""
    this = f'service="{service}"'
    requests = f"astroshop_http_requests_total{{{this}}}"
    bucket = f"astroshop_http_request_duration_seconds_bucket{{{this}}}"
    cluster = f'envoy_cluster_name="{service}"'
    return build(f"AstroShop / Service / {service}", f"astroshop-red-{service}", [
        row(f"{service}: requests it served (its own RED metrics, by route template)"),
        *red_panels(requests, bucket, "route",
                    f'astroshop_http_requests_total{{{this},status=~"5.."}}'),
        timeseries("Responses by status", [(f"sum by (status) (rate({requests}[{RATE}]))",
                                            "{{status}}")], "reqps", stacked=True),
        heatmap("Latency heatmap", bucket, "s"),
        timeseries("Duration by route (p95)",
                   [(f"histogram_quantile(0.95, sum by (route, le) (rate({bucket}[{RATE}])))",
                     "{{route}}")], "s"),
        row(f"{service}: as Envoy sees it (cluster {service})"),
        timeseries("Upstream responses by class",
                   [(f"sum by (envoy_response_code_class) "
                     f"(rate(envoy_cluster_upstream_rq_xx{{{cluster}}}[{RATE}]))",
                     "{{envoy_response_code_class}}xx")], "reqps", stacked=True),
        quantiles("Upstream time", f"envoy_cluster_upstream_rq_time_bucket{{{cluster}}}", "ms"),
        stat("Healthy replicas", f"sum(envoy_cluster_membership_healthy{{{cluster}}})", "short",
             "Replicas passing Envoy's active health check", decimals=0),
        stat("Replicas scraped", f'sum(up{{job="{service}"}})', "short",
             "Replicas answering Prometheus", decimals=0),
        row(f"{service}: saturation"),
        timeseries("CPU", [(f'sum by (replica) (rate(process_cpu_seconds_total{{job="{service}"}}'
                            f"[{RATE}]))", "replica {{replica}}")], "percentunit", width=12),
        timeseries("Resident memory", [(f'process_resident_memory_bytes{{job="{service}"}}',
                                        "replica {{replica}}")], "bytes", width=12),
    ], f"RED metrics of {service}, generated from the topology", tags=("service", service))


dashboards = [red(service.name) for service in SERVICES]
