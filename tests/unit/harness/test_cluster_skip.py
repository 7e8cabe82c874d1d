"""Without root the cluster suite never goes green silently: the run stops naming what to do,
unless ASTROSHOP_SKIP_CLUSTER=1 skips every test with that reason."""
import os
import subprocess
import sys

import pytest

from harness.paths import REPO_ROOT
from tests.cluster.session import NEEDS_ROOT

AS_NON_ROOT = ("import os, sys, pytest; os.geteuid = lambda: 1000; "
               "sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', '-rs', 'tests/cluster']))")


def as_non_root(**env: str) -> subprocess.CompletedProcess:
    """The cluster suite run by a process that believes it is not root."""
    clean = {k: v for k, v in os.environ.items() if k != "ASTROSHOP_SKIP_CLUSTER"}
    return subprocess.run([sys.executable, "-c", AS_NON_ROOT], cwd=REPO_ROOT, text=True,
                          capture_output=True, timeout=120, env={**clean, **env})


def test_without_root_the_cluster_suite_stops_and_says_what_to_do():
    result = as_non_root()
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout + result.stderr
    said = " ".join((result.stdout + result.stderr).split())
    assert NEEDS_ROOT in said and "ASTROSHOP_SKIP_CLUSTER=1" in said
    assert " passed" not in result.stdout and " skipped" not in result.stdout


def test_skipping_on_purpose_skips_every_test_with_that_reason():
    result = as_non_root(ASTROSHOP_SKIP_CLUSTER="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" not in result.stdout and " failed" not in result.stdout
    assert "SKIPPED" in result.stdout and "skipped on request (ASTROSHOP_SKIP_CLUSTER=1)" in \
        " ".join(result.stdout.split())
