"""Unit tests of the flag file: values people type, atomic rewrites, the Locust reader."""
import json
import os
import subprocess
import sys

import pytest

from harness.faults import flagfile
from harness.load.flagreader import FlagReader
from harness.faults.values import BadFaultInput, parse_value


@pytest.fixture
def path(tmp_path):
    return flagfile.install_defaults(tmp_path / "flags.json")


def served(path, name):
    flag = json.loads(path.read_text())["flags"][name]
    return flag["defaultVariant"], flag["variants"][flag["defaultVariant"]]


def test_defaults_have_every_flag_off_with_a_description_and_variants(path):
    states = flagfile.states(path)
    assert len(states) >= 13
    for state in states:
        assert state.variant == "off", state.name
        assert state.description and state.service and state.unit, state.name
        assert {"off", "on"} <= set(state.variants), state.name


@pytest.mark.parametrize("name, text, expected", [
    ("paymentFailure", "on", ("on", 1)),
    ("paymentFailure", "50%", ("50%", 0.5)),
    ("cartFailure", "12.5%", ("12.5%", 0.125)),
    ("catalogLatency", "250ms", ("250ms", 250)),
    ("currencyLatency", "2s", ("2000ms", 2000)),
    ("adsFailure", " on ", ("on", True)),
])
def test_a_value_is_a_variant_a_percentage_or_a_duration(path, name, text, expected):
    flagfile.set_flag(path, name, text)
    assert served(path, name) == expected


@pytest.mark.parametrize("name, text, reason", [
    ("noSuchFlag", "on", "unknown flag 'noSuchFlag'; known flags: catalogFailure"),
    ("paymentFailure", "150%", "a percentage is 0% to 100%"),
    ("paymentFailure", "half", "or a percentage such as 50%"),
    ("adsFailure", "50%", "give one of the variants off, on"),
    ("catalogLatency", "fast", "or a duration such as 250ms"),
])
def test_bad_values_are_refused_and_the_file_is_unchanged(path, name, text, reason):
    before = path.read_text()
    with pytest.raises(BadFaultInput, match=reason):
        flagfile.set_flag(path, name, text)
    assert path.read_text() == before


def test_clear_serves_off_and_keeps_added_variants(path):
    flagfile.set_flag(path, "paymentFailure", "30%")
    state = flagfile.clear_flag(path, "paymentFailure")
    assert (state.variant, state.value) == ("off", 0)
    assert "30%" in state.variants and state.shown() == "off = 0"


def test_every_write_moves_the_modification_time(path):
    os.utime(path, ns=(4_000_000_000_000_000_000, 4_000_000_000_000_000_000))
    flagfile.set_flag(path, "adsFailure", "on")
    assert path.stat().st_mtime_ns > 4_000_000_000_000_000_000


def test_a_missing_or_broken_file_says_how_to_get_one(tmp_path):
    with pytest.raises(flagfile.FlagFileError, match="astroshop up"):
        flagfile.states(tmp_path / "absent.json")
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(flagfile.FlagFileError, match="fault clear --all"):
        flagfile.states(tmp_path / "bad.json")


def test_parse_value_of_an_unknown_unit_accepts_only_variants():
    flag = {"variants": {"off": 0, "on": 10}, "metadata": {"unit": "requests"}}
    assert parse_value("homepageFlood", flag, "on") == ("on", 10)
    with pytest.raises(BadFaultInput):
        parse_value("homepageFlood", flag, "50%")


def test_the_reader_follows_the_file_and_keeps_values_through_a_bad_write(path):
    reader = FlagReader(path)
    assert reader.homepage_flood() == 0
    flagfile.set_flag(path, "homepageFlood", "heavy")
    assert reader.homepage_flood() == 50
    assert reader.value("catalogFailure") == ""
    assert reader.number("adsFailure") == 0.0
    path.write_text("{half a fil")
    assert reader.homepage_flood() == 50
    assert FlagReader(path.with_name("absent.json")).homepage_flood() == 0


def test_a_shoppers_pool_sends_the_heaviest_flood_at_once():
    """Locust's own pool must not absorb the burst; in a subprocess, as Locust patches gevent."""
    variants = json.loads(flagfile.DEFAULTS.read_text())["flags"]["homepageFlood"]["variants"]
    shown = subprocess.run([sys.executable, "-c", "from harness.load.shoppers import Shopper; "
                            "print(Shopper.concurrency)"], capture_output=True, text=True,
                           check=True, timeout=60)
    assert int(shown.stdout.split()[-1]) == max(variants.values())
