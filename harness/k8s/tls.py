"""The production overlay's edge, TLS-only: its own Envoy config (HTTPS, plain HTTP only
redirecting) and SDS file, the certificate from a `kubernetes.io/tls` Secret the operator
makes, the HTTPS container port, and the load balancer answering on 443 and 80.

Kubernetes updates a mounted Secret by swapping the `..data` link inside the mount: the move
Envoy watches for (watched_directory), so a renewed certificate is served without a restart.
"""
from __future__ import annotations

from dataclasses import replace

from harness import envoy
from harness.containers.configs import ENVOY_FILE, dump
from harness.containers.topology import ENVOY_SITE
from harness.envoy.tls import TlsFiles, sds_resources
from harness.model.topology import Topology

TLS_SECRET = "envoy-tls"
CONFIG_DIR = "/etc/envoy"
TLS_DIR = f"{CONFIG_DIR}/tls"
SDS_FILE = "sds.yaml"
FILES = TlsFiles(sds=f"{CONFIG_DIR}/{SDS_FILE}", cert=f"{TLS_DIR}/tls.crt",
                 key=f"{TLS_DIR}/tls.key", watched=TLS_DIR)
SECRET_MODE = 0o440  # root and the pod's fsGroup (Envoy's user) may read the key


def config_files(topology: Topology, header: str) -> dict[str, str]:
    """The overlay's config/ files: Envoy's TLS-only bootstrap and its SDS file."""
    site = replace(ENVOY_SITE, tls=FILES, tls_only=True)
    return {f"config/{ENVOY_FILE}": header + dump(envoy.render(topology, site)),
            f"config/{SDS_FILE}": header + dump(sds_resources(FILES))}


def config_map(name: str) -> dict:
    """A configMapGenerator entry replacing the base's Envoy ConfigMap with the overlay's."""
    return {"name": name, "behavior": "replace",
            "files": [f"config/{ENVOY_FILE}", f"config/{SDS_FILE}"]}


def deployment_operations(topology: Topology) -> list[dict]:
    """Envoy's pod: the Secret mounted read-only where the SDS file says, the HTTPS port."""
    return [
        {"op": "add", "path": "/spec/template/spec/volumes/-",
         "value": {"name": "tls", "secret": {"secretName": TLS_SECRET,
                                             "defaultMode": SECRET_MODE}}},
        {"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts/-",
         "value": {"name": "tls", "mountPath": TLS_DIR, "readOnly": True}},
        {"op": "add", "path": "/spec/template/spec/containers/0/ports/-",
         "value": {"name": "https", "containerPort": topology.https_port, "protocol": "TCP"}},
    ]


def service_ports() -> list[dict]:
    """The load balancer's ports: 443 to Envoy's HTTPS listener, 80 to its redirect."""
    return [{"name": "https", "port": 443, "targetPort": "https", "protocol": "TCP"},
            {"name": "http", "port": 80, "targetPort": "public", "protocol": "TCP"}]
