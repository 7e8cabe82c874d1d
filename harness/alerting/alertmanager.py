"""Alertmanager's config rendered from the SLO policy: a route per severity, grouping by
objective, inhibition, and every receiver a webhook to the harness's receiver."""
from __future__ import annotations

from pathlib import Path

import yaml

from harness.paths import RunPaths
from harness.slo import edge, policy
from harness.model.topology import Topology

DEFAULT_RECEIVER = "astroshop-default"
GROUP_BY = ["alertname", "slo"]
TICKET_REPEAT_FACTOR = 6  # a ticket is re-sent six times less often than a page


def receiver_name(severity: str) -> str:
    """The receiver of one severity: `astroshop-page`, `astroshop-ticket`."""
    return f"astroshop-{severity}"


def severities() -> list[str]:
    """The severities of the policy, most urgent first (page, ticket)."""
    return list(dict.fromkeys(burn.severity for burn in policy.POLICY))


def hook_url(topology: Topology, receiver: str, receiver_host: str = "127.0.0.1") -> str:
    """Where the harness's receiver (on `receiver_host`) takes the notifications of one
    Alertmanager receiver."""
    return f"http://{receiver_host}:{topology.alert_receiver_port}/hooks/{receiver}"


def route(topology: Topology) -> dict:
    """The routing tree: everything grouped by objective, one branch per severity."""
    timing = topology.alert_timing
    routes = []
    for severity in severities():
        branch = {"receiver": receiver_name(severity), "matchers": [f'severity="{severity}"']}
        if severity != "page":
            branch["repeat_interval"] = f"{timing.repeat_interval_s * TICKET_REPEAT_FACTOR}s"
        routes.append(branch)
    return {"receiver": DEFAULT_RECEIVER, "group_by": GROUP_BY,
            "group_wait": f"{timing.group_wait_s}s",
            "group_interval": f"{timing.group_interval_s}s",
            "repeat_interval": f"{timing.repeat_interval_s}s", "routes": routes}


def inhibit_rules() -> list[dict]:
    """A page holds back its objective's ticket; the edge down holds back per-service pages."""
    return [
        {"source_matchers": ['severity="page"'], "target_matchers": ['severity="ticket"'],
         "equal": ["slo"]},
        {"source_matchers": [f'alertname="{edge.EDGE_DOWN}"'],
         "target_matchers": ['severity="page"', 'service=~".+"']},
    ]


def render(topology: Topology, receiver_host: str = "127.0.0.1") -> dict:
    """The alertmanager.yml content for `topology`, notifying the receiver on
    `receiver_host` (beside Alertmanager by default)."""
    names = [DEFAULT_RECEIVER, *(receiver_name(s) for s in severities())]
    receivers = [{"name": name, "webhook_configs": [
        {"url": hook_url(topology, name, receiver_host), "send_resolved": True}]}
        for name in names]
    return {"route": route(topology), "inhibit_rules": inhibit_rules(), "receivers": receivers}


def write(topology: Topology, path: Path) -> Path:
    """Write alertmanager.yml for `topology` to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(render(topology), sort_keys=False))
    return path


def config_path(paths: RunPaths) -> Path:
    """Where the run's alertmanager.yml lives."""
    return paths.root / "alertmanager.yml"


def binary() -> str:
    """The Alertmanager binary of the Debian package `prometheus-alertmanager` (the same path
    on this machine, the cluster's hosts and the project's Prometheus image)."""
    return "/usr/bin/prometheus-alertmanager"


def command(config: Path | str, data_dir: Path | str, listen: str) -> list[str]:
    """Alertmanager on `listen` (`host:port`), alone (no cluster gossip port)."""
    return [binary(), f"--config.file={config}", f"--storage.path={data_dir}",
            f"--web.listen-address={listen}", "--cluster.listen-address=",
            "--log.level=warn"]


def url(topology: Topology) -> str:
    """The base URL of the stack's Alertmanager."""
    return f"http://127.0.0.1:{topology.alertmanager_port}"


def prometheus_alerting(address: str) -> dict:
    """The `alerting:` block of prometheus.yml: send alerts to the Alertmanager at `address`
    (`host:port`)."""
    return {"alertmanagers": [{"api_version": "v2", "static_configs": [
        {"targets": [address]}]}]}
