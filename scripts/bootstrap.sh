#!/usr/bin/env bash
# Bootstrap a fresh Debian/Ubuntu machine for AstroShop: system packages, then .venv.
# Idempotent: a second run only checks. Used by `make demo` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(python3 python3-venv prometheus redis-server postgresql chromium
                 openssh-server iproute2 procps wrk
                 prometheus-alertmanager prometheus-blackbox-exporter
                 prometheus-postgres-exporter prometheus-redis-exporter
                 prometheus-node-exporter)

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
    # Debian packages start their daemons where systemd runs; AstroShop starts its own.
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
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
    .venv/bin/python -m pip install -q -c requirements.lock -e '.[test]'
    touch "$STAMP"
fi
echo "bootstrap: ready"
