"""`astroshop dashboards build`: Grafana JSON plus provisioning files for a real Grafana.

Layout of the output folder (dashboards/build/ by default):
  json/<uid>.json                            one file per dashboard
  provisioning/datasources/astroshop.yaml   the Prometheus datasource, uid astroshop-prometheus
  provisioning/dashboards/astroshop.yaml    a file provider that loads json/
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml
from grafanalib.core import Dashboard

from harness.dashboards.sources import SOURCE_DIR, to_json
from harness.dashboards.style import DATASOURCE_UID

DEFAULT_OUT = SOURCE_DIR / "build"
FOLDER = "AstroShop"


def datasource(prometheus_url: str, scrape_interval_s: int = 5) -> dict:
    """The datasource provisioning file: the stack's Prometheus, with the uid panels use."""
    return {"apiVersion": 1, "datasources": [{
        "name": "AstroShop Prometheus", "uid": DATASOURCE_UID, "type": "prometheus",
        "access": "proxy", "url": prometheus_url, "isDefault": True, "editable": False,
        "jsonData": {"timeInterval": f"{scrape_interval_s}s"}}]}


def provider(json_dir: Path) -> dict:
    """The dashboard provider provisioning file: load every JSON file in `json_dir`."""
    return {"apiVersion": 1, "providers": [{
        "name": "astroshop", "folder": FOLDER, "type": "file", "disableDeletion": False,
        "allowUiUpdates": False, "updateIntervalSeconds": 30,
        "options": {"path": str(Path(json_dir).resolve()), "foldersFromFilesStructure": False}}]}


def write(dashboards: list[Dashboard], out_dir: Path, prometheus_url: str,
          scrape_interval_s: int = 5) -> list[Path]:
    """Write the JSON of every dashboard and both provisioning files; return what was written."""
    out_dir = Path(out_dir)
    json_dir = out_dir / "json"
    json_dir.mkdir(parents=True, exist_ok=True)
    for stale in json_dir.glob("*.json"):
        stale.unlink()
    written = []
    for dashboard in dashboards:
        path = json_dir / f"{dashboard.uid}.json"
        path.write_text(json.dumps(to_json(dashboard), indent=2, sort_keys=True) + "\n")
        written.append(path)
    for kind, content in (("datasources", datasource(prometheus_url, scrape_interval_s)),
                          ("dashboards", provider(json_dir))):
        path = out_dir / "provisioning" / kind / "astroshop.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(content, sort_keys=False))
        written.append(path)
    return written
