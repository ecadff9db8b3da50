#!/usr/bin/env bash
# Start a MedChain development chain with every contract deployed.
#
# Installs what is missing, builds the node and the contracts, starts `medchain-node --dev`
# (instant seal, fresh state each run), deploys each contract under contracts/ and prints
# where to reach everything. Ctrl-C stops the node.
#
# Environment: RPC_PORT (default 9944), P2P_PORT (30333), BASE_PATH (unset: fresh state).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

RPC_PORT="${RPC_PORT:-9944}"
P2P_PORT="${P2P_PORT:-30333}"
URL="ws://127.0.0.1:$RPC_PORT"
LOG_FILE="${LOG_FILE:-$MEDCHAIN_ROOT/.tmp/dev-node.log}"

"$MEDCHAIN_ROOT/scripts/setup.sh"
"$MEDCHAIN_ROOT/scripts/build.sh" node contracts

if curl -s -o /dev/null "http://127.0.0.1:$RPC_PORT" 2>/dev/null; then
	die "something already listens on 127.0.0.1:$RPC_PORT; stop it or set RPC_PORT"
fi

mkdir -p "$(dirname "$LOG_FILE")"
node_args=(--dev --rpc-port "$RPC_PORT" --port "$P2P_PORT" --rpc-cors all --no-telemetry)
[ -n "${BASE_PATH:-}" ] && node_args+=(--base-path "$BASE_PATH")
log "starting medchain-node ${node_args[*]} (log: $LOG_FILE)"
"$MEDCHAIN_NODE" "${node_args[@]}" >"$LOG_FILE" 2>&1 &
NODE_PID=$!

stop() {
	trap - INT TERM EXIT
	if kill -0 "$NODE_PID" 2>/dev/null; then
		log "stopping the node"
		kill -INT "$NODE_PID" 2>/dev/null || true
		wait "$NODE_PID" 2>/dev/null || true
	fi
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

# Wait until the node answers RPC.
for _ in $(seq 1 120); do
	kill -0 "$NODE_PID" 2>/dev/null || die "the node exited; see $LOG_FILE"
	if curl -s -H 'Content-Type: application/json' \
		-d '{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}' \
		"http://127.0.0.1:$RPC_PORT" | grep -q '"result"'; then
		break
	fi
	sleep 0.5
done
curl -s -o /dev/null "http://127.0.0.1:$RPC_PORT" || die "the node did not answer on $RPC_PORT"

deployed=()
for dir in $(contract_dirs); do
	name="$(basename "$dir")"
	args=()
	# A contract's constructor arguments, if it takes any, are in deploy-args (one per line).
	[ -f "$dir/deploy-args" ] && mapfile -t args < <(grep -v '^#' "$dir/deploy-args")
	extra=()
	[ "${#args[@]}" -gt 0 ] && extra=(--args "${args[@]}")
	log "deploying $name"
	out="$(cargo contract instantiate "$(contract_bundle "$dir")" --url "$URL" --suri //Alice \
		--constructor new "${extra[@]}" --execute --skip-confirm --output-json)"
	address="$(jq -r '.contract' <<<"$out")"
	[ -n "$address" ] && [ "$address" != null ] || die "deploying $name failed: $out"
	# Roles the contract's own account needs in the participant registry (deploy-roles).
	if [ -f "$dir/deploy-roles" ]; then
		mapfile -t roles < <(grep -v '^#' "$dir/deploy-roles")
		MEDCHAIN_NODE="$MEDCHAIN_NODE" node "$MEDCHAIN_ROOT/tests/e2e/bin/register-participant.js" "$URL" "$address" "${roles[@]}" ||
			die "registering $name's account as ${roles[*]} failed"
	fi
	deployed+=("$name $address $(contract_bundle "$dir")")
done

cat <<MSG

MedChain dev chain is running.
  RPC:           $URL
  polkadot.js:   https://polkadot.js.org/apps/?rpc=$(jq -rn --arg u "$URL" '$u|@uri')#/explorer
  Dev accounts:  Alice (sudo), Bob, Charlie, Dave, Eve, Ferdie (and //stash), 1,000,000 MED each
  Node log:      $LOG_FILE
MSG
if [ "${#deployed[@]}" -eq 0 ]; then
	echo "  Contracts:     none under contracts/ yet"
else
	echo "  Contracts (load the .contract file in the apps' Contracts tab with \"Add an existing contract\"):"
	for line in "${deployed[@]}"; do
		read -r name address bundle <<<"$line"
		printf '    %-18s %s\n    %-18s %s\n' "$name" "$address" "" "$bundle"
	done
fi
echo
echo "Press Ctrl-C to stop."
wait "$NODE_PID"
