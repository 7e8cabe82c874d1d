"""The cluster suite: one three-host cluster for the session (Terraform, Ansible, sshd in
network namespaces), destroyed at the end. Skipped, with that reason, without root."""
import os
import shutil
import time

import pytest

from harness.certs import trust
from harness.certs.files import TlsDir
from harness.cluster.paths import ClusterPaths
from tests.cluster import session


def pytest_collection_modifyitems(config, items):
    if os.geteuid() != 0:
        for item in items:
            item.add_marker(pytest.mark.skip(reason=session.NEEDS_ROOT))


@pytest.fixture(scope="session")
def cluster_root():
    """The run directory; `cluster up` in it; `cluster down` afterwards if a test did not."""
    root = session.run_dir()
    made = session.settings()
    started = time.monotonic()
    result = session.astroshop(root, "cluster", "up", "--hosts", str(made.host_count),
                               "--subnet", made.subnet, "--bridge", made.bridge,
                               "--prefix", made.name_prefix)
    print(f"\ncluster up: {time.monotonic() - started:.1f}s wall time\n{result.stdout}")
    os.environ[trust.CA_ENV] = str(TlsDir(root / "tls").ca_cert)  # the edge's CA, for clients
    try:
        assert result.returncode == 0, result.stdout + result.stderr
        yield root
    finally:
        os.environ.pop(trust.CA_ENV, None)
        if ClusterPaths(root / "cluster").state.exists():
            down = session.astroshop(root, "cluster", "down")
            print(f"cluster down after the suite: {down.stdout}{down.stderr}")
        if ClusterPaths(root / "cluster").state.exists():
            print(f"kept {root}: finish with `ASTROSHOP_RUN_DIR={root} astroshop cluster down`")
        else:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def paths(cluster_root) -> ClusterPaths:
    return ClusterPaths(cluster_root / "cluster")
