#!/usr/bin/env bash
# Build the node (with the runtime's Wasm inside) and the ink! contracts.
#   scripts/build.sh                 everything below
#   scripts/build.sh node            medchain-node
#   scripts/build.sh contracts       the contracts under contracts/
#   scripts/build.sh fixtures        the contracts the tests use (tests/fixtures/, and the
#                                    second version of each upgradable contract)
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

# The upgrade tests' second version of the contract in $1 (its `upgrade-fixture` feature).
# It is built in the contracts' own target directory, so it shares their compiled
# dependencies (a directory of its own compiled ink! and its tree again: minutes on a cold
# run), then its bundle is moved aside and the first version is built again (only the
# contract's own crate recompiles, seconds).
#
# It is built only when what it is built from changed since its bundle was (the contracts,
# the primitives they use, the workspace manifest, the toolchain, cargo-contract): building
# it costs the first version a rebuild too, about 40 s a contract in every warm run. The
# inputs are hashed by content, with paths relative to the checkout, so a fresh clone of the
# same commit finds its bundle current.
upgrade_inputs() {
	(
		cd "$MEDCHAIN_ROOT"
		cargo contract --version
		find contracts primitives -type f -not -path '*/target/*' -print0 | sort -z | xargs -0 sha256sum
		sha256sum Cargo.toml rust-toolchain.toml
	) | sha256sum | cut -d' ' -f1
}

build_upgrade() {
	local dir="$1" start name inputs; start=$(now)
	name="$(basename "$(contract_bundle "$dir")" .contract)"
	inputs="$(upgrade_inputs)"
	if [ -f "$(upgrade_bundle "$dir")" ] && [ "$(cat "$UPGRADE_TARGET_DIR/ink/$name.inputs" 2>/dev/null)" = "$inputs" ]; then
		log "the second version of contract $(basename "$dir") is current: $(upgrade_bundle "$dir")"
		return 0
	fi
	log "building the second version of contract $(basename "$dir")"
	CARGO_TARGET_DIR="$CONTRACTS_TARGET_DIR" cargo contract build --release --quiet \
		--features upgrade-fixture --manifest-path "$dir/Cargo.toml"
	mkdir -p "$UPGRADE_TARGET_DIR/ink"
	for ext in contract wasm json; do
		mv "$CONTRACTS_TARGET_DIR/ink/$name.$ext" "$UPGRADE_TARGET_DIR/ink/$name.$ext"
	done
	[ -f "$(upgrade_bundle "$dir")" ] || die "no bundle at $(upgrade_bundle "$dir")"
	printf '%s\n' "$inputs" >"$UPGRADE_TARGET_DIR/ink/$name.inputs"
	log "built $(upgrade_bundle "$dir") in $(( $(now) - start ))s"
	build_contract "$dir"
}

[ "$#" -gt 0 ] || set -- node contracts fixtures
for what in "$@"; do
	case "$what" in
		node) build_node ;;
		contracts) for dir in $(contract_dirs); do build_contract "$dir"; done ;;
		fixtures)
			for dir in $(fixture_dirs); do build_contract "$dir"; done
			for dir in $(upgradable_dirs); do build_upgrade "$dir"; done
			;;
		*) die "usage: scripts/build.sh [node] [contracts] [fixtures]" ;;
	esac
done
