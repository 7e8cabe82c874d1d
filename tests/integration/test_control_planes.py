"""The control planes of the local stack: Prometheus has no HTTP lifecycle API (reload and quit
over HTTP are refused) and re-reads its rules on SIGHUP from the supervisor; it listens on
loopback only."""
import psutil
import requests

from harness import prometheus


def test_the_lifecycle_api_is_off(stack):
    url = stack.prometheus_url()
    for path in ("/-/reload", "/-/quit"):
        response = requests.post(url + path, timeout=5)
        assert response.status_code == 403, (path, response.text)
    assert requests.get(url + "/-/ready", timeout=5).status_code == 200


def test_prometheus_reloads_on_sighup_through_the_supervisor(stack):
    pid = stack.control().getProcessInfo("prometheus")["pid"]
    before = prometheus.runtime_info(stack.prometheus_url())
    stack.reload_prometheus()
    after = prometheus.runtime_info(stack.prometheus_url())
    assert after["lastConfigTime"] > before["lastConfigTime"]
    assert after["reloadConfigSuccess"] is True
    assert stack.control().getProcessInfo("prometheus")["pid"] == pid


def test_prometheus_listens_on_loopback_only(stack):
    pid = stack.control().getProcessInfo("prometheus")["pid"]
    listening = {(c.laddr.ip, c.laddr.port) for c in psutil.Process(pid).net_connections("tcp")
                 if c.status == psutil.CONN_LISTEN}
    assert listening == {("127.0.0.1", stack.options().topology().prometheus_port)}
