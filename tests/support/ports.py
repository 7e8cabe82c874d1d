"""The one port allocator of the test suites: a port offset for a whole stack, or one port for
a server, each free when handed out and held until released (or the process ends).

Holding is an fcntl lock on one file per port under a temporary directory every test run on
the machine shares, so two sessions, two xdist workers or two modules of one session never get
a port in common, whatever offsets they use. Stacks get offsets from 10000 up, single ports come
from 32767 down: below the kernel's ephemeral range (outgoing connections never take them) and
clear of the default stacks' ports (offset 0 and $ASTROSHOP_PORT_OFFSET).
"""
from __future__ import annotations

import errno
import fcntl
import os
import socket
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from harness.load.locustcmd import MASTER_PORT
from harness.model.topology import ENVOY_STATS_PORT, LOCUST_WEB_PORT, Topology
from harness.stack.options import default_port_offset

LOCK_DIR = Path(tempfile.gettempdir()) / "astroshop-ports"
HIGHEST_PORT = 32767  # the kernel hands out 32768 and up to outgoing connections
FIRST_OFFSET, OFFSET_STEP = 10000, 100  # above the small offsets people give their own stacks
SINGLE_PORTS = range(HIGHEST_PORT, 24000, -1)  # single ports, from the top down


class NoFreePorts(RuntimeError):
    """Every candidate was busy or held by another test."""


def stack_ports(offset: int) -> set[int]:
    """Every port a local stack at `offset` may listen on: each service at nine replicas,
    Envoy, Prometheus, Alertmanager and its receiver, the probes, Locust's UI and master."""
    topology = Topology()
    most = topology.with_replicas({name: 9 for name in topology.names()}).shifted(offset)
    extra = {LOCUST_WEB_PORT, MASTER_PORT, ENVOY_STATS_PORT}
    return set(most.ports().values()) | {port + offset for port in extra}


def reserved() -> set[int]:
    """The ports of the default stacks, which tests never take."""
    return stack_ports(0) | stack_ports(default_port_offset())


def _lock_file(port: int) -> int:
    """An open descriptor on the port's lock file (created readable by every user)."""
    if not LOCK_DIR.is_dir():
        LOCK_DIR.mkdir(exist_ok=True)
        LOCK_DIR.chmod(0o1777)  # shared by every user's test runs, as /tmp is
    path = LOCK_DIR / f"{port}.lock"
    try:
        return os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_EXCL, 0o444)
        except FileExistsError:
            return os.open(path, os.O_RDONLY)
        os.fchmod(fd, 0o444)
        return fd


def _bindable(port: int) -> bool:
    """Whether nothing listens on (or otherwise holds) 127.0.0.1:`port`."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@dataclass
class Lease:
    """Ports held for a test until `release` (a context manager releases on exit)."""

    ports: tuple[int, ...]
    offset: int = 0  # of a stack's lease; 0 for a single port
    fds: list[int] = field(default_factory=list, repr=False)

    @property
    def port(self) -> int:
        """The first (for a single-port lease, the only) port."""
        return self.ports[0]

    def release(self) -> None:
        """Let the ports go: another test may take them."""
        for fd in self.fds:
            os.close(fd)  # closing the last descriptor drops the lock
        self.fds.clear()

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def hold(ports: set[int] | tuple[int, ...], offset: int = 0) -> Lease | None:
    """A lease on every one of `ports` if each is unheld and free; None, holding nothing, else."""
    lease = Lease(tuple(sorted(ports)), offset)
    for port in lease.ports:
        fd = _lock_file(port)
        lease.fds.append(fd)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EACCES):
                raise
            lease.release()
            return None
        if not _bindable(port):
            lease.release()
            return None
    return lease


def stack_offset() -> Lease:
    """A port offset whose every stack port is free, held, and no default stack's."""
    taken = reserved()
    offset = FIRST_OFFSET
    while max(stack_ports(offset)) <= HIGHEST_PORT:
        ports = stack_ports(offset)
        if not ports & taken and (lease := hold(ports, offset)) is not None:
            return lease
        offset += OFFSET_STEP
    raise NoFreePorts(f"no port offset with every stack port free under {HIGHEST_PORT} "
                      f"(locks in {LOCK_DIR})")


def single_port() -> Lease:
    """One free port, held (for a server a test starts, or one that must stay closed)."""
    taken = reserved()
    for port in SINGLE_PORTS:
        if port not in taken and (lease := hold((port,))) is not None:
            return lease
    raise NoFreePorts(f"no free single port in {SINGLE_PORTS} (locks in {LOCK_DIR})")
