"""Run ids and report folders: reports/<run-id>/ for every run that writes output."""
from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from harness.paths import REPO_ROOT


def reports_root() -> Path:
    """$ASTROSHOP_REPORTS_DIR, or reports/ at the repository root."""
    return Path(os.environ.get("ASTROSHOP_REPORTS_DIR", REPO_ROOT / "reports"))


def new_run(kind: str) -> tuple[str, Path]:
    """A fresh run id (sortable by time) and its created report folder."""
    run_id = f"{time.strftime('%Y%m%d-%H%M%S')}-{kind}-{secrets.token_hex(2)}"
    folder = reports_root() / run_id
    folder.mkdir(parents=True, exist_ok=False)
    return run_id, folder
