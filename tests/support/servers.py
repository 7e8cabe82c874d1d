"""Real PostgreSQL and Redis servers for tests, started from the Debian packages' binaries,
each with a password generated for the run (the superuser's, Redis's requirepass)."""
from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from harness.polling import poll_until
from tests.support import ports


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL server's bin directory, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    return Path(found[-1]).parent if found else None


def _as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: drop to the `postgres` user when we are root."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def postgres_server(root: Path):
    """A throw-away PostgreSQL cluster on a port the allocator holds; yields its superuser's URL
    (password authentication over TCP; the stack makes each service a role of its own from it).

    As root the server runs as `postgres`, which cannot enter pytest's private (0700)
    temporary tree, so the cluster then lives in a directory of its own under the system's
    temporary directory, removed afterwards.
    """
    bindir = postgres_bin()
    if os.geteuid() == 0:
        root = Path(tempfile.mkdtemp(prefix="astroshop-pg-"))
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
    lease = ports.single_port()
    data, port, password = root / "pgdata", lease.port, secrets.token_hex(16)
    root.mkdir(parents=True, exist_ok=True)
    pwfile = root / "superuser-password"
    descriptor = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(password)
    if os.geteuid() == 0:
        os.chown(pwfile, pwd.getpwnam("postgres").pw_uid, -1)
    subprocess.run(_as_postgres_user([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                                      f"--pwfile={pwfile}", "--auth-local=trust",
                                      "--auth-host=scram-sha-256", "-E", "UTF8"]),
                   check=True, capture_output=True)
    pwfile.unlink()
    server = subprocess.Popen(_as_postgres_user(
        [str(bindir / "postgres"), "-D", str(data), "-p", str(port), "-k", str(root),
         "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        poll_until(lambda: _listening(port), 30, f"PostgreSQL listening on {port}")
        subprocess.run(_as_postgres_user([str(bindir / "createdb"), "-h", str(root), "-p",
                                          str(port), "-U", "postgres", "astroshop"]), check=True)
        yield f"postgresql://postgres:{password}@127.0.0.1:{port}/astroshop"
    finally:
        server.terminate()
        server.wait(30)
        lease.release()
        if os.geteuid() == 0:
            shutil.rmtree(root, ignore_errors=True)


@contextmanager
def redis_server(root: Path):
    """A throw-away Redis server on a port the allocator holds, a password required (read from
    its config file, never its command line); yields its URL with that password."""
    lease = ports.single_port()
    port, password = lease.port, secrets.token_hex(16)
    root.mkdir(parents=True, exist_ok=True)
    config = root / "redis.conf"
    descriptor = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(f"port {port}\nbind 127.0.0.1\ndir {root}\nsave \"\"\nappendonly no\n"
                  f"requirepass {password}\n")
    server = subprocess.Popen([shutil.which("redis-server") or "redis-server", str(config)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        poll_until(lambda: _listening(port), 30, f"Redis listening on {port}")
        yield f"redis://:{password}@127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(30)
        lease.release()
