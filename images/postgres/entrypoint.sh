#!/bin/sh
# Start PostgreSQL; on the first start make the cluster: POSTGRES_USER owns POSTGRES_DB, its
# password from POSTGRES_PASSWORD_FILE or POSTGRES_PASSWORD (none: refuse to start). Clients
# over TCP need the password (scram-sha-256); the socket (in /tmp) admits only this OS user
# (peer), and the owner is not this OS user, so set-up runs as the owner with its password over
# loopback TCP, before the server listens anywhere else.
# At every start, with ROLES_SQL mounted (harness/databases.py), each service's role is made or
# updated before the server listens on the network: not a superuser, one schema of its own, its
# password from ASTROSHOP_DB_PASSWORD_<SERVICE>, or read from the file ASTROSHOP_DB_PASSWORD_
# <SERVICE>_FILE names (a mounted secret: nothing in the container's configured environment).
set -eu
for name in $(env | sed -n 's/^\(ASTROSHOP_DB_PASSWORD_[A-Z0-9_]*\)_FILE=.*/\1/p'); do
    eval "file=\${${name}_FILE}"
    export "$name=$(cat "$file")"
    unset "${name}_FILE"
done
: "${POSTGRES_USER:?set POSTGRES_USER}" "${POSTGRES_DB:?set POSTGRES_DB}"
if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
    password=$(cat "$POSTGRES_PASSWORD_FILE")
else
    password=${POSTGRES_PASSWORD:-}
fi
unset POSTGRES_PASSWORD
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    [ -n "$password" ] || { echo "set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE" >&2; exit 1; }
    umask 077
    pwfile=$(mktemp)
    printf '%s\n' "$password" > "$pwfile"
    initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=peer \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 -D "$PGDATA"
    rm -f "$pwfile"
    printf "listen_addresses = '*'\nunix_socket_directories = '/tmp'\njit = off\n" \
        >> "$PGDATA/postgresql.conf"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=127.0.0.1" -w start
    PGPASSWORD="$password" createdb -h 127.0.0.1 -U "$POSTGRES_USER" "$POSTGRES_DB"
    pg_ctl -D "$PGDATA" -m fast -w stop
fi
roles=${ROLES_SQL:-/etc/astroshop/postgres/postgres-roles.sql}
if [ -f "$roles" ]; then
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=127.0.0.1" -w start
    PGPASSWORD="$password" psql -qX -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -f "$roles"
    pg_ctl -D "$PGDATA" -m fast -w stop
fi
for name in $(env | sed -n 's/^\(ASTROSHOP_DB_PASSWORD_[A-Z0-9_]*\)=.*/\1/p'); do
    unset "$name"  # the server needs none of the roles' passwords
done
exec postgres -D "$PGDATA" "$@"
