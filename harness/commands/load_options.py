"""Options shared by `astroshop load` and `astroshop gate`, and the defaults of the stack."""
from __future__ import annotations

import functools
from pathlib import Path

import click
import yaml

from harness import prometheus
from harness.load.profiles import PROFILES
from harness.load.settings import LoadSettings
from harness.paths import RunPaths
from harness.slo import durations
from harness.slo.loader import SPEC_DIR
from harness.slo.measure import ENVOY_STATS_FLUSH_S
from harness.stack.options import StackOptions


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


def stack() -> StackOptions:
    """The options of the local stack (or the defaults, moved by ASTROSHOP_PORT_OFFSET)."""
    return StackOptions.load(RunPaths.default())


def default_target() -> str:
    """The local stack's public listener."""
    return stack().topology().public_url()


def default_prometheus() -> str:
    """The local stack's Prometheus."""
    return prometheus.url(stack().topology())


def envoy_flush_s(paths: RunPaths | None = None) -> float:
    """How often the local stack's Envoy publishes histograms (Envoy's default: 5 s)."""
    config = (paths or RunPaths.default()).envoy_conf
    if not config.is_file():
        return ENVOY_STATS_FLUSH_S
    value = (yaml.safe_load(config.read_text()) or {}).get("stats_flush_interval")
    return float(durations.seconds(value)) if value else ENVOY_STATS_FLUSH_S


def slo_dir_option(command):
    """--slo DIR: where the SLO spec files are."""
    return click.option("--slo", "slo_dir", type=click.Path(path_type=Path), default=SPEC_DIR,
                        show_default=True, help="Directory of SLO spec files.")(command)
