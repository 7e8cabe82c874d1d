"""Envoy's admin listener on loopback: the one client for the runtime (faults, release
weights), the stats and the clusters' health, failing with a message that says what to check."""
from __future__ import annotations

import requests

from harness.envoy.clusters import ADMIN_HOST
from harness.model.topology import Topology


class EnvoyAdminError(RuntimeError):
    """Envoy's admin did not answer or did not take the change."""


def admin(topology: Topology, method: str, path: str, **params) -> requests.Response:
    """Call Envoy's admin listener on loopback, with an error that says what to check."""
    url = f"http://{ADMIN_HOST}:{topology.admin_port}{path}"
    try:
        response = requests.request(method, url, params=params, timeout=5)
    except requests.RequestException as exc:
        raise EnvoyAdminError(f"Envoy's admin at {url} did not answer ({exc}); is the stack "
                              "up? (`astroshop status`)") from exc
    if response.status_code != 200:
        raise EnvoyAdminError(f"Envoy refused {method} {path}: {response.text.strip()[:200]}")
    return response


def runtime_modify(topology: Topology, values: dict[str, int]) -> None:
    """Set runtime keys in the admin layer, all in one call."""
    admin(topology, "POST", "/runtime_modify", **values)


def runtime(topology: Topology) -> dict[str, str]:
    """Every runtime key's final value."""
    entries = admin(topology, "GET", "/runtime").json().get("entries", {})
    return {key: entry.get("final_value") for key, entry in entries.items()}


def host_health(topology: Topology) -> dict[str, list[tuple[str, bool]]]:
    """cluster -> [(host:port, whether Envoy would send to it now)] for every cluster."""
    statuses = admin(topology, "GET", "/clusters", format="json").json()["cluster_statuses"]
    found = {}
    for cluster in statuses:
        hosts = []
        for host in cluster.get("host_statuses", []):
            health = host.get("health_status", {})
            failed = any(key.startswith("failed") and value for key, value in health.items())
            address = host["address"]["socket_address"]
            hosts.append((f"{address['address']}:{address['port_value']}",
                          not failed and health.get("eds_health_status") == "HEALTHY"))
        found[cluster["name"]] = hosts
    return found


def counters(topology: Topology, pattern: str) -> dict[str, int]:
    """Envoy's counters whose names match the regular expression `pattern`."""
    stats = admin(topology, "GET", "/stats", format="json", filter=pattern,
                  type="Counters").json()["stats"]
    return {entry["name"]: int(entry["value"]) for entry in stats if "value" in entry}
