"""The options `astroshop load` and `astroshop gate` share, and their defaults from the stack."""
from __future__ import annotations

import functools
from pathlib import Path

import click
import yaml

from harness.load.profiles import PROFILES
from harness.load.settings import LoadSettings
from harness.slo import durations
from harness.slo.loader import SPEC_DIR
from harness.slo.measure import ENVOY_STATS_FLUSH_S
from harness.stack.runner import Stack


def load_options(command):
    """--profile, --target, --workers, --duration, --scale, --users and --rate."""
    decorators = [
        click.option("--profile", type=click.Choice(list(PROFILES)), default="smoke",
                     show_default=True, help="The load profile (harness/load/profiles.py)."),
        click.option("--target", default=None,
                     help="Base URL to load [default: the local stack's public listener]."),
        click.option("--workers", type=click.IntRange(0, 16), default=0, show_default=True,
                     help="Locust workers (master/worker mode) to go past one core."),
        click.option("--duration", type=float, default=None,
                     help="Fit the profile into this many seconds."),
        click.option("--scale", type=float, default=1.0, show_default=True,
                     help="Multiply the profile's users."),
        click.option("--users", type=int, default=None, help="The profile's peak users."),
        click.option("--rate", type=float, default=None,
                     help="The profile's peak arrival rate, in tasks per second."),
    ]
    return functools.reduce(lambda cmd, deco: deco(cmd), reversed(decorators), command)


def settings_from(profile: str, duration: float | None, scale: float, users: int | None,
                  rate: float | None) -> LoadSettings:
    """LoadSettings from the options; a click error with the reason when they are wrong."""
    try:
        return LoadSettings(profile, duration, scale, users, rate)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def slo_dir_option(command):
    """--slo DIR: where the SLO spec files are."""
    return click.option("--slo", "slo_dir", type=click.Path(path_type=Path), default=SPEC_DIR,
                        show_default=True, help="Directory of SLO spec files.")(command)


def envoy_flush_s(stack: Stack) -> float:
    """How often the stack's Envoy publishes histograms (Envoy's default without a config)."""
    config = stack.paths.envoy_conf
    if not config.is_file():
        return ENVOY_STATS_FLUSH_S
    value = (yaml.safe_load(config.read_text()) or {}).get("stats_flush_interval")
    return float(durations.seconds(value)) if value else ENVOY_STATS_FLUSH_S
