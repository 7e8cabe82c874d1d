"""AstroShop's locustfile: the shoppers, the API clients and the chosen profile's shape.

Run by `astroshop load` / `astroshop gate`, which pass the profile and its adjustments in
ASTROSHOP_LOAD_SETTINGS; by hand, `locust -f harness/load/locustfile.py -H URL` runs smoke.
"""
from __future__ import annotations

import logging
from pathlib import Path

from locust import constant_throughput, events
from locust.runners import MasterRunner, WorkerRunner

from harness.load import window
from harness.load.groups import GroupCounts
from harness.load.apiuser import ApiShopper
from harness.load.settings import LoadSettings
from harness.load.shapes import shape_class
from harness.load.shoppers import Shopper
from harness.load.testdata import DATA, NoTestData

SETTINGS = LoadSettings.from_env()
Shape = shape_class(SETTINGS.profile)
Shopper.wait_time = ApiShopper.wait_time = constant_throughput(Shape.profile.plan(SETTINGS).pace)
__all__ = ["ApiShopper", "Shape", "Shopper"]
COUNTS = GroupCounts()


@events.test_start.add_listener
def _fetch_test_data(environment, **_kwargs) -> None:
    """Every process that runs users fetches the catalog and currencies before they start."""
    if isinstance(environment.runner, MasterRunner):
        return
    try:
        DATA.load(environment.host)
    except NoTestData as exc:
        logging.error("%s", exc)
        environment.process_exit_code = 2
        environment.runner.quit()


@events.test_start.add_listener
def _record_start(environment, **_kwargs) -> None:
    """The master (or the only process) records when the load began."""
    if not isinstance(environment.runner, WorkerRunner):
        window.record(SETTINGS.window_file, "start", profile=SETTINGS.profile)


@events.test_stop.add_listener
def _record_stop(environment, **_kwargs) -> None:
    """The master (or the only process) records when the load stopped."""
    if not isinstance(environment.runner, WorkerRunner):
        window.record(SETTINGS.window_file, "stop")


@events.request.add_listener
def _count(name, response_time, response=None, **_kwargs) -> None:
    """Count every request by edge class, status class and response time."""
    COUNTS.add(name, getattr(response, "status_code", 0) or 0, response_time)


@events.quitting.add_listener
def _write_counts(environment, **_kwargs) -> None:
    """Every process that ran users leaves its counts beside the window file."""
    if SETTINGS.window_file and not isinstance(environment.runner, MasterRunner):
        COUNTS.write(Path(SETTINGS.window_file).parent)
