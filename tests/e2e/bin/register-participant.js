// Register an account as a participant with roles, through sudo (the dev chain's governance):
//   node tests/e2e/bin/register-participant.js <ws-url> <address> <Role>...
// scripts/dev-chain.sh uses it to make a deployed contract a HoldAuthority.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { connect, sendAndWait } from '../lib/node.js';
import { eventOf } from '../lib/contracts.js';

const [url, address, ...roles] = process.argv.slice(2);
if (!url || !address || roles.length === 0) {
  console.error('usage: register-participant.js <ws-url> <address> <Role>...');
  process.exit(2);
}
await cryptoWaitReady();
const sudo = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
const api = await connect(url);
try {
  const call = api.tx.participants.register(address, roles, null, `0x${'00'.repeat(32)}`);
  const { events } = await sendAndWait(api, api.tx.sudo.sudo(call), sudo);
  const result = eventOf(events, api.events.sudo.Sudid).data.sudoResult;
  if (result.isErr) {
    const error = result.asErr;
    const name = error.isModule ? api.registry.findMetaError(error.asModule).name : error.type;
    throw new Error(`registering ${address} failed: ${name}`);
  }
  console.log(`registered ${address} as ${roles.join(', ')}`);
} finally {
  await api.disconnect();
}
