"""Asking replicas from inside their own host: each host's packet filter admits a replica's
port only from that host (Envoy, Prometheus, root's health checks on loopback) and from the
cluster's Envoy and Prometheus hosts, so the root namespace probes through `ip netns exec`."""
from __future__ import annotations

import json
import subprocess

from harness.cluster.model import Host

# GET every URL of argv; print {url: status or error} as JSON (run by the host's python3).
PROBE = """
import json, sys, urllib.error, urllib.request
answers = {}
for url in sys.argv[1:]:
    try:
        answers[url] = urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as exc:
        answers[url] = exc.code
    except (OSError, urllib.error.URLError) as exc:
        answers[url] = str(exc)
print(json.dumps(answers))
"""
PYTHON = "/usr/bin/python3"


def inside(host: Host, urls: list[str], timeout: float = 30) -> dict[str, int | str]:
    """url -> status code (or the error) of GET `url` from inside `host`'s namespace, as root."""
    if not urls:
        return {}
    try:
        result = subprocess.run(["ip", "netns", "exec", host.namespace, PYTHON, "-c", PROBE,
                                 *urls], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {url: f"no answer within {timeout:g}s" for url in urls}
    if result.returncode != 0:
        error = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return {url: f"probe failed in {host.namespace}: {error}" for url in urls}
    return json.loads(result.stdout)


def ready(host: Host, urls: list[str]) -> bool:
    """Whether every URL answers 200 from inside `host`."""
    return all(answer == 200 for answer in inside(host, urls).values())


def body(host: Host, url: str, timeout: float = 30) -> dict:
    """The JSON body of GET `url` from inside `host` (a replica's /healthz), or {} on error."""
    script = ("import sys, urllib.request; "
              "print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())")
    result = subprocess.run(["ip", "netns", "exec", host.namespace, PYTHON, "-c", script, url],
                            capture_output=True, text=True, timeout=timeout)
    return json.loads(result.stdout) if result.returncode == 0 and result.stdout.strip() else {}
