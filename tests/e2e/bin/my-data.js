// What the chain holds about a patient (GDPR Art. 15), in plain words: their own account and
// their account with each registered provider, with consents (classes read back from their
// tags), requests, guardians, break-glass episodes under their emergency handle, and the
// access-grants records, grants and access trail filed under their accounts.
//
//   node tests/e2e/bin/my-data.js [--url ws://127.0.0.1:9944] SURI
//
// SURI is the patient's secret URI; it never leaves this process. ACCESS_GRANTS names the
// contract's bundle (scripts/my-data.sh sets it), by which the deployed contract is found.
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { ContractPromise } from '@polkadot/api-contract';
import { connect } from '../lib/node.js';
import { readBundle } from '../lib/contracts.js';
import { whatTheChainHolds, inWords } from '../lib/my-data.js';

const args = process.argv.slice(2);
const at = args.indexOf('--url');
const url = at >= 0 ? args.splice(at, 2)[1] : 'ws://127.0.0.1:9944';
const [suri] = args;
if (!suri) {
  console.error('usage: my-data.js [--url ws://…] SURI');
  process.exit(2);
}
await cryptoWaitReady();
let api;
try {
  api = await connect(url);
} catch (error) {
  console.error(`cannot reach a node at ${url} (${error.message}). Start one with scripts/dev-chain.sh.`);
  process.exit(1);
}
try {
  const bundle = readBundle(process.env.ACCESS_GRANTS);
  const deployed = await api.query.contracts.contractInfoOf.entries();
  const found = deployed.find(([, info]) => info.isSome && info.unwrap().codeHash.toHex() === bundle.source.hash);
  const accessGrants = found ? new ContractPromise(api, bundle, found[0].args[0].toString()) : null;
  if (!accessGrants) console.log('(no access-grants contract of this checkout on this chain: records and grants are not listed)');
  const accounts = await whatTheChainHolds(api, accessGrants, suri);
  if (!accounts.length) console.log('The chain holds nothing linked to this key.');
  for (const line of inWords(accounts)) console.log(line);
} finally {
  await api.disconnect();
}
