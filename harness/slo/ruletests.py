"""promtool unit tests generated from the objectives, so the tests cannot drift from the specs.

For every burn alert of the policy: it fires just above its factor, stays silent just below
it, and stops once the short window is clean again (the long one still burning). Which
alerts are expected is worked out here from the error-ratio profile, independently of the
PromQL that promtool evaluates.
"""
from __future__ import annotations

from pathlib import Path

from harness.slo import durations, policy, rules
from harness.slo.policy import BurnAlert
from harness.slo.spec import Objective
from harness.slo.testseries import Phase, input_series, window_ratio

ABOVE, BELOW, RECOVERING = 1.01, 0.99, 2.0
SAMPLES_PER_SHORT_WINDOW = 5


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


def burn_groups(objective: Objective, burn: BurnAlert, scale: int) -> list[dict]:
    """Fires just above, silent just below, silent once the short window is clean."""
    factor, (long_w, short_w) = burn.factor(objective.period_s), burn.windows(scale)
    threshold = factor * objective.budget
    above, below, recovering = (min(1.0, share * threshold)
                                for share in (ABOVE, BELOW, RECOVERING))
    step_s = burn.short_s // scale // SAMPLES_PER_SHORT_WINDOW
    steps = burn.long_s // scale // step_s
    label = f"{long_w}/{short_w} at {factor:g}x"
    return [
        test_group(objective, f"{label}: fires at {ABOVE:g} x the burn rate",
                   [Phase(steps, above)], step_s, scale),
        test_group(objective, f"{label}: stays silent at {BELOW:g} x the burn rate",
                   [Phase(steps, below)], step_s, scale),
        test_group(objective, f"{label}: stops once the last {short_w} are clean",
                   [Phase(steps - SAMPLES_PER_SHORT_WINDOW - 1, recovering),
                    Phase(SAMPLES_PER_SHORT_WINDOW + 1, 0.0)], step_s, scale),
    ]


def test_files(objective: Objective, rules_path: Path,
               short_window: bool = False) -> dict[str, dict]:
    """The promtool test files of one objective, one per burn alert, by file name.

    Each file evaluates the rules once per long window (its groups all end there), which
    keeps promtool from evaluating every rule hourly across three days.
    """
    scale = policy.SHORT_WINDOW_SCALE if short_window else 1
    files = {}
    for index, burn in enumerate(policy.POLICY):
        groups = burn_groups(objective, burn, scale)
        if index == 0:
            step_s = burn.short_s // scale // SAMPLES_PER_SHORT_WINDOW
            groups.append(test_group(objective, "every alert fires when no event is good",
                                     [Phase(burn.long_s // scale // step_s, 1.0)], step_s,
                                     scale, no_good=True))
        long_w = burn.windows(scale)[0]
        files[f"{objective.name}.{long_w}.test.yml"] = {
            "rule_files": [str(Path(rules_path).resolve())],
            "evaluation_interval": long_w, "tests": groups}
    return files


def write_tests(objectives: list[Objective], rules_path: Path, out_dir: Path,
                short_window: bool = False) -> list[Path]:
    """Write the test files of every objective into `out_dir`; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for objective in objectives:
        for name, content in test_files(objective, rules_path, short_window).items():
            path = out_dir / name
            path.write_text(rules.dump(content))
            paths.append(path)
    return paths
