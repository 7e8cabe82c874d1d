"""One load run from the command line: Locust in the background, a live display in front."""
from __future__ import annotations

from rich.console import Console
from rich.live import Live

from harness.load import launch, progress, window
from harness.load.launch import LoadOutcome
from harness.load.locustcmd import LocustJob
from harness.load.plan import Plan
from harness.load.profiles import profile
from harness.load.settings import LoadSettings


def planned(settings: LoadSettings) -> Plan:
    """The plan the settings ask for (ValueError for an unknown profile)."""
    return profile(settings.profile).plan(settings)


def run_with_progress(job: LocustJob, settings: LoadSettings, console: Console) -> LoadOutcome:
    """Run the load, showing users, requests/s, failures and time left until it ends."""
    plan = planned(settings)
    history = job.csv_prefix.with_name(job.csv_prefix.name + "_stats_history.csv")
    if job.web:
        console.print(f"Locust's web UI: {job.web_url()}")

    def render():
        """The progress table as it stands."""
        return progress.view(settings.profile, progress.latest(history),
                             window.started(job.window_file), plan.total_s)

    with Live(render(), console=console, refresh_per_second=2, transient=False) as live:
        outcome = launch.run(job, settings, plan.total_s, lambda: live.update(render()))
        live.update(render())
    console.print()
    if outcome.timed_out:
        console.print(f"[yellow]Locust overran the plan by over {launch.STARTUP_GRACE_S:.0f} s "
                      "and was stopped[/]")
    return outcome
