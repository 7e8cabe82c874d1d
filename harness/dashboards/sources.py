"""The dashboards as code: load dashboards/*.dashboard.py, turn them into Grafana JSON, and
walk their panels and queries.

A source file defines a module-level `dashboard`, as grafanalib's own generator expects,
or `dashboards`, a list, for a family generated from a model (one per service).
"""
from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from grafanalib._gen import DashboardEncoder
from grafanalib.core import Dashboard

from harness.paths import REPO_ROOT

SOURCE_DIR = REPO_ROOT / "dashboards"
SUFFIX = ".dashboard.py"


class DashboardSourceError(ValueError):
    """A dashboard source that cannot be loaded; the message names the file."""


@dataclass(frozen=True)
class Panel:
    """One panel of a built dashboard, as the checks need it."""

    dashboard: str
    title: str
    kind: str
    unit: str
    queries: tuple[str, ...]
    legends: tuple[str, ...]

    @property
    def where(self) -> str:
        """'dashboard "X", panel "Y"' for error messages."""
        return f'dashboard "{self.dashboard}", panel "{self.title}"'


def load_file(path: Path) -> list[Dashboard]:
    """The dashboards one source file defines; DashboardSourceError naming the file."""
    spec = importlib.util.spec_from_file_location(f"astroshop_dashboard_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = getattr(module, "dashboards", None) or [getattr(module, "dashboard", None)]
    if not all(isinstance(d, Dashboard) for d in found):
        raise DashboardSourceError(f"{path}: defines neither `dashboard` (a grafanalib "
                                   "Dashboard) nor `dashboards` (a list of them)")
    return list(found)


def load_all(directory: Path = SOURCE_DIR) -> list[Dashboard]:
    """Every dashboard of every source file in `directory`, in file order."""
    files = sorted(Path(directory).glob(f"*{SUFFIX}"))
    if not files:
        raise DashboardSourceError(f"{directory}: no *{SUFFIX} dashboard sources")
    return [d for path in files for d in load_file(path)]


def to_json(dashboard: Dashboard) -> dict:
    """The Grafana JSON model of one dashboard."""
    return json.loads(json.dumps(dashboard.to_json_data(), cls=DashboardEncoder))


def unit_of(panel: dict) -> str:
    """The panel's unit: fieldConfig's, or the y axis format of a (legacy) heatmap."""
    unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit") or ""
    if not unit and panel.get("type") == "heatmap":
        unit = (panel.get("yAxis") or {}).get("format") or ""
    return unit


def panels(model: dict) -> list[Panel]:
    """Every data panel of a dashboard's JSON (rows are walked into, not returned)."""
    found = []
    for panel in model.get("panels", []):
        if panel.get("type") == "row":
            found += panels({"title": model["title"], "panels": panel.get("panels", [])})
            continue
        targets = [t for t in panel.get("targets", []) if not t.get("hide")]
        found.append(Panel(model["title"], panel.get("title", ""), panel.get("type", ""),
                           unit_of(panel), tuple(t.get("expr", "") for t in targets),
                           tuple(t.get("legendFormat", "") for t in targets)))
    return found
