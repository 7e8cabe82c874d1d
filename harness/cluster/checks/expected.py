"""The expectations `astroshop cluster deploy` wrote into each host's inventory variables."""
from __future__ import annotations

import re

PID = re.compile(r"\bpid (\d+),")


def of(host) -> dict:
    """The `astroshop_checks` variable of a testinfra host."""
    return host.ansible.get_variables()["astroshop_checks"]


def supervisor_status(host) -> dict[str, tuple[str, int | None]]:
    """program -> (state, pid) from the host's own supervisor."""
    result = host.run(" ".join([*of(host)["supervisorctl"], "status"]))
    status = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            pid = PID.search(line)
            status[parts[0]] = (parts[1], int(pid.group(1)) if pid else None)
    return status
