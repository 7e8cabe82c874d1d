"""The test suites' port allocator (tests/support/ports.py): what it hands out is free, held
(by this process or another) until released, and never a default stack's."""
import socket
import subprocess
import sys

import pytest

from harness.load.locustcmd import LocustJob
from harness.model.topology import Topology
from harness.paths import REPO_ROOT
from tests.support import ports

HOLD_IN_ANOTHER_PROCESS = (
    "import sys; from tests.support import ports; lease = ports.stack_offset(); "
    "print(lease.offset, flush=True); sys.stdin.read()")


def test_a_stack_lease_covers_every_port_the_harness_derives_from_an_offset():
    with ports.stack_offset() as lease:
        topology = Topology().with_replicas({"catalog": 9, "checkout": 9}).shifted(lease.offset)
        job = LocustJob("", REPO_ROOT, workers=2, web=True, port_offset=lease.offset)
        assert set(topology.ports().values()) | {job.web_port, job.master_port} <= set(
            lease.ports)
        assert max(lease.ports) <= ports.HIGHEST_PORT


def test_two_leases_share_no_port_and_none_is_a_default_stacks(monkeypatch):
    monkeypatch.setenv("ASTROSHOP_PORT_OFFSET", "300")
    with ports.stack_offset() as first, ports.stack_offset() as second, \
            ports.single_port() as single:
        held = [set(first.ports), set(second.ports), {single.port}]
        assert not held[0] & held[1] and not (held[0] | held[1]) & held[2]
        assert not (held[0] | held[1] | held[2]) & (ports.stack_ports(0) | ports.stack_ports(300))


@pytest.mark.parametrize("where", ["first stack offset", "top single port"])
def test_a_stack_at_the_users_offset_is_never_handed_out_even_in_the_allocators_range(
        monkeypatch, where):
    # $ASTROSHOP_PORT_OFFSET on the allocator's first offset, or with its top port on the
    # allocator's first single port: both would be taken if the default stacks were not reserved
    offset = {"first stack offset": ports.FIRST_OFFSET,
              "top single port": ports.HIGHEST_PORT - max(ports.stack_ports(0))}[where]
    monkeypatch.setenv("ASTROSHOP_PORT_OFFSET", str(offset))
    with ports.stack_offset() as stack, ports.single_port() as single:
        assert stack.offset != offset
        assert not (set(stack.ports) | {single.port}) & ports.stack_ports(offset)


def test_a_released_lease_can_be_handed_out_again():
    lease = ports.single_port()
    lease.release()
    with ports.single_port() as again:
        assert again.port == lease.port


def test_a_port_something_listens_on_is_never_handed_out():
    with ports.single_port() as lease:
        busy = lease.port
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", busy))
        listener.listen()
        with ports.single_port() as other:
            assert other.port != busy


def test_what_another_process_holds_is_skipped_until_it_ends():
    holder = subprocess.Popen([sys.executable, "-c", HOLD_IN_ANOTHER_PROCESS], cwd=REPO_ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        theirs = int(holder.stdout.readline())
        with ports.stack_offset() as mine:
            assert mine.offset != theirs and not set(mine.ports) & ports.stack_ports(theirs)
    finally:
        holder.communicate("")
    again = ports.hold(ports.stack_ports(theirs), theirs)
    assert again is not None, "the holder's ports are free again once it ended"
    again.release()
