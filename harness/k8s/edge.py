"""Envoy as the edge and the mesh: its Deployment, and the Services in front of it."""
from __future__ import annotations

from harness.containers.configs import ENVOY_FILE
from harness.containers.images import ENVOY, image_reference
from harness.containers.topology import ENVOY_HOST, ENVOY_STATS_HOST
from harness.k8s import objects
from harness.model.edge import KUBERNETES_PUBLIC_SERVICE
from harness.model.topology import ENVOY_STATS_PORT, Topology

COMPONENT = "edge"
PUBLIC_SERVICE = KUBERNETES_PUBLIC_SERVICE
CONFIG_MAP = "envoy-config"  # from configMapGenerator, so a new config rolls the pods
ARGS = ["-c", f"/etc/envoy/{ENVOY_FILE}", "--concurrency", "2", "--log-level", "warn",
        "--disable-hot-restart"]


def deployment(topology: Topology) -> dict:
    """Envoy's pods: ready when its admin says so (through the stats listener)."""
    main = objects.container(
        ENVOY, image_reference(ENVOY), ENVOY, args=ARGS,
        ports=[{"name": "public", "containerPort": topology.public_port, "protocol": "TCP"},
               {"name": "mesh", "containerPort": topology.mesh_port, "protocol": "TCP"},
               {"name": "stats", "containerPort": ENVOY_STATS_PORT, "protocol": "TCP"}],
        readinessProbe=objects.http_probe("/ready", "stats", 5),
        livenessProbe={"tcpSocket": {"port": "stats"}, "periodSeconds": 10,
                       "timeoutSeconds": 2, "failureThreshold": 3},
        volumeMounts=[{"name": "config", "mountPath": "/etc/envoy", "readOnly": True},
                      objects.TMP_MOUNT])
    volumes = [{"name": "config", "configMap": {"name": CONFIG_MAP}}, objects.TMP_VOLUME]
    return objects.stateless(ENVOY, COMPONENT, main, volumes)


def edge_objects(topology: Topology) -> list[dict]:
    """The Deployment; `envoy` (the mesh), `envoy-public` (shoppers), `envoy-stats` (scrapes)."""
    return [
        deployment(topology),
        objects.service(ENVOY_HOST, COMPONENT, [objects.port("mesh", topology.mesh_port)],
                        target=ENVOY),
        objects.service(PUBLIC_SERVICE, COMPONENT,
                        [objects.port("public", topology.public_port)], target=ENVOY),
        objects.service(ENVOY_STATS_HOST, COMPONENT, [objects.port("stats", ENVOY_STATS_PORT)],
                        headless=True, target=ENVOY),
    ]
