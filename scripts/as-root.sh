#!/usr/bin/env bash
# Run a test suite that needs root (the cluster's namespaces, a Docker engine's dockerd): as it
# is when run by root, under passwordless sudo otherwise. Without either it fails and says what
# to do, unless the suite was skipped on purpose: its variable set to 1 (printed, never silent).
#
# Usage: scripts/as-root.sh SKIP_VARIABLE "what needs root" COMMAND [ARGS...]
# tox runs the `cluster` and `engine` suites through it (ASTROSHOP_SKIP_CLUSTER,
# ASTROSHOP_SKIP_ENGINE).
set -euo pipefail

skip_variable=$1
what=$2
shift 2

if [[ "${!skip_variable:-}" == 1 ]]; then
    echo "as-root: SKIPPED on request ($skip_variable=1): $what" >&2
    exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
    exec "$@"
fi
if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    # sudo resets the environment: hand the suite the variables the tests read.
    kept=()
    for name in ASTROSHOP_PORT_OFFSET ASTROSHOP_REPORTS_DIR ASTROSHOP_RUN_DIR ASTROSHOP_CHROMIUM \
                CI DOCKER_HOST PYTHONDONTWRITEBYTECODE TERM TMPDIR; do
        # printenv: only what the environment holds (bash sets TERM=dumb for itself otherwise)
        value=$(printenv "$name") && [[ -n "$value" ]] && kept+=("$name=$value")
    done
    echo "as-root: running $what under sudo" >&2
    exec sudo -n env "${kept[@]}" "$@"
fi
echo "as-root: error: $what needs root. Run \`make test\` as root or as a user with" \
     "passwordless sudo, or skip this suite on purpose with $skip_variable=1." >&2
exit 1
