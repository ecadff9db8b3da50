// Deploying, reading and calling ink! contracts in the tests, through @polkadot/api-contract.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodePromise, ContractPromise } from '@polkadot/api-contract';
import { sendAndWait } from './node.js';
import { makeHoldAuthority, registerParticipant } from './participants.js';

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

const CONTRACTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'contracts');

/** The lines of a contract's deploy file (`deploy-args`, `deploy-roles`), without comments. */
function deployFile(name, file) {
  const path = join(CONTRACTS_DIR, name, file);
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')) : [];
}

/**
 * Deploy access-grants and shipment-holds as scripts/dev-chain.sh does, signed by Alice: the
 * constructor arguments from each contract's `deploy-args` and, through sudo, the roles
 * from its `deploy-roles` for the contract's own account (a hold authority also gets the
 * funds its holds' deposits take).
 */
export async function deployAsDevChain(api, alice) {
  const deploy = async (name, bundle) => {
    const { contract } = await deployBundle(api, bundle, alice, ...deployFile(name, 'deploy-args'));
    const roles = deployFile(name, 'deploy-roles');
    const address = contract.address.toString();
    // A hold authority pays for its holds: it gets funds with its role.
    if (roles.length === 1 && roles[0] === 'HoldAuthority') await makeHoldAuthority(api, alice, address);
    else if (roles.length > 0) await registerParticipant(api, alice, address, roles);
    return contract;
  };
  return {
    accessGrants: await deploy('access-grants', process.env.ACCESS_GRANTS),
    shipmentHolds: await deploy('shipment-holds', process.env.SHIPMENT_HOLDS),
  };
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

/** The topic an ink! 5 event files an account under: its 32 bytes, as hex. */
export const topicOf = (api, address) => api.createType('AccountId', address).toHex();

/** A dry run's answer as JSON and the gas it needed; throws if the call itself failed. */
async function dryRun(contract, who, message, args) {
  const { result, output, gasRequired } =
    await contract.query[message](who.address, callOptions(contract.api), ...args);
  if (!result.isOk) throw new Error(`${message} failed to run: ${result.toString()}`);
  return { answer: output.asOk.toJSON(), gasRequired };
}

/**
 * Dry-run `message` as `who` and return its answer as JSON; throws if the call itself
 * failed (trapped, ran out of gas, ...), which no message should.
 */
export async function query(contract, who, message, ...args) {
  return (await dryRun(contract, who, message, args)).answer;
}

/**
 * Execute `message` as `who`: dry-run it first and refuse with the contract's named error if
 * it answers `Err`, then sign and send it. Returns the dry run's `answer` and `gasRequired`
 * (a block before the real call: take what the call made from its events), the extrinsic's
 * `events`, the block it is in (`blockHash`) and the contract's own events, decoded (`emitted`).
 */
export async function execute(contract, who, message, ...args) {
  const { api } = contract;
  const { answer, gasRequired } = await dryRun(contract, who, message, args);
  if (answer && typeof answer === 'object' && 'err' in answer) {
    throw new Error(`${message} refused: ${JSON.stringify(answer.err)}`);
  }
  const { events, blockHash } = await sendAndWait(api, contract.tx[message](callOptions(api), ...args), who);
  return { answer, gasRequired, events, blockHash, emitted: contractEvents(contract, events) };
}
