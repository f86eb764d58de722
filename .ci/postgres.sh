# Sourced by .ci/run: a throw-away PostgreSQL cluster on 127.0.0.1 for the test suite.
# Installs Debian's postgresql when absent, initdb's a cluster in a temporary folder, starts it
# on a free port, exports MXT_TEST_POSTGRES_URL, and stops it (and removes it) on exit.

start_postgres() {
    if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    local bindir
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    PG_SCRATCH=$(mktemp -d /tmp/mxt-pg.XXXXXX)
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    local as_owner=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$PG_SCRATCH"
        as_owner=(runuser -u postgres --)
    fi
    "${as_owner[@]}" "$bindir/initdb" -D "$PG_SCRATCH/data" -A trust -U mxt -E UTF8 >/dev/null
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$PG_SCRATCH/data" -l "$PG_SCRATCH/server.log" -w \
        -o "-h 127.0.0.1 -p $port -k $PG_SCRATCH -c max_connections=200 -c fsync=off" start >/dev/null
    PG_STOP=("${as_owner[@]}" "$bindir/pg_ctl" -D "$PG_SCRATCH/data" -m fast -w stop)
    trap stop_postgres EXIT
    export MXT_TEST_POSTGRES_URL="postgresql://mxt@127.0.0.1:$port/postgres"
    echo "PostgreSQL test server at $MXT_TEST_POSTGRES_URL"
}

stop_postgres() {
    "${PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$PG_SCRATCH"
}
