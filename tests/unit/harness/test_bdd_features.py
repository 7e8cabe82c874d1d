"""The feature files themselves: areas, counts, outlines, and tags that are declared markers."""
import subprocess
import sys
from pathlib import Path

from pytest_bdd.feature import get_features

from harness.bdd.selection import known_tags
from harness.paths import REPO_ROOT

FEATURES = REPO_ROOT / "features"
AREAS = ("catalog", "cart", "currency", "checkout", "orders", "storefront", "edge", "health",
         "accounts")


def features():
    return get_features([str(FEATURES)])


def scenarios():
    return [(f, s) for f in features() for s in f.scenarios.values()]


def test_every_area_has_its_folder_of_features():
    for area in AREAS:
        assert list((FEATURES / area).glob("*.feature")), f"no features for {area}"


def test_one_feature_per_file_and_at_least_40_scenarios():
    files = list(FEATURES.rglob("*.feature"))
    assert len(features()) == len(files)
    assert len(scenarios()) >= 40


def test_every_tag_is_a_declared_marker():
    declared = known_tags()
    used = {tag for f, s in scenarios() for tag in s.tags | f.tags}
    assert used <= declared, f"undeclared tags: {used - declared}"


def test_tables_are_scenario_outlines_for_cards_currencies_and_bad_input():
    outlines = {s.name for _, s in scenarios() if s.templated}
    for name in ("Cards the shop refuses, and why", "A malformed request is refused and names "
                 "the problem", "An order placed in a currency is priced in it, exactly",
                 "A quantity that is not a whole number from 1 to 99 is refused"):
        assert name in outlines


def test_at_least_five_browser_scenarios_and_a_smoke_subset():
    tags = [s.tags | f.tags for f, s in scenarios()]
    assert sum("ui" in t for t in tags) >= 5
    assert 5 <= sum("smoke" in t for t in tags) < len(tags) / 2


def test_a_typo_in_a_tag_fails_collection(tmp_path: Path):
    (tmp_path / "typo.feature").write_text(
        "Feature: Typo\n  @smok\n  Scenario: Tagged wrongly\n    Given nothing\n")
    (tmp_path / "test_typo.py").write_text(
        "from pytest_bdd import given, scenarios\nscenarios('typo.feature')\n\n"
        "@given('nothing')\ndef nothing():\n    pass\n")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(REPO_ROOT / "pyproject.toml"),
         "--rootdir", str(tmp_path), "-p", "no:cacheprovider", "-q", str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode != 0
    assert "'smok' not found in `markers` configuration option" in result.stdout + result.stderr
