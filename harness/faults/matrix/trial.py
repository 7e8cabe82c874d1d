"""One fault's trial: inject it, wait for its signal, clear it, wait for the shop to recover.

Times run from the moment `astroshop fault` returned (the fault is live, or cleared) to the
moment the signal was seen: for an alert, the moment Prometheus began firing it, counted only
once its page reached the receiver through Alertmanager (time to notification: from the
injection to the receiver storing it); for the gate, the verdict of the gate that failed (or
passed). Every page the fault caused on its objective must be followed by its resolved
notification once the fault is cleared. A gate is not started when it could not end before
the time limit.
"""
from __future__ import annotations

import subprocess
import time

from harness.faults.catalogue import Fault
from harness.faults.matrix import events, gates
from harness.faults.matrix.context import Matrix
from harness.faults.matrix.outcome import Outcome
from harness.faults.matrix.paging import PageSteps

COMMAND_TIMEOUT_S = 60


class Trial(PageSteps):
    """The trial of `fault` on the matrix's stack; its Outcome fills in step by step."""

    def __init__(self, matrix: Matrix, fault: Fault):
        self.matrix, self.fault = matrix, fault
        self.outcome = Outcome.of(fault)
        self.injected: float | None = None
        self.cleared: float | None = None
        self.note("started")

    def note(self, phase: str, **fields) -> None:
        """Add an event of this fault to the run's journal."""
        events.record(self.matrix.folder, self.fault.name, phase, **fields)

    def astroshop(self, args: tuple[str, ...]) -> None:
        """Run `astroshop fault ARGS` against the stack; an error with its output on failure."""
        done = subprocess.run([str(gates.ASTROSHOP), "fault", *args], capture_output=True,
                              text=True, timeout=COMMAND_TIMEOUT_S)
        if done.returncode != 0:
            raise AssertionError(f"`astroshop fault {' '.join(args)}` failed "
                                 f"(exit {done.returncode}): {done.stdout}{done.stderr}")

    def inject(self) -> None:
        """Inject the fault under the background load."""
        self.matrix.check()
        self.astroshop(self.fault.inject)
        self.injected, self.outcome.injected_at = time.monotonic(), time.time()
        self.note("injected", command=" ".join(self.fault.inject))

    def detected(self, objective: str, evidence: str, seconds: float | None = None) -> None:
        """The signal of `objective` was seen `seconds` after the injection (default: now)."""
        if seconds is None:
            seconds = time.monotonic() - self.injected
        self.outcome.detected, self.outcome.detected_on = True, objective
        self.outcome.time_to_detect_s = round(seconds, 1)
        self.outcome.evidence.append(evidence)
        self.note("detected", seconds=self.outcome.time_to_detect_s, objective=objective,
                  evidence=evidence)

    def gate(self, phase: str) -> gates.GateRun:
        """Run one matrix gate and keep what it said."""
        started = time.monotonic()
        run = gates.run(self.matrix.folder / "gates")
        self.outcome.gates.append({"phase": phase, "seconds": round(time.monotonic() - started),
                                   **run.as_dict()})
        self.note(f"gate {run.status}", run_id=run.run_id, during=phase)
        return run

    def expect_gate_failure(self, within_s: float) -> None:
        """A gate fails on the fault's objective within `within_s` of the injection."""
        objective = self.fault.objective
        run = gates.until(lambda gate: gate.failed_on(objective), self.injected + within_s,
                          lambda: self.gate("detect"))
        if run.failed_on(objective):
            others = ", ".join(sorted(set(run.not_passing()) - {objective})) or "none"
            return self.detected(objective, f"gate {run.run_id}: {objective} failed (verdict "
                                            f"{run.status}; others not passing: {others})")
        self.fail("not detected", f"no gate failed on {objective} within {within_s:g} s of "
                  f"injecting {self.fault.name}; the last said {run.objectives}")

    def clear(self) -> None:
        """Clear the fault."""
        self.astroshop(self.fault.clear)
        self.cleared, self.outcome.cleared_at = time.monotonic(), time.time()
        self.note("cleared", command=" ".join(self.fault.clear))

    def expect_passing_gate(self, within_s: float) -> None:
        """A gate passes with every objective passing within `within_s` of the clearing: the
        shop has recovered."""
        run = gates.until(lambda gate: gate.passed, self.cleared + within_s,
                          lambda: self.gate("recover"))
        if not run.passed:
            self.fail("not recovered", f"no gate passed with every objective passing within "
                      f"{within_s:g} s of clearing {self.fault.name}; the last said "
                      f"{run.status} (exit {run.exit_code}), not passing: "
                      f"{run.not_passing()}: {run.reasons}")
        self.outcome.recovered = True
        self.outcome.time_to_recover_s = round(time.monotonic() - self.cleared, 1)
        self.note("recovered", seconds=self.outcome.time_to_recover_s)

    def fail(self, phase: str, message: str) -> None:
        """Record what went wrong, then fail the step with it."""
        self.outcome.error = message
        self.note(phase, error=message)
        raise AssertionError(message)

    def finish(self) -> Outcome:
        """Clear the fault if a failed step left it on, name the pages on other objectives it
        caused, and record the outcome."""
        if self.injected is not None and self.cleared is None:
            self.astroshop(self.fault.clear)
            self.note("cleared", command=" ".join(self.fault.clear), after_failure=True)
        if self.injected is not None:
            self.note_other_pages()
        self.note(events.RESULT, outcome=self.outcome.as_dict())
        return self.outcome
