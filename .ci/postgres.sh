# Sourced by .ci/run: a throwaway PostgreSQL cluster on loopback for the tests marked `postgres`.
#
#   pg_start   find (or apt-get install) PostgreSQL, initdb a cluster in a temp dir, start it on 127.0.0.1
#              at a free port, create the test database, export PROOFWORK_TEST_PG_URL
#   pg_stop    stop the cluster and remove its directory (safe to call twice, or when pg_start skipped)
#
# Without PostgreSQL and without apt-get it prints why and returns 0 (the postgres tests then skip);
# under CI (CI is set) it returns 1 instead, so a CI run can never silently skip them.
# The cluster trades durability for speed (fsync off): it lives for one test run.

_PG_DIR=""
_PG_USER=""
_PG_BIN=""

_pg_bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -z "$dir" ] && command -v initdb >/dev/null 2>&1; then
        dir="$(dirname "$(readlink -f "$(command -v initdb)")")"
    fi
    printf '%s' "$dir"
}

_pg_skip() {
    echo "postgres: $1" >&2
    if [ -n "${CI:-}" ]; then
        echo "postgres: CI must run the PostgreSQL tests; failing" >&2
        return 1
    fi
    echo "postgres: tests marked postgres will be skipped" >&2
    return 0
}

# Runs a PostgreSQL binary as the cluster's owner (PostgreSQL refuses to run as root).
_pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$_PG_USER" -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    _PG_BIN="$(_pg_bindir)"
    if [ -z "$_PG_BIN" ]; then
        if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
            _pg_skip "no PostgreSQL found, and no apt-get (as root) to install it"
            return
        fi
        echo "postgres: installing the Debian package" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq postgresql >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null; } \
            || { _pg_skip "apt-get install postgresql failed"; return; }
        _PG_BIN="$(_pg_bindir)"
        [ -n "$_PG_BIN" ] || { _pg_skip "PostgreSQL installed but its binaries were not found"; return; }
    fi
    if [ "$(id -u)" = 0 ]; then
        if id postgres >/dev/null 2>&1; then _PG_USER=postgres; else _PG_USER=nobody; fi
    fi

    _PG_DIR="$(mktemp -d /tmp/proofwork-pg.XXXXXX)"
    [ -z "$_PG_USER" ] || chown "$_PG_USER" "$_PG_DIR"
    local password port
    password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    printf '%s\n' "$password" >"$_PG_DIR/pw"
    [ -z "$_PG_USER" ] || chown "$_PG_USER" "$_PG_DIR/pw"

    _pg_as_owner "$_PG_BIN/initdb" -D "$_PG_DIR/data" -U proofwork --pwfile="$_PG_DIR/pw" \
        --auth=scram-sha-256 -E UTF8 --locale=C --no-sync >"$_PG_DIR/initdb.log" 2>&1 \
        || { cat "$_PG_DIR/initdb.log" >&2; _pg_skip "initdb failed"; return; }
    _pg_as_owner "$_PG_BIN/pg_ctl" -D "$_PG_DIR/data" -l "$_PG_DIR/server.log" -w -t 60 \
        -o "-k $_PG_DIR -c listen_addresses=127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null \
        || { cat "$_PG_DIR/server.log" >&2; _pg_skip "the server did not start"; return; }
    PGPASSWORD="$password" "$_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U proofwork proofwork_test \
        || { _pg_skip "createdb failed"; return; }

    export PROOFWORK_TEST_PG_URL="postgresql+psycopg://proofwork:${password}@127.0.0.1:${port}/proofwork_test"
    # The tests fail instead of skipping when this is set: a cluster is up, so they must run.
    export PROOFWORK_REQUIRE_PG=1
    echo "postgres: $("$_PG_BIN/postgres" --version) on 127.0.0.1:$port ($_PG_DIR)" >&2
}

pg_stop() {
    if [ -n "$_PG_DIR" ] && [ -d "$_PG_DIR/data" ]; then
        _pg_as_owner "$_PG_BIN/pg_ctl" -D "$_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    [ -z "$_PG_DIR" ] || rm -rf "$_PG_DIR"
    _PG_DIR=""
}
