"""What a release cost the shoppers: each shop-wide objective (measured at the public edge)
over the release's whole window, bad events against what the target allows for as many;
and the canary's own share of them: the bad events its requests had beyond stable's ratio,
step by step, against the same allowance."""
from __future__ import annotations

from harness import prometheus
from harness.release.objectives import at_edge
from harness.release.result import BudgetUse, Step
from harness.slo import loader
from harness.slo.measure import MeasureError, measure, wait_for_final_scrape


def canary_excess(name: str, steps: list[Step]) -> float:
    """The bad events of `name` the canary's requests had beyond stable's ratio, all steps."""
    return sum(max(0.0, test.effect or 0.0) * test.candidate_n for step in steps
               for test in step.objectives if test.name == f"objective {name}")


def budget_use(prometheus_url: str, start: float, end: float,
               steps: list[Step]) -> tuple[BudgetUse, ...]:
    """Each shop-wide objective over [start, end]: bad, total, allowed, share of allowed;
    nothing when Prometheus cannot say (the result then has no budget figures)."""
    try:
        client = prometheus.connect(prometheus_url)
        settled = wait_for_final_scrape(client, end)
        found = []
        for objective in (o for o in loader.load_dir() if at_edge(o.sli.selectors()[1])):
            m = measure(client, objective, start, settled)
            bad, allowed = m.total - m.good, m.total * objective.budget
            excess = canary_excess(objective.name, steps)
            found.append(BudgetUse(objective=objective.name, bad=bad, total=m.total,
                                   allowed=allowed, share=bad / allowed if allowed else None,
                                   canary_excess=excess,
                                   canary_share=excess / allowed if allowed else None))
        return tuple(found)
    except (MeasureError, prometheus.PrometheusUnreachable):
        return ()
