"""Run Locust for one job: start its processes, report progress, stop them by the deadline."""
from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import psutil

from harness.certs import trust
from harness.load import locustcmd, window
from harness.load.locustcmd import LocustJob
from harness.load.settings import LoadSettings

STARTUP_GRACE_S = 60.0  # Locust start-up, workers joining, users finishing, reports written
TEST_DATA_EXIT = 2


class LoadError(RuntimeError):
    """The load could not be run; the message says why and where the log is."""


@dataclass
class LoadOutcome:
    """The recorded window and how Locust ended."""

    window: window.LoadWindow
    exit_code: int
    timed_out: bool
    locust_cpu_s: float = 0.0


def start(job: LocustJob, settings: LoadSettings) -> list[subprocess.Popen]:
    """The runner (master or only process), then the workers; output goes to log files."""
    env = {**os.environ, **settings.to_env(), **trust.environment()}
    commands = [locustcmd.runner(job)]
    commands += [locustcmd.worker(job, number) for number in range(1, job.workers + 1)]
    with open(job.folder / "locust.out", "ab") as output:
        return [subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=output,
                                 stderr=subprocess.STDOUT)
                for command in commands]


def stop(processes: list[subprocess.Popen], grace_s: float = 10.0) -> None:
    """Terminate the processes this run started (by PID), then kill any that linger."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + grace_s
    for process in processes:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run(job: LocustJob, settings: LoadSettings, planned_s: float,
        on_tick: Callable[[], None] = lambda: None) -> LoadOutcome:
    """Run the job to its end (bounded by the plan plus a grace period); return its window."""
    job.folder.mkdir(parents=True, exist_ok=True)
    settings = replace(settings, window_file=str(job.window_file))
    processes = start(job, settings)
    deadline = time.monotonic() + planned_s + STARTUP_GRACE_S
    timed_out, cpu_at_start, cpu_now = False, None, 0.0
    try:
        while processes[0].poll() is None:
            if time.monotonic() > deadline:
                timed_out = True
                break
            cpu_now = cpu_seconds(processes)
            if cpu_at_start is None and window.started(job.window_file) is not None:
                cpu_at_start = cpu_now
            on_tick()
            time.sleep(0.5)
    finally:
        stop(processes)
    ended = time.time()
    code = processes[0].returncode
    if code == TEST_DATA_EXIT:
        raise LoadError(f"Locust could not fetch test data from {job.target}; "
                        f"see {job.folder / 'locust.log'}")
    try:
        recorded = window.read(job.window_file, ended)
    except ValueError as exc:
        raise LoadError(f"{exc} ({job.folder})") from exc
    return LoadOutcome(recorded, code, timed_out, cpu_now - (cpu_at_start or cpu_now))


def cpu_seconds(processes: list[subprocess.Popen]) -> float:
    """CPU seconds (user and system) the running Locust processes have used so far."""
    total = 0.0
    for process in processes:
        try:
            times = psutil.Process(process.pid).cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total
