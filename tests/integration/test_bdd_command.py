"""`astroshop bdd` against the session's stack: a stopped service fails the right scenarios,
saying what the shopper saw, and the same scenarios pass once it is back."""
import os
import subprocess
import sys
from pathlib import Path

from harness.bdd.control import Outage
from harness.target import Target
from harness.paths import REPO_ROOT

TAGS = "cart or (storefront and smoke)"


def bdd(stack, reports, *args):
    """Run the command against the stack's public URL; its exit code, output and report."""
    env = {**os.environ, "ASTROSHOP_REPORTS_DIR": str(reports)}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "astroshop"), "bdd", "--target",
         stack.options().topology().public_url(), "--workers", "0", *args],
        capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=600)
    runs = sorted(reports.glob("*-bdd-*")) if reports.exists() else []
    return result.returncode, result.stdout + result.stderr, runs[-1] if runs else None


def test_a_stopped_cart_fails_its_scenarios_with_what_the_shopper_saw(stack, tmp_path):
    topology = stack.options().topology()
    outage = Outage(Target(topology.public_url(), topology.mesh_url(), stack), "cart")
    try:
        outage.stop()
        code, output, run = bdd(stack, tmp_path / "down", "--tags", TAGS)
    finally:
        outage.restore()
    assert code == 1, output
    summary = (run / "summary.md").read_text()
    assert "# AstroShop acceptance: failed" in summary
    assert "the shopper expected to see their cart, but saw HTTP 503 Service Unavailable" in summary
    assert "Our cart is taking a short break" in summary
    assert "| The home page shows the products | passed |" in summary
    assert list((run / "screenshots").glob("test_from_the_cart_to_the_confirmation_page-*.png"))
    for name in ("cucumber.json", "junit.xml", "report.html"):
        assert (run / name).stat().st_size > 200, name

    code, output, run = bdd(stack, tmp_path / "up", "--tags", TAGS)
    assert code == 0, output
    assert "# AstroShop acceptance: passed" in (run / "summary.md").read_text()


def test_an_unknown_tag_is_refused_before_anything_runs(stack, tmp_path):
    code, output, run = bdd(stack, tmp_path, "--tags", "smok")
    assert code == 2 and "unknown tag(s) smok" in output
    assert run is None
