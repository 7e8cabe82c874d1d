"""`astroshop bench`'s measuring: wrk runs, parsed, paired round by round, compared."""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import asdict, dataclass

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


@dataclass
class Measurement:
    """Throughput and latency of one URL under a fixed wrk load."""

    name: str
    url: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int

    def as_dict(self) -> dict:
        return asdict(self)


def _latency(text: str, percentile: str) -> float:
    match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not match:
        raise ValueError(f"wrk printed no {percentile}% latency")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse_wrk(name: str, url: str, text: str) -> Measurement:
    """Read requests/s, p50, p99 and error counts from `wrk --latency` output."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not rps:
        raise ValueError(f"wrk printed no Requests/sec for {url}:\n{text}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                              r"timeout (\d+)", text)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Measurement(name, url, float(rps.group(1)), _latency(text, "50"),
                       _latency(text, "99"), errors)


def wrk(name: str, url: str, seconds: int, connections: int,
        headers: dict[str, str] | None = None) -> Measurement:
    """Run wrk (one thread) against `url` for `seconds` and parse what it prints."""
    binary = shutil.which("wrk")
    if binary is None:
        raise RuntimeError("wrk is not installed; run `make bootstrap` (Debian package wrk)")
    command = [binary, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for key, value in (headers or {}).items():
        command[1:1] = ["-H", f"{key}: {value}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True,
                         timeout=seconds + 30)
    return parse_wrk(name, url, out.stdout)


def ratio(through_envoy: Measurement, direct: Measurement) -> float:
    """Envoy's throughput as a share of the direct throughput."""
    return through_envoy.rps / direct.rps if direct.rps else 0.0


def median(runs: list[Measurement]) -> Measurement:
    """The run with the median throughput (the upper one of an even count)."""
    return sorted(runs, key=lambda m: m.rps)[len(runs) // 2]


def rounds_rps(runs: list[Measurement]) -> list[float]:
    """Every round's requests/s, in the order they ran."""
    return [round(m.rps, 1) for m in runs]


@dataclass(frozen=True)
class Comparison:
    """Two URLs measured round by round; `first` over `second`, held against a target."""

    name: str
    first: tuple[str, str]  # (label, url)
    second: tuple[str, str]
    target: str  # a key of TARGETS


def measure(compared: list[Comparison], seconds: int, connections: int, rounds: int) -> dict:
    """Each pair alternating round by round, so that a noisy neighbour slows both sides
    alike; the median round of each side is kept."""
    results = {}
    for pair in compared:
        runs: dict[str, list] = {pair.first[0]: [], pair.second[0]: []}
        for _ in range(rounds):
            for label, url in (pair.first, pair.second):
                runs[label].append(wrk(f"{pair.name}: {label}", url, seconds, connections))
        first, second = median(runs[pair.first[0]]), median(runs[pair.second[0]])
        results[pair.name] = {
            "sides": {label: {**median(found).as_dict(), "rounds_rps": rounds_rps(found)}
                      for label, found in runs.items()},
            "ratio": round(ratio(first, second), 3), "target": pair.target}
    return results
