"""The task mix, read from Locust itself, gives every profile enough checkouts for a verdict."""
import json
import subprocess
import sys

import pytest

from harness.load.locustcmd import LOCUSTFILE
from harness.load.profiles import PROFILES
from harness.load.settings import LoadSettings
from harness.slo import loader


@pytest.fixture(scope="module")
def ratios():
    """Locust's own task ratios for the locustfile (in a subprocess: Locust patches gevent)."""
    output = subprocess.run([sys.executable, "-m", "locust", "-f", str(LOCUSTFILE),
                             "--show-task-ratio-json"], capture_output=True, text=True,
                            timeout=120, check=True).stdout
    return json.loads(output)["per_class"]


def planned_checkouts(ratios, settings: LoadSettings) -> float:
    """API checkouts the plan asks for: user-seconds x pace x API share x checkout share."""
    plan = PROFILES[settings.profile].plan(settings)
    api = ratios["ApiShopper"]
    user_seconds = sum(stage.users * stage.seconds for stage in plan.stages)
    return user_seconds * plan.pace * api["ratio"] * api["tasks"]["checkout"]["ratio"]


def test_both_user_classes_visit_every_part_of_the_shop(ratios):
    assert set(ratios) == {"Shopper", "ApiShopper"}
    assert {"home", "product", "recommendations", "ads", "view_cart", "add_to_cart",
            "change_currency", "checkout"} == set(ratios["Shopper"]["tasks"])
    assert "checkout" in ratios["ApiShopper"]["tasks"]


@pytest.mark.parametrize("settings", [
    LoadSettings("smoke"), LoadSettings("smoke", duration_s=30), LoadSettings("load"),
    LoadSettings("spike"), LoadSettings("stress"), LoadSettings("soak"),
], ids=["smoke", "smoke in 30 s", "load", "spike", "stress", "soak"])
def test_every_profile_plans_half_again_the_checkouts_a_verdict_needs(ratios, settings):
    needed = max(o.min_events for o in loader.load_dir()
                 if "checkout" in (o.sli.total or ""))
    assert planned_checkouts(ratios, settings) >= 1.5 * needed
