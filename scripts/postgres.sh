# A throwaway PostgreSQL server for the tests, from Debian's packages; sourced, not run.
#
#   postgres_start   initdb a cluster in a fresh temporary directory, start it on a free
#                    loopback port (its socket in that directory too), make the database
#                    `medchain_test`, and export MEDCHAIN_TEST_POSTGRES, its URL
#   postgres_stop    stop the server and remove the directory (test.sh traps it on exit)
#
# The cluster trusts connections on 127.0.0.1 only, for the user `postgres`: it lives as
# long as the test run, holds nothing but test data, and listens on no other address.

PG_DIR=""

postgres_bin() {
	local bin
	bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
	[ -n "$bin" ] && [ -x "$bin/initdb" ] || die "PostgreSQL's server is not installed (scripts/setup.sh installs the postgresql package)"
	printf '%s\n' "$bin"
}

# Run a PostgreSQL program as the `postgres` user (initdb refuses to run as root).
as_postgres() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() {
	local bin port
	bin="$(postgres_bin)"
	PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/medchain-pg-XXXXXX")"
	[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
	port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
	as_postgres "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 ||
		die "initdb failed: $(cat "$PG_DIR/initdb.log")"
	as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c max_connections=200" >/dev/null ||
		die "PostgreSQL did not start: $(cat "$PG_DIR/server.log")"
	as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres medchain_test ||
		die "createdb failed"
	export MEDCHAIN_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/medchain_test"
	log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests at $MEDCHAIN_TEST_POSTGRES ($PG_DIR)"
}

postgres_stop() {
	[ -n "$PG_DIR" ] && [ -d "$PG_DIR" ] || return 0
	as_postgres "$(postgres_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$PG_DIR"
	PG_DIR=""
}
