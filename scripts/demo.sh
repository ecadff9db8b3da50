#!/usr/bin/env bash
# Run the patient journey and the pharma partner journey against a running dev chain
# (start one with scripts/dev-chain.sh), saying what happens in plain words as it goes.
# These are the steps the end-to-end tests run (tests/e2e/lib/journeys/), each checking the
# chain's state and events. Each run makes its own product, lot, serials and patient
# account, so the demo runs again and again on the same chain.
#
#   scripts/demo.sh                  both journeys
#   scripts/demo.sh patient          the patient journey only (or: pharma)
#
#   scripts/demo.sh --pace 0         no pause after each step (the default is 1.5 s on a
#                                    terminal, so a person can read along)
#
# Environment: RPC_PORT (default 9944), or NODE_URL for another node (ws://...);
# GATEWAY_PORT (default 8080), or GATEWAY_URL for the dev hospital's record gateway
# elsewhere (http://...): the patient journey uploads its lab result there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

NODE_URL="${NODE_URL:-ws://127.0.0.1:${RPC_PORT:-9944}}"
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:${GATEWAY_PORT:-8080}}"

"$MEDCHAIN_ROOT/scripts/setup.sh"
ACCESS_GRANTS="$(contract_bundle "$MEDCHAIN_ROOT/contracts/access-grants")"
SHIPMENT_HOLDS="$(contract_bundle "$MEDCHAIN_ROOT/contracts/shipment-holds")"
# The bundles' metadata is how the demo finds and calls the contracts dev-chain.sh deployed.
if [ ! -f "$ACCESS_GRANTS" ] || [ ! -f "$SHIPMENT_HOLDS" ]; then
	"$MEDCHAIN_ROOT/scripts/build.sh" contracts
fi
export ACCESS_GRANTS SHIPMENT_HOLDS
exec node "$MEDCHAIN_ROOT/tests/e2e/bin/demo.js" --url "$NODE_URL" --gateway "$GATEWAY_URL" "$@"
