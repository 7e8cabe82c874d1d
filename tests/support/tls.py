"""Envoy configs whose certificate lives elsewhere (a host, a pod), made checkable here: the SDS
paths are pointed at a real certificate issued into a temporary run directory."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from harness.certs.files import TlsDir, ensure
from harness.envoy.tls import TlsFiles, write_sds
from harness.model.edge import certificate_names

ENVOY = Path(sys.executable).parent / "envoy"


def local_certificate(root: Path) -> TlsFiles:
    """A CA and server certificate under `root`/tls with their SDS file written."""
    files = TlsFiles.of(TlsDir(root / "tls"))
    ensure(TlsDir(root / "tls"), certificate_names())
    write_sds(files)
    return files


def pointed_here(node, sds: str):
    """A copy of a config with every SDS file path replaced by `sds`."""
    if isinstance(node, dict):
        return {key: ({**value, "path": sds} if key == "path_config_source" else
                      pointed_here(value, sds)) for key, value in node.items()}
    if isinstance(node, list):
        return [pointed_here(item, sds) for item in node]
    return node


def validate(config: dict, root: Path) -> subprocess.CompletedProcess:
    """`envoy --mode validate` on `config`, its certificate files made under `root`."""
    path = root / "envoy.yaml"
    path.write_text(yaml.safe_dump(pointed_here(config, local_certificate(root).sds)))
    return subprocess.run([str(ENVOY), "--mode", "validate", "-c", str(path), "--log-level",
                           "warning"], capture_output=True, text=True, timeout=120)
