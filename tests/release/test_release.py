"""Releases on the real stack, with builds made by real code changes (a copied source tree or
a temporary git repository, never a fault flag): each case's decision, the steps it took and
the effects it could detect are printed (-rP) for the record."""
import threading
import time
from collections import Counter

import requests

from harness.release import weights
from tests.support import builds
from tests.release.cacheprobe import CacheProbe
from tests.support.release import astroshop, healthz, policy, release

# Short steps under a brisk load: enough requests at 5 % for the tolerated effects.
# The canary's start limit is generous: on a crowded machine its imports alone can take half a
# minute, and no case here is about the limit.
QUICK = {"step_seconds": 30, "max_extensions": 3, "load": {"profile": "smoke", "rate": 20},
         "start_timeout_seconds": 180}
AFTER_S = 8  # the shopper reads on this long after a release ended


def record(result) -> None:
    """The decision, the steps and the detectable effects, for the test log."""
    print(f"{result.service} {result.canary_version}: {result.decision}: {result.reason}")
    for step in result.steps:
        print(f"  step {step.index + 1} ({step.weight} %, {step.attempts} run(s), "
              f"{step.canary_requests} canary / {step.stable_requests} stable requests): "
              f"{step.decision}; detectable: errors +{step.errors.mde}, latency "
              f"{step.latency.mde} ms; latency shift {step.latency.effect} ms "
              f"[{step.latency.ci_low}, {step.latency.ci_high}]")
    for use in result.budget:
        print(f"  {use.objective}: {use.bad:.0f} bad of {use.total:.0f} (allowed "
              f"{use.allowed:.1f}), the canary's excess {use.canary_excess:.1f}")


def assert_no_canary_answer_cached(shopper: CacheProbe, result, stable: str,
                                   ended: float) -> None:
    """The canary answered some of the shopper's reads, never from the edge's cache (its answers
    leave marked no-store); after the rollback every read is stable's; the steps counted the
    reads the cache answered (in neither sample)."""
    canary, after = shopper.by(result.canary_version), [a for a in shopper.answers
                                                         if a.at > ended]
    cached = [step.cached for step in result.steps]
    print(f"edge cache: {len(shopper.answers)} reads, {len(canary)} by the canary "
          f"({sum(a.from_cache for a in canary)} of them from the cache), {len(after)} after "
          f"the release; the steps' cache answers: {cached}")
    assert canary, "no read reached the canary: the cache check would prove nothing"
    assert not [a for a in canary if a.from_cache], "a canary answer came from the edge's cache"
    assert all("no-store" in a.cache_control for a in canary), canary[:3]
    assert after and all(stable in a.build and a.status == 200 for a in after), after[:3]
    assert sum(step.get("stable", 0) for step in cached) > 0, cached


def stable_version(stack) -> str:
    """The version catalog's stable replica answers with."""
    return healthz(stack.topology().endpoints("catalog")[0].address)["version"]


def assert_stable_restored(stack, version: str) -> None:
    """All traffic on stable, no canary left, stable on `version`."""
    assert weights.canary_share(stack.envoy_admin(), "catalog") == 0
    assert not any(name.startswith("catalog-canary") for name in stack.states())
    assert stable_version(stack) == version


def test_slower_catalog_reads_are_rolled_back_within_the_budget(stack, tmp_path):
    before = stable_version(stack)
    source = builds.source_copy(tmp_path / "src", builds.SLOW_CATALOG_READS)
    shopper = CacheProbe(stack.public_url()).start()  # reads the product list through the edge
    done, result = release("catalog", "--source", str(source), "--policy",
                           str(policy(tmp_path, **QUICK)), reports=tmp_path / "reports")
    ended = time.time()
    shopper.finish(AFTER_S)
    record(result)
    assert_no_canary_answer_cached(shopper, result, before, ended)
    assert done.returncode == 1 and result.decision == "rolled back", done.stdout
    latency = result.steps[-1].latency
    assert latency.verdict == "worse" and latency.ci_low > 20  # +40 ms seen, not less than 20
    assert result.budget, "no budget figures: Prometheus did not answer"
    for use in result.budget:
        assert use.canary_share is None or use.canary_share <= 1, use
    assert_stable_restored(stack, before)


