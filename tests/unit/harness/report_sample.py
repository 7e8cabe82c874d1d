"""A gate result as gate.json holds it, for the report tests."""
from harness.gateresult import GateResult

SAMPLE_GATE = {
    "run_id": "20260101-000000-gate-abcd", "kind": "gate", "profile": "smoke",
    "target": "http://127.0.0.1:8080", "prometheus": "http://127.0.0.1:9090",
    "started": "2026-01-01T00:00:00+00:00", "wall_time_s": 61.5,
    "plan": {"seconds": 45, "peak_users": 10, "pace": 1.0},
    "window": {"start": 100.0, "end": 145.0, "settled": 147.0, "seconds": 45.0, "stages": [],
               "stopped_early": "", "start_iso": "a", "end_iso": "b", "settled_iso": "c"},
    "baseline": {"run_id": "20251231-000000-gate-0000", "status": "pass"},
    "verdict": {"status": "fail", "score": 0.5, "exit_code": 1,
                "reasons": ["objective storefront-latency failed: 80% good"]},
    "objectives": [
        {"name": "storefront-latency", "description": "pages <300 ms", "key": False,
         "weight": 2, "target": 0.95, "threshold_ms": 300, "min_events": 100, "good": 80,
         "total": 100, "ratio": 0.8, "budget_spent": 4.0, "status": "fail",
         "percentiles_ms": {"p50": 150.0, "p95": 640.0, "p99": 700.0},
         "checks": [{"name": "target", "status": "fail", "detail": "80% good <script>"}],
         "locust": {"classes": ["storefront"], "requests": 100, "good_ratio": 0.79,
                    "p95_ms": 650.0}},
        {"name": "checkout-success", "description": "no 5xx", "key": True, "weight": 3,
         "target": 0.99, "threshold_ms": None, "min_events": 20, "good": 5, "total": 5,
         "ratio": 1.0, "budget_spent": 0.0, "status": "cannot judge", "percentiles_ms": {},
         "checks": [{"name": "target", "status": "cannot judge", "detail": "only 5 events"}],
         "locust": None},
        {"name": "edge-availability", "description": "no 5xx", "key": True, "weight": 3,
         "target": 0.995, "threshold_ms": None, "min_events": 100, "good": 500, "total": 500,
         "ratio": 1.0, "budget_spent": 0.0, "status": "pass", "percentiles_ms": {},
         "checks": [{"name": "target", "status": "pass", "detail": "met"}], "locust": None},
    ],
    "services": [{"service": "catalog", "requests": 10, "errors": 0, "error_ratio": 0.0,
                  "p95_ms": 3.0}],
    "locust": {"requests": 600, "failures": 2, "rps": 13.3, "p50_ms": 20.0, "p95_ms": 90.0,
               "p99_ms": 120.0},
    "breakpoint": None,
    "files": {"locust_csv": ["locust_stats.csv"]},
}

SAMPLE_SERIES = {
    "throughput": {"edge-availability events": [[0, 1.0], [10, 12.0], [20, 13.0]]},
    "latency:storefront-latency": {"p50": [[0, 100.0], [10, 150.0]],
                                   "p95": [[0, 500.0], [10, 640.0]],
                                   "p99": [[0, 600.0], [10, 700.0]]},
    "errors": {"edge-availability": [[0, 0.0], [10, 0.001]]},
    "service requests/s": {"catalog": [[0, 3.0], [10, 4.0]]},
    "service 5xx ratio": {"catalog": [[0, 0.0], [10, 0.0]]},
    "service p95 ms": {"catalog": [[0, 2.0], [10, 3.0]]},
}


def sample_gate(**changes) -> GateResult:
    """SAMPLE_GATE as the typed result, with some fields changed."""
    return GateResult.model_validate({**SAMPLE_GATE, **changes})
