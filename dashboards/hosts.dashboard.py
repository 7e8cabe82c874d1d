"""The cluster's hosts, seen by node_exporter on each: CPU, load, memory, disk and network.
It needs the `node` job (the cluster's Prometheus); `dashboards verify` skips it, saying so,
against a Prometheus without one (the local stack)."""
from harness.dashboards.layout import dashboard as build
from harness.dashboards.style import RATE, needs_job, row, stat, timeseries

NODE = 'job="node"'

dashboard = build("AstroShop / Hosts", "astroshop-hosts", [
    row("Every host of the cluster (node_exporter)"),
    stat("Hosts up", f"sum(up{{{NODE}}})", "short", "Hosts whose node_exporter answers",
         decimals=0),
    stat("Busiest CPU",
         f'max(1 - avg by (host) (rate(node_cpu_seconds_total{{{NODE},mode="idle"}}[{RATE}])))',
         "percentunit", "The host whose CPUs are least idle"),
    stat("Least memory available",
         f"min(node_memory_MemAvailable_bytes{{{NODE}}} / node_memory_MemTotal_bytes{{{NODE}}})",
         "percentunit", "Share of memory still available on the fullest host"),
    stat("Fullest disk",
         f'max(1 - node_filesystem_avail_bytes{{{NODE},fstype!~"tmpfs|overlay"}} / '
         f'node_filesystem_size_bytes{{{NODE},fstype!~"tmpfs|overlay"}})', "percentunit",
         "Share used of the fullest filesystem", width=8),
    timeseries("CPU busy by host",
               [(f'1 - avg by (host) (rate(node_cpu_seconds_total{{{NODE},mode="idle"}}'
                 f'[{RATE}]))', "{{host}}")], "percentunit",
               "Share of CPU time not idle", width=8),
    timeseries("Load by host", [(f"max by (host) (node_load1{{{NODE}}})", "{{host}}")],
               "short", "One-minute load average", width=8),
    timeseries("Network by host",
               [(f'sum by (host) (rate(node_network_receive_bytes_total{{{NODE},'
                 f'device!="lo"}}[{RATE}]))', "{{host}} in"),
                (f'sum by (host) (rate(node_network_transmit_bytes_total{{{NODE},'
                 f'device!="lo"}}[{RATE}]))', "{{host}} out")], "Bps",
               "Bytes per second on the host's link to the cluster", width=8),
], "Host metrics of every cluster host", tags=("hosts", needs_job("node")))
