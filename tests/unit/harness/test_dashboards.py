"""Every dashboard source through the generator, and the static checks that guard them."""
import json

import pytest
from grafanalib.core import RowPanel, TimeSeries

from harness.model import services
from harness.model.topology import Topology
from harness.dashboards import checks, layout, provisioning, sources, style
from harness.slo import loader


@pytest.fixture(scope="module")
def models():
    return [sources.to_json(d) for d in sources.load_all()]


def all_panels(models):
    return [p for m in models for p in sources.panels(m)]


def test_every_source_builds_and_passes_the_static_checks(models):
    assert {"astroshop-overview", "astroshop-slo", "astroshop-envoy",
            "astroshop-business"} <= {m["uid"] for m in models}
    assert checks.static_problems(models, all_panels(models)) == []
    assert all(m["panels"] and m["title"].startswith("AstroShop / ") for m in models)


def test_one_red_dashboard_per_service_of_the_topology(models):
    red = {m["uid"] for m in models if m["uid"].startswith("astroshop-red-")}
    assert red == {f"astroshop-red-{name}" for name in Topology().names()}


def test_adding_a_service_adds_its_dashboard(monkeypatch):
    extra = services.Service("telescope-rental", 7200, "Rents telescopes by the night")
    monkeypatch.setattr(services, "SERVICES", (*services.SERVICES, extra))
    (red_file,) = sources.SOURCE_DIR.glob("service-red.dashboard.py")
    uids = [d.uid for d in sources.load_file(red_file)]
    assert uids[-1] == "astroshop-red-telescope-rental"
    assert len(uids) == len(services.SERVICES)


def test_the_slo_dashboard_has_a_row_per_objective(models):
    slo = next(m for m in models if m["uid"] == "astroshop-slo")
    rows = [p["title"] for p in slo["panels"] if p["type"] == "row"]
    assert [r.split(":")[0] for r in rows] == [o.name for o in loader.load_dir()]


def test_every_panel_reads_the_provisioned_datasource(models):
    for panel in (p for m in models for p in m["panels"] if p["type"] != "row"):
        assert panel["datasource"]["uid"] == style.DATASOURCE_UID
        assert all(t["datasource"]["uid"] == style.DATASOURCE_UID for t in panel["targets"])


def test_panels_are_laid_out_without_overlap(models):
    for model in models:
        cells = set()
        for panel in model["panels"]:
            pos = panel["gridPos"]
            assert pos["x"] + pos["w"] <= layout.GRID_WIDTH
            covered = {(pos["x"] + dx, pos["y"] + dy)
                       for dx in range(pos["w"]) for dy in range(pos["h"])}
            assert not covered & cells, f"{model['title']}: {panel['title']} overlaps"
            cells |= covered


def test_place_wraps_panels_and_starts_rows_on_a_new_line():
    wide = TimeSeries(title="a", span=16)
    placed = layout.place([wide, wide, RowPanel(title="r"), TimeSeries(title="b", span=8)])
    assert [(p.gridPos.x, p.gridPos.y) for p in placed] == [(0, 0), (0, 8), (0, 16), (0, 17)]


def test_build_writes_json_and_provisioning_that_agree(tmp_path):
    written = provisioning.write(sources.load_all(), tmp_path, "http://127.0.0.1:9190", 1)
    json_files = sorted((tmp_path / "json").glob("*.json"))
    assert len(json_files) == len(written) - 2
    assert json.loads(json_files[0].read_text())["uid"].startswith("astroshop-")
    datasource = (tmp_path / "provisioning/datasources/astroshop.yaml").read_text()
    assert f"uid: {style.DATASOURCE_UID}" in datasource
    assert "url: http://127.0.0.1:9190" in datasource
    assert "timeInterval: 1s" in datasource
    provider = (tmp_path / "provisioning/dashboards/astroshop.yaml").read_text()
    assert f"path: {(tmp_path / 'json').resolve()}" in provider


def test_a_source_without_a_dashboard_is_named(tmp_path):
    bad = tmp_path / "empty.dashboard.py"
    bad.write_text("title = 'nothing here'\n")
    with pytest.raises(sources.DashboardSourceError, match=f"{bad}: defines neither"):
        sources.load_all(tmp_path)
