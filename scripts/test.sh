#!/usr/bin/env bash
# Run every MedChain test: unit tests (runtime, pallets, primitives), then the end-to-end
# tests against a live node they start themselves. Installs and builds what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MEDCHAIN_ROOT"

"$MEDCHAIN_ROOT/scripts/setup.sh"
source "$MEDCHAIN_ROOT/scripts/postgres.sh"

log "formatting (cargo fmt --check)"
cargo fmt --all --check
for dir in $(ink_crates) "$MEDCHAIN_ROOT/tests/drink"; do
	cargo fmt --check --manifest-path "$dir/Cargo.toml"
done
log "lints (cargo clippy, warnings are errors)"
# A target directory of its own: clippy re-runs the runtime's build script with another
# environment, which would otherwise invalidate the release build on every run. Lints need
# no runtime Wasm, so none is built there.
SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$CARGO_TARGET_DIR/clippy" \
	cargo clippy --release --locked --workspace --all-targets -- -D warnings
SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$CARGO_TARGET_DIR/drink" \
	cargo clippy --locked --manifest-path tests/drink/Cargo.toml --all-targets -- -D warnings

log "pallet and primitives unit tests with overflow checks, and the benchmark setups on the pallets' mock runtimes"
pallets=()
for manifest in pallets/*/Cargo.toml; do
	pallets+=(-p "$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n1)")
done
# Release speed with arithmetic overflow checked, so that an overflow fails a test instead of
# wrapping. Only here: the node and the runtime's Wasm keep release semantics (checked or
# saturating arithmetic by hand). MEDCHAIN_OVERFLOW_CHECKS makes the tests check it is on.
overflow_checked() {
	SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$CARGO_TARGET_DIR/clippy" \
		CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true MEDCHAIN_OVERFLOW_CHECKS=1 "$@"
}
overflow_checked cargo test --release --locked "${pallets[@]}" --features runtime-benchmarks
overflow_checked cargo test --release --locked -p medchain-primitives

start=$(now)
"$MEDCHAIN_ROOT/scripts/build.sh"
log "build step took $(( $(now) - start ))s"

# The record gateway's store is tested on SQLite and on a real PostgreSQL server, started
# here in a temporary directory and stopped when the tests end, passed or not.
trap postgres_stop EXIT
postgres_start

start=$(now)
log "unit tests"
cargo test --release --locked --workspace
for dir in $(ink_crates); do
	log "ink! unit tests: $(basename "$dir")"
	CARGO_TARGET_DIR="$CONTRACTS_TARGET_DIR/$(basename "$dir")" \
		cargo test --locked --manifest-path "$dir/Cargo.toml"
done
log "unit tests took $(( $(now) - start ))s"

start=$(now)
log "drink tests (contracts on the real runtime, in memory)"
# A workspace of their own (drink's dependencies need newer shared crates), built without
# the runtime's Wasm, which they do not use.
# The fixture counter (it calls every function of the chain extension) serves the drink
# tests and the end-to-end tests.
ACCESS_GRANTS="$(contract_bundle "$MEDCHAIN_ROOT/contracts/access-grants")"
SHIPMENT_HOLDS="$(contract_bundle "$MEDCHAIN_ROOT/contracts/shipment-holds")"
FIXTURE_COUNTER="$(contract_bundle "$MEDCHAIN_ROOT/tests/fixtures/counter")"
# The second version the upgrade tests move a live shipment-holds to.
SHIPMENT_HOLDS_V2="$(upgrade_bundle "$MEDCHAIN_ROOT/contracts/shipment-holds")"
# The second version the upgrade tests move a live access-grants to.
ACCESS_GRANTS_V2="$(upgrade_bundle "$MEDCHAIN_ROOT/contracts/access-grants")"
export ACCESS_GRANTS SHIPMENT_HOLDS FIXTURE_COUNTER SHIPMENT_HOLDS_V2 ACCESS_GRANTS_V2
SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$CARGO_TARGET_DIR/drink" \
	cargo test --locked --manifest-path tests/drink/Cargo.toml
log "drink tests took $(( $(now) - start ))s"

start=$(now)
log "end-to-end tests (live node, @polkadot/api)"
export MEDCHAIN_NODE MEDCHAIN_ORACLE MEDCHAIN_GATEWAY
(cd tests/e2e && npm test)
log "end-to-end tests took $(( $(now) - start ))s"
