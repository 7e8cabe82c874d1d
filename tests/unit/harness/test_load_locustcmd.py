"""Locust's command lines: headless or web, alone or master and workers, ports moved."""
from pathlib import Path

from harness.load import locustcmd
from harness.load.locustcmd import LocustJob


def option(command, name):
    return command[command.index(name) + 1]


def test_headless_alone_writes_csv_and_html_into_the_run_folder():
    job = LocustJob("http://127.0.0.1:8380", Path("/r/run"), port_offset=300)
    command = locustcmd.runner(job)
    assert "--headless" in command and "--master" not in command
    assert option(command, "--host") == "http://127.0.0.1:8380"
    assert option(command, "--csv") == "/r/run/locust"
    assert option(command, "--html") == "/r/run/locust.html"
    assert option(command, "-f").endswith("harness/load/locustfile.py")


def test_the_web_ui_moves_with_the_port_offset_and_stays_on_loopback():
    job = LocustJob("http://t", Path("/r"), web=True, port_offset=300)
    command = locustcmd.runner(job)
    assert "--headless" not in command and "--autostart" in command
    assert option(command, "--web-port") == "8389"
    assert option(command, "--web-host") == "127.0.0.1"
    assert job.web_url() == "http://127.0.0.1:8389/"


def test_workers_join_a_master_on_a_port_moved_by_the_offset():
    job = LocustJob("http://t", Path("/r"), workers=2, port_offset=300)
    master = locustcmd.runner(job)
    assert option(master, "--expect-workers") == "2"
    assert option(master, "--master-bind-port") == "5857"
    worker = locustcmd.worker(job, 1)
    assert "--worker" in worker and option(worker, "--master-port") == "5857"
    assert option(worker, "--logfile") == "/r/locust-worker-1.log"
