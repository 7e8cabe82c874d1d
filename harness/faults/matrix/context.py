"""The matrix's session: a stack scraped every second, short-window alerts, background load.

The stack is the one of $ASTROSHOP_RUN_DIR, started (scraped every second) when none runs
there and stopped again at the end. Its rules are swapped for the short-window ones (1h ->
1m) for the session and put back afterwards; every fault is cleared before and after.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from prometheus_api_client import PrometheusConnect

from harness import prometheus
from harness.faults.actions import Target, clear_all
from harness.faults.matrix import gates
from harness.faults.matrix.background import BackgroundLoad
from harness.faults.matrix.gates import GateRun
from harness.faults.matrix.report import BASELINE_FILE
from harness.paths import RunPaths
from harness.slo import loader, rules
from harness.stack.options import StackOptions
from harness.stack.runner import Stack

MAX_SCRAPE_S = 2  # the 5 s short windows need a sample at least every 2 s
SCRAPE_S = 1
UP_TIMEOUT_S = 180


class MatrixError(RuntimeError):
    """The matrix cannot run on this stack; the message says what to change."""


@dataclass
class Matrix:
    """Everything a fault's trial needs: the stack, Prometheus, the load, the report folder."""

    target: Target
    client: PrometheusConnect
    folder: Path
    background: BackgroundLoad
    started: Stack | None = None
    baseline: GateRun | None = None

    def check(self) -> None:
        """Fail when the background load has stopped."""
        self.background.check_running()

    def judge_baseline(self, within_s: float) -> GateRun:
        """Gates before any fault, until one passes (or `within_s` is over); kept in
        baseline.json. A shop failing its gate with no fault would make the matrix moot."""
        self.baseline = gates.until(lambda gate: gate.passed, time.monotonic() + within_s,
                                    lambda: gates.run(self.folder / "gates"))
        (self.folder / BASELINE_FILE).write_text(json.dumps(self.baseline.as_dict(), indent=2))
        return self.baseline


def check_scraping(paths: RunPaths) -> None:
    """A MatrixError when the stack running in `paths` is scraped too seldom."""
    stack = Stack(paths)
    interval = stack.options().scrape_interval_s
    if stack.running() and interval > MAX_SCRAPE_S:
        raise MatrixError(f"the stack in {paths.root} is scraped every {interval} s; the "
                          f"short-window alerts need {MAX_SCRAPE_S} s or less: restart it "
                          f"with `astroshop up --scrape-interval {SCRAPE_S}`")


def ready_stack(paths: RunPaths) -> Stack | None:
    """Start a stack in `paths` when none runs (the stack started, or None); check scraping."""
    stack, started = Stack(paths), None
    if not stack.running():
        stack.up(StackOptions(scrape_interval_s=SCRAPE_S), timeout=UP_TIMEOUT_S)
        started = stack
    check_scraping(paths)
    return started


def use_rules(paths: RunPaths, short_window: bool) -> None:
    """Write the SLO rules (short-window or standard) into the stack and reload Prometheus."""
    topology = StackOptions.load(paths).topology()
    rules.write_rules(loader.load_dir(), prometheus.rules_dir(paths), short_window)
    prometheus.reload(prometheus.url(topology))


def open_matrix(folder: Path, seconds: float) -> Matrix:
    """Ready the stack, rules and background load for `seconds` of faults."""
    paths = RunPaths.default()
    started = ready_stack(paths)
    try:
        options = StackOptions.load(paths)
        target = Target(paths, options.topology())
        clear_all(target)
        use_rules(paths, short_window=True)
        client = prometheus.connect(prometheus.url(target.topology))
        background = BackgroundLoad(target.topology.public_url(), Path(folder) / "background",
                                    seconds, options.port_offset).start()
    except BaseException:
        if started is not None:
            started.down()
        raise
    return Matrix(target, client, Path(folder), background, started)


def close_matrix(matrix: Matrix) -> None:
    """Stop the load, clear every fault, restore the rules; stop the stack if started here."""
    matrix.background.stop()
    if matrix.started is not None:
        matrix.started.down()
        return
    clear_all(matrix.target)
    use_rules(matrix.target.paths, short_window=False)
