"""The bench's charts (harness/bench/charts.py) from a saved report: one bar per comparison
coloured by its target, one bar per process, and bench.md linking them."""
import json
import xml.etree.ElementTree as ET

from harness.bench import charts
from harness.bench.report import markdown

REPORT = {
    "throughput": {
        "GET /api/products, uncached": {"ratio": 0.72, "target": "products_vs_hello",
                                        "sides": {}},
        "product page, no edge cache": {"ratio": 0.12, "target": "page_vs_hello", "sides": {}},
    },
    "processes": {"frontend-0": 72.1, "envoy": 91.6, "prometheus": 81.6},
    "rss_mb": 1117.5, "pss_mb": 803.4, "cold_start_s": 4.0,
}


def well_formed(path) -> None:
    """Parse the SVG: matplotlib wrote a whole, valid XML document."""
    ET.parse(path)


def bar_colours(path) -> list[str]:
    """Which of the met and missed colours the SVG uses (met first)."""
    text = path.read_text()
    return [c for c in (charts.MET, charts.MISSED) if c in text]


def test_ratios_colour_each_comparison_by_its_target(tmp_path):
    path = charts.ratios(REPORT, tmp_path)
    assert path.name == "ratios.svg"
    well_formed(path)
    assert bar_colours(path) == [charts.MET, charts.MISSED]  # 0.72 >= 0.7, 0.12 < 0.25


def test_memory_is_red_when_the_sum_misses_the_budget(tmp_path):
    path = charts.memory(REPORT, tmp_path)
    well_formed(path)
    assert bar_colours(path) == [charts.MISSED]
    path = charts.memory({**REPORT, "rss_mb": 900.0}, tmp_path)
    assert bar_colours(path) == [charts.MET]


def test_nothing_is_drawn_without_data_and_bench_md_links_what_was(tmp_path):
    assert charts.write({"run_id": "x"}, tmp_path) == []
    drawn = [p.name for p in charts.write(json.loads(json.dumps(REPORT)), tmp_path)]
    assert drawn == ["ratios.svg", "memory.svg"]
    text = markdown(REPORT, drawn)
    assert "![ratios](ratios.svg)" in text and "![memory](memory.svg)" in text
