"""`astroshop bench --compare FILE`: each figure of a saved bench.json beside this run's, with
the change in percent; a figure on one side only is shown, a file that is no report refused.
bench.md carries the targets, the breakpoint and the profiles' top costs."""
import json

from click.testing import CliRunner

from harness.bench.compare import Change, changes, figures, shown
from harness.bench.report import markdown
from harness.cli import main
from harness.commands import bench as bench_command


def side(name: str, rps: float) -> dict:
    """One wrk measurement as bench.json holds it."""
    return {"name": name, "url": "http://127.0.0.1/", "rps": rps, "p50_ms": 1.0, "p99_ms": 2.0,
            "errors": 0, "rounds_rps": [rps]}


def report(list_rps: float, hello_rps: float, pss: float, **extra) -> dict:
    """A bench report with one comparison and the memory figures."""
    pair = {"sides": {"via the mesh": side("list", list_rps),
                      "flask hello-world": side("hello", hello_rps)},
            "ratio": round(list_rps / hello_rps, 3), "target": "products_vs_hello"}
    return {"throughput": {"GET /api/products, uncached": pair}, "cold_start_s": 2.5,
            "rss_mb": 1000.0, "pss_mb": pss, **extra}


def test_every_figure_is_compared_with_its_change_in_percent():
    rows = {row.name: row for row in changes(report(1000, 2500, 720.0), report(1800, 2400, 648.0))}
    assert rows["GET /api/products, uncached: via the mesh req/s"] == Change(
        "GET /api/products, uncached: via the mesh req/s", 1000, 1800)
    assert shown(rows["GET /api/products, uncached: via the mesh req/s"]) == "+80.0 %"
    assert shown(rows["GET /api/products, uncached: ratio"]) == "+87.5 %"  # 0.4 -> 0.75
    assert shown(rows["pss_mb"]) == "-10.0 %"
    assert shown(rows["cold_start_s"]) == "+0.0 %"


def test_a_figure_on_one_side_only_is_shown_as_new_or_gone():
    rows = changes(report(1000, 2500, 700.0, rss_mb=None),
                   report(1000, 2500, 700.0, breakpoint_users=42))
    by_name = {row.name: shown(row) for row in rows}
    assert by_name["breakpoint_users"] == "new" and by_name["rss_mb"] == "new"
    rows = changes(report(1000, 2500, 700.0, breakpoint_users=30), report(1000, 2500, 700.0))
    assert [(row.name, shown(row)) for row in rows][-1] == ("breakpoint_users", "gone")


def test_compare_prints_the_changes_and_refuses_a_file_that_is_no_report(tmp_path, monkeypatch):
    saved = tmp_path / "bench.json"
    saved.write_text(json.dumps(report(1000, 2500, 720.0)))
    monkeypatch.setattr(bench_command, "measure_stack", lambda *_: report(1800, 2400, 648.0))
    result = CliRunner().invoke(main, ["bench", "--compare", str(saved)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "+80.0 %" in result.output and "-10.0 %" in result.output
    (tmp_path / "other.json").write_text(json.dumps({"verdict": "pass"}))
    refused = CliRunner().invoke(main, ["bench", "--compare", str(tmp_path / "other.json")])
    assert refused.exit_code == 2 and "no bench figures" in refused.output


def test_bench_md_names_each_target_the_breakpoint_and_the_top_costs():
    found = report(1800, 2400, 651.0, breakpoint_users=36, breakpoint={
        "gate_run": "g1", "seconds": 300, "baseline_users": 30, "held_users": 36,
        "held_requests_per_s": 58.2, "broke_users": 42, "broke_on": ["storefront-latency"],
        "stopped_early": ""})
    found["profiles"] = [{"name": "product list", "pid": 1, "svg": "/x/product-list.svg",
                          "raw": "/x/product-list.txt", "samples": 900, "load": {"rps": 10},
                          "top": [{"function": "dumps (json)", "self_share": 0.25,
                                   "total_share": 0.5}]}]
    text = markdown(found)
    assert "| GET /api/products, uncached: ratio | 0.75 | ok (>= 0.7) |" in text
    assert "| stack PSS (shared pages once), MB | 651 | MISSED (<= 650) |" in text
    assert "held 36 users (58.2 requests/s at the edge) against 30 before" in text
    assert "broke at 42 storefront-latency" in text
    assert "![flame graph of product list](product-list.svg)" in text
    assert "| `dumps (json)` | 25.0% | 50.0% |" in text
    assert figures(found)["breakpoint_users"] == 36
