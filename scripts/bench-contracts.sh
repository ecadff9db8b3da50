#!/usr/bin/env bash
# Measure the gas (ref_time, proof_size) of the access-grants contract's messages on a live
# dev node with the real pallets behind the chain extension, and print a table.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MEDCHAIN_ROOT"

"$MEDCHAIN_ROOT/scripts/setup.sh"
"$MEDCHAIN_ROOT/scripts/build.sh" node contracts
export MEDCHAIN_NODE
ACCESS_GRANTS="$(contract_bundle "$MEDCHAIN_ROOT/contracts/access-grants")"
export ACCESS_GRANTS
(cd tests/e2e && node bench/contract-gas.js)
