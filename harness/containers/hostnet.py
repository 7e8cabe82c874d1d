"""The host's network as dockerd could change it (iptables, IPv4 forwarding, its bridges):
a snapshot taken before dockerd starts, compared and put back after it stops."""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

TOOLS = {"iptables": ("iptables-save", "iptables-restore"),
         "ip6tables": ("ip6tables-save", "ip6tables-restore")}
IP_FORWARD = Path("/proc/sys/net/ipv4/ip_forward")
COUNTERS = re.compile(r"\s*\[\d+:\d+\]")
DOCKER_LINK = re.compile(r"^(docker0|br-[0-9a-f]{12})$")  # the default bridge, a network's


@dataclass
class NetworkState:
    """iptables and ip6tables as saved, IPv4 forwarding, and the names of the host's links."""

    tables: dict[str, str] = field(default_factory=dict)
    ip_forward: str = ""
    links: list[str] = field(default_factory=list)


def saved(family: str) -> str:
    """The rules of `family` as its save tool prints them; empty when the tool is missing."""
    tool = shutil.which(TOOLS[family][0])
    if tool is None:
        return ""
    return subprocess.run([tool], capture_output=True, text=True, check=True).stdout


def normalised(rules: str) -> list[str]:
    """Rules without comments and packet counters: what a change would show."""
    return [COUNTERS.sub("", line) for line in rules.splitlines()
            if line.strip() and not line.startswith("#")]


def links() -> list[str]:
    """The names of the root namespace's network links."""
    listing = subprocess.run(["ip", "-o", "link", "show"], capture_output=True, text=True,
                             check=True).stdout
    return sorted(line.split(":")[1].strip().split("@")[0] for line in listing.splitlines())


def snapshot() -> NetworkState:
    """The host's network as it is now."""
    forward = IP_FORWARD.read_text().strip() if IP_FORWARD.exists() else ""
    return NetworkState({family: saved(family) for family in TOOLS}, forward, links())


def changes(before: NetworkState, after: NetworkState) -> list[str]:
    """What differs between two snapshots, each named for a person to read."""
    found = [f"{family} rules" for family in TOOLS
             if normalised(before.tables.get(family, "")) != normalised(after.tables[family])]
    if before.ip_forward != after.ip_forward:
        found.append(f"net.ipv4.ip_forward {before.ip_forward} -> {after.ip_forward}")
    found += [f"link {name}" for name in new_docker_links(before, after)]
    return found


def new_docker_links(before: NetworkState, after: NetworkState) -> list[str]:
    """Bridges of dockerd's naming that appeared since `before`."""
    return [name for name in after.links if DOCKER_LINK.match(name) and name not in before.links]


def tables_of(rules: str) -> list[str]:
    """The tables (`*filter`, `*nat`...) a saved ruleset declares."""
    return [line[1:] for line in rules.splitlines() if line.startswith("*")]


def restore_input(before: str, after: str) -> str:
    """The ruleset to restore: `before`, plus an empty (flushing) block per table added since."""
    added = [table for table in tables_of(after) if table not in tables_of(before)]
    return before + "".join(f"*{table}\nCOMMIT\n" for table in added)


def restore(before: NetworkState, after: NetworkState) -> list[str]:
    """Put back whatever differs from `before`; return what was put back."""
    put_back = []
    for family, (_, restore_tool) in TOOLS.items():
        if normalised(before.tables.get(family, "")) != normalised(after.tables[family]):
            subprocess.run([restore_tool], input=restore_input(before.tables.get(family, ""),
                                                                after.tables[family]),
                           text=True, check=True)
            put_back.append(f"{family} rules")
    if before.ip_forward and before.ip_forward != after.ip_forward:
        IP_FORWARD.write_text(before.ip_forward + "\n")
        put_back.append(f"net.ipv4.ip_forward = {before.ip_forward}")
    for name in new_docker_links(before, after):
        subprocess.run(["ip", "link", "delete", name], capture_output=True, check=True)
        put_back.append(f"removed link {name}")
    return put_back
