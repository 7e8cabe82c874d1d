"""Prometheus for the local stack: its config (harness/prometheus_config.py for the local
site), its command line, and a connection to its HTTP API that fails clearly when nobody
answers."""
from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from harness import prometheus_config
from harness.model.topology import Topology
from harness.paths import RunPaths
from harness.prometheus_config import RULE_FILE_GLOB, ScrapeSite
from harness.slo import loader, rules

if TYPE_CHECKING:
    from prometheus_api_client import PrometheusConnect


class PrometheusUnreachable(RuntimeError):
    """Nobody answers at the Prometheus URL."""


def local_site(rules_dir: Path, exporters: Mapping[str, tuple[str, ...]] | None = None,
               canary_dir: Path | None = None) -> ScrapeSite:
    """The local stack's Prometheus: everything on loopback, rule files from `rules_dir`,
    Alertmanager and the probes beside it, the exporters the stack runs (job -> addresses)
    and running canaries from the files of `canary_dir`."""
    canaries = str(Path(canary_dir).resolve() / "*.json") if canary_dir else ""
    return ScrapeSite(rule_files=str(Path(rules_dir).resolve() / RULE_FILE_GLOB), alerting=True,
                      probes=True, exporters=dict(exporters or {}), canary_files=canaries)


def canary_dir(paths: RunPaths) -> Path:
    """Where a release names its running canaries for Prometheus (one JSON file each)."""
    return paths.root / "releases" / "targets"


def write(topology: Topology, path: Path, rules_dir: Path,
          exporters: Mapping[str, tuple[str, ...]] | None = None,
          canaries: Path | None = None) -> Path:
    """Write the local stack's prometheus.yml for `topology` to `path`, loading rule files
    from `rules_dir`, sending alerts to the stack's Alertmanager and scraping its probes and
    `exporters`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    Path(rules_dir).mkdir(parents=True, exist_ok=True)
    config = prometheus_config.render(topology, local_site(rules_dir, exporters, canaries))
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def write_stack_config(topology: Topology, paths: RunPaths,
                       exporters: Mapping[str, tuple[str, ...]] | None = None) -> Path:
    """The run's prometheus.yml and its SLO rule files (from slo/*.yaml); return the config."""
    rules.write_rules(loader.load_dir(), rules_dir(paths))
    canary_dir(paths).mkdir(parents=True, exist_ok=True)  # watched from Prometheus' start
    return write(topology, config_path(paths), rules_dir(paths), exporters, canary_dir(paths))


def binary() -> str:
    """The Prometheus server binary of the system package."""
    return shutil.which("prometheus") or "/usr/bin/prometheus"


def command(binary: str, config: Path, data_dir: Path, port: int) -> list[str]:
    """The argv of a Prometheus on 127.0.0.1:`port`; no lifecycle API (no reload or quit over
    HTTP): it re-reads its config and rules on SIGHUP, sent through the supervisor."""
    return [str(binary), f"--config.file={config}", f"--storage.tsdb.path={data_dir}",
            f"--web.listen-address=127.0.0.1:{port}",
            "--storage.tsdb.retention.time=31d", "--log.level=warn"]


def config_path(paths: RunPaths) -> Path:
    """Where the run's prometheus.yml lives."""
    return paths.root / "prometheus.yml"


def data_dir(paths: RunPaths) -> Path:
    """Where the run's Prometheus keeps its time series."""
    return paths.root / "prometheus"


def rules_dir(paths: RunPaths) -> Path:
    """Where the run's rule files (rendered from slo/*.yaml) live."""
    return paths.root / "rules"


def url(topology: Topology) -> str:
    """The base URL of the stack's Prometheus."""
    return f"http://127.0.0.1:{topology.prometheus_port}"


def health_url(topology: Topology) -> str:
    """The readiness endpoint the supervisor's health check should poll."""
    return f"{url(topology)}/-/ready"


def connect(base_url: str, timeout: float = 10.0) -> PrometheusConnect:
    """A client for `base_url`, checked to answer; PrometheusUnreachable when it does not."""
    import requests
    from prometheus_api_client import PrometheusConnect
    from urllib3.util.retry import Retry

    client = PrometheusConnect(url=base_url.rstrip("/"), retry=Retry(total=0), timeout=timeout)
    try:
        answered = client.check_prometheus_connection()
    except requests.RequestException as exc:
        kind = type(exc).__name__
        raise PrometheusUnreachable(f"Prometheus at {base_url} is unreachable ({kind}); "
                                    "is the stack up (`astroshop status`)?") from exc
    if not answered:
        raise PrometheusUnreachable(f"Prometheus at {base_url} answered with an error")
    return client


def runtime_info(base_url: str) -> dict:
    """Prometheus's runtime information (when it last loaded its config, and whether it could)."""
    import requests

    try:
        response = requests.get(f"{base_url.rstrip('/')}/api/v1/status/runtimeinfo", timeout=5)
        response.raise_for_status()
    except requests.RequestException as exc:
        raise PrometheusUnreachable(f"Prometheus at {base_url} did not answer: {exc}") from exc
    return response.json()["data"]


def reload(base_url: str, signal: Callable[[], object], timeout: float = 30.0) -> None:
    """Have a running Prometheus re-read its config and rule files: `signal` sends it SIGHUP
    (through its supervisor); wait until it reports a newer load, and a successful one."""
    before = runtime_info(base_url)["lastConfigTime"]
    signal()
    deadline = time.monotonic() + timeout
    while (info := runtime_info(base_url))["lastConfigTime"] == before:
        if time.monotonic() > deadline:
            raise PrometheusUnreachable(f"Prometheus at {base_url} did not reload within "
                                        f"{timeout:g} s of SIGHUP")
        time.sleep(0.1)
    if not info["reloadConfigSuccess"]:
        raise PrometheusUnreachable(f"Prometheus at {base_url} could not load its new config "
                                    "or rules; see `astroshop logs prometheus`")
