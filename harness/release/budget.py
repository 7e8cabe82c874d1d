"""What a release cost the shoppers: each shop-wide objective (measured at the public edge)
over the release's whole window, bad events against what the target allows for as many."""
from __future__ import annotations

from harness import prometheus
from harness.release.objectives import EDGE_LABELS, matcher
from harness.release.result import BudgetUse
from harness.slo import loader
from harness.slo.measure import MeasureError, measure, wait_for_final_scrape
from harness.stack.runner import Stack


def shop_wide(objective) -> bool:
    """Whether an objective is measured at the public edge (every shopper's requests)."""
    _, total = objective.sli.selectors()
    return any((found := matcher(total, label)) is not None and found.value == value
               for label, value in EDGE_LABELS.items())


def budget_use(stack: Stack, start: float, end: float) -> tuple[BudgetUse, ...]:
    """Each shop-wide objective over [start, end]: bad, total, allowed, share of allowed;
    nothing when Prometheus cannot say (the result then has no budget figures)."""
    try:
        client = prometheus.connect(stack.prometheus_url())
        settled = wait_for_final_scrape(client, end)
        found = []
        for objective in (o for o in loader.load_dir() if shop_wide(o)):
            m = measure(client, objective, start, settled)
            bad, allowed = m.total - m.good, m.total * objective.budget
            found.append(BudgetUse(objective=objective.name, bad=bad, total=m.total,
                                   allowed=allowed, share=bad / allowed if allowed else None))
        return tuple(found)
    except (MeasureError, prometheus.PrometheusUnreachable):
        return ()
