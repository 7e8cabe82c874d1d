"""The matrix's session: a stack scraped every second, short-window alerts, background load.

The stack is the one of $ASTROSHOP_RUN_DIR, started (scraped every second) when none runs
there and stopped again at the end. Its rules are swapped for the short-window ones (1h ->
1m) for the session and put back afterwards; every fault is cleared before and after.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from prometheus_api_client import PrometheusConnect

from harness import prometheus
from harness.alerting import notifications
from harness.faults.actions import clear_all
from harness.faults.matrix import gates
from harness.faults.matrix.background import BackgroundLoad
from harness.faults.matrix.gates import GateRun
from harness.faults.matrix.report import BASELINE_FILE
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
    """Everything a fault's trial needs: the stack, Prometheus, the receiver's store of
    notifications, the load, the report folder."""

    stack: Stack
    client: PrometheusConnect
    folder: Path
    background: BackgroundLoad
    started: Stack | None = None
    baseline: GateRun | None = None
    began: float = field(default_factory=time.time)  # pages before it are not this session's

    @property
    def store(self) -> Path:
        """The receiver's store: every notification Alertmanager delivered to the stack."""
        return notifications.store_path(self.stack.paths)

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


def check_scraping(stack: Stack) -> None:
    """A MatrixError when `stack` runs and is scraped too seldom."""
    interval = stack.options().scrape_interval_s
    if stack.running() and interval > MAX_SCRAPE_S:
        raise MatrixError(f"the stack in {stack.paths.root} is scraped every {interval} s; the "
                          f"short-window alerts need {MAX_SCRAPE_S} s or less: restart it "
                          f"with `astroshop up --scrape-interval {SCRAPE_S}`")


def ready_stack(stack: Stack) -> Stack | None:
    """Start `stack` when it does not run (the stack started, or None); check scraping."""
    started = None
    if not stack.running():
        stack.up(StackOptions(scrape_interval_s=SCRAPE_S), timeout=UP_TIMEOUT_S)
        started = stack
    check_scraping(stack)
    return started


def use_rules(stack: Stack, short_window: bool) -> None:
    """Write the SLO rules (short-window or standard) into the stack and reload Prometheus."""
    rules.write_rules(loader.load_dir(), prometheus.rules_dir(stack.paths), short_window)
    prometheus.reload(stack.prometheus_url())


def open_matrix(folder: Path, seconds: float) -> Matrix:
    """Ready the stack, rules and background load for `seconds` of faults."""
    stack = Stack.current()
    started = ready_stack(stack)
    try:
        clear_all(stack)
        use_rules(stack, short_window=True)
        client = prometheus.connect(stack.prometheus_url())
        background = BackgroundLoad(stack.public_url(), Path(folder) / "background",
                                    seconds, stack.options().port_offset).start()
    except BaseException:
        if started is not None:
            started.down()
        raise
    return Matrix(stack, client, Path(folder), background, started)


def close_matrix(matrix: Matrix) -> None:
    """Stop the load, clear every fault, restore the rules; stop the stack if started here."""
    matrix.background.stop()
    if matrix.started is not None:
        matrix.started.down()
        return
    clear_all(matrix.stack)
    use_rules(matrix.stack, short_window=False)
