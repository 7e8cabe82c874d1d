"""What `cluster status` shows: every host's link and programs (asked over SSH), faults in
force, and the URLs the harness needs: the edge, Prometheus, Alertmanager and the receiver."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from harness.cluster import monitoring, netns, placement, remote
from harness.cluster.layout import HostLayout
from harness.cluster.model import Cluster, Host
from harness.cluster.paths import ClusterPaths
from harness.cluster.tools import ClusterError


def urls(cluster: Cluster) -> dict[str, str]:
    """The edge (the shop's entry point), Prometheus, Alertmanager and the webhook receiver,
    reachable from the root namespace."""
    topology = placement.topology(cluster)
    return {"edge_url": placement.edge_url(cluster, topology),
            "prometheus_url": placement.prometheus_url(cluster, topology),
            "alertmanager_url": monitoring.alertmanager_url(cluster, topology),
            "receiver_url": monitoring.receiver_url(cluster, topology)}


def programs(cluster: Cluster, host: Host) -> dict[str, str]:
    """program -> supervisor state on `host`, or {} when the host does not answer over SSH."""
    try:
        result = remote.ssh(cluster, host, [*HostLayout(host.host_dir).supervisorctl(), "status"],
                            timeout=15, check=False)
    except ClusterError:
        return {}
    return {parts[0]: parts[1] for parts in map(str.split, result.stdout.splitlines())
            if len(parts) >= 2}


def host_report(cluster: Cluster, host: Host) -> dict:
    """One host: identity, link state, fault, programs."""
    link = ("missing" if not netns.link_exists(host.namespace)
            else "up" if netns.link_up(host.namespace) else "down")
    fault = cluster.faults.get(host.name, "")
    return {"name": host.name, "roles": list(host.roles), "address": host.address,
            "namespace": host.namespace, "link": link, "fault": fault,
            "programs": programs(cluster, host) if link == "up" and not fault else {}}


def collect(paths: ClusterPaths) -> dict:
    """The whole report, as printed by `cluster status` (or as JSON with --json)."""
    cluster = Cluster.load(paths)
    return {**urls(cluster), "inventory": cluster.inventory, "ssh_key": cluster.ssh_key,
            "subnet": cluster.settings.subnet, "bridge": cluster.settings.bridge,
            "hosts": [host_report(cluster, host) for host in cluster.hosts]}


def print_report(console: Console, report: dict) -> None:
    """The report as a table of hosts, then the URLs."""
    table = Table("host", "roles", "address", "link", "programs running", "fault")
    for host in report["hosts"]:
        states = host["programs"]
        running = sum(1 for state in states.values() if state == "RUNNING")
        colour = "green" if states and running == len(states) else "red"
        table.add_row(host["name"], ",".join(host["roles"]), host["address"], host["link"],
                      f"[{colour}]{running}/{len(states)}[/]", host["fault"] or "-")
    console.print(table)
    console.print(f"edge       {report['edge_url']}/")
    console.print(f"prometheus {report['prometheus_url']}/")
    console.print(f"alerts     {report['alertmanager_url']}/ (receiver "
                  f"{report['receiver_url']}/notifications)")
    console.print(f"inventory  {report['inventory']}")


def print_summary(console: Console, cluster: Cluster) -> None:
    """After `up`: hosts with roles and addresses, and the URLs."""
    table = Table("host", "roles", "address", "namespace")
    for host in cluster.hosts:
        table.add_row(host.name, ",".join(host.roles), host.address, host.namespace)
    console.print(table)
    for name, url in urls(cluster).items():
        console.print(f"{name.removesuffix('_url'):<10} {url}/")
    console.print(f"ssh        ssh -i {cluster.ssh_key} root@<address>")
