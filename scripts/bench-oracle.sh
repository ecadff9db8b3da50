#!/usr/bin/env bash
# How fast the anomaly oracle scores shipments (shipments per second) and trains its model,
# on generated journeys. The time from a chain event to the hold it causes is measured live
# by tests/e2e/oracle.test.js, which prints it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MEDCHAIN_ROOT"

"$MEDCHAIN_ROOT/scripts/setup.sh"
# --workspace: the feature set of the normal build, so nothing is compiled twice.
cargo bench --locked --workspace --bench scoring
