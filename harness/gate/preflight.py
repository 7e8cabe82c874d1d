"""Before any load: the spec, Prometheus, the target and the baseline must all be usable."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import requests
from prometheus_api_client import PrometheusConnect

from harness import prometheus
from harness.certs import trust
from harness.gate import baseline as baselines
from harness.gateresult import GateResult
from harness.slo import loader
from harness.slo.spec import Objective


class CannotJudge(RuntimeError):
    """The harness cannot judge this run; the message says what is missing."""


@dataclass
class Prepared:
    """What the gate needs, checked: objectives, a Prometheus client, the baseline if any."""

    objectives: list[Objective]
    client: PrometheusConnect
    baseline_folder: Path | None
    baseline: GateResult | None


def check_target(target: str) -> None:
    """The target answers its product list with 200; CannotJudge otherwise."""
    url = target.rstrip("/") + "/api/products"
    try:
        response = requests.get(url, timeout=10, verify=trust.verify())
    except requests.RequestException as exc:
        raise CannotJudge(f"the target {target} does not answer ({type(exc).__name__}); "
                          "is the shop up (`astroshop status`)?") from exc
    if response.status_code != 200:
        raise CannotJudge(f"the target answered GET {url} with {response.status_code}, not 200")


def prepare(slo_dir: Path, prometheus_url: str, target: str, baseline: str | None,
            profile: str, run_id: str) -> Prepared:
    """Load the spec, reach Prometheus and the target, find the baseline; else CannotJudge."""
    try:
        objectives = [o for o in loader.load_dir(slo_dir) if o.gate]  # probes: alerts only
    except loader.SpecError as exc:
        raise CannotJudge(f"the SLO spec cannot be used:\n{exc}") from exc
    try:
        client = prometheus.connect(prometheus_url)
    except prometheus.PrometheusUnreachable as exc:
        raise CannotJudge(str(exc)) from exc
    check_target(target)
    if baseline is None:
        return Prepared(objectives, client, None, None)
    try:
        folder, gate = baselines.resolve(baseline, profile, exclude=run_id)
    except baselines.BaselineError as exc:
        raise CannotJudge(f"the baseline cannot be used: {exc}") from exc
    return Prepared(objectives, client, folder, gate)
