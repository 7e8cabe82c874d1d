"""Releases made by real code changes, for the release tests: a copy of the shop's source with
an edit applied (a source directory), or the same committed in a temporary git repository."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from harness.paths import REPO_ROOT

GIT = ["git", "-c", "user.name=astroshop-tests", "-c", "user.email=tests@astroshop.local"]

SLOW_CATALOG_READS = {"shop/catalog/views.py": [
    ("import re\n", "import re\nimport time\n"),
    ('    flags().pause("catalogLatency")\n',
     '    flags().pause("catalogLatency")\n    time.sleep(0.040)  # +40 ms on every read\n')]}

FAILING_PRODUCT_ROUTE = {"shop/catalog/views.py": [
    ("import re\n", "import itertools\nimport re\n\nLOOKUPS = itertools.count(1)\n"),
    ('    return caching.public(bodies().product(checked_id(product_id)).response(),\n',
     '    if next(LOOKUPS) % 20 == 0:  # one product lookup in twenty fails\n'
     '        raise RuntimeError("lost the product index")\n'
     '    return caching.public(bodies().product(checked_id(product_id)).response(),\n')]}

CRASHING_CATALOG = {"shop/catalog/__init__.py": [
    ('    app.extensions["catalog"] = Catalog.from_dir',
     '    raise RuntimeError("this build cannot start")\n    app.extensions["catalog"] = '
     'Catalog.from_dir')]}

NEW_DESCRIPTION = " Now with a carrying case."


def source_copy(target: Path, edits: dict[str, list[tuple[str, str]]]) -> Path:
    """A copy of the checkout's shop/ in `target`, with each (old, new) edit applied once."""
    shutil.copytree(REPO_ROOT / "shop", target / "shop",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "BUILD.json"))
    for name, changes in edits.items():
        path = target / name
        text = path.read_text()
        for old, new in changes:
            assert text.count(old) == 1, f"{name}: the edit's anchor {old!r} is not unique"
            text = text.replace(old, new)
        path.write_text(text)
    return target


def described_differently(target: Path) -> Path:
    """A copy whose first product's description gained a sentence (a harmless change)."""
    source_copy(target, {})
    path = target / "shop" / "catalog" / "data" / "products.json"
    data = json.loads(path.read_text())
    data["products"][0]["description"] += NEW_DESCRIPTION
    path.write_text(json.dumps(data, indent=2))
    return target


def committed(target: Path, make) -> str:
    """A git repository in `target`: the checkout's shop first, then `make`'s change on top;
    the new commit's id."""
    source_copy(target, {})
    subprocess.run([*GIT, "init", "-q"], cwd=target, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=target, check=True)
    subprocess.run([*GIT, "commit", "-qm", "the stable release"], cwd=target, check=True)
    shutil.rmtree(target / "shop")
    make(target)
    subprocess.run([*GIT, "add", "-A"], cwd=target, check=True)
    subprocess.run([*GIT, "commit", "-qm", "the change"], cwd=target, check=True)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=target, check=True,
                          capture_output=True, text=True).stdout.strip()
