"""Locust's users over HTTPS: the edge's certificate verified against the project CA.

Locust's FastHttpUser skips certificate checks unless told otherwise; these users keep them,
trusting the system's store plus the CA the harness hands Locust (harness/certs/trust.py).
"""
from __future__ import annotations

import gevent.ssl
from locust import FastHttpUser

from harness.certs import trust


def verifying_context(cafile: str | None = None, **_options) -> gevent.ssl.SSLContext:
    """A verifying context (hostname checked) with the project CA added to the system store."""
    return trust.ssl_context(factory=gevent.ssl.create_default_context)


class TrustedHttpUser(FastHttpUser):
    """A FastHttpUser that verifies certificates, trusting the project CA."""

    abstract = True
    insecure = False
    ssl_context_factory = staticmethod(verifying_context)
