"""Prometheus for the local stack: its config (harness/prometheus_config.py for the local
site), its command line, and a connection to its HTTP API that fails clearly when nobody
answers."""
from __future__ import annotations

import shutil
from collections.abc import Mapping
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


def local_site(rules_dir: Path, exporters: Mapping[str, tuple[str, ...]] | None = None
               ) -> ScrapeSite:
    """The local stack's Prometheus: everything on loopback, rule files from `rules_dir`,
    Alertmanager and the probes beside it, and the exporters the stack runs (job ->
    addresses)."""
    return ScrapeSite(rule_files=str(Path(rules_dir).resolve() / RULE_FILE_GLOB), alerting=True,
                      probes=True, exporters=dict(exporters or {}))


def write(topology: Topology, path: Path, rules_dir: Path,
          exporters: Mapping[str, tuple[str, ...]] | None = None) -> Path:
    """Write the local stack's prometheus.yml for `topology` to `path`, loading rule files
    from `rules_dir`, sending alerts to the stack's Alertmanager and scraping its probes and
    `exporters`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    Path(rules_dir).mkdir(parents=True, exist_ok=True)
    config = prometheus_config.render(topology, local_site(rules_dir, exporters))
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def write_stack_config(topology: Topology, paths: RunPaths,
                       exporters: Mapping[str, tuple[str, ...]] | None = None) -> Path:
    """The run's prometheus.yml and its SLO rule files (from slo/*.yaml); return the config."""
    rules.write_rules(loader.load_dir(), rules_dir(paths))
    return write(topology, config_path(paths), rules_dir(paths), exporters)


def binary() -> str:
    """The Prometheus server binary of the system package."""
    return shutil.which("prometheus") or "/usr/bin/prometheus"


def command(binary: str, config: Path, data_dir: Path, port: int) -> list[str]:
    """The argv of a Prometheus on 127.0.0.1:`port`, with live reload for new rules."""
    return [str(binary), f"--config.file={config}", f"--storage.tsdb.path={data_dir}",
            f"--web.listen-address=127.0.0.1:{port}", "--web.enable-lifecycle",
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


def reload(base_url: str) -> None:
    """Ask a running Prometheus to re-read its config and rule files."""
    import requests

    try:
        requests.post(f"{base_url.rstrip('/')}/-/reload", timeout=10).raise_for_status()
    except requests.RequestException as exc:
        raise PrometheusUnreachable(f"could not reload Prometheus at {base_url}: {exc}") from exc
