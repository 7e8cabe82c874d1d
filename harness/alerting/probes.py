"""Synthetic probes: blackbox_exporter asks the public edge for what a shopper asks first
(the home page, a product page, the API's product list), and Prometheus scrapes the answers."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from harness.certs.trust import tls_dir
from harness.paths import REPO_ROOT, RunPaths
from harness.slo.edge import PROBE_JOB
from harness.model.topology import Topology

MODULE = "shopper_get"
CATALOG_DATA = REPO_ROOT / "shop" / "catalog" / "data" / "products.json"


def first_product(data: Path = CATALOG_DATA) -> str:
    """The id of the first product the catalog serves (from its own data file)."""
    return json.loads(Path(data).read_text())["products"][0]["id"]


def targets(topology: Topology) -> dict[str, str]:
    """The URLs probed, by probe name."""
    edge = topology.public_url()
    return {"home": f"{edge}/", "product": f"{edge}/product/{first_product()}",
            "api": f"{edge}/api/products"}


def config(ca_file: Path) -> dict:
    """blackbox.yml: a GET as a browser makes it, over HTTPS verified against the project CA
    (so probe_ssl_earliest_cert_expiry is the served certificate's), 200 within five seconds."""
    return {"modules": {MODULE: {"prober": "http", "timeout": "5s", "http": {
        "method": "GET", "valid_status_codes": [200], "preferred_ip_protocol": "ip4",
        "follow_redirects": False, "fail_if_not_ssl": True,
        "tls_config": {"ca_file": str(ca_file)},
        "headers": {"User-Agent": "astroshop-synthetic"}}}}}


def scrape_job(topology: Topology) -> dict:
    """Prometheus's job probing every target through blackbox_exporter."""
    return {
        "job_name": PROBE_JOB, "metrics_path": "/probe", "params": {"module": [MODULE]},
        "static_configs": [{"targets": [url], "labels": {"probe": name}}
                           for name, url in targets(topology).items()],
        "relabel_configs": [
            {"source_labels": ["__address__"], "target_label": "__param_target"},
            {"source_labels": ["__param_target"], "target_label": "instance"},
            {"target_label": "__address__",
             "replacement": f"127.0.0.1:{topology.blackbox_port}"}]}


def config_path(paths: RunPaths) -> Path:
    """Where the run's blackbox.yml lives."""
    return paths.root / "blackbox.yml"


def write(paths: RunPaths) -> Path:
    """Write the run's blackbox.yml."""
    path = config_path(paths)
    path.write_text(yaml.safe_dump(config(tls_dir(paths).ca_cert), sort_keys=False))
    return path


def command(config_file: Path, port: int) -> list[str]:
    """blackbox_exporter (Debian package) on 127.0.0.1:`port`."""
    binary = shutil.which("prometheus-blackbox-exporter") or "/usr/bin/prometheus-blackbox-exporter"
    return [binary, f"--config.file={config_file}", f"--web.listen-address=127.0.0.1:{port}",
            "--log.level=warn"]
