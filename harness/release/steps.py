"""One step of a release: the canary's weight set, the background load run (again, for an
extension, with the samples pooled), the evidence gathered over the step's window and judged."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from harness.load import locuststats
from harness.load.locustcmd import LocustJob
from harness.load.session import run_with_progress
from harness.load.settings import LoadSettings
from harness.envoy.attempts import Attempts
from harness.release import analysis, objectives, samples
from harness.release.policy import ReleasePolicy
from harness.release.result import EXTEND, Step
from harness.slo.measure import wait_for_final_scrape
from harness.stats.shift import thinned

PLOTTED = 2000  # latencies kept per side and step for the report's plots

LOG_FLUSH_S = 1.5  # Envoy writes its access log at least every second


@dataclass
class Context:
    """What every step of one release shares."""

    site: object  # harness/release/site.py
    service: str
    versions: tuple[str, str]  # canary, stable
    policy: ReleasePolicy
    concerns: list[objectives.Concern]
    folder: Path
    console: Console
    client: object = None  # Prometheus, for the objectives on RED metrics


def load(ctx: Context, index: int, attempt: int) -> dict:
    """Run the policy's background load for one step length; Locust's summary."""
    folder = ctx.folder / "steps" / f"{index}-{attempt}"
    job = LocustJob(ctx.site.public_url(), folder, port_offset=ctx.site.port_offset())
    settings = LoadSettings(profile=ctx.policy.load.profile,
                            duration_s=ctx.policy.step_seconds, rate=ctx.policy.load.rate)
    outcome = run_with_progress(job, settings, ctx.console)
    return locuststats.summary(folder / "locust_stats.csv", outcome.locust_cpu_s) or {}


def evidence(ctx: Context, cursor, since: Attempts, start: float, end: float,
             previous: Step | None, previous_evidence) -> analysis.Evidence:
    """Everything the step saw; at 100 % stable's side is the step before's."""
    found = samples.read(cursor, ctx.service, start, end)
    canary, stable = samples.split(found, ctx.service)
    seen = analysis.Evidence(ctx.site.attempts(ctx.service).minus(since), canary, stable,
                             cached=samples.cached(found, ctx.service))
    if not stable and previous_evidence is not None:
        a = seen.attempts
        seen.stable, seen.reference = previous_evidence.stable, \
            f"stable's requests of step {previous.index} ({previous.weight} %)"
        seen.attempts = Attempts(a.canary_bad, a.canary_total,
                                          previous_evidence.attempts.stable_bad,
                                          previous_evidence.attempts.stable_total)
    if ctx.policy.objectives:
        settled = wait_for_final_scrape(ctx.client, end) if ctx.client else end
        for concern in ctx.concerns:
            seen.objectives.append(
                objectives.red_comparison(ctx.client, concern, ctx.versions, start, settled,
                                          ctx.policy) if concern.kind == "red" else
                objectives.edge_comparison(concern, seen.canary, seen.stable, ctx.policy))
    return seen


def run_step(ctx: Context, index: int, weight: int, previous: tuple | None) -> tuple[Step, object]:
    """Shift to `weight`, load, judge, extend while the policy allows; the judged step."""
    cursor, since = ctx.site.cursor(), ctx.site.attempts(ctx.service)
    ctx.site.shift(ctx.service, weight)
    start, attempt, loads = time.time(), 0, []
    while True:
        attempt += 1
        ctx.console.print(f"step {index + 1}: {weight} % to the canary, run {attempt}")
        loads.append(load(ctx, index, attempt))
        time.sleep(LOG_FLUSH_S)
        end = time.time()
        seen = evidence(ctx, cursor, since, start, end, *(previous or (None, None)))
        errors = analysis.error_test(seen, ctx.policy)
        latency = analysis.latency_test(seen, ctx.policy)
        decision, reason = analysis.decide(errors, latency, seen.objectives, attempt, ctx.policy)
        step = Step(index=index, weight=weight, attempts=attempt, start=start, end=end,
                    canary_requests=len(seen.canary), stable_requests=len(seen.stable),
                    reference=seen.reference, errors=errors, latency=latency,
                    objectives=tuple(seen.objectives), decision=decision, reason=reason,
                    cached=seen.cached, load={"runs": loads})
        ctx.console.print(f"  the edge's cache answered {sum(seen.cached.values())} requests "
                          f"(in neither sample): {seen.cached}")
        ctx.console.print(f"  {decision}: {reason}")
        if decision != EXTEND:
            keep(ctx.folder / "steps" / f"{index}-samples.json", seen)
            return step, seen


def keep(path: Path, seen) -> None:
    """A thinned copy of both sides' latencies, for the report's distribution plots."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({side: [round(float(v), 3) for v in thinned(
        [r.ms for r in requests], PLOTTED)] for side, requests in
        (("canary", seen.canary), ("stable", seen.stable))}))
