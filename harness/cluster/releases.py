"""Releases on the cluster, kept on the controller the way the local stack keeps its own:
`<cluster>/releases/<service>/<version>/shop/` built from a ref or a source tree, the service's
`release.json` (stable and previous, replaced atomically), and each release's code as a
reproducible archive that Ansible unpacks on the hosts."""
from __future__ import annotations

from pathlib import Path

from harness.cluster import bundle
from harness.cluster.paths import ClusterPaths
from harness.model.topology import Topology
from harness.paths import RunPaths
from harness.stack import builds


def run_paths(paths: ClusterPaths) -> RunPaths:
    """The cluster's directory seen as a run directory (its releases/ as a stack's)."""
    return RunPaths(paths.root)


def archive(paths: ClusterPaths, service: str, version: str) -> Path:
    """The release's code as a reproducible archive (written once); its path."""
    code = builds.code_dir(run_paths(paths), service, version)
    target = code.parent / f"{version}.tar.gz"
    files = [(str(path.relative_to(code)), path) for path in sorted(code.rglob("*"))
             if path.is_file() and not any(p.endswith(bundle.SKIP) for p in path.parts)]
    bundle.write(target, bundle.pack(files, compress=True))
    return target


def host_dir_of(host_dir: str, service: str, version: str) -> str:
    """Where a release's code is unpacked on a host."""
    return f"{host_dir}/releases/{service}/{version}"


def stable(paths: ClusterPaths, topology: Topology) -> dict[str, dict[str, str]]:
    """service -> {version, archive} of every service whose stable release is not the
    deploy's own code (what the host variables put the service's replicas on)."""
    found = {}
    for name in topology.names():
        version = builds.read(run_paths(paths), name).stable
        if version:
            found[name] = {"version": version, "archive": str(archive(paths, name, version))}
    return found
