// Deploying and reading ink! contracts in the tests, through @polkadot/api-contract.
import { readFileSync } from 'node:fs';
import { CodePromise, ContractPromise } from '@polkadot/api-contract';
import { sendAndWait } from './node.js';

/** The first event of `kind` among a transaction's `events`, if any. */
export const eventOf = (events, kind) => events.find(({ event }) => kind.is(event))?.event;

/** Call options with a generous gas limit (unused gas is refunded). */
export function callOptions(api, refTime = 100_000_000_000n) {
  const gasLimit = api.registry.createType('WeightV2', { refTime, proofSize: 5_000_000n });
  return { gasLimit, storageDepositLimit: null };
}

/**
 * Upload and instantiate the `.contract` bundle at `path` with its `new` constructor and
 * `args`, signed by `signer`. Returns the contract and the call options used.
 */
export async function deployBundle(api, path, signer, ...args) {
  const bundle = JSON.parse(readFileSync(path, 'utf8'));
  const options = callOptions(api);
  const code = new CodePromise(api, bundle, bundle.source.wasm);
  const { events } = await sendAndWait(api, code.tx.new(options, ...args), signer);
  const address = eventOf(events, api.events.contracts.Instantiated).data.contract.toString();
  return { contract: new ContractPromise(api, bundle, address), options };
}
