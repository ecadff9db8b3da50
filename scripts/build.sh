#!/usr/bin/env bash
# Build the node (with the runtime's Wasm inside) and the ink! contracts.
#   scripts/build.sh                 everything below
#   scripts/build.sh node            medchain-node
#   scripts/build.sh contracts       the contracts under contracts/
#   scripts/build.sh fixtures        the contracts the tests use (tests/fixtures/, and
#                                    access-grants' upgrade fixture)
# Several may be given: scripts/build.sh node contracts
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MEDCHAIN_ROOT"

build_node() {
	local start; start=$(now)
	log "building medchain-node (release) into $CARGO_TARGET_DIR"
	# --workspace: the same feature set as `cargo test --workspace`, so the two share artifacts.
	cargo build --release --locked --workspace
	log "medchain-node built in $(( $(now) - start ))s"
}

build_contract() {
	local dir="$1" start; start=$(now)
	log "building contract $(basename "$dir")"
	CARGO_TARGET_DIR="$CONTRACTS_TARGET_DIR" \
		cargo contract build --release --quiet --manifest-path "$dir/Cargo.toml"
	[ -f "$(contract_bundle "$dir")" ] || die "no bundle at $(contract_bundle "$dir")"
	log "built $(contract_bundle "$dir") in $(( $(now) - start ))s"
}

# The code access-grants' upgrade test moves to: the same crate with its `upgrade-fixture`
# feature (layout version 2, one more field), in a target directory of its own so that its
# bundle (same name) does not replace the contract's.
build_upgrade_fixture() {
	local dir="$MEDCHAIN_ROOT/contracts/access-grants" start; start=$(now)
	log "building access-grants' upgrade fixture (feature upgrade-fixture)"
	CARGO_TARGET_DIR="$CONTRACTS_TARGET_DIR/upgrade-fixture" \
		cargo contract build --release --quiet --features upgrade-fixture --manifest-path "$dir/Cargo.toml"
	[ -f "$CONTRACTS_TARGET_DIR/upgrade-fixture/ink/access_grants.contract" ] ||
		die "no bundle at $CONTRACTS_TARGET_DIR/upgrade-fixture/ink/access_grants.contract"
	log "built access-grants' upgrade fixture in $(( $(now) - start ))s"
}

[ "$#" -gt 0 ] || set -- node contracts fixtures
for what in "$@"; do
	case "$what" in
		node) build_node ;;
		contracts) for dir in $(contract_dirs); do build_contract "$dir"; done ;;
		fixtures) for dir in $(fixture_dirs); do build_contract "$dir"; done; build_upgrade_fixture ;;
		*) die "usage: scripts/build.sh [node] [contracts] [fixtures]" ;;
	esac
done
