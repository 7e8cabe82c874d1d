"""Envoy HTTP filters, access log and local replies for the public and mesh listeners."""
from __future__ import annotations

from http import HTTPStatus

from harness.model.edge import MAX_REQUEST_BYTES

FAULT_FILTER = "envoy.filters.http.fault"
RATE_LIMIT_FILTER = "envoy.filters.http.local_ratelimit"
PROBLEM_JSON = "application/problem+json"
LOCAL_REPLY_CODES = (400, 401, 403, 404, 405, 408, 413, 415, 429, 431, 500, 502, 503, 504)
LOCAL_REPLY_DETAILS = {
    413: f"request body over {MAX_REQUEST_BYTES} bytes",
    429: "too many requests to this route; retry after the Retry-After seconds",
}


def typed(type_name: str, **fields) -> dict:
    """A typed_config: the proto type URL of `type_name`, then its fields."""
    return {"@type": f"type.googleapis.com/{type_name}", **fields}


def header(key: str, value: str) -> dict:
    """A HeaderValueOption that sets `key` to `value`, replacing any earlier value."""
    return {"header": {"key": key, "value": value}, "append_action": "OVERWRITE_IF_EXISTS_OR_ADD"}


def percent(numerator: int) -> dict:
    """A FractionalPercent out of a hundred."""
    return {"numerator": numerator, "denominator": "HUNDRED"}


def http_filter(name: str, config: dict) -> dict:
    """One entry of an HTTP filter chain."""
    return {"name": name, "typed_config": config}


def mesh_filters() -> list[dict]:
    """East-west chain: the fault filter (configured per virtual host), router."""
    return [
        http_filter(FAULT_FILTER, typed("envoy.extensions.filters.http.fault.v3.HTTPFault")),
        http_filter("envoy.filters.http.router", typed(
            "envoy.extensions.filters.http.router.v3.Router")),
    ]


def fault_keys(service: str) -> dict[str, str]:
    """The runtime keys that drive the fault filter for calls to `service`."""
    prefix = f"fault.http.{service}"
    return {"delay_percent": f"{prefix}.delay.fixed_delay_percent",
            "delay_ms": f"{prefix}.delay.fixed_duration_ms",
            "abort_percent": f"{prefix}.abort.abort_percent",
            "abort_status": f"{prefix}.abort.http_status"}


def fault_defaults(service: str) -> dict[str, int]:
    """Runtime values under which the fault filter does nothing to `service`."""
    keys = fault_keys(service)
    return {keys["delay_percent"]: 0, keys["delay_ms"]: 1000,
            keys["abort_percent"]: 0, keys["abort_status"]: 503}


def fault(service: str) -> dict:
    """Per-virtual-host fault config: delay and abort at 0% until runtime says otherwise."""
    keys = fault_keys(service)
    return typed(
        "envoy.extensions.filters.http.fault.v3.HTTPFault",
        delay={"fixed_delay": "1s", "percentage": percent(0)},
        abort={"http_status": 503, "percentage": percent(0)},
        delay_percent_runtime=keys["delay_percent"], delay_duration_runtime=keys["delay_ms"],
        abort_percent_runtime=keys["abort_percent"], abort_http_status_runtime=keys["abort_status"],
    )


def access_log(listener: str) -> list[dict]:
    """One JSON line per request on stdout."""
    fields = {
        "listener": listener, "start_time": "%START_TIME%", "method": "%REQ(:METHOD)%",
        "path": "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%", "authority": "%REQ(:AUTHORITY)%",
        "status": "%RESPONSE_CODE%", "duration_ms": "%DURATION%",
        # per-request samples for a release's latency test: microseconds, and epoch seconds
        "duration_us": "%COMMON_DURATION(DS_RX_BEG:DS_TX_END:us)%",
        "start_s": "%START_TIME(%s.%6f)%",
        "upstream_cluster": "%UPSTREAM_CLUSTER%", "upstream_host": "%UPSTREAM_HOST%",
        "request_id": "%REQ(X-REQUEST-ID)%", "response_flags": "%RESPONSE_FLAGS%",
        "bytes_received": "%BYTES_RECEIVED%", "bytes_sent": "%BYTES_SENT%",
        "protocol": "%PROTOCOL%", "tls": "%DOWNSTREAM_TLS_VERSION%",
        "details": "%RESPONSE_CODE_DETAILS%",  # an edge cache's answer: accesslog.CACHE_ANSWER
    }
    return [{"name": "envoy.access_loggers.stdout", "typed_config": typed(
        "envoy.extensions.access_loggers.stream.v3.StdoutAccessLog",
        log_format={"json_format": fields})}]


UPSTREAM_FAILURE_CODES = (502, 503, 504)


def problem_format(title: str, detail: str = "%LOCAL_REPLY_BODY%") -> dict:
    """A problem+json body: the title, the status and the reply's own text as detail."""
    return {"json_format": {"title": title, "status": "%RESPONSE_CODE%", "detail": detail},
            "content_type": PROBLEM_JSON}


def reply_format(code: int) -> dict:
    """The body of one local reply; an upstream failure names the service that failed."""
    title = HTTPStatus(code).phrase
    if code in UPSTREAM_FAILURE_CODES:
        return problem_format(title, "the %UPSTREAM_CLUSTER% service is unavailable: "
                                     "%LOCAL_REPLY_BODY%")
    return problem_format(title)


def status_is(code: int) -> dict:
    """An access-log filter matching responses of status `code`."""
    return {"status_code_filter": {"comparison": {
        "op": "EQ", "value": {"default_value": code, "runtime_key": f"local_reply.{code}"}}}}


def local_reply_config(first: list[dict] | tuple = ()) -> dict:
    """Every reply Envoy makes itself (404, 413, 429, 503, ...) as problem+json; the mappers
    `first`, when given, are tried before these."""
    mappers = list(first)
    for code in LOCAL_REPLY_CODES:
        mapper = {"filter": status_is(code), "body_format_override": reply_format(code)}
        if code in LOCAL_REPLY_DETAILS:
            mapper["body"] = {"inline_string": LOCAL_REPLY_DETAILS[code]}
        mappers.append(mapper)
    return {"mappers": mappers, "body_format": problem_format("Error")}
