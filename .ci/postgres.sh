# Sourced by .ci/run: a throwaway PostgreSQL server for the ledger tests.
#
# Installs Debian's postgresql package when no server binaries are found, creates a cluster in
# a temporary folder (as the `postgres` user when run as root: initdb refuses root), starts it
# listening only on a Unix socket in that folder, exports EXPENSECLI_TEST_POSTGRES_URL for the
# tests, and stops it and removes the folder when the calling shell exits.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

PG_BIN="$(pg_bin)"
if [ -z "$PG_BIN" ]; then
    echo "ci: installing postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null >/dev/null
    apt-get install -y -qq postgresql </dev/null >/dev/null
    PG_BIN="$(pg_bin)"
fi

PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/expensecli-pg.XXXXXX")"
chmod 755 "$PG_DIR"
PG_AS=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    PG_AS=(runuser -u postgres --)
fi

pg_stop() {
    "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap pg_stop EXIT

"${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U expensecli --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-k $PG_DIR -c listen_addresses= -c fsync=off -c max_connections=100" start >/dev/null
export EXPENSECLI_TEST_POSTGRES_URL="postgresql://expensecli@/postgres?host=$PG_DIR"
echo "ci: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at $PG_DIR" >&2
