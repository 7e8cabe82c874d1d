"""The cluster's own system users: one per service and one for Envoy, named from the cluster's
prefix (several clusters share the machine's /etc/passwd) and marked in their comment, so
`cluster down` removes exactly the users and groups its Ansible made, and nothing else."""
from __future__ import annotations

import grp
import pwd
import re
import subprocess
from dataclasses import dataclass, field

from harness.cluster import placement
from harness.cluster.model import Host, Settings
from harness.cluster.tools import ClusterError
from harness.model.topology import Topology

MAX_NAME = 32  # useradd's limit on a user name
NAME = re.compile(r"^[a-z_][a-z0-9_-]*$")
ENVOY = "envoy"


def name(settings: Settings, owner: str) -> str:
    """The user `owner` (a service, or Envoy) runs as in the cluster of `settings`."""
    found = f"{settings.name_prefix}{owner}"
    if len(found) > MAX_NAME or not NAME.match(found):
        raise ClusterError(f"the prefix {settings.name_prefix!r} makes the user name {found!r}: "
                           f"a user name is lowercase letters, digits, - and _, at most "
                           f"{MAX_NAME} characters; choose another --prefix")
    return found


def envoy(settings: Settings) -> str:
    """The user the cluster's Envoys run as."""
    return name(settings, ENVOY)


def every(settings: Settings, topology: Topology) -> list[str]:
    """Every user the cluster may make: one per service, and Envoy's (checks the prefix)."""
    return [name(settings, service) for service in topology.names()] + [envoy(settings)]


def on_host(settings: Settings, topology: Topology, host: Host) -> list[str]:
    """The users `host` needs: its replicas' services', and Envoy's where it runs one."""
    found = sorted({name(settings, e.service) for e in placement.replicas_on(topology, host)})
    return found + ([envoy(settings)] if placement.runs_envoy(host) else [])


def comment(settings: Settings) -> str:
    """The comment (GECOS) marking a user as this cluster's: the prefix is unique while up."""
    return f"astroshop cluster {settings.name_prefix}"


def owned(settings: Settings) -> list[str]:
    """The users on the machine that this cluster's Ansible made."""
    mark = comment(settings)
    return sorted(entry.pw_name for entry in pwd.getpwall() if entry.pw_gecos == mark)


def groups(users: list[str]) -> list[str]:
    """The groups named like `users` (useradd made one per user)."""
    known = {entry.gr_name for entry in grp.getgrall()}
    return [user for user in users if user in known]


@dataclass(frozen=True)
class Removal:
    """What `remove` deleted: the users it found, and ("user X" or "group X") the error of
    any deletion that failed."""

    users: list[str]
    errors: dict[str, str] = field(default_factory=dict)


def remove(settings: Settings) -> Removal:
    """Delete this cluster's users and the groups named like them (useradd made one each)."""
    users, errors = owned(settings), {}
    for user in users:
        errors[f"user {user}"] = run(["userdel", user])
    for group in groups(users):
        errors[f"group {group}"] = run(["groupdel", group])
    return Removal(users, {name: error for name, error in errors.items() if error})


def run(command: list[str]) -> str:
    """Run a user-database command; its error message, empty when it worked."""
    result = subprocess.run(command, capture_output=True, text=True)
    return "" if result.returncode == 0 else result.stderr.strip() or f"exit {result.returncode}"


def leftovers(settings: Settings, removal: Removal) -> list[str]:
    """This cluster's users and groups still on the machine (empty after a clean `down`)."""
    found = [f"user {user}" for user in owned(settings)]
    found += [f"group {group}" for group in groups(removal.users)]
    return [f"{item} ({removal.errors[item]})" if item in removal.errors else item
            for item in found]
