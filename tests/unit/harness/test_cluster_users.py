"""The cluster's own users (named from its prefix, removed exactly by `down`), Envoy among
them with no privilege, and each host's packet filter variables."""
import grp
import pwd
from dataclasses import replace

import pytest
import yaml

from harness.cluster import (ansible, canary, expect, firewall, hostvars, placement, sites,
                             users)
from harness.cluster.paths import ClusterPaths
from harness.cluster.tools import ClusterError
from harness.envoy import render
from tests.cluster.fakes import cluster
from tests.unit.harness.test_cluster_hostvars import BUILD

MADE = cluster(3)
TOPOLOGY = placement.topology(MADE)
OTHER = replace(MADE.settings, name_prefix="at12-")


def test_users_are_named_from_the_clusters_prefix_and_marked_as_its_own():
    assert users.name(MADE.settings, "catalog") == "astro-catalog"
    assert users.envoy(OTHER) == "at12-envoy"
    assert users.comment(OTHER) != users.comment(MADE.settings)
    assert set(users.every(OTHER, TOPOLOGY)) == {f"at12-{s}" for s in TOPOLOGY.names()} | {
        "at12-envoy"}


@pytest.mark.parametrize("prefix", ["a-much-too-long-cluster-prefix-", "Astro-", "at 1-"])
def test_a_prefix_that_makes_no_valid_user_name_is_refused(prefix):
    with pytest.raises(ClusterError, match="--prefix"):
        users.every(replace(MADE.settings, name_prefix=prefix), TOPOLOGY)


def test_every_host_makes_its_services_users_and_envoys_and_runs_them():
    for host in MADE.hosts:
        found = hostvars.host_vars(MADE, TOPOLOGY, host, BUILD)
        replica_users = {r["user"] for r in found["astroshop_service_replicas"]}
        assert set(found["common_users"]) == replica_users | {"astro-envoy"}
        assert found["envoy_user"] == "astro-envoy"
        assert found["common_users_comment"] == users.comment(MADE.settings)
        wanted = expect.users(MADE.settings, TOPOLOGY, host)
        assert wanted["envoy"] == "astro-envoy" and "root" not in wanted.values()


def test_envoy_needs_no_capability_every_listener_is_above_1023():
    for host in MADE.hosts:
        if placement.runs_envoy(host):
            bootstrap = render(TOPOLOGY, sites.envoy_site(host))
            ports = [listener["address"]["socket_address"]["port_value"]
                     for listener in bootstrap["static_resources"]["listeners"]]
            assert ports and min(ports) >= 1024, (host.name, ports)


def test_replicas_admit_only_the_clusters_envoys_and_prometheus():
    app, edge = MADE.host("app1"), MADE.host("edge1")
    assert firewall.callers(MADE, app) == ["astro-envoy"]
    assert firewall.callers(MADE, edge) == ["astro-envoy", "prometheus"]
    assert firewall.peers(MADE) == [h.address for h in MADE.hosts]
    assert MADE.gateway not in firewall.peers(MADE), "the root namespace is no peer"
    found = firewall.host_vars(MADE, TOPOLOGY, app)
    canary = TOPOLOGY.canary_endpoints("catalog")[0].port
    first, last = map(int, found["firewall_replica_ports"].split(":"))
    assert first <= canary <= last, "canaries are replicas too"


def test_down_removes_exactly_the_users_marked_as_this_clusters(monkeypatch):
    mark, other = users.comment(MADE.settings), users.comment(OTHER)
    table = {"astro-envoy": mark, "astro-cart": mark, "at12-envoy": other, "alice": "",
             "astro-lookalike": ""}
    groups = set(table) - {"astro-cart"}  # userdel already took that one's group
    monkeypatch.setattr(pwd, "getpwall", lambda: [
        pwd.struct_passwd((name, "x", 1000, 1000, gecos, "/", "/bin/sh"))
        for name, gecos in table.items()])
    monkeypatch.setattr(grp, "getgrall", lambda: [
        grp.struct_group((name, "x", 1000, [])) for name in sorted(groups)])
    commands = []

    def run(command):
        commands.append(command)
        action, name = command
        if action == "userdel":
            del table[name]
            return ""
        if name == "astro-envoy":
            return "busy"  # that groupdel fails: the group is left, and says why
        groups.discard(name)
        return ""

    monkeypatch.setattr(users, "run", run)
    removal = users.remove(MADE.settings)
    assert sorted(removal.users) == ["astro-cart", "astro-envoy"]
    assert sorted(commands) == [["groupdel", "astro-envoy"], ["userdel", "astro-cart"],
                                ["userdel", "astro-envoy"]]
    assert set(table) == {"at12-envoy", "alice", "astro-lookalike"}
    assert users.leftovers(MADE.settings, removal) == ["group astro-envoy (busy)"]


def test_the_envoy_role_runs_envoy_as_its_user_and_gives_it_its_files():
    role = ansible.PLAYBOOK_DIR / "roles" / "envoy"
    program = yaml.safe_load((role / "vars" / "main.yml").read_text())["envoy_programs"][0]
    assert program["user"] == "{{ envoy_user }}"
    tasks = {task["name"]: next(v for k, v in task.items() if k.startswith("ansible.builtin."))
             for task in yaml.safe_load((role / "tasks" / "main.yml").read_text())}
    owned = [args for name, args in tasks.items() if "run folder" in name or "certificate" in
             name or "SDS" in name or "live" in name]
    assert len(owned) == 5 and all(args["owner"] == "{{ envoy_user }}" for args in owned)


def test_a_canary_runs_as_its_services_user_with_a_metrics_folder_of_its_own(tmp_path):
    """The release's canary is a replica too: no root, and the folder its server writes
    metrics to is one release.yml makes for that user."""
    paths = ClusterPaths(tmp_path)
    host = next(h for h in MADE.hosts
                if TOPOLOGY.canary_endpoints("catalog")[0].host == h.address)
    (paths.ansible / "host_vars").mkdir(parents=True)
    (paths.ansible / "host_vars" / f"{host.name}.yml").write_text(
        yaml.safe_dump(hostvars.host_vars(MADE, TOPOLOGY, host, BUILD)))
    program = canary.variables(paths, MADE, TOPOLOGY, host, "catalog", "canary")[
        "release_program"]
    assert program["user"] == "astro-catalog"
    assert program["env"]["PROMETHEUS_MULTIPROC_DIR"].endswith(
        TOPOLOGY.canary_endpoints("catalog")[0].name)
    playbook = yaml.safe_load((ansible.PLAYBOOK_DIR / "release.yml").read_text())
    folder = next(t for t in playbook[0]["tasks"] if "metrics folder" in t["name"])
    assert folder["ansible.builtin.file"]["owner"] == "{{ release_program.user }}"
