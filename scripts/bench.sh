#!/usr/bin/env bash
# Benchmark MedChain's pallets on this machine and write their weights.rs.
#   scripts/bench.sh                      every pallet under pallets/
#   scripts/bench.sh pallet_participants  one pallet
# Builds medchain-node with `runtime-benchmarks` in a target directory of its own.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MEDCHAIN_ROOT"

"$MEDCHAIN_ROOT/scripts/setup.sh"
log "building medchain-node with runtime-benchmarks into $BENCH_TARGET_DIR"
CARGO_TARGET_DIR="$BENCH_TARGET_DIR" cargo build --release --locked -p medchain-node \
	--features runtime-benchmarks
node="$BENCH_TARGET_DIR/release/medchain-node"

pallets=("$@")
if [ "${#pallets[@]}" -eq 0 ]; then
	for manifest in pallets/*/Cargo.toml; do
		pallets+=("$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n1 | tr - _)")
	done
fi

for pallet in "${pallets[@]}"; do
	dir="pallets/${pallet#pallet_}"
	dir="${dir//_/-}"
	[ -d "$dir" ] || die "no pallet directory $dir for $pallet"
	log "benchmarking $pallet -> $dir/src/weights.rs"
	"$node" benchmark pallet --chain dev --pallet "$pallet" --extrinsic '*' \
		--steps 50 --repeat 20 --wasm-execution compiled \
		--template "$MEDCHAIN_ROOT/scripts/weight-template.hbs" \
		--output "$dir/src/weights.rs"
done
