"""One HTTP/2 GET over TLS with the `h2` library, and TLS handshakes pinned to one version."""
from __future__ import annotations

import socket
import ssl
import warnings

import h2.config
import h2.connection
import h2.events


def pinned_context(ca: str, version: ssl.TLSVersion) -> ssl.SSLContext:
    """A verifying client context that offers only `version`, at OpenSSL security level 0 so
    that old versions are offered at all: a refusal then can only be the server's."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(ca)
    context.set_ciphers("ALL:@SECLEVEL=0")
    with warnings.catch_warnings():  # offering TLS 1.0 and 1.1 is this context's purpose
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = context.maximum_version = version
    return context


def handshake(host: str, port: int, context: ssl.SSLContext,
              alpn: tuple[str, ...] = ("h2", "http/1.1")) -> tuple[str, str | None]:
    """Connect and shake hands; the TLS version and the ALPN protocol the server chose."""
    context.set_alpn_protocols(list(alpn))
    with socket.create_connection((host, port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            return tls.version(), tls.selected_alpn_protocol()


def get(host: str, port: int, path: str, ca: str) -> tuple[int, dict[str, str], bytes, str]:
    """GET `path` over HTTP/2: status, headers, body, and the ALPN protocol negotiated."""
    context = ssl.create_default_context(cafile=ca)
    context.set_alpn_protocols(["h2"])
    with socket.create_connection((host, port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            connection = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
            connection.initiate_connection()
            connection.send_headers(1, [(":method", "GET"), (":scheme", "https"),
                                        (":authority", f"{host}:{port}"), (":path", path)],
                                    end_stream=True)
            tls.sendall(connection.data_to_send())
            headers, body = {}, b""
            while True:
                data = tls.recv(65536)
                if not data:
                    raise ConnectionError("the server closed the HTTP/2 connection early")
                for event in connection.receive_data(data):
                    if isinstance(event, h2.events.ResponseReceived):
                        headers = {k.decode(): v.decode() for k, v in event.headers}
                    elif isinstance(event, h2.events.DataReceived):
                        body += event.data
                        connection.acknowledge_received_data(event.flow_controlled_length,
                                                             event.stream_id)
                    elif isinstance(event, h2.events.StreamEnded):
                        return int(headers[":status"]), headers, body, tls.selected_alpn_protocol()
                tls.sendall(connection.data_to_send())
