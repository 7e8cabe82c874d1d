"""What a shopper saw: one line describing an API answer, a store page or a browser tab."""
from __future__ import annotations

from html.parser import HTMLParser

import requests

MAX_TEXT = 240


class _PageText(HTMLParser):
    """Collects a page's title, first heading and the text of its main area."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.title, self.heading, self.main = "", "", []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            continue

    def handle_data(self, data):
        text = " ".join(data.split())
        if not text:
            return
        if "title" in self.stack:
            self.title += text
        elif "h1" in self.stack and not self.heading:
            self.heading = text
        elif "main" in self.stack:
            self.main.append(text)


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """`text` on one line, cut to `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def api_reason(body: object) -> str:
    """The detail and the field reasons of a problem+json body, or the body itself."""
    if not isinstance(body, dict):
        return shorten(str(body))
    reasons = [f"{e.get('field')}: {e.get('reason')}" for e in body.get("errors", [])
               if isinstance(e, dict)]
    detail = str(body.get("detail") or body.get("title") or "")
    return shorten("; ".join(filter(None, [detail, *reasons])) or str(body))


def html_summary(html: str) -> str:
    """A page as a shopper reads it: its heading, then the start of its main text."""
    parser = _PageText()
    parser.feed(html)
    heading = parser.heading or parser.title
    rest = " ".join(t for t in parser.main if t != heading)
    return shorten(f"the page '{heading}': {rest}" if heading else rest or "an empty page")


def describe(response: requests.Response) -> str:
    """One line: the status, then the page's heading or the API's reasons."""
    status = f"HTTP {response.status_code} {response.reason or ''}".strip()
    kind = response.headers.get("Content-Type", "")
    if "json" in kind:
        try:
            return f"{status}: {api_reason(response.json())}"
        except ValueError:
            return f"{status}: {shorten(response.text)}"
    if "html" in kind:
        return f"{status} with {html_summary(response.text)}"
    return f"{status}: {shorten(response.text) or 'no body'}"


def failure(response: requests.Response, expected: str) -> AssertionError:
    """An assertion error saying what the shopper expected and what they saw instead."""
    return AssertionError(f"the shopper expected {expected}, but saw {describe(response)} "
                          f"({response.request.method} {response.url})")
