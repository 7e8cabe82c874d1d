"""`astroshop release SERVICE` end to end: build, canary health gate, the steps, then
promote, roll back or stop as inconclusive; the result written as it goes."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from harness import prometheus
from harness.release import canary, objectives, report, steps
from harness.stack import releasebuild as build
from harness.release.budget import budget_use
from harness.release.policy import ReleasePolicy
from harness.release.result import (EXIT_CODES, GO_ON, INCONCLUSIVE, PROMOTED, ROLL_BACK,
                                    ROLLED_BACK, RUNNING, ReleaseResult, write)
from harness.runs import new_run
from harness.slo import loader

CURRENT = "current.json"  # the running release's result, for `astroshop release status`


class ReleaseRefused(ValueError):
    """The release cannot start: the message says why (a usage problem, exit 2)."""


@dataclass(frozen=True)
class Request:
    """What `astroshop release` was asked for."""

    service: str
    policy: ReleasePolicy
    ref: str | None = None
    source: Path | None = None
    repo: Path | None = None


def prepared(site, request: Request) -> tuple[build.Built, str]:
    """The release built, and the version stable runs; ReleaseRefused when it makes no sense."""
    try:
        service = site.topology().service(request.service)
    except KeyError as exc:
        raise ReleaseRefused(exc.args[0]) from exc
    if (site.state_dir(service.name) / CURRENT).exists():
        raise ReleaseRefused(f"a release of {service.name} is running (`astroshop release "
                             "status`)")
    built = site.build(service.name, request.ref, request.source, request.repo)
    stable = site.stable_version(service.name)
    if built.version == stable:
        raise ReleaseRefused(f"{built.version} is already {service.name}'s stable release")
    return built, stable


def release(site, request: Request, console: Console) -> tuple[ReleaseResult, Path]:
    """The whole release on `site` (harness/release/site.py); its result (also in
    release.json) and its report folder."""
    began, service, policy = time.time(), request.service, request.policy
    built, stable = prepared(site, request)
    run_id, folder = new_run("release")
    running = site.state_dir(service) / CURRENT
    source = f"ref {request.ref}" if request.ref else f"source {request.source}"
    base = dict(run_id=run_id, service=service, source=source, stable_version=stable,
                canary_version=built.version, canary_commit=built.commit,
                policy=policy.model_dump(), started=began)
    done, decision, reason = [], ROLLED_BACK, ""
    try:
        console.print(f"release {run_id}: {service} {stable} -> {built.version}")
        try:
            seconds = site.start_canary(service, built.version, policy.start_timeout_seconds)
        except site.canary_failure as exc:  # the site's own word for a canary that did not start
            raise canary.CanaryFailed(str(exc)) from exc
        console.print(f"canary healthy in {seconds:.1f}s")
        topology, slos = site.topology(), loader.load_dir()
        ctx = steps.Context(site, service, (built.version, stable), policy,
                            objectives.concerning(slos, topology.service(service)), folder,
                            console,
                            prometheus.connect(site.prometheus_url()))
        previous = None
        for index, weight in enumerate(policy.steps):
            step, seen = steps.run_step(ctx, index, weight, previous)
            done.append(step)
            write(running, ReleaseResult(**base, steps=tuple(done), decision=RUNNING,
                                         reason=step.reason, exit_code=EXIT_CODES[RUNNING]))
            if step.decision != GO_ON:
                decision = ROLLED_BACK if step.decision == ROLL_BACK else INCONCLUSIVE
                reason = f"step {index + 1} ({weight} %): {step.reason}"
                break
            previous = (step, seen)
        else:
            site.promote(service, built.version)
            decision, reason = PROMOTED, f"every step passed; {built.version} is stable"
    except canary.CanaryFailed as exc:
        reason = f"before any traffic: {exc}"
    finally:
        if decision != PROMOTED:
            site.stop_canary(service)
        running.unlink(missing_ok=True)
    result = ReleaseResult(**base, steps=tuple(done), decision=decision, reason=reason,
                           exit_code=EXIT_CODES[decision],
                           canary_logs=site.canary_logs(service),
                           budget=budget_use(site.prometheus_url(), began, time.time(), done),
                           wall_time_s=time.time() - began)
    write(site.state_dir(service) / "last.json", result)
    report.write_all(folder, result)
    return result, folder
