"""Load plans and profiles: stages over time, and --duration/--scale/--users/--rate."""
import pytest

from harness.load.plan import Plan, Stage, adjusted
from harness.load.profiles import PROFILES, profile
from harness.load.settings import LoadSettings

PLAN = Plan((Stage(60, 10, 1), Stage(30, 40, 5), Stage(10, 5, 10)), pace=1.0)


@pytest.mark.parametrize("elapsed, expected", [
    (0, (0, 10)), (59.9, (0, 10)), (60, (1, 40)), (89.9, (1, 40)), (95, (2, 5)),
])
def test_the_stage_due_at_a_moment(elapsed, expected):
    index, stage = PLAN.at(elapsed)
    assert (index, stage.users) == expected


def test_nothing_is_due_after_the_last_stage():
    assert PLAN.at(100) is None
    assert PLAN.total_s == 100
    assert PLAN.starts() == [0, 60, 90]


def test_duration_fits_every_stage_and_speeds_the_ramps_up_alike():
    short = adjusted(PLAN, LoadSettings(duration_s=50))
    assert [s.seconds for s in short.stages] == [30, 15, 5]
    assert [s.spawn_rate for s in short.stages] == [2, 10, 20]
    assert [s.users for s in short.stages] == [10, 40, 5]


def test_scale_multiplies_users_and_spawn_rates_keeping_at_least_one_user():
    small = adjusted(PLAN, LoadSettings(scale=0.1))
    assert [s.users for s in small.stages] == [1, 4, 1]
    assert small.stages[1].spawn_rate == pytest.approx(0.5)


def test_users_sets_the_peak_and_keeps_the_proportions():
    peak = adjusted(PLAN, LoadSettings(users=80))
    assert [s.users for s in peak.stages] == [20, 80, 10]


def test_rate_sets_the_peak_arrival_rate_through_the_pace():
    fast = adjusted(PLAN, LoadSettings(rate=120))
    assert fast.pace == pytest.approx(3.0)
    assert fast.rate(fast.stages[1]) == pytest.approx(120)


@pytest.mark.parametrize("settings, message", [
    ({"duration_s": 1}, "--duration"), ({"scale": 0}, "--scale"), ({"users": 0}, "--users"),
    ({"rate": -1}, "--rate"),
])
def test_nonsense_adjustments_are_refused_naming_the_option(settings, message):
    with pytest.raises(ValueError, match=message):
        LoadSettings(**settings)


def test_settings_travel_through_the_environment(monkeypatch):
    settings = LoadSettings("stress", 90, 0.5, None, 12.5, "/tmp/w.jsonl")
    for key, value in settings.to_env().items():
        monkeypatch.setenv(key, value)
    assert LoadSettings.from_env() == settings


def test_the_six_profiles_are_defined_with_growing_lengths_where_they_should():
    assert list(PROFILES) == ["smoke", "load", "stress", "spike", "soak", "breakpoint"]
    lengths = {name: p.plan(LoadSettings()).total_s for name, p in PROFILES.items()}
    assert lengths["smoke"] <= 60
    assert lengths["smoke"] < lengths["load"] < lengths["soak"]
    assert lengths["soak"] >= 3600


def test_the_breakpoint_steps_the_rate_up_and_never_down():
    rates = [s.users for s in profile("breakpoint").stages]
    assert rates == sorted(rates) and len(set(rates)) == len(rates)


def test_the_spike_surges_and_comes_back():
    users = [s.users for s in profile("spike").stages]
    assert users[1] >= 5 * users[0] and users[2] == users[0]


def test_an_unknown_profile_names_the_known_ones():
    with pytest.raises(ValueError, match="smoke, load, stress"):
        profile("hammer")
