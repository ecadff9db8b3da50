#!/usr/bin/env bash
# Build the node (with the runtime's Wasm inside) and every ink! contract.
#   scripts/build.sh            node and contracts
#   scripts/build.sh node       the node only
#   scripts/build.sh contracts  contracts and test fixtures only
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MEDCHAIN_ROOT"

build_node() {
	local start; start=$(now)
	log "building medchain-node (release) into $CARGO_TARGET_DIR"
	cargo build --release --locked -p medchain-node
	log "medchain-node built in $(( $(now) - start ))s"
}

build_contract() {
	local dir="$1" start; start=$(now)
	log "building contract $(basename "$dir")"
	cargo contract build --release --quiet --manifest-path "$dir/Cargo.toml" \
		--target-dir "$CONTRACTS_TARGET_DIR"
	[ -f "$(contract_bundle "$dir")" ] || die "no bundle at $(contract_bundle "$dir")"
	log "built $(contract_bundle "$dir") in $(( $(now) - start ))s"
}

build_contracts() {
	local dir
	for dir in $(contract_dirs) $(fixture_dirs); do
		build_contract "$dir"
	done
}

case "${1:-all}" in
	node) build_node ;;
	contracts) build_contracts ;;
	all) build_node; build_contracts ;;
	*) die "usage: scripts/build.sh [node|contracts|all]" ;;
esac
