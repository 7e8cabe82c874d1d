"""Where each alert's runbook section lives: docs/runbooks.md, one section per objective."""
from __future__ import annotations

import re
from pathlib import Path

from harness.paths import REPO_ROOT

RUNBOOK_DOC = "docs/runbooks.md"
HEADING = re.compile(r"^#{2,3}\s+(.+?)\s*$", re.MULTILINE)


def url(anchor: str) -> str:
    """The runbook link an alert carries: the document, relative to the repository, and anchor."""
    return f"{RUNBOOK_DOC}#{anchor}"


def slug(heading: str) -> str:
    """The anchor a Markdown renderer (GitHub's rules) gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def anchors(path: Path = REPO_ROOT / RUNBOOK_DOC) -> set[str]:
    """Every section anchor of the runbook document."""
    return {slug(heading) for heading in HEADING.findall(Path(path).read_text())}
