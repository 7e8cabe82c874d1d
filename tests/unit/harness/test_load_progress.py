"""The live display reads Locust's history file; the summary reads its stats file."""
from harness.load import progress
from harness.load.locuststats import summary

HISTORY = """Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%,Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,Total Min Response Time,Total Max Response Time,Total Average Content Size
1,0,,Aggregated,0.000000,0.000000,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,0,0,0,0.0,0,0,0
2,10,,Aggregated,15.500000,0.500000,20,22,25,28,40,60,80,90,110,110,110,300,3,20,22.1,2,110,2400
"""
STATS = """Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%
GET,[api] /api/ads,16,0,10,10.5,4.4,19.5,375.3,0.79,0.0,10,11,13,13,19,20,20,20,20,20,20
,Aggregated,242,2,17,21.4,1.5,113.8,2416.7,12.07,0.1,18,22,26,28,49,60,76,86,110,110,110
"""


def test_the_newest_aggregated_row_is_shown(tmp_path):
    path = tmp_path / "locust_stats_history.csv"
    path.write_text(HISTORY)
    snapshot = progress.latest(path)
    assert (snapshot.users, snapshot.rps, snapshot.requests, snapshot.failures,
            snapshot.p95_ms) == (10, 15.5, 300, 3, "60")
    table = progress.view("smoke", snapshot, None, 45)
    assert table.row_count == 1


def test_before_locust_writes_anything_the_view_is_empty(tmp_path):
    assert progress.latest(tmp_path / "missing.csv") == progress.Snapshot()


def test_the_summary_is_the_aggregated_row(tmp_path):
    path = tmp_path / "locust_stats.csv"
    path.write_text(STATS)
    assert summary(path) == {"requests": 242, "failures": 2, "rps": 12.07, "p50_ms": 18.0,
                             "p95_ms": 60.0, "p99_ms": 86.0, "cpu_s": None,
                             "requests_per_cpu_s": None}
    assert summary(path, cpu_s=2.0)["requests_per_cpu_s"] == 121
    assert summary(tmp_path / "nothing.csv") is None
