"""Ansible's variables for every host, rendered from the topology model: the same replicas,
environment, Envoy and Prometheus configs as the local runner, placed on the cluster."""
from __future__ import annotations

from dataclasses import dataclass, field

from harness import databases, envoy, prometheus_config
from harness.envoy import tls
from harness.cluster import expect, firewall, monitoring, placement, sites, users
from harness.cluster.layout import HostLayout
from harness.cluster.model import Cluster, Host
from harness import flags
from harness.model.environment import service_environment
from harness.model.stores import POSTGRES, REDIS, role
from harness.model.topology import Topology
from harness.stack.processes import replica_args


@dataclass(frozen=True)
class EdgeCertificate:
    """The edge's certificate and key on the controller, and the certificate's fingerprint."""

    cert: str
    key: str
    fingerprint: str


@dataclass(frozen=True)
class Build:
    """What the controller prepared for the hosts: wheels, code archive, rule files, secrets,
    the edge's certificate."""

    wheels_archive: str
    requirements: list[str]
    code_archive: str
    code_version: str
    rules_dir: str
    rules_version: str
    secrets: dict[str, str]
    edge_certificate: EdgeCertificate
    signing_keys: str = ""  # the accounts service's key set on the controller
    receiver_archive: str = ""  # the webhook receiver's modules (monitoring.RECEIVER_MODULES)
    receiver_version: str = ""
    # service -> {version, archive}: services whose stable release came from `cluster release`
    releases: dict[str, dict[str, str]] = field(default_factory=dict)


def stores(cluster: Cluster, build: Build) -> placement.Stores:
    """The data host's stores with their generated passwords."""
    return placement.Stores(cluster.one("data").address, build.secrets["database_password"],
                            build.secrets["redis_password"])


def service_replicas(topology: Topology, host: Host, cluster: Cluster, build: Build) -> list[dict]:
    """Every replica on `host`: its interpreter arguments and its ASTROSHOP_* environment."""
    data, layout = stores(cluster, build), HostLayout(host.host_dir)
    replicas = []
    for endpoint in placement.replicas_on(topology, host):
        service = topology.service(endpoint.service)
        env = service_environment(topology, service, endpoint.replica,
                                  database_url=data.database_url(service.name), redis_url=data.redis_url(),
                                  secret_key=build.secrets["frontend_secret_key"],
                                  flags_file=layout.flags, signing_keys=layout.signing_keys)
        args = replica_args(service, endpoint.port, endpoint.host)
        replica = {"name": endpoint.name, "service": service.name,
                   "user": users.name(cluster.settings, service.name),
                   "address": endpoint.address, "args": args, "env": env}
        released = build.releases.get(service.name)
        if released:  # the stable release's own code, named by its BUILD.json
            directory = f"{host.host_dir}/releases/{service.name}/{released['version']}"
            replica.update(directory=directory, release=released["version"],
                           env={**env, "PYTHONPATH": directory})
        replicas.append(replica)
    return replicas


def database_roles(topology: Topology, owner_password: str) -> dict:
    """Every SQL service's role: names (pg_hba), the psql script (harness/databases.py) and
    the passwords it reads from its environment."""
    services = databases.sql_services(topology)
    return {"postgresql_service_roles": [role(s) for s in services],
            "postgresql_roles_script": databases.psql_script(services, POSTGRES.database),
            "postgresql_roles_environment": databases.derived_passwords(services, owner_password)}


def data_vars(cluster: Cluster, topology: Topology, host: Host, build: Build) -> dict:
    """PostgreSQL, Redis and Prometheus settings of a data host."""
    listen = ["127.0.0.1", host.address]
    return {
        "postgresql_port": POSTGRES.port, "postgresql_listen_addresses": listen,
        "postgresql_user": POSTGRES.user, "postgresql_database": POSTGRES.database,
        "postgresql_password": build.secrets["database_password"],
        **database_roles(topology, build.secrets["database_password"]),
        "postgresql_client_subnet": cluster.settings.subnet,
        "redis_port": REDIS.port, "redis_bind": listen,
        "redis_password": build.secrets["redis_password"],
        "prometheus_port": topology.prometheus_port,
        "prometheus_config": prometheus_config.render(topology, sites.scrape_site(
            cluster, HostLayout(host.host_dir).prometheus_rules,
            monitoring.exporter_targets(cluster, topology))),
        "prometheus_rules_src": build.rules_dir + "/",
        "prometheus_rules_version": build.rules_version,
    }


def edge_tls(host: Host, build: Build) -> dict:
    """The envoy role's certificate variables: where the pair goes, its SDS file, its sources."""
    files = sites.edge_tls(host)
    return {"dir": HostLayout(host.host_dir).envoy_tls, "sds_path": files.sds,
            "sds": tls.sds_resources(files), "cert_src": build.edge_certificate.cert,
            "key_src": build.edge_certificate.key,
            "generation": f"server-{build.edge_certificate.fingerprint[:16]}"}


def host_vars(cluster: Cluster, topology: Topology, host: Host, build: Build) -> dict:
    """Every role variable of one host (roles it does not play get none)."""
    result: dict = {"common_wheels_archive_src": build.wheels_archive,
                    "common_requirements": build.requirements,
                    "common_program_files": expect.program_files(topology, host),
                    "exporters_programs": monitoring.exporter_programs(
                        topology, host, stores(cluster, build))}
    replicas = service_replicas(topology, host, cluster, build)
    result.update(common_users=users.on_host(cluster.settings, topology, host),
                  common_users_comment=users.comment(cluster.settings),
                  **firewall.host_vars(cluster, topology, host))
    if replicas:
        result.update(astroshop_service_replicas=replicas,
                      astroshop_service_releases=[
                          {"service": name, **build.releases[name]}
                          for name in sorted({r["service"] for r in replicas})
                          if name in build.releases],
                      astroshop_service_archive_src=build.code_archive,
                      astroshop_service_code_version=build.code_version,
                      astroshop_service_flags_src=str(flags.DEFAULTS),
                      astroshop_service_flags_path=HostLayout(host.host_dir).flags)
        if any(topology.service(r["service"]).signing_keys for r in replicas):
            signer = next(r["user"] for r in replicas
                          if topology.service(r["service"]).signing_keys)
            result.update(astroshop_service_signing_keys_src=build.signing_keys,
                          astroshop_service_signing_keys_owner=signer,
                          astroshop_service_signing_keys_path=HostLayout(
                              host.host_dir).signing_keys)
    if placement.runs_envoy(host):
        result.update(envoy_bootstrap=envoy.render(topology, sites.envoy_site(host)),
                      envoy_admin_socket=HostLayout(host.host_dir).envoy_admin,
                      envoy_user=users.envoy(cluster.settings))
    if host.has("edge"):
        result.update(envoy_tls=edge_tls(host, build))
    if host.has("data"):
        result.update(data_vars(cluster, topology, host, build))
    if host.has(monitoring.MONITORING_ROLE):
        result.update(monitoring.alertmanager_vars(topology, host, build.receiver_archive,
                                                   build.receiver_version))
    return result
