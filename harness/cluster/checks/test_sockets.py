"""Sockets: services, Envoy's stats and public listeners and the stores listen where they
should; Envoy's admin and mesh listen on loopback and nowhere else."""
from harness.cluster.checks import expected


def listening(host) -> set[str]:
    """Every listening TCP socket of the host, as testinfra spec strings."""
    return {spec for spec in host.socket.get_listening_sockets() if spec.startswith("tcp://")}


def test_every_expected_socket_listens(host):
    assert set(expected.of(host)["listening"]) - listening(host) == set()


def test_admin_and_mesh_listen_on_loopback_only(host):
    sockets = listening(host)
    for port in expected.of(host)["loopback_only"]:
        assert {spec for spec in sockets if spec.endswith(f":{port}")} == {
            f"tcp://127.0.0.1:{port}"}, port
