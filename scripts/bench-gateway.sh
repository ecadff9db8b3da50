#!/usr/bin/env bash
# Measure the record gateway on this machine: releases per second and p50/p99 latency of a
# release with N concurrent grantees (the wait for finality excluded: the accesses are made
# and finalised first), and uploads (end to end, and the gateway's own share of it). A dev
# node, access-grants and the gateway run here for real; prints a table.
#
#   scripts/bench-gateway.sh [--grantees N] [--releases R] [--uploads U] [--postgres]
#
# --postgres keeps the records in a throwaway PostgreSQL server (scripts/postgres.sh)
# instead of SQLite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MEDCHAIN_ROOT"

"$MEDCHAIN_ROOT/scripts/setup.sh"
"$MEDCHAIN_ROOT/scripts/build.sh" node contracts
source "$MEDCHAIN_ROOT/scripts/postgres.sh"
if [[ " $* " == *" --postgres "* ]]; then
	trap postgres_stop EXIT
	postgres_start
fi
ACCESS_GRANTS="$(contract_bundle "$MEDCHAIN_ROOT/contracts/access-grants")"
export MEDCHAIN_NODE MEDCHAIN_GATEWAY ACCESS_GRANTS
(cd tests/e2e && node bench/gateway.js "$@")