def test_a_route_failing_one_request_in_twenty_is_rolled_back(stack, tmp_path):
    before = stable_version(stack)
    source = builds.source_copy(tmp_path / "src", builds.FAILING_PRODUCT_ROUTE)
    done, result = release("catalog", "--source", str(source), "--policy", str(policy(
        tmp_path, **QUICK, errors={"max_increase": 0.01})), reports=tmp_path / "reports")
    record(result)
    assert done.returncode == 1 and result.decision == "rolled back", done.stdout
    last = result.steps[-1]
    worse = [c.name for c in (last.errors, last.latency, *last.objectives)
             if c.verdict == "worse"]
    assert set(worse) & {"error ratio (upstream attempts)", "objective catalog-availability"}
    assert_stable_restored(stack, before)


def test_a_step_too_short_for_the_policys_effect_ends_inconclusive(stack, tmp_path):
    before = stable_version(stack)
    source = builds.described_differently(tmp_path / "src")
    done, result = release("catalog", "--source", str(source), "--policy", str(policy(
        tmp_path, step_seconds=5, max_extensions=1, start_timeout_seconds=180,
        errors={"max_increase": 0.001},
        latency={"max_shift_ms": 0.2, "max_shift_ratio": 0})), reports=tmp_path / "reports")
    record(result)
    assert done.returncode == 3 and result.decision == "inconclusive", done.stdout
    assert len(result.steps) == 1 and result.steps[0].attempts == 2
    assert result.steps[0].errors.mde > 0.001
    assert_stable_restored(stack, before)


def first_description(stack) -> str:
    """The first product's description as the stable replica serves it (the edge's cache may
    keep an older answer for its max-age: README, Releases)."""
    address = stack.topology().endpoints("catalog")[0].address
    return requests.get(f"http://{address}/api/products", timeout=5).json()["products"][0][
        "description"]


def shop_traffic(url: str, seconds: float, seen: Counter) -> None:
    """Read the product list for `seconds`, counting the answers (a bounded loop)."""
    session, end = requests.Session(), time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            seen[session.get(f"{url}/api/products", timeout=5).status_code] += 1
        except requests.RequestException as exc:
            seen[type(exc).__name__] += 1
        time.sleep(0.02)


def test_a_harmless_build_is_promoted_and_release_rollback_brings_the_old_one_back(
        stack, tmp_path):
    before = stable_version(stack)
    commit = builds.committed(tmp_path / "repo", builds.described_differently)
    # A 3-point tolerance and four extensions: on two shared cores a busy neighbour's retries
    # put errors on both sides, which widens what 5 % of the traffic can detect.
    patient = {**QUICK, "max_extensions": 4, "errors": {"max_increase": 0.03}}
    done, result = release("catalog", "--repo", str(tmp_path / "repo"), "--ref", "HEAD",
                           "--policy", str(policy(tmp_path, **patient)),
                           reports=tmp_path / "reports")
    record(result)
    assert done.returncode == 0 and result.decision == "promoted", done.stdout
    assert [step.weight for step in result.steps] == [5, 25, 50, 100]
    assert result.canary_commit == commit
    assert_stable_restored(stack, result.canary_version)
    url = stack.public_url()
    assert first_description(stack).endswith(builds.NEW_DESCRIPTION)
    seen = Counter()
    load = threading.Thread(target=shop_traffic, args=(url, 25, seen))
    load.start()
    time.sleep(2)
    rolled = astroshop("release", "rollback", "catalog", reports=tmp_path / "reports")
    load.join()
    print(f"during the rollback: {dict(seen)}")
    assert rolled.returncode == 0, rolled.stderr
    assert_stable_restored(stack, before)
    assert set(seen) == {200}, f"a request failed during the rollback: {dict(seen)}"
    assert not first_description(stack).endswith(builds.NEW_DESCRIPTION)
