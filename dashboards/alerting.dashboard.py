"""Alerting: the synthetic probes of the edge, and what Alertmanager did with the alerts."""
from harness.dashboards.layout import dashboard as build
from harness.dashboards.style import RATE, SLOW, row, stat, timeseries

PROBES = 'job="synthetic"'
FIRING = 'ALERTS{alertstate="firing"}'

dashboard = build("AstroShop / Alerting and probes", "astroshop-alerting", [
    row("Synthetic probes of the public edge (blackbox_exporter)"),
    stat("Probes passing", f"avg(probe_success{{{PROBES}}})", "percentunit",
         "Share of the probes (home page, a product, the API list) passing now"),
    stat("Slowest probe", f"max(probe_duration_seconds{{{PROBES}}})", "s",
         "The longest probe of the last scrape"),
    timeseries("Probe success by probe",
               [(f"avg by (probe) (avg_over_time(probe_success{{{PROBES}}}[{SLOW}]))",
                 "{{probe}}")], "percentunit", "Share of passing probes over 5 minutes",
               width=8),
    timeseries("Probe duration by probe",
               [(f"max by (probe) (probe_duration_seconds{{{PROBES}}})", "{{probe}}")], "s",
               "How long a shopper's first request takes, seen from outside", width=8),
    row("Alerts and notifications"),
    stat("Alerts firing in Prometheus", f"count({FIRING}) or vector(0)", "short",
         "Every alert rule firing now (burn-rate and EdgeDown)", decimals=0),
    stat("Alerts active in Alertmanager", 'sum(alertmanager_alerts{state="active"})', "short",
         "Alerts Alertmanager holds, neither silenced nor inhibited", decimals=0),
    stat("Alerts held back", 'sum(alertmanager_alerts{state="suppressed"})', "short",
         "Alerts silenced or inhibited (a page holding back its ticket, EdgeDown "
         "holding back service pages)", decimals=0),
    timeseries("Notifications sent and failed",
               [(f"sum(rate(alertmanager_notifications_total[{RATE}]))", "sent"),
                (f"sum(rate(alertmanager_notifications_failed_total[{RATE}]))", "failed")],
               "reqps", "Webhook calls to the harness's receiver, per second", width=12),
])
