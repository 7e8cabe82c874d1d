#!/bin/sh
# Start Redis with a config written to /tmp (the root filesystem is read-only): every address,
# the password of REDIS_PASSWORD_FILE (a mounted secret) or REDIS_PASSWORD, a snapshot to /data
# after a minute with a change.
set -eu
if [ -n "${REDIS_PASSWORD_FILE:-}" ]; then
    REDIS_PASSWORD=$(cat "$REDIS_PASSWORD_FILE")
fi
: "${REDIS_PASSWORD:?set REDIS_PASSWORD_FILE or REDIS_PASSWORD}"
umask 077
cat > /tmp/redis.conf <<CONF
bind * -::*
port 6379
dir /data
save 60 1
appendonly no
requirepass $REDIS_PASSWORD
CONF
exec redis-server /tmp/redis.conf "$@"
