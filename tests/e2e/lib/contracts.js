// Deploying, reading and calling ink! contracts in the tests, through @polkadot/api-contract.
import { readFileSync } from 'node:fs';
import { CodePromise, ContractPromise } from '@polkadot/api-contract';
import { sendAndWait } from './node.js';
import { registerParticipant } from './participants.js';

/** The first event of `kind` among a transaction's `events`, if any. */
export const eventOf = (events, kind) => events.find(({ event }) => kind.is(event))?.event;

/** Call options with a generous gas limit (unused gas is refunded). */
export function callOptions(api, refTime = 100_000_000_000n) {
  const gasLimit = api.registry.createType('WeightV2', { refTime, proofSize: 5_000_000n });
  return { gasLimit, storageDepositLimit: null };
}

/** A `.contract` bundle read from `path`. */
export const readBundle = (path) => JSON.parse(readFileSync(path, 'utf8'));

/**
 * Upload and instantiate the `.contract` bundle at `path` with its `new` constructor and
 * `args`, signed by `signer`. Returns the contract and the call options used.
 */
export async function deployBundle(api, path, signer, ...args) {
  const bundle = readBundle(path);
  const options = callOptions(api);
  const code = new CodePromise(api, bundle, bundle.source.wasm);
  const { events } = await sendAndWait(api, code.tx.new(options, ...args), signer);
  const address = eventOf(events, api.events.contracts.Instantiated).data.contract.toString();
  return { contract: new ContractPromise(api, bundle, address), options };
}

/**
 * Deploy access-grants and shipment-holds the way scripts/dev-chain.sh does: signed by
 * Alice, who is shipment-holds' admin and regulator, and its account registered as a
 * HoldAuthority through sudo.
 */
export async function deployAsDevChain(api, regulator) {
  const { contract: accessGrants } = await deployBundle(api, process.env.ACCESS_GRANTS, regulator);
  const { contract: shipmentHolds } =
    await deployBundle(api, process.env.SHIPMENT_HOLDS, regulator, regulator.address, regulator.address);
  await registerParticipant(api, regulator, shipmentHolds.address.toString(), ['HoldAuthority']);
  return { accessGrants, shipmentHolds };
}

/**
 * The contract's own events among a transaction's `events`, decoded with its metadata:
 * `{ name, topics, ...fields }`, each field as JSON (accounts as SS58 addresses).
 */
export function contractEvents(contract, events) {
  const address = contract.address.toString();
  return events
    .filter(({ event }) => contract.api.events.contracts.ContractEmitted.is(event)
      && event.data.contract.toString() === address)
    .map((record) => {
      const { event, args } = contract.abi.decodeEvent(record);
      const fields = Object.fromEntries(event.args.map(({ name }, i) => [name, args[i].toJSON()]));
      return { name: event.identifier.split('::').pop(), topics: record.topics.map((t) => t.toHex()), ...fields };
    });
}

/**
 * Dry-run `message` as `who` and return its answer as JSON; throws if the call itself
 * failed (trapped, ran out of gas, ...), which no message should.
 */
export async function query(contract, who, message, ...args) {
  const { result, output } = await contract.query[message](who.address, callOptions(contract.api), ...args);
  if (!result.isOk) throw new Error(`${message} failed to run: ${result.toString()}`);
  return output.asOk.toJSON();
}

/**
 * Call `message` as `who`: dry-run first and refuse with the contract's named error if it
 * answers `Err`, then sign and send it. Returns its answer, the extrinsic's events and the
 * contract's own events, decoded.
 */
export async function send(contract, who, message, ...args) {
  const value = await query(contract, who, message, ...args);
  if (value && typeof value === 'object' && 'err' in value) {
    throw new Error(`${message} refused: ${JSON.stringify(value.err)}`);
  }
  const { events, blockHash } =
    await sendAndWait(contract.api, contract.tx[message](callOptions(contract.api), ...args), who);
  return { value, events, blockHash, emitted: contractEvents(contract, events) };
}
