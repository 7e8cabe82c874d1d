"""The stores, seen by their exporters: PostgreSQL (postgres_exporter) and Redis
(redis_exporter). Each dashboard needs its exporter's job; `dashboards verify` skips it, saying
so, on a stack that runs no such store (the local stack on SQLite)."""
from harness.dashboards.layout import dashboard as build
from harness.dashboards.style import RATE, needs_job, row, stat, timeseries
from harness.model.stores import POSTGRES

PG = 'job="postgres"'
DB = f'{PG},datname="{POSTGRES.database}"'
REDIS = 'job="redis"'
RATIO_WINDOW = "15m"  # the cache hit ratio's: long enough that an idle spell leaves data

postgres = build("AstroShop / PostgreSQL", "astroshop-postgres", [
    row("PostgreSQL (orders, charges, the outbox)"),
    stat("Up", f"min(pg_up{{{PG}}})", "bool", "1 when the exporter reaches the server",
         decimals=0),
    stat("Connections", f"sum(pg_stat_database_numbackends{{{DB}}})", "short",
         "Backends connected to the shop's database (every replica's pool)", decimals=0),
    stat("Database size", f"sum(pg_database_size_bytes{{{DB}}})", "bytes",
         "On-disk size of the shop's database"),
    # Over a longer window than the rates: a ratio of rates is 0/0 (no data) while the
    # database sits idle for the whole window.
    stat("Cache hit ratio",
         f"sum(increase(pg_stat_database_blks_hit{{{DB}}}[{RATIO_WINDOW}])) / "
         f"(sum(increase(pg_stat_database_blks_hit{{{DB}}}[{RATIO_WINDOW}])) + "
         f"sum(increase(pg_stat_database_blks_read{{{DB}}}[{RATIO_WINDOW}])))", "percentunit",
         f"Share of block reads served from shared buffers over {RATIO_WINDOW}", width=8),
    stat("Deadlocks", f"sum(increase(pg_stat_database_deadlocks{{{DB}}}[1h]))", "short",
         "Deadlocks in the last hour", decimals=0),
    timeseries("Transactions",
               [(f"sum(rate(pg_stat_database_xact_commit{{{DB}}}[{RATE}]))", "commits"),
                (f"sum(rate(pg_stat_database_xact_rollback{{{DB}}}[{RATE}]))", "rollbacks")],
               "ops", "Transactions per second on the shop's database", width=12),
    timeseries("Longest transaction by state",
               [(f"max by (state) (pg_stat_activity_max_tx_duration{{{DB}}})", "{{state}}")],
               "s", "How long the oldest transaction of each session state has been open "
               "(idle in transaction: a leaked connection)", width=12),
], "The shop's PostgreSQL through postgres_exporter", tags=("stores", needs_job("postgres")))

redis = build("AstroShop / Redis", "astroshop-redis", [
    row("Redis (the carts)"),
    stat("Up", f"min(redis_up{{{REDIS}}})", "bool", "1 when the exporter reaches the server",
         decimals=0),
    stat("Clients", f"sum(redis_connected_clients{{{REDIS}}})", "short",
         "Connections from the cart's replicas (and the exporter)", decimals=0),
    stat("Memory used", f"sum(redis_memory_used_bytes{{{REDIS}}})", "bytes",
         "Memory Redis holds for the carts"),
    stat("Keys", f"sum(redis_db_keys{{{REDIS}}})", "short", "Carts and their lines",
         decimals=0),
    timeseries("Commands",
               [(f"sum(rate(redis_commands_processed_total{{{REDIS}}}[{RATE}]))", "commands")],
               "ops", "Commands per second", width=12),
    timeseries("Keyspace reads",
               [(f"sum(rate(redis_keyspace_hits_total{{{REDIS}}}[{RATE}]))", "hits"),
                (f"sum(rate(redis_keyspace_misses_total{{{REDIS}}}[{RATE}]))", "misses")],
               "ops", "Lookups of a key that exists (hit) or not (miss: an empty cart)",
               width=12),
], "The carts' Redis through redis_exporter", tags=("stores", needs_job("redis")))

dashboards = [postgres, redis]
