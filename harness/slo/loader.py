"""Load slo/*.yaml into objectives, with errors that name the file, the objective and the field."""
from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from harness.paths import REPO_ROOT
from harness.slo.spec import Objective, SpecFile

SPEC_DIR = REPO_ROOT / "slo"


class SpecError(ValueError):
    """A spec file that cannot be used; the message says where and why."""


def _where(data: object, loc: tuple) -> str:
    """'objective NAME field a.b' (or 'field a.b' outside an objective) for a pydantic location."""
    if len(loc) >= 2 and loc[0] == "objectives" and isinstance(loc[1], int):
        items = data.get("objectives") if isinstance(data, dict) else None
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        name = item.get("name") if isinstance(item, dict) else None
        label = f"objective {name!r}" if isinstance(name, str) else f"objective #{loc[1] + 1}"
        field = ".".join(str(part) for part in loc[2:]) or "(the objective itself)"
        return f"{label} field {field!r}"
    return f"field {'.'.join(str(part) for part in loc)!r}"


def load_file(path: Path) -> list[Objective]:
    """The objectives of one spec file; SpecError naming the file, objective and field."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        raise SpecError(f"{path}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise SpecError(f"{path}: cannot be read: {exc.strerror}") from exc
    try:
        return SpecFile.model_validate(data).objectives
    except ValidationError as exc:
        problems = [f"{path}: {_where(data, err['loc'])}: {err['msg']}" for err in exc.errors()]
        raise SpecError("\n".join(problems)) from exc


def load_dir(directory: Path = SPEC_DIR) -> list[Objective]:
    """Every objective of every *.yaml in `directory`; names must be unique across files."""
    files = sorted(Path(directory).glob("*.yaml"))
    if not files:
        raise SpecError(f"{directory}: no *.yaml SLO spec files")
    seen: dict[str, Path] = {}
    objectives = []
    for path in files:
        for objective in load_file(path):
            if objective.name in seen:
                raise SpecError(f"{path}: objective {objective.name!r} field 'name': already "
                                f"defined in {seen[objective.name]}")
            seen[objective.name] = path
            objectives.append(objective)
    return objectives
