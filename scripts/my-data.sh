#!/usr/bin/env bash
# What the chain holds about a patient (GDPR Art. 15), in plain words, from their key:
#
#   scripts/my-data.sh //Dave//stash          on the dev chain (scripts/dev-chain.sh)
#
# Environment: RPC_PORT (default 9944), or NODE_URL for another node (ws://...).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
NODE_URL="${NODE_URL:-ws://127.0.0.1:${RPC_PORT:-9944}}"
"$MEDCHAIN_ROOT/scripts/setup.sh" >/dev/null
ACCESS_GRANTS="$(contract_bundle "$MEDCHAIN_ROOT/contracts/access-grants")"
[ -f "$ACCESS_GRANTS" ] || "$MEDCHAIN_ROOT/scripts/build.sh" contracts
export ACCESS_GRANTS
exec node "$MEDCHAIN_ROOT/tests/e2e/bin/my-data.js" --url "$NODE_URL" "$@"
