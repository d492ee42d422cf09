#!/bin/bash
# A hot standby of the primary (service db): on an empty data directory, copy the primary with
# pg_basebackup (which writes standby.signal and primary_conninfo), then start as usual. From
# then on it follows the primary's WAL and answers read-only queries.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA" && chown postgres "$PGDATA" && chmod 0700 "$PGDATA"
    until gosu postgres pg_basebackup --host="$PRIMARY_HOST" --username=replicator \
        --pgdata="$PGDATA" --wal-method=stream --write-recovery-conf; do
        echo "replica: waiting for the primary at $PRIMARY_HOST"
        find "$PGDATA" -mindepth 1 -delete
        sleep 2
    done
fi
# hot_standby_feedback: long reads on the replica are not cancelled by the primary's vacuum.
exec docker-entrypoint.sh postgres -c hot_standby=on -c hot_standby_feedback=on
