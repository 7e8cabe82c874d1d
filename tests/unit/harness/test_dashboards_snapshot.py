"""Drawing panels to PNG from range-query results (no Prometheus: results are given)."""
from datetime import datetime, timedelta
from unittest import mock

import numpy as np
from matplotlib.image import imread

from harness.dashboards import drawing, snapshot
from harness.dashboards.sources import Panel

NOW = 1_800_000_000


def series(labels, values):
    return {"metric": labels, "values": [[NOW + i, str(v)] for i, v in enumerate(values)]}


def readable(path):
    """Whether a PNG opens and is not a blank canvas."""
    pixels = imread(path)
    return pixels.shape[0] > 200 and pixels.shape[1] > 400 and float(np.std(pixels)) > 0.01


def test_lines_are_drawn_with_grafana_legends_and_units(tmp_path):
    panel = Panel("D", "Responses by class", "timeseries", "percentunit", ("q",),
                  ("{{class}}xx",))
    results = [("{{class}}xx", [series({"class": "2"}, [0.5, 0.6, "NaN", 0.7]),
                                series({"class": "5"}, [0.0, 0.01, 0.02, 0.0])])]
    path = tmp_path / "panel.png"
    assert snapshot.render(panel, results, path) == 2
    assert readable(path)


def test_a_heatmap_is_drawn_from_cumulative_buckets(tmp_path):
    buckets = [series({"le": le}, values) for le, values in (
        ("0.1", [1, 2, 3]), ("0.005", [0, 1, 1]), ("+Inf", [5, 5, 5]), ("1.0", [4, 4, 4]))]
    panel = Panel("D", "Latency heatmap", "heatmap", "s", ("q",), ("{{le}}",))
    path = tmp_path / "heat.png"
    assert snapshot.render(panel, [("{{le}}", buckets)], path) == 3
    assert readable(path)


def test_a_panel_without_data_still_gets_a_picture(tmp_path):
    panel = Panel("D", "Nothing", "stat", "short", ("q",), ("",))
    path = tmp_path / "none.png"
    assert snapshot.render(panel, [("", [])], path) == 0
    assert readable(path)


def test_legend_templates_fill_in_labels():
    assert drawing.legend("{{route}} {{ method }}", {"route": "/x", "method": "GET"}) == "/x GET"
    assert drawing.legend("", {"__name__": "m", "job": "cart"}) == "job=cart"
    assert drawing.legend("", {}) == "value"


def test_snapshot_writes_one_file_per_panel_in_a_folder_per_dashboard(tmp_path):
    client = mock.Mock()
    client.custom_query_range.return_value = [series({}, [1, 2, 3])]
    panels = [Panel("AstroShop / X", "Rate (5xx)", "timeseries", "reqps", ("a", "b"), ("", "")),
              Panel("AstroShop / X", "Memory", "timeseries", "bytes", ("c",), ("",))]
    end = datetime.fromtimestamp(NOW)
    pictures = snapshot.snapshot(client, {"x": panels}, tmp_path, end - timedelta(hours=1), end)
    assert [p.path.relative_to(tmp_path).as_posix() for p in pictures] == [
        "x/01-rate-5xx.png", "x/02-memory.png"]
    assert [p.series for p in pictures] == [2, 1]
    step = client.custom_query_range.call_args.args[3]
    assert float(step) == 3600 / snapshot.MAX_POINTS
