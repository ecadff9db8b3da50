# Shared settings for MedChain's scripts; sourced, not run.
#
# One target directory outside the checkout, so a fresh clone (CI's) builds incrementally,
# and one root for the tools we install (cargo-contract).

MEDCHAIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/medchain/target}"
MEDCHAIN_TOOLS="${MEDCHAIN_TOOLS:-$HOME/.cache/medchain/tools}"
# Contracts build for wasm32 with other flags: a directory of their own keeps them from
# invalidating the native build's fingerprints.
CONTRACTS_TARGET_DIR="$CARGO_TARGET_DIR/contracts"
MEDCHAIN_NODE="$CARGO_TARGET_DIR/release/medchain-node"
MEDCHAIN_ORACLE="$CARGO_TARGET_DIR/release/oracle"
MEDCHAIN_GATEWAY="$CARGO_TARGET_DIR/release/medchain-gateway"
CARGO_CONTRACT_VERSION="5.0.3"

export PATH="$MEDCHAIN_TOOLS/bin:$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m[medchain]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[medchain] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Seconds since the epoch, for the timings the scripts print.
now() { date +%s; }

# The ink! contracts in the directories under $1: those whose Cargo.toml depends on ink.
ink_dirs() {
	local manifest
	for manifest in "$MEDCHAIN_ROOT/$1"/*/Cargo.toml; do
		[ -f "$manifest" ] && grep -q '^ink = ' "$manifest" && dirname "$manifest"
	done
	return 0
}

# Those of them that are contracts (not libraries such as medchain-ink).
contracts_in() {
	local dir
	for dir in $(ink_dirs "$1"); do
		grep -qsE '^#\[ink::contract' "$dir/lib.rs" && echo "$dir"
	done
	return 0
}

# Every ink! crate (contracts and their libraries), for formatting and unit tests.
ink_crates() { ink_dirs contracts; ink_dirs tests/fixtures; }
# Every ink! contract the chain deploys, and the ones the tests use as fixtures.
contract_dirs() { contracts_in contracts; }
fixture_dirs() { contracts_in tests/fixtures; }

# The .contract bundle cargo-contract writes for the contract in directory $1.
contract_bundle() {
	local name
	name="$(sed -n 's/^name = "\(.*\)"/\1/p' "$1/Cargo.toml" | head -n1)"
	printf '%s/ink/%s.contract\n' "$CONTRACTS_TARGET_DIR" "$name"
}

# The second version of a contract that the upgrade tests move a live contract to: the same
# crate built with its `upgrade-fixture` feature; its bundle (named as the first version's)
# is kept in a directory of its own.
UPGRADE_TARGET_DIR="$CONTRACTS_TARGET_DIR/upgrade"
upgrade_bundle() {
	CONTRACTS_TARGET_DIR="$UPGRADE_TARGET_DIR" contract_bundle "$1"
}
# The contracts that have such a second version.
upgradable_dirs() {
	local dir
	for dir in $(contract_dirs); do
		grep -q '^upgrade-fixture = ' "$dir/Cargo.toml" && echo "$dir"
	done
	return 0
}

# Benchmarks build the node with `runtime-benchmarks`, a different feature set: a target
# directory of its own keeps them from invalidating the default build.
BENCH_TARGET_DIR="$CARGO_TARGET_DIR/bench"
