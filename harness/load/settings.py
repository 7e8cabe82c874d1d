"""What one load run was asked for, handed to every Locust process through the environment."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

ENV_VAR = "ASTROSHOP_LOAD_SETTINGS"


@dataclass(frozen=True)
class LoadSettings:
    """The profile and its adjustments: shorter (`duration_s`), smaller (`scale`), or
    overridden peak users and arrival rate; and where to record the load window."""

    profile: str = "smoke"
    duration_s: float | None = None
    scale: float = 1.0
    users: int | None = None
    rate: float | None = None
    window_file: str = ""

    def __post_init__(self):
        """Refuse adjustments that make no sense, naming the option."""
        if self.duration_s is not None and self.duration_s < 5:
            raise ValueError(f"--duration must be at least 5 s, got {self.duration_s:g}")
        if not 0 < self.scale <= 100:
            raise ValueError(f"--scale must be above 0 and at most 100, got {self.scale:g}")
        if self.users is not None and self.users < 1:
            raise ValueError(f"--users must be at least 1, got {self.users}")
        if self.rate is not None and self.rate <= 0:
            raise ValueError(f"--rate must be above 0 tasks/s, got {self.rate:g}")

    def to_env(self) -> dict[str, str]:
        """The environment variable that carries these settings to Locust processes."""
        return {ENV_VAR: json.dumps(asdict(self))}

    @classmethod
    def from_env(cls) -> LoadSettings:
        """The settings of this Locust process; the defaults when run by hand."""
        text = os.environ.get(ENV_VAR)
        return cls(**json.loads(text)) if text else cls()
