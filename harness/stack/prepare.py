"""Everything `astroshop up` writes before it starts the supervisor, in the run directory."""
from __future__ import annotations

from harness import databases, prometheus
from harness.alerting import supervised
from harness.flags import install_defaults
from harness.signing import keyset
from harness.paths import RunPaths, write_private
from harness.stack import edge, supervisor
from harness.stack.options import StackOptions, generated
from harness.stack.processes import ProcessSpec, write_secrets


def provision_databases(paths: RunPaths, options: StackOptions) -> None:
    """With --database-url: a role and schema of its own for every service that keeps data
    there, its password generated and kept in the run directory (harness/databases.py)."""
    if options.database_url:
        databases.provision(options.database_url, {
            name: generated(paths, name, "database")
            for name in databases.sql_services(options.topology())})


def write_run_files(paths: RunPaths, options: StackOptions, processes: list[ProcessSpec]) -> None:
    """The options, databases' roles, Envoy (with its certificate), flags, Prometheus, the
    alerting processes' configs, every service's secret files and the supervisor's config."""
    topology = options.topology()
    paths.ensure()
    options.save(paths)
    provision_databases(paths, options)
    edge.write_config(topology, paths, options.tls_only)
    install_defaults(paths.flags)  # every fault starts off
    keyset.ensure(paths.signing_keys)  # made once per run directory, then kept
    prometheus.write_stack_config(topology, paths, supervised.exporter_targets(
        topology, options.database_url, options.redis_url))
    supervised.write_configs(topology, paths)
    write_secrets(topology, paths, options)
    write_private(paths.supervisor_conf, supervisor.render(paths, processes))
