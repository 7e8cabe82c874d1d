"""The cluster suite: a three-host cluster (Terraform, Ansible, sshd in network namespaces) in
one run directory for the session, brought up by the first module that needs it (or again
after a module took it down), so every module also runs alone and in any order; destroyed at
the end. Root only: without root the run stops saying so, unless ASTROSHOP_SKIP_CLUSTER=1."""
import os
import shutil
import time

import pytest

from harness.certs import trust
from harness.certs.files import TlsDir
from harness.cluster.paths import ClusterPaths
from tests.cluster import session
from tests.support.privilege import require_root


def pytest_collection_modifyitems(config, items):
    require_root([item for item in items if "tests/cluster/" in str(item.path)],
                 "ASTROSHOP_SKIP_CLUSTER", session.NEEDS_ROOT)


@pytest.fixture(scope="session")
def cluster_dir():
    """The session's run directory; `cluster down` at the end if the cluster is still up."""
    root = session.run_dir()
    yield root
    if ClusterPaths(root / "cluster").state.exists():
        down = session.astroshop(root, "cluster", "down")
        print(f"cluster down after the suite: {down.stdout}{down.stderr}")
    if ClusterPaths(root / "cluster").state.exists():
        print(f"kept {root}: finish with `ASTROSHOP_RUN_DIR={root} astroshop cluster down`")
    else:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster_root(cluster_dir):
    """The run directory with the cluster up: `cluster up` unless it is up already."""
    if not ClusterPaths(cluster_dir / "cluster").state.exists():
        made = session.settings()
        started = time.monotonic()
        result = session.astroshop(cluster_dir, "cluster", "up", "--hosts", str(made.host_count),
                                   "--subnet", made.subnet, "--bridge", made.bridge,
                                   "--prefix", made.name_prefix)
        print(f"\ncluster up: {time.monotonic() - started:.1f}s wall time\n{result.stdout}")
        assert result.returncode == 0, result.stdout + result.stderr
    os.environ[trust.CA_ENV] = str(TlsDir(cluster_dir / "tls").ca_cert)  # the edge's CA
    yield cluster_dir
    os.environ.pop(trust.CA_ENV, None)


@pytest.fixture(scope="module")
def paths(cluster_root) -> ClusterPaths:
    return ClusterPaths(cluster_root / "cluster")
