#!/usr/bin/env bash
# Start a MedChain development chain with every contract deployed.
#
# Installs what is missing, builds the node and the contracts, starts `medchain-node --dev`
# (instant seal, fresh state each run), deploys each contract under contracts/, starts the
# dev hospital's record gateway (Bob's: medchain-gateway on GATEWAY_PORT, its records in a
# SQLite file under GATEWAY_DIR) and prints where to reach everything. Ctrl-C stops them.
#
#   scripts/dev-chain.sh                 the node and the contracts
#   scripts/dev-chain.sh --with-oracle   and the anomaly oracle beside them: a model trained
#                                        by `oracle train` and registered in shipment-holds
#                                        (threshold MODEL_THRESHOLD, 8000), Charlie//stash
#                                        authorised on shipment-holds, `oracle run`
#                                        following the node
#
# Environment: RPC_PORT (default 9944), P2P_PORT (30333), BASE_PATH (unset: fresh state),
# LOG_FILE (.tmp/dev-node.log), ORACLE_DIR (.tmp/oracle: the model, log and evidence),
# GATEWAY_PORT (8080), GATEWAY_DIR (.tmp/gateway: its store, master key and log).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

WITH_ORACLE=false
for arg in "$@"; do
	case "$arg" in
		--with-oracle) WITH_ORACLE=true ;;
		*) die "usage: scripts/dev-chain.sh [--with-oracle]" ;;
	esac
done
# The oracle's key: Charlie//stash is an AnomalyOracle participant in the dev genesis.
ORACLE_SURI="//Charlie//stash"
ORACLE_DIR="${ORACLE_DIR:-$MEDCHAIN_ROOT/.tmp/oracle}"
# The dev hospital's record gateway: Bob is the dev genesis' hospital.
GATEWAY_SURI="//Bob"
GATEWAY_PORT="${GATEWAY_PORT:-8080}"
GATEWAY_DIR="${GATEWAY_DIR:-$MEDCHAIN_ROOT/.tmp/gateway}"

# The SS58 address of a secret key URI.
ss58_of() { "$MEDCHAIN_NODE" key inspect "$1" --output-type json | jq -r .ss58Address; }

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
ORACLE_PID=""
GATEWAY_PID=""

