"""SLOs and error budgets: one row per objective of slo/*.yaml (a new spec adds a row)."""
from harness.dashboards.layout import dashboard as build
from harness.dashboards.slo import objective_panels
from harness.dashboards.style import row
from harness.slo import loader

panels = []
for objective in loader.load_dir():
    key = " (key objective)" if objective.key else ""
    panels += [row(f"{objective.name}: target {objective.target:.2%} over "
                   f"{objective.period}{key}"), *objective_panels(objective)]

dashboard = build("AstroShop / SLOs and error budgets", "astroshop-slo", panels,
                  "Every objective of slo/*.yaml: SLI, budget left, burn rates, alerts",
                  tags=("slo",))
