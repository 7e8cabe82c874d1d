"""The processes of a local stack, built from the topology model."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from harness import prometheus
from harness.alerting import supervised
from harness.paths import RunPaths
from harness.stack.options import StackOptions, secret_key
from harness.model.environment import service_environment
from harness.model.services import Service
from harness.model.topology import Topology

BIN = Path(sys.executable).parent
# Go's garbage collector runs when the heap has grown by GOGC percent (100 by default): at 50,
# Prometheus holds about 11 MB less (measured side by side on a stack's scrapes, 66 MB against
# 77 MB after three minutes) for a little more of a CPU it barely uses.
PROMETHEUS_ENV = {"GOGC": "50"}


@dataclass(frozen=True)
class ProcessSpec:
    """One supervised process: how to start it and how to tell it is healthy."""

    name: str
    command: list[str]
    port: int
    health_url: str
    kind: str
    service: str = ""
    env: dict[str, str] = field(default_factory=dict)


def gunicorn_command(service: Service, port: int, host: str) -> list[str]:
    """Gunicorn with the shared settings, bound to one replica's port."""
    return [str(BIN / "gunicorn"), "-c", "python:shop.common.gunicorn_conf",
            "--bind", f"{host}:{port}", "--workers", str(service.workers),
            "--threads", str(service.threads), "--reuse-port",
            "--name", f"astroshop-{service.name}", f"shop.{service.name}:create_app()"]


def service_processes(topology: Topology, paths: RunPaths,
                      options: StackOptions) -> list[ProcessSpec]:
    """One gunicorn process per replica of every service."""
    specs = []
    secret = secret_key(paths)
    for service in topology.services:
        for endpoint in topology.endpoints(service.name):
            env = service_environment(
                topology, service, endpoint.replica,
                database_url=options.database_for(paths, service.name),
                redis_url=options.redis_url, secret_key=secret,
                flags_file=str(paths.flags), signing_keys=str(paths.signing_keys))
            env["PROMETHEUS_MULTIPROC_DIR"] = str(paths.metrics / endpoint.name)
            specs.append(ProcessSpec(
                endpoint.name, gunicorn_command(service, endpoint.port, endpoint.host),
                endpoint.port, f"http://{endpoint.address}/readyz", "service", service.name, env))
    return specs


def envoy_process(topology: Topology, paths: RunPaths) -> ProcessSpec:
    """Envoy, one thread on two cores, with a base id of its own."""
    command = [str(BIN / "envoy"), "-c", str(paths.envoy_conf), "--concurrency", "1",
               "--base-id", str(topology.public_port), "--log-level", "warn",
               "--drain-time-s", "1"]
    return ProcessSpec("envoy", command, topology.public_port,
                       f"http://127.0.0.1:{topology.admin_port}/ready", "envoy")


def prometheus_process(topology: Topology, paths: RunPaths) -> ProcessSpec:
    """Prometheus from the system package, its data and rules in the run directory."""
    command = prometheus.command(prometheus.binary(), prometheus.config_path(paths),
                                 prometheus.data_dir(paths), topology.prometheus_port)
    return ProcessSpec("prometheus", command, topology.prometheus_port,
                       prometheus.health_url(topology), "prometheus", env=dict(PROMETHEUS_ENV))


def all_processes(topology: Topology, paths: RunPaths, options: StackOptions) -> list[ProcessSpec]:
    """Every process of the stack: services, Envoy, Prometheus, the alerting ones, then the
    exporters of the stores it was given."""
    stores = supervised.exporter_processes(topology, options.database_url, options.redis_url)
    return [*service_processes(topology, paths, options), envoy_process(topology, paths),
            prometheus_process(topology, paths),
            *(ProcessSpec(**fields) for fields in supervised.processes(topology, paths)),
            *(ProcessSpec(**fields) for fields in stores)]
