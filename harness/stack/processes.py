"""The processes of a local stack, built from the topology model."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from harness import prometheus
from harness.envoy.stats import READY_PATH
from harness.alerting import supervised
from harness.paths import REPO_ROOT, RunPaths, private_dir, write_private
from harness.stack import builds
from harness.stack.options import StackOptions, secret_key
from harness.model.environment import by_reference, secrets_of, service_environment
from harness.model.services import SERVE, Service
from harness.model.topology import Endpoint, Topology

BIN = Path(sys.executable).parent
# The local runner's own: the checkout's build, for processes that run the checkout's code
# (a release's code carries its BUILD.json, as the cluster's code archive does).
CHECKOUT_BUILD_VARIABLES = ("ASTROSHOP_BUILD_VERSION", "ASTROSHOP_BUILD_COMMIT")
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
    directory: Path = REPO_ROOT  # where it runs (a release's code directory, else the checkout)


def replica_args(service: Service, port: int, host: str) -> list[str]:
    """The interpreter's arguments for one replica: gunicorn's options with the shared
    settings, bound to the replica's port."""
    return [*SERVE, "-c", "python:shop.common.gunicorn_conf",
            "--bind", f"{host}:{port}", "--workers", str(service.workers),
            "--threads", str(service.threads), "--reuse-port",
            "--name", f"astroshop-{service.name}", f"shop.{service.name}:create_app()"]


def replica_command(service: Service, port: int, host: str) -> list[str]:
    """One replica's command line under this interpreter."""
    return [sys.executable, *replica_args(service, port, host)]


def replica_environment(topology: Topology, paths: RunPaths, options: StackOptions,
                        service: Service, replica: int) -> dict[str, str]:
    """One replica's ASTROSHOP_* variables, secrets in clear (see `write_secrets`)."""
    return service_environment(topology, service, replica,
                               database_url=options.database_for(paths, service.name),
                               redis_url=options.redis_url, secret_key=secret_key(paths),
                               flags_file=str(paths.flags),
                               signing_keys=str(paths.signing_keys))


def write_secrets(topology: Topology, paths: RunPaths, options: StackOptions) -> None:
    """Every service's secrets into its own files, created 0600 in folders made 0700."""
    for service in topology.services:
        env = replica_environment(topology, paths, options, service, 0)
        for variable, value in secrets_of(env).items():
            path = paths.secret_file(service.name, variable)
            private_dir(path.parent)
            write_private(path, value)


def replica_process(topology: Topology, paths: RunPaths, options: StackOptions,
                    service: Service, endpoint: Endpoint, release: str) -> ProcessSpec:
    """One replica process for `endpoint`, secrets named by file: the checkout's code (its
    build passed in the environment; CHECKOUT), or release `release`'s code directory (its
    BUILD.json names it)."""
    env = by_reference(
        replica_environment(topology, paths, options, service, endpoint.replica),
        lambda variable, name=service.name: str(paths.secret_file(name, variable)))
    env["PROMETHEUS_MULTIPROC_DIR"] = str(paths.metrics / endpoint.name)
    directory = REPO_ROOT
    if release:
        directory = builds.code_dir(paths, service.name, release)
        env["PYTHONPATH"] = str(directory)
    else:
        build = builds.checkout_build()
        env.update(zip(CHECKOUT_BUILD_VARIABLES, (build["version"], build["commit"])))
    return ProcessSpec(endpoint.name, replica_command(service, endpoint.port, endpoint.host),
                       endpoint.port, f"http://{endpoint.address}/readyz", "service",
                       service.name, env, directory)


def service_processes(topology: Topology, paths: RunPaths,
                      options: StackOptions) -> list[ProcessSpec]:
    """One process per replica of every service, on its stable release's code;
    secrets named by file."""
    return [replica_process(topology, paths, options, service, endpoint,
                            builds.read(paths, service.name).stable)
            for service in topology.services for endpoint in topology.endpoints(service.name)]


def canary_processes(topology: Topology, paths: RunPaths, options: StackOptions,
                     service: str, release: str) -> list[ProcessSpec]:
    """The canary replicas of `service` on release `release`'s code, at the canary ports."""
    found = topology.service(service)
    return [replica_process(topology, paths, options, found, endpoint, release)
            for endpoint in topology.canary_endpoints(service)]


def envoy_process(topology: Topology, paths: RunPaths) -> ProcessSpec:
    """Envoy, one thread on two cores, with a base id of its own."""
    command = [str(BIN / "envoy"), "-c", str(paths.envoy_conf), "--concurrency", "1",
               "--base-id", str(topology.public_port), "--log-level", "warn",
               "--drain-time-s", "1"]
    return ProcessSpec("envoy", command, topology.public_port,
                       f"http://127.0.0.1:{topology.stats_port}{READY_PATH}", "envoy")


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
