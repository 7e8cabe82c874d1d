"""The service client against a real HTTP server, and calls made together (shop.common.fanout)."""
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from flask import Flask, jsonify

from shop.common import fanout, logs
from shop.common.client import ServiceClient, UpstreamError
from shop.common.errors import DependencyError
from shop.common.fanout import together


class Recorder(BaseHTTPRequestHandler):
    """Answers by path and records what each request carried."""

    seen: list[dict] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        Recorder.seen.append({"path": self.path, "host": self.headers["Host"],
                              "request_id": self.headers.get("x-request-id"),
                              "thread": threading.current_thread().name})
        if self.path.endswith("/slow"):
            time.sleep(1.0)
        status = {"missing": 404, "broken": 503}.get(self.path.rsplit("/", 1)[-1], 200)
        body = json.dumps({"detail": f"answer {status}", "path": self.path}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        """Quiet."""


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/mesh"
    httpd.shutdown()


@pytest.fixture
def app(server):
    Recorder.seen.clear()
    app = Flask("fanout-test")
    logs.init_app(app, "frontend")
    fanout.init_app(app, size=2)
    client = ServiceClient(server, 0.5, "frontend")

    @app.get("/page/<first>/<second>")
    def page(first, second):
        answers = together(lambda: client.request("catalog", "GET", f"/{first}"),
                           lambda: client.request("ads", "GET", f"/{second}"))
        return jsonify(answers)

    app.extensions["test_client"] = client
    return app


def test_calls_made_together_carry_the_request_id_and_host(app):
    response = app.test_client().get("/page/ok/fine", headers={"x-request-id": "rid-42"})
    assert response.status_code == 200
    assert [a["path"] for a in response.get_json()] == ["/mesh/ok", "/mesh/fine"]
    seen = sorted(Recorder.seen, key=lambda s: s["path"])
    assert [(s["host"], s["request_id"]) for s in seen] == [("ads", "rid-42"),
                                                             ("catalog", "rid-42")]


def test_the_first_failure_in_order_is_raised_after_every_call_finished(app):
    with app.test_request_context("/"):
        app.preprocess_request()
        client = app.extensions["test_client"]
        with pytest.raises(UpstreamError) as refused:
            together(lambda: client.request("catalog", "GET", "/missing"),
                     lambda: client.request("ads", "GET", "/broken"))
    assert refused.value.status == 404 and refused.value.body["detail"] == "answer 404"
    assert sorted(s["path"] for s in Recorder.seen) == ["/mesh/broken", "/mesh/missing"]


@pytest.mark.parametrize("path, reason", [("/broken", "answer 503"), ("/slow", "no answer")])
def test_a_5xx_or_no_answer_in_time_is_a_dependency_error(app, path, reason):
    with app.app_context(), pytest.raises(DependencyError, match=reason):
        app.extensions["test_client"].request("payment", "GET", path)


def test_a_closed_port_is_a_dependency_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = ServiceClient(f"http://127.0.0.1:{port}", 0.5, "frontend")
    with pytest.raises(DependencyError, match="no answer"):
        client.request("cart", "GET", "/carts/x")


def test_the_first_call_runs_here_and_the_others_on_the_pool(app):
    with app.app_context():
        names = together(*[lambda: threading.current_thread().name] * 3)
    assert names[0] == threading.current_thread().name
    assert all(name.startswith("fanout-test-fanout") for name in names[1:])
