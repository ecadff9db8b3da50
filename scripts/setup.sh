#!/usr/bin/env bash
# Install everything MedChain needs to build and test, idempotently: system packages, the
# pinned Rust toolchain, cargo-contract, and the end-to-end tests' npm packages.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Build dependencies: protoc for libp2p, clang for bindgen, a C++ compiler for binaryen
# (wasm-opt), Node.js for the polkadot.js tests, curl and jq for the scripts; PostgreSQL's
# server and client for the record gateway's tests (scripts/postgres.sh runs a throwaway one).
APT_PACKAGES=(build-essential clang libclang-dev protobuf-compiler pkg-config libssl-dev
	git curl jq nodejs npm postgresql postgresql-client)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$pkg")
done
# Node.js may come from elsewhere than Debian; any node >= 20 with npm will do.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if command -v npm >/dev/null && [ "$(node_major)" -ge 20 ]; then
	missing=("${missing[@]/nodejs/}")
	missing=("${missing[@]/npm/}")
fi
read -r -a missing <<<"${missing[*]:-}"
if [ "${#missing[@]}" -gt 0 ]; then
	log "installing system packages: ${missing[*]}"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The toolchain pinned in rust-toolchain.toml; rustup here does not install it on demand.
command -v rustup >/dev/null || die "rustup is required (https://rustup.rs)"
toolchain="$(sed -n 's/^channel = "\(.*\)"/\1/p' "$MEDCHAIN_ROOT/rust-toolchain.toml")"
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1 ||
	! rustup component list --toolchain "$toolchain" --installed | grep -q '^rust-src' ||
	! rustup target list --toolchain "$toolchain" --installed | grep -q '^wasm32-unknown-unknown$'; then
	log "installing Rust $toolchain"
	rustup toolchain install "$toolchain" --profile minimal \
		--component rust-src,clippy,rustfmt --target wasm32-unknown-unknown
fi

# cargo-contract, built once with the pinned toolchain into a cached root (~25 min cold).
if ! "$MEDCHAIN_TOOLS/bin/cargo-contract" --version 2>/dev/null | grep -q "^cargo-contract $CARGO_CONTRACT_VERSION"; then
	log "installing cargo-contract $CARGO_CONTRACT_VERSION into $MEDCHAIN_TOOLS (takes a while once)"
	(cd "$MEDCHAIN_ROOT" && cargo install cargo-contract --version "$CARGO_CONTRACT_VERSION" \
		--locked --root "$MEDCHAIN_TOOLS")
fi

[ "$(node_major)" -ge 20 ] || die "the end-to-end tests need Node.js >= 20 (found $(node --version 2>/dev/null || echo none))"

# The end-to-end tests' client libraries, exactly as locked.
if [ ! -d "$MEDCHAIN_ROOT/tests/e2e/node_modules" ] ||
	[ "$MEDCHAIN_ROOT/tests/e2e/package-lock.json" -nt "$MEDCHAIN_ROOT/tests/e2e/node_modules/.package-lock.json" ]; then
	log "installing the end-to-end tests' npm packages"
	(cd "$MEDCHAIN_ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi

log "setup complete"
