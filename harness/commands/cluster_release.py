"""`astroshop cluster release SERVICE (--ref REF | --source DIR)` and `cluster release rollback
SERVICE`: the release of harness/release on the cluster's site (harness/cluster/release.py):
the canary on one app host through Ansible, weights on every Envoy, promotion host by host."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from harness.cluster.paths import ClusterPaths
from harness.cluster.release import ClusterSite
from harness.cluster.tools import ClusterError, require_root
from harness.commands.errors import fail, reported
from harness.commands.release import ERRORS, ReleaseGroup, build_options
from harness.exits import Exit
from harness.paths import REPO_ROOT
from harness.release import policy as policies
from harness.release.run import Request, release as run_release

console = Console()
CLUSTER_ERRORS = {**ERRORS, ClusterError: Exit.FAILED}


@click.group(cls=ReleaseGroup)
def release():
    """Release a service on the cluster: canary on one app host, steps, promote host by host;
    exit 0 promoted, 1 rolled back, 3 inconclusive."""


@release.command()
@build_options
@reported(CLUSTER_ERRORS)
def start(service, ref, repo, source, policy_file):
    """Build SERVICE, run its canary on one app host and release it step by step."""
    if (ref is None) == (source is None):
        fail("give exactly one of --ref and --source", Exit.USAGE)
    require_root()
    policy = policies.load(policy_file)
    result, folder = run_release(ClusterSite(ClusterPaths.default()),
                                 Request(service, policy, ref, source, repo), console)
    console.print(f"[bold]{result.decision}[/]: {result.reason}")
    console.print(f"report      {folder / 'release.html'}")
    click.echo(f"RUN_ID={result.run_id}")
    sys.exit(result.exit_code)


@release.command()
@click.argument("service")
@reported(CLUSTER_ERRORS)
def rollback(service):
    """Bring back the release SERVICE ran before, host by host through Ansible."""
    require_root()
    site = ClusterSite(ClusterPaths.default())
    site.topology().service(service)
    leaving, now = site.rollback(service)
    console.print(f"{service}: {leaving} -> {now} (rolled back on every host)")
