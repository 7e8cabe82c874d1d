"""Locust's counts by edge class, written per process and merged."""
from harness.load.groups import GroupCounts, locust_rounding, merged


def test_counts_by_class_status_and_rounded_time_merge_across_processes(tmp_path, monkeypatch):
    first, second = GroupCounts(), GroupCounts()
    first.add("[api] /api/products", 200, 12.4)
    first.add("[api] /api/products", 503, 345.0)
    first.add("not a group", 200, 1.0)
    second.add("[api] /api/carts/[id]", 0, 1234.0)
    second.add("[checkout] /api/checkout", 201, 80.2)
    monkeypatch.setattr("os.getpid", lambda: 1)
    first.write(tmp_path)
    monkeypatch.setattr("os.getpid", lambda: 2)
    second.write(tmp_path)
    counts = merged(tmp_path)
    assert counts["api"]["statuses"] == {"2xx": 1, "5xx": 1, "no response": 1}
    assert counts["api"]["times"] == {12: 1, 340: 1, 1200: 1}
    assert counts["checkout"]["statuses"] == {"2xx": 1}
    assert "storefront" not in counts


def test_rounding_matches_locusts():
    assert [locust_rounding(ms) for ms in (4.4, 99.6, 345, 999, 1234, 15600)] == \
        [4, 100, 340, 1000, 1200, 16000]
