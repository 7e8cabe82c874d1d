"""promtool unit tests generated from the objectives, so the tests cannot drift from the specs.

For every burn alert of the policy: it fires just above its factor, stays silent just below
it, and stops once the short window is clean again (the long one still burning). Which
alerts are expected is worked out here from the error-ratio profile, independently of the
PromQL that promtool evaluates.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from harness.slo import durations, policy, rules
from harness.slo.policy import BurnAlert
from harness.slo.spec import Objective
from harness.slo.testseries import Phase, input_series, window_ratio

ABOVE, BELOW, RECOVERING = 1.01, 0.99, 2.0
SAMPLES_PER_BASE_WINDOW = 5  # input samples per recorded base window (5m: one a minute)


def expected_alert(objective: Objective, burn: BurnAlert, scale: int) -> dict:
    """What promtool must see of one firing burn alert: its labels and annotations."""
    rule = rules.alert_rule(objective, burn, scale)
    return {"exp_labels": rule["labels"], "exp_annotations": rule["annotations"]}


def expected_alerts(objective: Objective, phases: list[Phase], step_s: int,
                    scale: int) -> list[dict]:
    """The alerts that must be firing at the end of `phases`: both windows above threshold."""
    expected = []
    for burn in policy.POLICY:
        threshold = burn.factor(objective.period_s) * objective.budget
        long_steps, short_steps = (burn.long_s // scale // step_s,
                                   burn.short_s // scale // step_s)
        if min(window_ratio(phases, long_steps), window_ratio(phases, short_steps)) > threshold:
            expected.append(expected_alert(objective, burn, scale))
    return expected


def test_group(objective: Objective, name: str, phases: list[Phase], step_s: int,
               scale: int, no_good: bool = False) -> dict:
    """One promtool test group: the SLI's counters follow `phases`; alerts checked at the end."""
    eval_s = step_s * sum(phase.steps for phase in phases)
    expected = ([expected_alert(objective, burn, scale) for burn in policy.POLICY]
                if no_good else expected_alerts(objective, phases, step_s, scale))
    return {"name": f"{objective.name}: {name}", "interval": durations.text(step_s),
            "input_series": input_series(objective, phases, no_good=no_good),
            "alert_rule_test": [{"alertname": rules.ALERT, "eval_time": durations.text(eval_s),
                                 "exp_alerts": expected}]}


def step_seconds(scale: int) -> int:
    """Seconds between input samples: enough samples for rate() over the base window."""
    return policy.BASE_WINDOW_S // scale // SAMPLES_PER_BASE_WINDOW


def burn_groups(objective: Objective, burn: BurnAlert, scale: int) -> list[dict]:
    """Fires just above, silent just below, silent once the short window is clean.

    "Clean" lasts the short window plus the base window plus a sample: a derived window
    still sees the base-window rates recorded up to one base window after the last error.
    """
    factor, (long_w, short_w) = burn.factor(objective.period_s), burn.windows(scale)
    threshold = factor * objective.budget
    above, below, recovering = (min(1.0, share * threshold)
                                for share in (ABOVE, BELOW, RECOVERING))
    step_s = step_seconds(scale)
    steps = burn.long_s // scale // step_s
    clean = (burn.short_s + policy.BASE_WINDOW_S) // scale // step_s + 1
    label = f"{long_w}/{short_w} at {factor:g}x"
    return [
        test_group(objective, f"{label}: fires at {ABOVE:g} x the burn rate",
                   [Phase(steps, above)], step_s, scale),
        test_group(objective, f"{label}: stays silent at {BELOW:g} x the burn rate",
                   [Phase(steps, below)], step_s, scale),
        test_group(objective, f"{label}: stops once the last {short_w} are clean",
                   [Phase(steps - clean, recovering), Phase(clean, 0.0)], step_s, scale),
    ]


def test_files(objective: Objective, rules_path: Path,
               short_window: bool = False) -> dict[str, dict]:
    """The promtool test files of one objective, one per burn alert, by file name.

    The rules are evaluated once per base window, as often as the derived windows need
    their recorded rates (a real Prometheus evaluates them more often still).
    """
    scale = policy.SHORT_WINDOW_SCALE if short_window else 1
    step_s, files = step_seconds(scale), {}
    for index, burn in enumerate(policy.POLICY):
        groups = burn_groups(objective, burn, scale)
        if index == 0:
            groups.append(test_group(objective, "every alert fires when no event is good",
                                     [Phase(burn.long_s // scale // step_s, 1.0)], step_s,
                                     scale, no_good=True))
        files[f"{objective.name}.{burn.windows(scale)[0]}.test.yml"] = {
            "rule_files": [str(Path(rules_path).resolve())],
            "evaluation_interval": policy.base_window(scale), "tests": groups}
    return files


def split_rules(rules_path: Path, out_dir: Path) -> dict[str, Path]:
    """Each objective's group of a rendered rule file in a file of its own, by group name.

    A test then evaluates only the group its input feeds, every base window for days.
    """
    content = yaml.safe_load(Path(rules_path).read_text())
    paths = {}
    for group in content["groups"]:
        path = Path(out_dir) / f"{group['name'].replace(':', '.')}.rules.yml"
        path.write_text(rules.dump({"groups": [group]}))
        paths[group["name"]] = path
    return paths


def write_tests(objectives: list[Objective], rules_path: Path, out_dir: Path,
                short_window: bool = False) -> list[Path]:
    """Write the test files of every objective into `out_dir`; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    groups, paths = split_rules(rules_path, out_dir), []
    for objective in objectives:
        group_path = groups[rules.group_name(objective)]
        for name, content in test_files(objective, group_path, short_window).items():
            path = out_dir / name
            path.write_text(rules.dump(content))
            paths.append(path)
    return paths