# TERM, not INT: a script's background jobs ignore SIGINT, and the oracle sets no handler.
stop() {
	trap - INT TERM EXIT
	if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
		log "stopping the record gateway"
		kill -TERM "$GATEWAY_PID" 2>/dev/null || true
		wait "$GATEWAY_PID" 2>/dev/null || true
	fi
	if [ -n "$ORACLE_PID" ] && kill -0 "$ORACLE_PID" 2>/dev/null; then
		log "stopping the oracle"
		kill -TERM "$ORACLE_PID" 2>/dev/null || true
		wait "$ORACLE_PID" 2>/dev/null || true
	fi
	if kill -0 "$NODE_PID" 2>/dev/null; then
		log "stopping the node"
		kill -TERM "$NODE_PID" 2>/dev/null || true
		wait "$NODE_PID" 2>/dev/null || true
	fi
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
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
		node "$MEDCHAIN_ROOT/tests/e2e/bin/register-participant.js" "$URL" "$address" "${roles[@]}" ||
			die "registering $name's account as ${roles[*]} failed"
	fi
	deployed+=("$name $address $(contract_bundle "$dir")")
	[ "$name" = shipment-holds ] && HOLDS_ADDRESS="$address" && HOLDS_BUNDLE="$(contract_bundle "$dir")"
	[ "$name" = access-grants ] && GRANTS_ADDRESS="$address" && GRANTS_BUNDLE="$(contract_bundle "$dir")"
done

# The dev hospital's record gateway, with a fresh store (the chain is fresh too, unless
# BASE_PATH keeps it: then the store is kept as well).
if [ -n "${GRANTS_ADDRESS:-}" ]; then
	curl -s -o /dev/null "http://127.0.0.1:$GATEWAY_PORT" 2>/dev/null &&
		die "something already listens on 127.0.0.1:$GATEWAY_PORT; stop it or set GATEWAY_PORT"
	[ -z "${BASE_PATH:-}" ] && rm -rf "$GATEWAY_DIR"
	mkdir -p "$GATEWAY_DIR"
	MEDCHAIN_GATEWAY_PROVIDER_SURI="$GATEWAY_SURI" "$MEDCHAIN_GATEWAY" --url "$URL" \
		--contract "$GRANTS_ADDRESS" --metadata "$GRANTS_BUNDLE" \
		--store "sqlite://$GATEWAY_DIR/records.db" --master-key "$GATEWAY_DIR/master.key" \
		--create-master-key --listen "127.0.0.1:$GATEWAY_PORT" >"$GATEWAY_DIR/gateway.log" 2>&1 &
	GATEWAY_PID=$!
	for _ in $(seq 1 60); do
		curl -s "http://127.0.0.1:$GATEWAY_PORT/health" | grep -q '"status":"ok"' && break
		kill -0 "$GATEWAY_PID" 2>/dev/null || die "the record gateway stopped: $(cat "$GATEWAY_DIR/gateway.log")"
		sleep 0.5
	done
	curl -s "http://127.0.0.1:$GATEWAY_PORT/health" | grep -q '"status":"ok"' ||
		die "the record gateway did not start; see $GATEWAY_DIR/gateway.log"
fi

if $WITH_ORACLE; then
	[ -n "${HOLDS_ADDRESS:-}" ] || die "--with-oracle needs contracts/shipment-holds"
	mkdir -p "$ORACLE_DIR"
	"$MEDCHAIN_ORACLE" train --out "$ORACLE_DIR/model.json" >&2
	# The admin registers the model the oracle will run: its id, the hash of the model file,
	# the hash of its evaluation and the threshold its reports are held at.
	registration="$("$MEDCHAIN_ORACLE" registration --model "$ORACLE_DIR/model.json" \
		--threshold "${MODEL_THRESHOLD:-8000}")" || die "oracle registration failed"
	field() { sed -n "s/.*\"$1\":\"\{0,1\}\([0-9a-fx]*\).*/\1/p" <<<"$registration"; }
	model_arg="Model($(field model_id), Some(Model { version: $(field version), evaluation: $(field evaluation), threshold: $(field threshold) }))"
	registered="$(cargo contract call "$HOLDS_BUNDLE" --contract "$HOLDS_ADDRESS" --url "$URL" \
		--suri //Alice --message administer --args "$model_arg" \
		--execute --skip-confirm --output-json)" || die "registering the oracle's model failed: $registered"
	log "registered the oracle's model in shipment-holds: $registration"
	oracle_account="$(cargo contract call "$HOLDS_BUNDLE" --contract "$HOLDS_ADDRESS" --url "$URL" \
		--suri //Alice --message administer --args "Oracle($(ss58_of "$ORACLE_SURI"), true)" \
		--execute --skip-confirm --output-json)" || die "authorising the oracle failed: $oracle_account"
	log "authorised $ORACLE_SURI as an oracle of shipment-holds"
	# Its findings and evidence start afresh with the chain.
	rm -rf "$ORACLE_DIR/state.json" "$ORACLE_DIR/evidence"
	"$MEDCHAIN_ORACLE" run --url "$URL" --contract "$HOLDS_ADDRESS" --metadata "$HOLDS_BUNDLE" \
		--model "$ORACLE_DIR/model.json" --suri "$ORACLE_SURI" --state "$ORACLE_DIR/state.json" \
		--evidence-dir "$ORACLE_DIR/evidence" >"$ORACLE_DIR/oracle.log" 2>&1 &
	ORACLE_PID=$!
	for _ in $(seq 1 60); do
		grep -q '^connected to' "$ORACLE_DIR/oracle.log" && break
		kill -0 "$ORACLE_PID" 2>/dev/null || die "the oracle stopped: $(cat "$ORACLE_DIR/oracle.log")"
		sleep 0.5
	done
	grep -q '^connected to' "$ORACLE_DIR/oracle.log" || die "the oracle did not connect; see $ORACLE_DIR/oracle.log"
fi

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
if [ -n "$GATEWAY_PID" ]; then
	echo "  Record gateway: http://127.0.0.1:$GATEWAY_PORT (FHIR R4 at /fhir, the dev hospital Bob's;"
	echo "                 log: $GATEWAY_DIR/gateway.log)"
fi
if $WITH_ORACLE; then
	echo "  Oracle:        $ORACLE_SURI reporting to shipment-holds (log: $ORACLE_DIR/oracle.log,"
	echo "                 evidence: $ORACLE_DIR/evidence)"
fi
echo
echo "Press Ctrl-C to stop."
wait "$NODE_PID"
