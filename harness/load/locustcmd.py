"""Locust command lines for one load run: alone, or a master with its workers."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from harness.model.topology import LOCUST_WEB_PORT

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
MASTER_PORT = 5557
STOP_TIMEOUT_S = 10


@dataclass(frozen=True)
class LocustJob:
    """Where the load goes, where its files go, and how Locust runs it."""

    target: str
    folder: Path
    workers: int = 0
    web: bool = False
    port_offset: int = 0

    @property
    def csv_prefix(self) -> Path:
        """Locust's CSV files are <prefix>_stats.csv, _stats_history.csv, _failures.csv."""
        return self.folder / "locust"

    @property
    def html(self) -> Path:
        """Locust's own HTML report."""
        return self.folder / "locust.html"

    @property
    def window_file(self) -> Path:
        """The JSON lines the locustfile records the load window in."""
        return self.folder / "window.jsonl"

    @property
    def web_port(self) -> int:
        """Locust's web UI port: 8089 moved by the stack's port offset."""
        return LOCUST_WEB_PORT + self.port_offset

    @property
    def master_port(self) -> int:
        """The master's port for its workers: 5557 moved by the port offset."""
        return MASTER_PORT + self.port_offset

    def web_url(self) -> str:
        """The address of Locust's web UI."""
        return f"http://127.0.0.1:{self.web_port}/"


def base(job: LocustJob, log_name: str) -> list[str]:
    """What every Locust process of the job gets: the locustfile, the target, its own log."""
    return [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--host", job.target,
            "--logfile", str(job.folder / log_name), "--loglevel", "INFO"]


def runner(job: LocustJob) -> list[str]:
    """The process that runs the shape: a master when there are workers, else the only one."""
    command = [*base(job, "locust.log"), "--csv", str(job.csv_prefix), "--html", str(job.html),
               "--stop-timeout", str(STOP_TIMEOUT_S), "--only-summary"]
    if job.web:
        command += ["--autostart", "--autoquit", "10", "--web-host", "127.0.0.1",
                    "--web-port", str(job.web_port)]
    else:
        command.append("--headless")
    if job.workers:
        command += ["--master", "--master-bind-host", "127.0.0.1",
                    "--master-bind-port", str(job.master_port),
                    "--expect-workers", str(job.workers), "--expect-workers-max-wait", "60"]
    return command


def worker(job: LocustJob, number: int) -> list[str]:
    """Worker `number`, connecting to the job's master."""
    return [*base(job, f"locust-worker-{number}.log"), "--worker", "--master-host", "127.0.0.1",
            "--master-port", str(job.master_port)]
