"""Sockets: services, Envoy's stats and public listeners and the stores listen where they
should; Envoy's admin and mesh listen on loopback and nowhere else."""
from harness.cluster.checks import expected


def test_every_expected_socket_listens(host):
    silent = [spec for spec in expected.of(host)["listening"]
              if not host.socket(spec).is_listening]
    assert silent == []


def test_admin_and_mesh_listen_on_loopback_only(host):
    address = host.ansible.get_variables()["ansible_host"]
    for port in expected.of(host)["loopback_only"]:
        assert host.socket(f"tcp://127.0.0.1:{port}").is_listening, port
        assert not host.socket(f"tcp://{address}:{port}").is_listening, port
        assert not host.socket(f"tcp://0.0.0.0:{port}").is_listening, port
