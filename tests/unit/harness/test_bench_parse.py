"""Parsing wrk's output for `astroshop bench`."""
import pytest

from harness.bench.wrk import Measurement, median, parse_wrk, ratio

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8080/api/products
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.21ms    1.02ms  20.11ms   90.00%
  Latency Distribution
     50%    2.98ms
     75%    3.50ms
     90%    4.20ms
     99%   812.00us
  24000 requests in 5.00s, 30.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   4800.12
Transfer/sec:      6.00MB
"""


def test_parses_rate_percentiles_and_errors():
    m = parse_wrk("x", "u", WRK_OUTPUT)
    assert m.rps == pytest.approx(4800.12)
    assert m.p50_ms == pytest.approx(2.98)
    assert m.p99_ms == pytest.approx(0.812)
    assert m.errors == 7


def test_missing_rate_is_an_error():
    with pytest.raises(ValueError, match="Requests/sec"):
        parse_wrk("x", "u", "garbage")


def test_ratio_of_throughputs():
    a = Measurement("a", "u", 900, 1, 2, 0)
    b = Measurement("b", "u", 1000, 1, 2, 0)
    assert ratio(a, b) == pytest.approx(0.9)


def test_median_is_the_middle_round_by_throughput():
    runs = [Measurement(str(rps), "u", rps, 1.0, 2.0, 0) for rps in (300.0, 100.0, 200.0)]
    assert median(runs).rps == 200.0
