"""The matrix's background load: Locust's shoppers and API clients, steady, bounded in time.

It runs the soak profile (a short ramp, then a steady hold) fitted into the time the chosen
faults may take, against the stack's own public listener, and is stopped (by PID) when the
matrix ends. Its files (Locust's CSVs and log) stay in the run's `background/` folder.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from harness.load import launch, window
from harness.load.locustcmd import LocustJob
from harness.load.settings import LoadSettings
from harness.polling import poll_until

USERS = 6
PROFILE = "soak"
MAX_SECONDS = 2 * 3600
STARTED_WITHIN_S = 90


class BackgroundLoad:
    """One Locust process of the matrix, started and stopped here."""

    def __init__(self, target: str, folder: Path, seconds: float, port_offset: int = 0,
                 users: int = USERS):
        if not 0 < seconds <= MAX_SECONDS:
            raise ValueError(f"the background load lasts 0 to {MAX_SECONDS} s, not {seconds:g}")
        self.job = LocustJob(target, Path(folder), 0, False, port_offset)
        self.settings = LoadSettings(PROFILE, duration_s=seconds, users=users,
                                     window_file=str(self.job.window_file))
        self.processes: list[subprocess.Popen] = []

    def start(self) -> BackgroundLoad:
        """Start Locust and wait until its users are running."""
        self.job.folder.mkdir(parents=True, exist_ok=True)
        self.processes = launch.start(self.job, self.settings)
        poll_until(lambda: window.started(self.job.window_file) or self.exited(),
                   STARTED_WITHIN_S, "the background load to start")
        if self.exited():
            raise RuntimeError(f"the background load exited at once; see "
                               f"{self.job.folder / 'locust.log'}")
        return self

    def exited(self) -> bool:
        """Whether Locust has stopped (its plan is over, or it failed)."""
        return not self.processes or self.processes[0].poll() is not None

    def check_running(self) -> None:
        """Fail, naming Locust's log, when the background load is no longer running."""
        if self.exited():
            raise RuntimeError(f"the background load is not running; see "
                               f"{self.job.folder / 'locust.log'}")

    def stop(self) -> None:
        """Stop the Locust processes this object started."""
        launch.stop(self.processes)
