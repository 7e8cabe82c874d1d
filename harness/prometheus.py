"""Prometheus for the local stack: its config rendered from the topology, its command line,
and a connection to its HTTP API that fails clearly when nobody answers."""
from __future__ import annotations

import shutil
from pathlib import Path

import requests
import yaml
from prometheus_api_client import PrometheusConnect
from urllib3.util.retry import Retry

from harness.alerting import supervised
from harness.paths import RunPaths
from harness.slo import loader, rules
from harness.stack.options import StackOptions
from harness.topology import Topology

RULE_FILE_GLOB = "*.yml"


class PrometheusUnreachable(RuntimeError):
    """Nobody answers at the Prometheus URL."""


def scrape_configs(topology: Topology) -> list[dict]:
    """Prometheus itself, Envoy's admin stats, and one job per service (a target per replica)."""
    jobs = [
        {"job_name": "prometheus",
         "static_configs": [{"targets": [f"127.0.0.1:{topology.prometheus_port}"]}]},
        {"job_name": "envoy", "metrics_path": "/stats/prometheus",
         "static_configs": [{"targets": [f"127.0.0.1:{topology.admin_port}"]}]},
    ]
    for service in topology.services:
        targets = [{"targets": [endpoint.address],
                    "labels": {"service": service.name, "replica": str(endpoint.replica)}}
                   for endpoint in topology.endpoints(service.name)]
        # honor_labels: the RED metrics carry `service` themselves; keep it as it is.
        jobs.append({"job_name": service.name, "honor_labels": True, "static_configs": targets})
    return jobs


def render(topology: Topology, rules_dir: Path) -> dict:
    """The prometheus.yml content: scrape and evaluate every scrape interval, load the rules."""
    interval = f"{topology.scrape_interval_s}s"
    return {
        "global": {"scrape_interval": interval, "scrape_timeout": interval,
                   "evaluation_interval": interval},
        "rule_files": [str(Path(rules_dir).resolve() / RULE_FILE_GLOB)],
        "scrape_configs": scrape_configs(topology),
    }


def write(topology: Topology, path: Path, rules_dir: Path) -> Path:
    """Write the local stack's prometheus.yml for `topology` to `path`, loading rule files
    from `rules_dir`, sending alerts to the stack's Alertmanager and scraping its probes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    Path(rules_dir).mkdir(parents=True, exist_ok=True)
    content = supervised.with_alerting(render(topology, rules_dir), topology)
    path.write_text(yaml.safe_dump(content, sort_keys=False))
    return path


def write_stack_config(topology: Topology, paths: RunPaths) -> Path:
    """The run's prometheus.yml and its SLO rule files (from slo/*.yaml); return the config."""
    rules.write_rules(loader.load_dir(), rules_dir(paths))
    return write(topology, config_path(paths), rules_dir(paths))


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


def default_url() -> str:
    """The Prometheus of the stack in the default run directory."""
    return url(StackOptions.load(RunPaths.default()).topology())


def connect(base_url: str, timeout: float = 10.0) -> PrometheusConnect:
    """A client for `base_url`, checked to answer; PrometheusUnreachable when it does not."""
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
    try:
        requests.post(f"{base_url.rstrip('/')}/-/reload", timeout=10).raise_for_status()
    except requests.RequestException as exc:
        raise PrometheusUnreachable(f"could not reload Prometheus at {base_url}: {exc}") from exc
