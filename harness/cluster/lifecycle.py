"""`cluster up | deploy | down`: Terraform makes the hosts, Ansible deploys the shop,
testinfra checks it; `down` destroys it all and proves nothing is left."""
from __future__ import annotations

import shutil
import subprocess
from contextlib import AbstractContextManager
from typing import Protocol

from harness.cluster import ansible, build, health, netns, terraform, tools, users, verify
from harness.cluster.model import Cluster, Settings
from harness.cluster.paths import ClusterPaths
from harness.model.topology import Topology


class Reporter(Protocol):
    """Where progress goes: a named step at a time, and the Ansible task within it."""

    def step(self, name: str) -> AbstractContextManager: ...

    def task(self, name: str) -> None: ...


def preflight() -> None:
    """Root, and the system programs the hosts run, or a message saying what to install."""
    tools.require_root()
    missing = tools.missing_programs()
    if missing:
        raise tools.ClusterError(f"missing: {', '.join(missing)}; run scripts/bootstrap.sh")


def up(settings: Settings, paths: ClusterPaths, reporter: Reporter) -> Cluster:
    """Provision the hosts, deploy the shop, verify every host; return the cluster."""
    preflight()
    users.every(settings, Topology())  # a prefix that makes no valid user name stops here
    if paths.state.exists():
        raise tools.ClusterError(f"a cluster is already up from {paths.root}; see "
                                 "`astroshop cluster status`, or `astroshop cluster down` first")
    paths.ensure()
    log = paths.logs / "cluster.log"
    with reporter.step(f"terraform apply ({settings.host_count} hosts)"):
        terraform.init(paths, log)
        cluster = Cluster.from_outputs(settings, terraform.apply(settings, paths, log))
        cluster.save(paths)
    try:
        deploy(paths, reporter)
        check(paths, reporter)
    except tools.ClusterError as exc:
        raise tools.ClusterError(f"{exc}\nthe hosts are still up: look with `astroshop cluster "
                                 "status`, retry with `astroshop cluster deploy`, or remove them "
                                 "with `astroshop cluster down`") from exc
    return cluster


def deploy(paths: ClusterPaths, reporter: Reporter,
           timeout: float = 300) -> dict[str, dict[str, int]]:
    """Render every host's variables, run the playbook, wait until all is healthy; the recap."""
    tools.require_root()
    cluster = Cluster.load(paths)
    log = paths.logs / "cluster.log"
    with reporter.step("build (wheels, code, rules, host variables)"):
        build.write_host_vars(cluster, paths, build.prepare(paths, log, cluster))
    with reporter.step("ansible-playbook site.yml"):
        recap = ansible.playbook(paths, paths.logs / "ansible.log", reporter.task)
    with reporter.step("wait until every replica, Envoy and Prometheus is ready"):
        health.wait(cluster, timeout, reporter.task)
    return recap


def check(paths: ClusterPaths, reporter: Reporter) -> str:
    """Run the testinfra checks; their summary line, or a ClusterError with the failures."""
    with reporter.step("verify (pytest-testinfra on every host)"):
        result = verify.run(paths)
    if result.returncode != 0:
        raise tools.ClusterError(f"cluster verify failed:\n{result.stdout[-3000:]}")
    return verify.summary_line(result.stdout)


def close_ssh_masters(paths: ClusterPaths) -> None:
    """Stop Ansible's persistent SSH connections to the hosts (they live in the root namespace)."""
    for socket in sorted((paths.ssh / "cp").glob("*")):
        subprocess.run(["ssh", "-O", "exit", "-o", f"ControlPath={socket}", "cluster-host"],
                       capture_output=True, timeout=10)


def down(paths: ClusterPaths, reporter: Reporter) -> list[str]:
    """Destroy the hosts, the key, the bridge and the cluster's own users; return anything
    left behind (ideally nothing)."""
    tools.require_root()
    cluster = Cluster.load(paths)
    processes = netns.snapshot(cluster)
    log = paths.logs / "cluster.log"
    with reporter.step(f"terraform destroy ({len(cluster.hosts)} hosts)"):
        close_ssh_masters(paths)
        terraform.init(paths, log)
        terraform.destroy(cluster.settings, paths, log)
    for leftover in (paths.root / "ansible-tmp", paths.ansible, paths.build):
        shutil.rmtree(leftover, ignore_errors=True)
    paths.secrets.unlink(missing_ok=True)
    paths.state.unlink()
    left = netns.leftovers(cluster, paths, processes)  # waits until the processes are gone
    with reporter.step(f"remove the cluster's users ({users.comment(cluster.settings)!r})"):
        removed = users.remove(cluster.settings)
    return left + users.leftovers(cluster.settings, removed)
