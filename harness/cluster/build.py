"""Prepare a deploy on the controller: wheels, code archive, rule files, secrets, and the
Ansible variables of every host, written next to Terraform's inventory."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import yaml

from harness.certs import authority
from harness.certs.files import TlsDir, ensure
from harness.cluster import (bundle, expect, hostvars, monitoring, placement, releases, secrets,
                             wheelhouse)
from harness.signing import keyset
from harness.cluster.model import Cluster
from harness.cluster.paths import ClusterPaths
from harness.model.edge import certificate_names
from harness.model.topology import Topology
from harness.paths import REPO_ROOT
from harness.slo import loader, rules
from harness.stack import builds

CODE_ARCHIVE = "astroshop-code.tar.gz"
RECEIVER_ARCHIVE = "alert-receiver.tar.gz"
WHEELS_ARCHIVE = "wheels.tar"


def digest(folder: Path) -> str:
    """sha256 over the names and contents of every file in `folder`, in name order."""
    total = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        total.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return total.hexdigest()


def prepare(paths: ClusterPaths, log: Path, cluster: Cluster) -> hostvars.Build:
    """Everything the hosts get from the controller, built (or reused) in the run directory."""
    paths.ensure()
    tls = TlsDir(paths.tls)
    certificate = ensure(tls, certificate_names(cluster.one("edge").address))
    wheels = wheelhouse.ensure(paths.wheelhouse, log)
    bundle.write(paths.build / WHEELS_ARCHIVE, bundle.pack(bundle.folder_files(wheels, "*.whl"),
                                                           compress=False))
    archive = paths.build / CODE_ARCHIVE
    named = paths.build / "BUILD.json"  # the checkout's build, reported by every replica
    named.write_text(json.dumps(builds.checkout_build(), indent=2))
    version = bundle.write(archive, bundle.pack(
        [*bundle.code_files(), ("shop/BUILD.json", named)], compress=True))
    receiver = paths.build / RECEIVER_ARCHIVE
    receiver_version = bundle.write(receiver, bundle.pack(
        [(name, REPO_ROOT / name) for name in monitoring.RECEIVER_MODULES], compress=True))
    rules_dir = paths.build / "rules"
    rules.write_rules(loader.load_dir(), rules_dir)
    return hostvars.Build(wheels_archive=str(paths.build / WHEELS_ARCHIVE),
                          requirements=wheelhouse.requirements(wheels),
                          code_archive=str(archive), code_version=version,
                          rules_dir=str(rules_dir), rules_version=digest(rules_dir),
                          secrets=secrets.load_or_create(paths.secrets),
                          signing_keys=str(signing_keys(paths)),
                          edge_certificate=hostvars.EdgeCertificate(
                              str(tls.cert), str(tls.key),
                              authority.fingerprint(certificate.cert_pem)),
                          receiver_archive=str(receiver), receiver_version=receiver_version,
                          releases=releases.stable(paths, Topology()))


def signing_keys(paths: ClusterPaths) -> Path:
    """The cluster's signing key set, made at the first deploy and kept (pruned) after."""
    keyset.ensure(paths.signing_keys)
    return paths.signing_keys


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path` readable by root only (host variables carry passwords)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(text)
    path.chmod(0o600)


def write_host_vars(cluster: Cluster, paths: ClusterPaths, build: hostvars.Build,
                    base: Topology | None = None) -> Topology:
    """host_vars/<host>.yml for every host; return the placed topology they come from."""
    topology = placement.topology(cluster, base)
    for host in cluster.hosts:
        values = hostvars.host_vars(cluster, topology, host, build)
        values["astroshop_checks"] = expect.expectations(cluster.settings, topology, host)
        write_private(paths.ansible / "host_vars" / f"{host.name}.yml",
                      yaml.safe_dump(values, sort_keys=False, width=120))
    return topology
