"""supervisord for the local stack: its config, start-up, and control over XML-RPC.

supervisord runs with umask 077, which its programs inherit: every log, database and data
file of the stack is created readable by this user alone.
"""
from __future__ import annotations

import os
import subprocess
import xmlrpc.client
from pathlib import Path

from supervisor.xmlrpc import SupervisorTransport

from harness.paths import REPO_ROOT, RunPaths
from harness.stack.processes import BIN, ProcessSpec

HEADER = """[unix_http_server]
file={sock}
chmod=0700

[supervisord]
logfile={logs}/supervisord.log
pidfile={pid}
childlogdir={logs}
nodaemon=false
minfds=4096
umask=077

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{sock}

[include]
files = {programs}/*.conf
"""

PROGRAM = """
[program:{name}]
command={command}
directory={directory}
environment={environment}
autostart=true
autorestart=unexpected
startsecs=1
startretries=3
stopasgroup=true
killasgroup=true
stopwaitsecs=10
stdout_logfile={log}
stdout_logfile_maxbytes=20MB
stdout_logfile_backups=2
redirect_stderr=true
"""


def _escape(value: str) -> str:
    """Escape a value for supervisor's %-expanding, comma-separated config syntax."""
    return value.replace("%", "%%")


def programs_dir(paths: RunPaths) -> Path:
    """Programs added while the stack runs (a release's canaries), one file each."""
    return paths.root / "supervisor.d"


def programs(paths: RunPaths, processes: list[ProcessSpec]) -> str:
    """The [program:x] sections of these processes."""
    text = ""
    for spec in processes:
        env = {"PATH": f"{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}", **spec.env}
        environment = ",".join(f'{k}="{_escape(v)}"' for k, v in sorted(env.items()))
        text += PROGRAM.format(
            name=spec.name, command=_escape(" ".join(spec.command)),
            directory=spec.directory or REPO_ROOT, environment=environment,
            log=paths.log_of(spec.name))
    return text


def render(paths: RunPaths, processes: list[ProcessSpec]) -> str:
    """The supervisord.conf text for these processes (and any added later, included)."""
    programs_dir(paths).mkdir(parents=True, exist_ok=True)
    return HEADER.format(sock=paths.supervisor_sock, logs=paths.logs, pid=paths.supervisor_pid,
                         programs=programs_dir(paths)) + programs(paths, processes)


def start(paths: RunPaths) -> None:
    """Start supervisord (it daemonises), which starts every program; umask 077 from the start,
    so even the log it opens before reading its own `umask` setting is private."""
    subprocess.run([str(BIN / "supervisord"), "-c", str(paths.supervisor_conf)], check=True,
                   cwd=REPO_ROOT, umask=0o077)


def rpc(paths: RunPaths) -> xmlrpc.client.ServerProxy:
    """An XML-RPC proxy to the stack's supervisord over its unix socket."""
    transport = SupervisorTransport(None, None, f"unix://{paths.supervisor_sock}")
    return xmlrpc.client.ServerProxy("http://127.0.0.1", transport=transport)


def supervisord_pid(paths: RunPaths) -> int | None:
    """The running supervisord's pid, or None when it is not running."""
    try:
        pid = int(Path(paths.supervisor_pid).read_text().strip())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None
    except PermissionError:
        return pid
    return pid
