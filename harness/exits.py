"""The exit codes of every `astroshop` command, one meaning each (README: "Exit codes")."""
from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """What a command's exit status says."""

    OK = 0  # done; a gate or a check passed
    FAILED = 1  # the gate or a check failed, or the work could not be done
    USAGE = 2  # bad input: an option, an argument or a spec file (click's own usage error)
    CANNOT_JUDGE = 3  # nothing to judge: no stack, no Prometheus, no answer, too little data
    WARNING = 4  # the gate passed with a warning (a failure with `--fail-on warning`)
    NO_TESTS = 5  # no scenario matched the tags (pytest's own code)
