"""Prometheus: a StatefulSet with the rendered scrape config and SLO rules, and its Service."""
from __future__ import annotations

from harness.containers.configs import APP_UID, server_args
from harness.containers.images import PROMETHEUS, image_reference
from harness.k8s import objects
from harness.k8s.objects import stateful_set, volume_claim
from harness.model.topology import Topology

NAME = "prometheus"
COMPONENT = "monitoring"
CONFIG_MAP = "prometheus-config"  # from configMapGenerator: prometheus.yml and the rules
STORAGE = "2Gi"


def prometheus(topology: Topology) -> dict:
    """Prometheus scraping every replica and evaluating the SLO rules."""
    port = topology.prometheus_port
    main = objects.container(
        NAME, image_reference(PROMETHEUS), NAME,
        args=server_args(port),
        ports=[{"name": "http", "containerPort": port, "protocol": "TCP"}],
        readinessProbe=objects.http_probe("/-/ready", "http", 5),
        livenessProbe=objects.http_probe("/-/healthy", "http", 10),
        volumeMounts=[{"name": "config", "mountPath": "/etc/prometheus", "readOnly": True},
                      {"name": "data", "mountPath": "/prometheus"}, objects.TMP_MOUNT])
    volumes = [{"name": "config", "configMap": {"name": CONFIG_MAP}}, objects.TMP_VOLUME]
    return stateful_set(NAME, COMPONENT, APP_UID, main, volumes,
                        volume_claim("data", STORAGE))


def monitoring_objects(topology: Topology) -> list[dict]:
    """The StatefulSet and its headless Service."""
    return [prometheus(topology),
            objects.service(NAME, COMPONENT, [objects.port("http", topology.prometheus_port)],
                            headless=True)]
