"""The expectations `astroshop cluster deploy` wrote into each host's inventory variables."""
from __future__ import annotations


def of(host) -> dict:
    """The `astroshop_checks` variable of a testinfra host."""
    return host.ansible.get_variables()["astroshop_checks"]


def supervisor_states(host) -> dict[str, str]:
    """program -> state from the host's own supervisor."""
    result = host.run(" ".join([*of(host)["supervisorctl"], "status"]))
    states = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            states[parts[0]] = parts[1]
    return states
