"""promtool unit tests generated from the objectives: every burn alert fires just above its
factor and stays silent just below it, so the tests cannot drift from the specs."""
from __future__ import annotations

import re
from pathlib import Path

from harness.slo import durations, policy, rules
from harness.slo.selectors import Matcher, Selector
from harness.slo.spec import Objective

ABOVE, BELOW = 1.01, 0.99
EVENTS_PER_STEP = 1000
FALLBACK_VALUES = ("2", "200", "5", "500", "public", "ok", "x")


def _candidates(matchers: list[Matcher]) -> list[str]:
    """Label values worth trying against these matchers (their own values, regex branches)."""
    found = []
    for m in matchers:
        branches = m.value.split("|") if "~" in m.op else [m.value]
        found += [re.sub(r"[\^$\\()]", "", b).replace(".", "0") for b in branches]
    return [*found, *FALLBACK_VALUES, *(m.value + "x" for m in matchers)]


def _value(accept: list[Matcher], reject: list[Matcher]) -> str | None:
    """A value every `accept` matcher takes and some `reject` matcher refuses (if any given)."""
    for value in _candidates([*accept, *reject]):
        if all(m.accepts(value) for m in accept) and not (
                reject and all(m.accepts(value) for m in reject)):
            return value
    return None


def series(name: str, accept: tuple[Matcher, ...], reject: tuple[Matcher, ...] = ()) -> str:
    """A concrete series matched by `accept` and, when `reject` is given, not by `reject`."""
    labels = sorted({m.label for m in (*accept, *reject)})
    on = {label: [m for m in accept if m.label == label] for label in labels}
    off = {label: [m for m in reject if m.label == label] for label in labels}
    broken = next((l for l in labels if off[l] and _value(on[l], off[l]) is not None), None)
    if reject and broken is None:
        raise ValueError(f"no series of {name} matches {accept} but not {reject}")
    values = {l: _value(on[l], off[l] if l == broken else []) for l in labels}
    if None in values.values():
        raise ValueError(f"cannot find label values for {name} matching {accept}")
    inner = ",".join(f'{l}="{v}"' for l, v in values.items())
    return f"{name}{{{inner}}}"


def input_series(objective: Objective, ratio: float, steps: int, *, no_good=False) -> list[dict]:
    """Counters whose bad share is `ratio` at every step, good events absent if `no_good`."""
    good, total = objective.sli.selectors()
    bad_per_step = ratio * EVENTS_PER_STEP
    if good.name == total.name:
        pairs = [(series(good.name, (*good.matchers, *total.matchers)), EVENTS_PER_STEP - bad_per_step),
                 (series(total.name, total.matchers, good.matchers), bad_per_step)]
    else:
        pairs = [(series(good.name, good.matchers), EVENTS_PER_STEP - bad_per_step),
                 (series(total.name, total.matchers), EVENTS_PER_STEP)]
    return [{"series": name, "values": f"0+{step:g}x{steps}"}
            for index, (name, step) in enumerate(pairs) if not (no_good and index == 0)]


def expected_alerts(objective: Objective, ratio: float, scale: int) -> list[dict]:
    """The alerts that must fire at a constant error `ratio`: every factor below it."""
    expected = []
    for burn in policy.POLICY:
        if ratio > burn.factor(objective.period_s) * objective.budget:
            rule = rules.alert_rule(objective, burn, scale)
            expected.append({"exp_labels": rule["labels"], "exp_annotations": rule["annotations"]})
    return expected


def test_group(objective: Objective, name: str, ratio: float, eval_s: int, scale: int,
               no_good: bool = False) -> dict:
    """One promtool test group: constant `ratio` for `eval_s`, alerts checked at its end."""
    step_s = 60 // scale
    return {"name": f"{objective.name}: {name}", "interval": durations.text(step_s),
            "input_series": input_series(objective, ratio, eval_s // step_s, no_good=no_good),
            "alert_rule_test": [{"alertname": rules.ALERT, "eval_time": durations.text(eval_s),
                                 "exp_alerts": expected_alerts(objective, ratio, scale)}]}


def test_file(objective: Objective, rules_path: Path, short_window: bool = False) -> dict:
    """The promtool test file of one objective, against the rendered `rules_path`."""
    scale = policy.SHORT_WINDOW_SCALE if short_window else 1
    groups = []
    for burn in policy.POLICY:
        factor, (long_w, short_w) = burn.factor(objective.period_s), burn.windows(scale)
        for share, verb in ((ABOVE, "fires"), (BELOW, "stays silent")):
            groups.append(test_group(
                objective, f"{long_w}/{short_w} {verb} at {share:g} x {factor:g}x burn",
                share * factor * objective.budget, burn.long_s // scale, scale))
    groups.append(test_group(objective, "every alert fires when no event is good", 1.0,
                             policy.HOUR // scale, scale, no_good=True))
    return {"rule_files": [str(Path(rules_path).resolve())],
            "evaluation_interval": durations.text(policy.HOUR // scale), "tests": groups}


def write_tests(objectives: list[Objective], rules_path: Path, out_dir: Path,
                short_window: bool = False) -> list[Path]:
    """Write one `<objective>.test.yml` per objective into `out_dir`; return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for objective in objectives:
        path = out_dir / f"{objective.name}.test.yml"
        path.write_text(rules.dump(test_file(objective, rules_path, short_window)))
        paths.append(path)
    return paths
