"""Without root the cluster suite is skipped, every test with the reason a person needs."""
import subprocess
import sys

from harness.paths import REPO_ROOT
from tests.cluster.session import NEEDS_ROOT

AS_NON_ROOT = ("import os, sys, pytest; os.geteuid = lambda: 1000; "
               "sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', '-rs', 'tests/cluster']))")


def test_the_cluster_suite_is_skipped_without_root_and_says_why():
    result = subprocess.run([sys.executable, "-c", AS_NON_ROOT], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" not in result.stdout and " failed" not in result.stdout
    assert "SKIPPED" in result.stdout and NEEDS_ROOT in result.stdout
