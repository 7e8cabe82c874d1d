"""Prometheus recording rules and burn-rate alerts, rendered from the objectives."""
from __future__ import annotations

from pathlib import Path

import yaml

from harness.slo import derived, edge, policy, runbooks
from harness.slo.policy import SHORT_WINDOW_SCALE, BurnAlert
from harness.slo.spec import Objective

ERROR_RATIO = "slo:sli_error:ratio"
OBJECTIVE = "slo:objective:ratio"
BUDGET_REMAINING = "slo:error_budget_remaining:ratio"
EVENTS = "slo:sli_events:total"
ALERT = "SLOErrorBudgetBurn"
RULES_FILE = "slo.rules.yml"


def error_ratio_expr(objective: Objective, window: str) -> str:
    """Bad events over all events in `window`, read from the SLI's counters."""
    good = derived.good_rate_expr(objective, window)
    return f"1 - ({good} / {derived.total_rate_expr(objective, window)})"


def recorded_ratio_expr(objective: Objective, window: str, scale: int = 1) -> str:
    """The error ratio a rule records: from the counters up to 1h, derived beyond."""
    if policy.is_raw(window, scale):
        return error_ratio_expr(objective, window)
    return derived.ratio_expr(objective, window, policy.base_window(scale))


def alert_annotations(objective: Objective, burn: BurnAlert, scale: int = 1) -> dict:
    """Static annotations of one burn alert (static, so promtool tests can match them)."""
    long_w, short_w = burn.windows(scale)
    factor = burn.factor(objective.period_s)
    return {
        "summary": f"{objective.name} is burning its error budget {factor:g}x too fast "
                   f"({long_w} and {short_w} windows)",
        "description": f"{objective.description.strip()} At this rate "
                       f"{burn.budget_share:.0%} of the {objective.period} error budget "
                       f"(target {objective.target:g}) is gone within {long_w}.",
        "runbook_url": runbooks.url(objective.name),
    }


def alert_rule(objective: Objective, burn: BurnAlert, scale: int = 1) -> dict:
    """One multi-window burn-rate alert: both windows above factor * budget."""
    long_w, short_w = burn.windows(scale)
    threshold = f"({burn.factor(objective.period_s):g} * {objective.budget:g})"
    ratio = f'{ERROR_RATIO}{{slo="{objective.name}",window="%s"}}'
    expr = (f"max without(window) (\n  {ratio % long_w} > {threshold}\n"
            f"  and ignoring(window)\n  {ratio % short_w} > {threshold}\n)")
    labels = {"slo": objective.name, "severity": burn.severity, "long_window": long_w,
              "short_window": short_w}
    if objective.service:
        labels["service"] = objective.service
    return {"alert": ALERT, "expr": expr, "labels": labels,
            "annotations": alert_annotations(objective, burn, scale)}


def objective_group(objective: Objective, scale: int = 1) -> dict:
    """The rule group of one objective: base rates, ratios per window, budget, events, alerts.

    Rules run in order within a group, so the ratios derived from the base rates see the
    rates recorded by the same evaluation.
    """
    name, base = objective.name, policy.base_window(scale)
    period = policy.period_window(objective.period_s, scale)
    rules: list[dict] = [{"record": OBJECTIVE, "expr": f"vector({objective.target:g})",
                          "labels": {"slo": name}}, *derived.rate_rules(objective, base)]
    for window in policy.recording_windows(objective.period_s, scale):
        rules.append({"record": ERROR_RATIO,
                      "expr": recorded_ratio_expr(objective, window, scale),
                      "labels": {"slo": name, "window": window}})
    rules += [
        {"record": EVENTS, "expr": derived.events_expr(objective, period, base),
         "labels": {"slo": name, "window": period}},
        {"record": BUDGET_REMAINING,
         "expr": f'1 - {ERROR_RATIO}{{slo="{name}",window="{period}"}} / {objective.budget:g}',
         "labels": {"slo": name, "window": period}},
    ]
    rules += [alert_rule(objective, burn, scale) for burn in policy.POLICY]
    return {"name": group_name(objective), "rules": rules}


def group_name(objective: Objective) -> str:
    """The rule group of one objective."""
    return f"slo:{objective.name}"


def render(objectives: list[Objective], short_window: bool = False) -> dict:
    """The rule file content: every objective's group, then the edge alerts; `short_window`
    divides windows by 60."""
    scale = SHORT_WINDOW_SCALE if short_window else 1
    return {"groups": [*(objective_group(o, scale) for o in objectives), edge.group(scale)]}


class _BlockDumper(yaml.SafeDumper):
    """Writes multi-line strings (alert expressions) as readable `|` blocks."""


_BlockDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def dump(content: dict) -> str:
    """YAML text of a rule or test file, multi-line strings as blocks."""
    return yaml.dump(content, Dumper=_BlockDumper, sort_keys=False, width=100)


def write_rules(objectives: list[Objective], out_dir: Path, short_window: bool = False) -> Path:
    """Write the rule file into `out_dir` (created if needed); return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / RULES_FILE
    windows = "short (divided by 60, for live fault tests)" if short_window else "standard"
    header = ("# Generated by `astroshop slo rules` from slo/*.yaml; do not edit by hand.\n"
              f"# Windows: {windows}.\n")
    path.write_text(header + dump(render(objectives, short_window)))
    return path
