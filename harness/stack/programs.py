"""Programs changed while a stack runs: a release's canaries added and removed, stable
replicas moved onto another release's code, all through supervisord's own config reload.

supervisord reads `supervisor.d/*.conf` (included by the main config); `reloadConfig` tells
it to read them again and says which programs were added, changed or removed, and
`addProcessGroup`/`removeProcessGroup` apply that to one program (what `supervisorctl update`
does, one program at a time). A removed program's log file stays in the logs directory.
"""
from __future__ import annotations

import xmlrpc.client

from harness.paths import RunPaths
from harness.stack import supervisor
from harness.stack.processes import ProcessSpec

GONE = ("NOT_RUNNING", "BAD_NAME")


class ProgramError(RuntimeError):
    """supervisord refused a change of programs; the message says which and why."""


def reloaded(control) -> tuple[list[str], list[str], list[str]]:
    """Have supervisord read its config again: the added, changed and removed programs."""
    added, changed, removed = control.reloadConfig()[0]
    return added, changed, removed


def quietly(action, name: str) -> None:
    """Call `action(name)`, taking a program that is not running or not known as done."""
    try:
        action(name)
    except xmlrpc.client.Fault as fault:
        if not any(code in fault.faultString for code in GONE):
            raise ProgramError(f"supervisord refused {name}: {fault.faultString}") from fault


def replace(control, names: list[str], changed: list[str]) -> None:
    """Stop each program of `names`, then start it again on its (possibly changed) config."""
    for name in names:
        quietly(lambda n: control.stopProcess(n, True), name)
        if name in changed:
            quietly(control.removeProcessGroup, name)
            control.addProcessGroup(name)  # autostart: it starts on its new config
        else:
            control.startProcess(name, False)


def add(control, paths: RunPaths, group: str, specs: list[ProcessSpec]) -> list[str]:
    """Write `group`'s programs to their own file and start them; their names."""
    path = supervisor.programs_dir(paths) / f"{group}.conf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(supervisor.programs(paths, specs))
    added, changed, _ = reloaded(control)
    names = [spec.name for spec in specs]
    for name in names:
        if name in added:
            control.addProcessGroup(name)
    replace(control, [name for name in names if name in changed], changed)
    return names


def remove(control, paths: RunPaths, group: str, names: list[str]) -> None:
    """Stop `group`'s programs, forget them and delete their file; their logs stay."""
    for name in names:
        quietly(lambda n: control.stopProcess(n, True), name)
        quietly(control.removeProcessGroup, name)
    (supervisor.programs_dir(paths) / f"{group}.conf").unlink(missing_ok=True)
    reloaded(control)


def restart_on(control, paths: RunPaths, text: str, names: list[str]) -> None:
    """Write the main config `text`, then restart `names` one by one on what it says."""
    paths.supervisor_conf.write_text(text)
    _, changed, _ = reloaded(control)
    replace(control, names, changed)
