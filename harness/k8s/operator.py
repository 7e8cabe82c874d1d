"""The optional prometheus-operator component (k8s/components/prometheus-operator): for a
cluster whose Prometheus is run by the operator, ServiceMonitors that scrape what the bundled
Prometheus scrapes (every service's /metrics, Envoy's stats as job `envoy`) and a
PrometheusRule holding the recording and alerting rules rendered from slo/."""
from __future__ import annotations

from harness.containers import configs
from harness.containers.topology import ENVOY_STATS_HOST
from harness.envoy.stats import STATS_PATH
from harness.k8s import objects
from harness.model.topology import Topology
from harness.slo import loader, rules

COMPONENT_DIR = "components/prometheus-operator"
API = "monitoring.coreos.com/v1"
NAME = "prometheus-operator"


def interval(topology: Topology) -> str:
    """The scrape interval of the bundled Prometheus."""
    return f"{topology.scrape_interval_s}s"


def service_monitor(name: str, selector: dict, endpoint: dict) -> dict:
    """A ServiceMonitor of the Services matching `selector`, scraped through `endpoint`."""
    return {"apiVersion": API, "kind": "ServiceMonitor",
            "metadata": objects.metadata(name, "monitoring"),
            "spec": {"selector": {"matchLabels": selector}, "endpoints": [endpoint]}}


def monitors(topology: Topology) -> list[dict]:
    """Every service (job = its name, labels its own) and Envoy's stats listener (job envoy)."""
    services = service_monitor("astroshop-services", {"app.kubernetes.io/component": "service",
                                                      "app.kubernetes.io/part-of": "astroshop"},
                               {"port": "http", "path": "/metrics", "honorLabels": True,
                                "interval": interval(topology)})
    envoy = service_monitor("astroshop-envoy", objects.selector(ENVOY_STATS_HOST), {
        "port": "stats", "path": STATS_PATH, "interval": interval(topology),
        "relabelings": [{"action": "replace", "targetLabel": "job", "replacement": "envoy"}]})
    return [services, envoy]


def rule(topology: Topology) -> dict:
    """The SLO rules (the same groups as the bundled Prometheus's rules file)."""
    return {"apiVersion": API, "kind": "PrometheusRule",
            "metadata": objects.metadata("astroshop-slo", "monitoring"),
            "spec": {"groups": rules.render(loader.load_dir())["groups"]}}


def component_files(topology: Topology) -> dict[str, str]:
    """The component's files, by path relative to its folder."""
    kustomization = {"apiVersion": "kustomize.config.k8s.io/v1alpha1", "kind": "Component",
                     "resources": ["service-monitors.yaml", "prometheus-rule.yaml"]}
    return {"kustomization.yaml": configs.dump(kustomization),
            "service-monitors.yaml": "---\n".join(configs.dump(m) for m in monitors(topology)),
            "prometheus-rule.yaml": configs.dump(rule(topology))}
