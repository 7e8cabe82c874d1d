"""The cluster suite: a three-host cluster (Terraform, Ansible, sshd in network namespaces) in
one run directory for the session, brought up by the first module that needs it (or again
after a module took it down), with every fault an earlier module left healed, so every module
also runs alone and in any order; destroyed at the end whatever ended the run (tests/cluster/
teardown.py). Root only: without root the run stops saying so, unless ASTROSHOP_SKIP_CLUSTER=1."""
import os
import time
from pathlib import Path

import pytest

from harness.certs import trust
from harness.certs.files import TlsDir
from harness.cluster.model import Cluster
from harness.cluster.paths import ClusterPaths
from tests.cluster import session, teardown
from tests.support.stack import terminated_as_interrupt
from tests.support.privilege import require_root


def pytest_collection_modifyitems(config, items):
    require_root([item for item in items if "tests/cluster/" in str(item.path)],
                 "ASTROSHOP_SKIP_CLUSTER", session.NEEDS_ROOT)


@pytest.fixture(scope="session")
def cluster_dir():
    """The session's run directory, once what killed runs of this slot left is gone; at the end
    (after a failure, a timeout, Ctrl-C or SIGTERM too) the cluster goes down, even one whose
    `up` was cut short."""
    settings = session.settings()
    for done in teardown.sweep(settings):
        print(f"\nleft by an earlier run, taken down: {done}")
    if colliding := teardown.in_the_way(settings):
        pytest.fail(f"{', '.join(colliding)} already exist(s) with this run's names "
                    f"(ASTROSHOP_PORT_OFFSET slot); remove them or pick another offset")
    root = teardown.claim(session.run_dir())
    with terminated_as_interrupt():
        try:
            yield root
        finally:
            print(f"\nafter the suite: {teardown.finish(root, settings)}")


def recover_faults(root: Path) -> None:
    """Heal every host an earlier module left faulted (down or partitioned)."""
    for name in Cluster.load(ClusterPaths(root / "cluster")).faults:
        healed = session.astroshop(root, "cluster", "fault", "recover", name)
        assert healed.returncode == 0, healed.stdout + healed.stderr


@pytest.fixture(scope="module")
def cluster_root(cluster_dir):
    """The run directory with the cluster up and healthy: `cluster up` unless it is up already,
    else every fault an earlier module left recovered."""
    if not ClusterPaths(cluster_dir / "cluster").state.exists():
        made = session.settings()
        started = time.monotonic()
        result = session.astroshop(cluster_dir, "cluster", "up", "--hosts", str(made.host_count),
                                   "--subnet", made.subnet, "--bridge", made.bridge,
                                   "--prefix", made.name_prefix)
        print(f"\ncluster up: {time.monotonic() - started:.1f}s wall time\n{result.stdout}")
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        recover_faults(cluster_dir)
    os.environ[trust.CA_ENV] = str(TlsDir(cluster_dir / "tls").ca_cert)  # the edge's CA
    yield cluster_dir
    os.environ.pop(trust.CA_ENV, None)


@pytest.fixture(scope="module")
def paths(cluster_root) -> ClusterPaths:
    return ClusterPaths(cluster_root / "cluster")
