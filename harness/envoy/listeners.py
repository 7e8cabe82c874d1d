"""Listeners and their HTTP connection managers: the public ones (plain HTTP, HTTPS, or a
plain listener that only redirects to HTTPS) and the building blocks the others share.

Both public listeners count their requests under the one stat prefix `public` and the one
virtual host `public`, so the edge's objectives see every shopper, whichever the scheme.
"""
from __future__ import annotations

from harness.envoy import auth
from harness.envoy.clusters import socket_address
from harness.envoy.edge import public_filters
from harness.envoy.filters import access_log, http_filter, local_reply_config, typed
from harness.envoy.public import public_virtual_hosts
from harness.envoy.routes import SAFE_METHODS, direct, methods_header
from harness.envoy.tls import TlsFiles, transport_socket
from harness.model.topology import Topology

MAX_REQUEST_HEADERS_KB = 8
PUBLIC_STATS = "public"
PLAIN, HTTPS = "public", "public_https"  # the public listeners, as the access log names them
# HTTP/2 from clients: at most 100 streams a connection, windows as Envoy's edge guide sets.
HTTP2 = {"max_concurrent_streams": 100, "initial_stream_window_size": 65536,
         "initial_connection_window_size": 1048576}


def connection_manager(name: str, virtual_hosts: list[dict], filters: list[dict], *,
                       edge: bool, stats: str = "") -> dict:
    """An HTTP connection manager; at the edge every request gets a fresh x-request-id."""
    config = {
        "stat_prefix": stats or name, "codec_type": "AUTO", "server_name": "astroshop",
        "use_remote_address": edge, "generate_request_id": True,
        "preserve_external_request_id": not edge, "always_set_request_id_in_response": True,
        "request_id_extension": {"typed_config": typed(
            "envoy.extensions.request_id.uuid.v3.UuidRequestIdConfig", pack_trace_reason=False)},
        "normalize_path": True, "merge_slashes": True,
        # Below gunicorn's request-line limit, so an over-long URL gets Envoy's problem+json
        # 431 instead of gunicorn's HTML 400.
        "max_request_headers_kb": MAX_REQUEST_HEADERS_KB,
        "path_with_escaped_slashes_action": "REJECT_REQUEST" if edge else "KEEP_UNCHANGED",
        "access_log": access_log(name),
        "local_reply_config": local_reply_config(auth.replies() if edge else ()),
        "route_config": {"name": name, "virtual_hosts": virtual_hosts},
        "http_filters": filters,
    }
    if edge:  # no internal_address_config: since Envoy 1.33 no client is trusted as internal
        config["request_headers_timeout"] = "10s"
        config["http2_protocol_options"] = HTTP2
    return config


def listener(name: str, host: str, port: int, manager: dict, tls: TlsFiles | None = None) -> dict:
    """A listener whose only filter is the HTTP connection manager, over TLS when given."""
    chain: dict = {"filters": [{
        "name": "envoy.filters.network.http_connection_manager",
        "typed_config": typed("envoy.extensions.filters.network.http_connection_manager.v3."
                              "HttpConnectionManager", **manager)}]}
    if tls is not None:
        chain["transport_socket"] = transport_socket(tls)
    return {"name": name, "address": socket_address(host, port), "filter_chains": [chain]}


def redirect_manager(topology: Topology) -> dict:
    """Plain HTTP when TLS-only: GET and HEAD moved permanently to HTTPS, anything else refused
    (a write sent in clear text must not be answered as if it had been taken)."""
    routes = [
        {"name": "to-https", "match": {"prefix": "/", "headers": [methods_header(SAFE_METHODS)]},
         "redirect": {"https_redirect": True, "port_redirect": topology.https_port,
                      "response_code": "MOVED_PERMANENTLY"}},
        direct("plain-http-refused", {"prefix": "/"}, 403,
               f"this shop takes requests over HTTPS only (port {topology.https_port}); "
               "nothing was done"),
    ]
    hosts = [{"name": "redirect", "domains": ["*"], "routes": routes}]
    router = http_filter("envoy.filters.http.router", typed(
        "envoy.extensions.filters.http.router.v3.Router", suppress_envoy_headers=True))
    return connection_manager("public_redirect", hosts, [router], edge=True)


def public_listeners(topology: Topology, host: str, tls: TlsFiles | None,
                     tls_only: bool) -> list[dict]:
    """The plain listener (the shop, or a redirect when TLS-only) and the HTTPS one, if any."""
    hosts = public_virtual_hosts(topology)
    plain = (redirect_manager(topology) if tls is not None and tls_only else
             connection_manager("public", hosts, public_filters(topology), edge=True))
    found = [listener(PLAIN, host, topology.public_port, plain)]
    if tls is not None:
        found.append(listener(HTTPS, host, topology.https_port, connection_manager(
            HTTPS, hosts, public_filters(topology, https=True), edge=True, stats=PUBLIC_STATS),
            tls))
    return found
